import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { extractHtml } from '../../src/extract/index.ts';
import { MAX_BYLINE_CHARS, MAX_OUTLET_CHARS, MAX_TITLE_CHARS } from '../../src/model/field-limits.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A hostile feed's megabyte headline or outlet travelled whole into every digest, alert and webhook body: a JSON
 * webhook that refuses large bodies (Express refuses past 100 kB) answered 413 to the first alert, and every alert
 * behind it waited; a digest email grew past the relay's size limit. Such fields are kept to a sane length.
 */
const hugeTitle = `Labs weigh a pause ${'verylongword '.repeat(20_000)}`;
const hugeOutlet = `Outlet ${'x'.repeat(1_000_000)}`;
const body = (text: string) => `<p>${text}</p>`.repeat(3);
const today = new Date().toUTCString();
const feed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Hostile</title><link>http://127.0.0.1/</link>
<item><title>${hugeTitle}</title><guid>huge</guid><pubDate>${today}</pubDate><dc:creator>${'Reporter '.repeat(50_000)}</dc:creator><source url="http://127.0.0.1/s">${hugeOutlet}</source>
<description>${`<![CDATA[${body('Leading labs call for a coordinated, verified pause of frontier AI development until safety rules exist. "A pause is the responsible choice," said the chief scientist.')}]]>`}</description></item>
<item><title>Scientists back a verified pause of frontier AI</title><guid>normal</guid><pubDate>${today}</pubDate>
<description>${`<![CDATA[${body('Scientists backed a coordinated, verified pause of frontier AI development on Tuesday. "We support a pause," they said.')}]]>`}</description></item>
</channel></rss>`;

describe('headlines, bylines and outlet names of hostile size', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('are stored and sent within their limits, so a JSON webhook refusing large bodies takes every alert', async () => {
    const received: { title: string; outlet: string | null }[] = [];
    const server = await startServer({
      '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed),
      '/hook': (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', () => {
          const raw = Buffer.concat(chunks);
          if (raw.length > 100_000) return void res.writeHead(413).end('request entity too large');
          received.push(JSON.parse(raw.toString('utf8')) as { title: string; outlet: string | null });
          res.writeHead(200).end('ok');
        });
      },
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'hostile-sizes', [{ id: 'hostile', name: 'Hostile', kind: 'feed', url: `${server.url}/feed.xml`, fetchArticles: false }], {
      alerts: { channels: [{ type: 'webhook', url: `${server.url}/hook`, format: 'json' }], stances: ['support', 'oppose', 'neutral'] },
    });
    const report = await runPipeline({ loaded, store, channels: createChannels(loaded.pipeline.alerts, loaded.rootDir, new PassThrough()), all: true });
    expect(report.alertsFailed).toEqual([]);
    expect(received).toHaveLength(2);
    const rows = await store.db.selectFrom('articles').select(['item_key', 'title', 'byline', 'site_name']).orderBy('item_key').execute();
    const huge = rows.find((row) => row.item_key === 'huge')!;
    expect(huge.title!.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(huge.title).toMatch(/^Labs weigh a pause verylongword .*…$/);
    expect(huge.byline!.length).toBeLessThanOrEqual(MAX_BYLINE_CHARS);
    expect(huge.site_name!.length).toBeLessThanOrEqual(MAX_OUTLET_CHARS);
    expect(received.find((alert) => alert.title.startsWith('Labs weigh'))!.outlet!.length).toBeLessThanOrEqual(MAX_OUTLET_CHARS);
  });

  it('in a page\'s metadata are kept within their limits, and a huge site name leaves the article its text', () => {
    const page = `<html><head><title>${hugeTitle}</title><meta property="og:site_name" content="${'Site '.repeat(4_000)}"><meta name="author" content="${'Writer '.repeat(10_000)}"></head>
<body><article>${body('Leading labs call for a coordinated, verified pause of frontier AI development until safety rules exist, and ministers meet to discuss how it could be verified.')}</article></body></html>`;
    const extracted = extractHtml(page, { url: 'https://news.example.org/a' });
    expect(extracted.title!.length).toBeLessThanOrEqual(MAX_TITLE_CHARS);
    expect(extracted.siteName!.length).toBeLessThanOrEqual(MAX_OUTLET_CHARS);
    expect(extracted.byline === null || extracted.byline.length <= MAX_BYLINE_CHARS).toBe(true);
    expect(extracted.text).toContain('Leading labs call for a coordinated, verified pause');
  });
});
