import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { registerExtract } from '../../src/cli/commands/extract.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';
import { runCommands } from '../helpers/in-process-cli.ts';

/**
 * An article page too short to be the article (a teaser, a consent page) is not taken: the run keeps the feed's text
 * and says why, with the words counted; `extract` on the same page fails for the same reason.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** 17 words. */
const shortText = 'The labs weigh a pause of frontier AI development, officials said on Tuesday in a brief statement.';
const summary = 'Leading labs weigh a verified pause of frontier AI development; officials met on Tuesday to discuss it.';
const fullText =
  'Leading AI labs weigh a coordinated, verified pause of frontier AI development. Officials met on Tuesday to discuss how the labs ' +
  'would verify compute use, which regulators would audit them, and what a pause would cost.';
const page = (body: string) => `<html><head><title>Labs weigh a pause</title></head><body><article><p>${body}</p></article></body></html>`;

describe('a run on a feed whose article page is too short', () => {
  it('reports the page as extract_empty with its word count, keeps the feed\'s text, and extract says the same', async () => {
    const server = await startServer({
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Paper</title>` +
            ['short', 'blank', 'full']
              .map((name) => `<item><title>${name}</title><link>${server.url}/${name}.html</link><guid>${name}</guid><description>${summary}</description></item>`)
              .join('') +
            `</channel></rss>`,
        ),
      '/short.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page(shortText)),
      '/blank.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body><script>var pause = "frontier AI";</script></body></html>'),
      '/full.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page(fullText)),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'short-page', [{ id: 'paper', kind: 'feed', name: 'Paper', url: `${server.url}/feed.xml` }], {
      fetch: { fetchArticles: true },
    });
    const { pipeline, rootDir: root } = loaded;
    const channels = createChannels(pipeline.alerts, root, new PassThrough().resume());

    const report = await runPipeline({ loaded, store, channels, now: () => new Date('2026-06-10T06:00:00.000Z'), random: () => 0.5 });
    const source = report.sources[0]!;
    expect(source).toMatchObject({ outcome: 'ok', articlesAdded: 3 });
    expect(source.itemErrors).toEqual([
      { key: 'short', error: { code: 'extract_empty', message: `article page ${server.url}/short.html: only 17 words, fewer than the 20 an article needs` } },
      { key: 'blank', error: { code: 'extract_empty', message: `article page ${server.url}/blank.html: no article text found` } },
    ]);
    // the feed's summary serves for the short page; the full page is read
    const texts = Object.fromEntries(
      (await store.db.selectFrom('articles').select(['item_key', 'text']).execute()).map((row) => [row.item_key, row.text]),
    );
    expect(texts).toEqual({ short: summary, blank: summary, full: fullText });

    // `extract` on the same pages, with the same pipeline: the same verdicts
    const pipelineFile = path.join(root, 'pipeline.ts');
    writeFileSync(pipelineFile, `export default ${JSON.stringify(pipeline)};\n`);
    const extract = (name: string) => runCommands([registerExtract], ['extract', '--json', `${server.url}/${name}.html`, '--pipeline', pipelineFile]);
    const short = await extract('short');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain(`extract_empty: ${server.url}/short.html: only 17 words, fewer than the 20 an article needs`);
    const blank = await extract('blank');
    expect(blank.code).toBe(1);
    expect(blank.stderr).toContain(`extract_empty: ${server.url}/blank.html: no article text found`);
    const full = await extract('full');
    expect(full).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(full.stdout).text).toBe(fullText);
  });
});
