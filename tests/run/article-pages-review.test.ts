import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import type { LoadedPipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import type { Store } from '../../src/store/index.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer, type Route } from '../helpers/http-server.ts';

/**
 * Article pages that say less than they seem to: a canonical URL naming the site's home page or a section (a CMS
 * misconfiguration) does not make the site's later stories copies of the first, and a paywalled teaser of the article
 * the feed carried whole does not replace the feed's text, whether read at once or on a retry.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function run(loaded: LoadedPipeline, store: Store, at: string, all = false) {
  const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, new PassThrough().resume());
  return runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all });
}

const TOPICS = ['budget talks in Brussels', 'a treaty signing in Geneva', 'chip export records', 'a Senate hearing', 'compute audits in Tokyo'];
/** Six paragraphs of an article on one topic, each worded apart from the others. */
const paragraphs = (topic: string) =>
  Array.from(
    { length: 6 },
    (_, i) =>
      `Report ${topic} part ${i + 1}: leading AI labs weigh a coordinated, verified pause of frontier AI development. ` +
      `Officials met about ${topic} on day ${i + 1} to discuss how item ${i + 1} of the plan would verify compute use.`,
  );
const page = (title: string, body: string, head = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body><header><nav><a href="/">Home</a> ` +
  `<a href="/news/">News</a></nav></header><main><article><h1>${title}</h1>${body}</article></main><footer>Copyright 2026 Example News</footer></body></html>`;
const html = (body: string): Route => (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
const rss = (items: { guid: string; link: string; body?: string }[]) =>
  `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>News</title>` +
  items
    .map(
      (item, i) =>
        `<item><title>Story ${item.guid}</title><link>${item.link}</link><guid isPermaLink="false">${item.guid}</guid>` +
        `<pubDate>${new Date(Date.UTC(2026, 5, 9, 12, i)).toUTCString()}</pubDate><description>Labs weigh a pause of frontier AI.</description>` +
        (item.body ? `<content:encoded><![CDATA[${item.body}]]></content:encoded>` : '') +
        `</item>`,
    )
    .join('') +
  `</channel></rss>`;

describe('article pages whose canonical URL is above them on their site', () => {
  it('keep their own URLs: stories declaring the home page or their section are not copies of each other', async () => {
    const stories = [
      { path: '/2026/06/budget-talks', topic: TOPICS[0]!, canonical: '/' },
      { path: '/2026/06/treaty-signing', topic: TOPICS[1]!, canonical: '/' },
      { path: '/news/2026/06/chip-exports', topic: TOPICS[2]!, canonical: '/news/' },
      { path: '/news/2026/06/senate-hearing', topic: TOPICS[3]!, canonical: '/news/' },
      // a canonical naming another page of the site, not above it, still wins
      { path: '/p/1234', topic: TOPICS[4]!, canonical: '/2026/06/compute-audits' },
    ];
    // the pages name their canonical URLs absolutely, on the server's own address, known once it listens
    let origin = '';
    const routes: Record<string, Route> = {
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(stories.map((s, i) => ({ guid: `s${i}`, link: `${origin}${s.path}` })))),
    };
    for (const story of stories) {
      routes[story.path] = (req, res) =>
        html(page(`Story on ${story.topic}`, paragraphs(story.topic).map((p) => `<p>${p}</p>`).join(''), `<link rel="canonical" href="${origin}${story.canonical}">`))(req, res);
    }
    const routed = await startServer(routes);
    cleanups.push(() => routed.close());
    origin = routed.url;

    const { store, loaded } = await feedRunProject(cleanups, 'canonical-above', [{ id: 'news', kind: 'feed', name: 'News', url: `${routed.url}/feed.xml` }], {
      fetch: { fetchArticles: true },
    });
    const report = await run(loaded, store, '2026-06-10T06:00:00.000Z');
    expect(report.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 5 });
    const rows = await store.db.selectFrom('articles').select(['item_key', 'canonical_url', 'duplicate_of', 'duplicate_reason']).orderBy('item_key').execute();
    expect(rows).toEqual([
      { item_key: 's0', canonical_url: `${routed.url}/2026/06/budget-talks`, duplicate_of: null, duplicate_reason: null },
      { item_key: 's1', canonical_url: `${routed.url}/2026/06/treaty-signing`, duplicate_of: null, duplicate_reason: null },
      { item_key: 's2', canonical_url: `${routed.url}/news/2026/06/chip-exports`, duplicate_of: null, duplicate_reason: null },
      { item_key: 's3', canonical_url: `${routed.url}/news/2026/06/senate-hearing`, duplicate_of: null, duplicate_reason: null },
      { item_key: 's4', canonical_url: `${routed.url}/2026/06/compute-audits`, duplicate_of: null, duplicate_reason: null },
    ]);
  });
});

/** An article of about 400 words the feed carries whole, on one topic. */
const fullArticle = (topic: string) =>
  Array.from(
    { length: 12 },
    (_, i) =>
      `Report ${i + 1} on ${topic}: leading AI labs weigh a coordinated, verified pause of frontier AI development this year. ` +
      `Officials met on day ${i + 1} to discuss how point ${i + 1} of the plan would let regulators audit compute use at each lab.`,
  );
/** The page a paywall shows this reader: the article's first two paragraphs (about 40 words) and a prompt. */
const teaserPage = (title: string, article: readonly string[]) =>
  page(title, `${article.slice(0, 2).map((p) => `<p>${p}</p>`).join('')}<div class="paywall-prompt"><p>Subscribe to continue reading.</p></div>`);

describe('a paywalled article page whose feed carried the whole article', () => {
  it("keeps the feed's text, the page read; a teaser of another text, or with no feed body, is the page's text", async () => {
    const pause = fullArticle('the Geneva talks');
    // another story altogether, worded apart from the pause's
    const other = Array.from(
      { length: 12 },
      (_, i) => `The harbour board of Tartu debated item ${i + 1} of its budget on Monday evening. Ferry operators asked that dredging works number ${i + 1} spare the summer crossings to the islands.`,
    );
    let origin = '';
    const items = [
      { guid: 'whole', link: '/teaser.html', body: pause.map((p) => `<p>${p}</p>`).join('') },
      // the feed's body is another article: it does not replace the page's
      { guid: 'other', link: '/other-teaser.html', body: other.map((p) => `<p>${p}</p>`).join('') },
      { guid: 'summary-only', link: '/third-teaser.html' },
    ];
    const server = await startServer({
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss(items.map((item) => ({ ...item, link: `${origin}${item.link}` })))),
      '/teaser.html': html(teaserPage('Talks on a pause', pause)),
      '/other-teaser.html': html(teaserPage('Talks on a pause', fullArticle('the Senate hearing'))),
      '/third-teaser.html': html(teaserPage('Talks on a pause', fullArticle('the Tokyo audits'))),
    });
    cleanups.push(() => server.close());
    origin = server.url;
    const { store, loaded } = await feedRunProject(cleanups, 'paywall-feed-text', [{ id: 'news', kind: 'feed', name: 'News', url: `${server.url}/feed.xml` }], {
      fetch: { fetchArticles: true },
    });
    const report = await run(loaded, store, '2026-06-10T06:00:00.000Z');
    expect(report.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 3, itemErrors: [] });
    const rows = await store.db.selectFrom('articles').select(['item_key', 'url', 'text', 'partial', 'page_attempts', 'extract_error_code']).orderBy('item_key').execute();
    const byKey = Object.fromEntries(rows.map((row) => [row.item_key, row]));
    expect(byKey['whole']).toEqual({ item_key: 'whole', url: `${server.url}/teaser.html`, text: pause.join('\n\n'), partial: 0, page_attempts: 1, extract_error_code: null });
    // the page's teaser, as the page shows it
    expect(byKey['other']).toMatchObject({ text: fullArticle('the Senate hearing').slice(0, 2).join('\n\n'), partial: 1, page_attempts: 1, extract_error_code: null });
    expect(byKey['summary-only']).toMatchObject({ text: fullArticle('the Tokyo audits').slice(0, 2).join('\n\n'), partial: 1, page_attempts: 1, extract_error_code: null });
  });

  it("keeps the feed's text when the page, failed at first, is read on a retry", async () => {
    const pause = fullArticle('the Geneva talks');
    let pageUp = false;
    let origin = '';
    const server = await startServer({
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss([{ guid: 'whole', link: `${origin}/teaser.html`, body: pause.map((p) => `<p>${p}</p>`).join('') }])),
      '/teaser.html': (req, res) => (pageUp ? html(teaserPage('Talks on a pause', pause))(req, res) : res.writeHead(503).end()),
    });
    cleanups.push(() => server.close());
    origin = server.url;
    const { store, loaded } = await feedRunProject(cleanups, 'paywall-retry', [{ id: 'news', kind: 'feed', name: 'News', url: `${server.url}/feed.xml` }], {
      fetch: { fetchArticles: true },
    });
    const stored = () => store.db.selectFrom('articles').select(['text', 'partial', 'page_attempts', 'extract_error_code']).executeTakeFirstOrThrow();
    await run(loaded, store, '2026-06-10T06:00:00.000Z');
    expect(await stored()).toEqual({ text: pause.join('\n\n'), partial: 1, page_attempts: 1, extract_error_code: 'http_503' });

    pageUp = true;
    await run(loaded, store, '2026-06-10T07:00:00.000Z', true);
    // (the 503 asked once more, slower, in the first run's try: it may ask to slow down)
    expect(server.hits.get('/teaser.html')).toBe(3);
    expect(await stored()).toEqual({ text: pause.join('\n\n'), partial: 0, page_attempts: 2, extract_error_code: null });
  });
});
