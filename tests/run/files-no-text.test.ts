import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { registerExtract } from '../../src/cli/commands/extract.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { runCommands } from '../helpers/in-process-cli.ts';

/**
 * A files source refuses a capture with no article text (a saved page of nothing but markup, a text of nothing but
 * page furniture) as `extract <file>` refuses it: an item error naming the file, nothing stored or scored for it,
 * the other files still read. A short capture is still an article.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const article =
  'Leading AI labs weigh a coordinated, verified pause of frontier AI development. Officials met on Tuesday to discuss how the labs ' +
  'would verify compute use, which regulators would audit them, and what a pause would cost.';
const page = (body: string) => `<html><head><title>Labs weigh a pause</title></head><body><article><p>${body}</p></article></body></html>`;
/** The topic only in a script, a style and an attribute: no text a reader sees. */
const markup =
  '<html><head><script>var topic = "We strongly support a pause of frontier AI development.";</script>' +
  '<style>.pause-frontier-ai { color: red }</style></head><body><div data-x="pause of frontier AI development"></div></body></html>';
/** A text capture of nothing but page furniture. */
const furniture = 'Advertisement\n\nShare this article\n';
/** 5 words: short, but an article. */
const short = 'Labs weigh a frontier pause.';

async function setUp() {
  const { store, loaded } = await feedRunProject(cleanups, 'captures', [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*' }]);
  const { pipeline, rootDir: root } = loaded;
  mkdirSync(path.join(root, 'caps'));
  const write = (name: string, content: string) => writeFileSync(path.join(root, 'caps', name), content);
  const channels = createChannels(pipeline.alerts, root, new PassThrough().resume());
  let hour = 6;
  const run = () => {
    const at = new Date(`2026-06-10T${String(hour++).padStart(2, '0')}:00:00.000Z`);
    return runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5 });
  };
  const stored = async () =>
    Object.fromEntries((await store.db.selectFrom('articles').select(['item_key', 'text']).execute()).map((row) => [row.item_key, row.text]));
  const scored = async () => (await store.db.selectFrom('stance_scores').select('article_id').execute()).length;
  return { root, write, run, stored, scored };
}

describe('a files source with captures that hold no article text', () => {
  it('reports each by name as extract does, stores and scores nothing for it, reads the others, and lists them as refused before next run', async () => {
    const { root, write, run, stored, scored } = await setUp();
    write('article.html', page(article));
    write('markup.html', markup);
    write('blank.html', '<!DOCTYPE html><html><head><title>Labs weigh a pause</title></head><body></body></html>');
    write('furniture.txt', furniture);
    write('short.txt', short);

    const first = await run();
    const source = first.sources[0]!;
    const noText = (key: string) => ({ key, error: { code: 'empty', message: `${key}: no article text found` } });
    expect(source.itemErrors).toEqual([noText('caps/blank.html'), noText('caps/furniture.txt'), noText('caps/markup.html')]);
    expect(source).toMatchObject({ outcome: 'ok', itemsSeen: 2, articlesAdded: 2 });
    expect(await stored()).toEqual({ 'caps/article.html': article, 'caps/short.txt': short });
    expect(await scored()).toBe(2);

    // the same words as `extract <file>`, which fails on the same files and takes the short one
    for (const name of ['markup.html', 'blank.html', 'furniture.txt']) {
      const file = path.join(root, 'caps', name);
      const extracted = await runCommands([registerExtract], ['extract', '--json', file]);
      expect(extracted.code).toBe(1);
      expect(extracted.stderr).toBe(`empty: ${file}: no article text found\n`);
    }
    expect(await runCommands([registerExtract], ['extract', '--json', path.join(root, 'caps', 'short.txt')])).toMatchObject({ code: 0, stderr: '' });

    // next run: read again, refused as before (listed, no longer failing the run), still nothing stored for them,
    // nothing added twice
    const second = await run();
    expect(second.sources[0]!.itemErrors).toEqual([]);
    expect(second.sources[0]!.itemsRefusedBefore.map(({ key, error }) => ({ key, error }))).toEqual(source.itemErrors);
    expect(second.sources[0]).toMatchObject({ articlesAdded: 0, articlesUpdated: 0 });
    expect(await stored()).toEqual({ 'caps/article.html': article, 'caps/short.txt': short });

    // once saved again with the article, the capture is read
    write('markup.html', page(article.replace('Tuesday', 'Wednesday')));
    const third = await run();
    expect(third.sources[0]!.itemsRefusedBefore.map((item) => item.key)).toEqual(['caps/blank.html', 'caps/furniture.txt']);
    expect((await stored())['caps/markup.html']).toBe(article.replace('Tuesday', 'Wednesday'));
  });

  it('a stored capture saved again with no article text keeps its article, and the run says why it was not updated', async () => {
    const { write, run, stored } = await setUp();
    write('article.html', page(article));
    expect((await run()).sources[0]).toMatchObject({ articlesAdded: 1, itemErrors: [] });

    write('article.html', markup);
    const report = await run();
    expect(report.sources[0]).toMatchObject({
      articlesUpdated: 0,
      itemErrors: [{ key: 'caps/article.html', error: { code: 'empty', message: 'caps/article.html: no article text found' } }],
    });
    expect(await stored()).toEqual({ 'caps/article.html': article });
  });
});
