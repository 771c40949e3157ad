import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { formatRunSummary } from '../../src/cli/commands/run.ts';
import { definePipeline, type LoadedPipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * An article page read with a decoding problem (a charset the bytes contradict, an unknown label, bytes replaced)
 * is stored all the same; the run reports it as it reports a feed's: in the source's warnings, one line per page.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const paragraph = (topic: string) =>
  `<p>Leading AI labs weigh a coordinated, verified pause of frontier AI development, ${topic}. Officials met on Tuesday ` +
  `to discuss how the labs would verify compute use, which regulators would audit them, and what a pause would cost.</p>`;
/** An article page whose text has an é, as `encoding` writes it. */
const page = (topic: string, encoding: 'utf-8' | 'latin1') =>
  Buffer.from(`<html><head><title>${topic}</title></head><body><article><h1>${topic}</h1>${paragraph(`says the café owner`)}${paragraph(topic)}</article></body></html>`, encoding);

describe('a run whose article pages decode with warnings', () => {
  it('reports each such page once, by item key and URL, in the JSON report and the terminal summary', async () => {
    const server = await startServer({
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Paper</title>` +
            ['latin1-under-utf8', 'unknown-label', 'clean']
              .map((name) => `<item><title>${name}</title><link>${server.url}/${name}.html</link><guid>${name}</guid><description>Labs weigh a pause.</description></item>`)
              .join('') +
            `</channel></rss>`,
        ),
      // Latin-1 bytes served as UTF-8: read as windows-1252, with a warning
      '/latin1-under-utf8.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('Latin-1 served as UTF-8', 'latin1')),
      // a label no decoder knows, over bytes that are not UTF-8 either: two warnings, one line
      '/unknown-label.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=x-klingon' }).end(page('An unknown charset', 'latin1')),
      '/clean.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page('A clean page', 'utf-8')),
    });
    cleanups.push(() => server.close());
    const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-page-warnings-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const database = await freshSqlite();
    cleanups.push(() => database.drop());
    const store: Store = await openStore(database.target);
    cleanups.push(() => store.close());
    const pipeline = definePipeline({
      id: 'page-warnings',
      name: 'page-warnings',
      sources: [{ id: 'paper', kind: 'feed', name: 'Paper', url: `${server.url}/feed.xml` }],
      topic: { description: 'The proposed pause of frontier AI development', proposalTerms: ['pause'], contextTerms: ['frontier AI'] },
      fetch: { allowPrivateAddresses: true, perHostGapMs: 0, timeoutMs: 5_000, connectTimeoutMs: 2_000, fetchArticles: true },
      alerts: { channels: [] },
    });
    const loaded: LoadedPipeline = { file: path.join(root, 'p.ts'), rootDir: root, pipeline };
    const channels = createChannels(pipeline.alerts, root, new PassThrough().resume());

    const report = await runPipeline({ loaded, store, channels, now: () => new Date('2026-06-10T06:00:00.000Z'), random: () => 0.5 });
    const source = report.sources[0]!;
    expect(source).toMatchObject({ outcome: 'ok', articlesAdded: 3, itemErrors: [] });
    expect(source.warnings).toHaveLength(2);
    const [latin1, unknown] = ['latin1-under-utf8', 'unknown-label'].map((key) => source.warnings.filter((line) => line.startsWith(`${key}: `)));
    expect(latin1).toEqual([
      `latin1-under-utf8: article page ${server.url}/latin1-under-utf8.html: the Content-Type header says UTF-8 but the body is not valid UTF-8; decoded as windows-1252`,
    ]);
    expect(unknown).toHaveLength(1);
    expect(unknown![0]).toMatch(new RegExp(`^unknown-label: article page ${server.url.replace(/\./g, '\\.')}/unknown-label\\.html: unknown charset "x-klingon" in the Content-Type header; .+; .+$`));
    // the page's text was read in the encoding its bytes are in
    const stored = await store.db.selectFrom('articles').select(['item_key', 'text']).where('item_key', '=', 'latin1-under-utf8').executeTakeFirstOrThrow();
    expect(stored.text).toContain('café');

    // `run --json` prints the report as it is; the terminal summary lists a source's warnings when verbose
    expect(JSON.parse(JSON.stringify(report)).sources[0].warnings).toEqual(source.warnings);
    const summary = formatRunSummary(report, root, true);
    expect(summary).toContain(`warning: latin1-under-utf8: article page ${server.url}/latin1-under-utf8.html: the Content-Type header says UTF-8`);
    expect(summary).toContain('1 source with warnings');
  });
});
