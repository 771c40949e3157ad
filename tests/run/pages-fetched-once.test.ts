import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A page is asked for once a run, however many feeds link it: two outlets' feeds (or an outlet's and an aggregator's)
 * linking one article, and a feed the pipeline lists under several sources, whose one answer serves them all.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const at = new Date('2026-12-01T12:00:00.000Z');
const article = (title: string) =>
  `<html><head><title>${title}</title></head><body><article><h1>${title}</h1>` +
  `<p>${'Unions and researchers called on the leading labs to support a verified pause of frontier AI development. '.repeat(6)}</p></article></body></html>`;

describe('article pages', () => {
  it('are fetched once a run when two feeds link the same page, or one feed is listed under two sources', async () => {
    let base = '';
    const rss = (title: string, links: string[]) =>
      `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title>` +
      links.map((link, i) => `<item><title>${title} ${i}: a pause of frontier AI</title><link>${base}${link}</link><pubDate>${new Date(at.getTime() - (i + 1) * 3_600_000).toUTCString()}</pubDate><description>The pause of frontier AI, ${title} ${i}.</description></item>`).join('') +
      '</channel></rss>';
    const page = (title: string) => (_req: unknown, res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article(title));
    const server = await startServer({
      '/a.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('A', ['/shared', '/only-a'])),
      '/shared': page('Shared story'),
      '/only-a': page('Story of A'),
    });
    base = server.url;
    cleanups.push(() => server.close());
    // another host, answering late: B's link to the shared page is read after A's request for it has finished
    const late = await startServer({ '/b.xml': (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('B', ['/shared'])), 400) });
    cleanups.push(() => late.close());
    // B first: its items are stored first, so A's page of the shared story is fetched, and not yet stored, when B's
    // feed comes and asks for the page again
    const { store, loaded } = await feedRunProject(cleanups, 'pages-once', [
      { id: 'b', kind: 'feed', name: 'B', url: `${late.url}/b.xml` },
      { id: 'a', kind: 'feed', name: 'A', url: `${server.url}/a.xml` },
      { id: 'a-again', kind: 'feed', name: 'A again', url: `${server.url}/a.xml#latest` },
    ]);
    const report = await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    expect(report.sources.map((s) => s.outcome)).toEqual(['ok', 'ok', 'ok']);
    expect(server.hits.get('/a.xml')).toBe(1);
    expect(server.hits.get('/shared')).toBe(1);
    expect(server.hits.get('/only-a')).toBe(1);
    // each source has the page's text, not the feed's
    const texts = await store.db.selectFrom('articles').select(['source_id', 'text']).where('url', 'like', '%/shared').orderBy('source_id').execute();
    expect(texts.map((row) => row.source_id)).toEqual(['a', 'a-again', 'b']);
    for (const row of texts) expect(row.text).toMatch(/called on the leading labs/);
  });

  it("are not given to another feed's link when the first feed's trust let the page through: that feed asks, and is refused", async () => {
    let base = '';
    const item = (link: string) => `<item><title>A pause of frontier AI</title><link>${base}${link}</link><pubDate>${new Date(at.getTime() - 3_600_000).toUTCString()}</pubDate><description>The pause of frontier AI.</description></item>`;
    const own = await startServer({
      '/own.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Own</title>${item('/intranet-story')}</channel></rss>`),
      '/intranet-story': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article('Intranet story')),
    });
    base = own.url;
    cleanups.push(() => own.close());
    // another feed, on another port, linking the first one's page: a private address it may not reach
    const other = await startServer({
      '/other.xml': (_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Other</title>${item('/intranet-story')}</channel></rss>`), 300),
    });
    cleanups.push(() => other.close());
    const { store, loaded } = await feedRunProject(
      cleanups,
      'pages-once-trust',
      [
        { id: 'other', kind: 'feed', name: 'Other', url: `${other.url}/other.xml` },
        { id: 'own', kind: 'feed', name: 'Own', url: `${own.url}/own.xml` },
      ],
      { fetch: { allowPrivateAddresses: false } },
    );
    const report = await runPipeline({ loaded, store, channels: [], now: () => at, random: () => 0.5 });
    const [otherReport, ownReport] = report.sources;
    expect(ownReport!.itemErrors).toEqual([]);
    expect(otherReport!.itemErrors).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'private_address' }) })]);
    const rows = await store.db.selectFrom('articles').select(['source_id', 'text']).orderBy('source_id').execute();
    expect(rows.find((row) => row.source_id === 'own')!.text).toMatch(/called on the leading labs/);
    expect(rows.find((row) => row.source_id === 'other')!.text).not.toMatch(/called on the leading labs/);
  });
});
