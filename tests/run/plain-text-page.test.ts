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
 * A run reads a fetched article page as `extract <url>` reads it: a text/plain page as text (its hard-wrapped lines
 * joined into paragraphs), an HTML page served as text/plain as the page it is; the run stores the text `extract`
 * prints.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const summary = 'Leading labs weigh a verified pause of frontier AI development.';
/** A text/plain article as a mail archive or a text-mode site serves it: paragraphs hard-wrapped at 72 columns. */
const plainPage = `Labs weigh a verified pause of frontier AI development

Leading AI labs weigh a coordinated, verified pause of frontier AI
development. Officials met on Tuesday to discuss how the labs would
verify the compute they use, and which regulators would audit them.

A pause would cost the labs money, the officials said in a statement
released after the meeting, but it would give regulators time to write
rules for the next generation of models.
`;
const plainText =
  'Leading AI labs weigh a coordinated, verified pause of frontier AI development. Officials met on Tuesday to discuss how the labs ' +
  'would verify the compute they use, and which regulators would audit them.\n\n' +
  'A pause would cost the labs money, the officials said in a statement released after the meeting, but it would give regulators ' +
  'time to write rules for the next generation of models.';
const htmlText =
  'Officials of the leading AI labs met again on Thursday to agree how a verified pause of frontier AI development would be ' +
  'audited, and which regulators would check the compute each lab uses.';
const htmlPage = `<!DOCTYPE html><html><head><title>Labs agree audits</title></head><body><article><p>${htmlText}</p></article></body></html>`;

describe('a run on a feed whose article pages are served as text/plain', () => {
  it('stores the text extract gives for the same page: a plain page as text, an HTML page as HTML', async () => {
    const server = await startServer({
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Paper</title>` +
            ['plain', 'html']
              .map((name) => `<item><title>${name}</title><link>${server.url}/${name}</link><guid>${name}</guid><description>${summary}</description></item>`)
              .join('') +
            `</channel></rss>`,
        ),
      '/plain': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(plainPage),
      '/html': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end(htmlPage),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'plain-page', [{ id: 'paper', kind: 'feed', name: 'Paper', url: `${server.url}/feed.xml` }], {
      fetch: { fetchArticles: true },
    });
    const { pipeline, rootDir: root } = loaded;
    const channels = createChannels(pipeline.alerts, root, new PassThrough().resume());

    const report = await runPipeline({ loaded, store, channels, now: () => new Date('2026-06-10T06:00:00.000Z'), random: () => 0.5 });
    expect(report.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 2, itemErrors: [] });
    const texts = Object.fromEntries(
      (await store.db.selectFrom('articles').select(['item_key', 'text']).execute()).map((row) => [row.item_key, row.text]),
    );
    expect(texts).toEqual({ plain: plainText, html: htmlText });

    const pipelineFile = path.join(root, 'pipeline.ts');
    writeFileSync(pipelineFile, `export default ${JSON.stringify(pipeline)};\n`);
    for (const name of ['plain', 'html']) {
      const extracted = await runCommands([registerExtract], ['extract', '--json', `${server.url}/${name}`, '--pipeline', pipelineFile]);
      expect(extracted).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(extracted.stdout).text).toBe(texts[name]);
    }
  });
});
