import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { formatRunSummary } from '../../src/cli/commands/run.ts';
import { definePipeline, type PipelineInput } from '../../src/config/index.ts';
import { runHadFailures, runPipeline } from '../../src/run/run-pipeline.ts';
import { RunStop } from '../../src/run/run-stop.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';

/**
 * A file a files source refuses (empty, binary, a script saved beside a page) fails the run that first refuses it
 * (exit 1, named with its reason), and no later one while it stays as it is: a cron job would otherwise fail every
 * morning until the file is removed. Each later run still reads it, lists it as refused before, and a new reason, or
 * a refusal after the file was read, fails a run again.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const article =
  'Leading AI labs weigh a coordinated, verified pause of frontier AI development. Officials met on Tuesday to discuss how the labs ' +
  'would verify compute use, which regulators would audit them, and what a pause would cost.';

describe.each(dialects)('files a files source refuses, run after run, on $name', ({ fresh }) => {
  async function setUp() {
    const { store, loaded } = await feedRunProject(cleanups, 'captures', [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*' }], { database: fresh });
    const { pipeline, rootDir: root } = loaded;
    mkdirSync(path.join(root, 'caps'));
    const write = (name: string, content: string | Buffer) => writeFileSync(path.join(root, 'caps', name), content);
    const remove = (name: string) => rmSync(path.join(root, 'caps', name));
    const channels = createChannels(pipeline.alerts, root, new PassThrough().resume());
    let hour = 6;
    /** A run; `stopAfterRead`: asked to stop once the source is read (Ctrl-C), so it ends before its digest. */
    const run = (stopAfterRead = false) => {
      const at = new Date(`2026-06-10T${String(hour++).padStart(2, '0')}:00:00.000Z`);
      const stop = new RunStop();
      const progress = { sourceFinished: () => void (stopAfterRead && stop.request('interrupted by SIGINT')), articleProcessed: () => {} };
      return runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5, stop, progress });
    };
    const withSources = (sources: PipelineInput['sources']) => {
      Object.assign(loaded, { pipeline: definePipeline({ ...loaded.pipeline, sources }) });
    };
    const storedKeys = async () => (await store.db.selectFrom('articles').select('item_key').orderBy('item_key').execute()).map((row) => row.item_key);
    return { write, remove, run, storedKeys, withSources, sources: loaded.pipeline.sources };
  }
  const keys = (items: readonly { key: string }[]) => items.map((item) => item.key);

  it('fails the run that first refuses a file, not the next ones while it is unchanged, and says since when', async () => {
    const { write, run, storedKeys } = await setUp();
    write('article.txt', article);
    write('empty.txt', '');
    write('app.js', 'var pause = "frontier AI";');

    const first = await run();
    expect(first.sources[0]!.itemErrors).toEqual([
      { key: 'caps/app.js', error: { code: 'not_article', message: 'caps/app.js is a script (.js), not a text capture or a saved page' } },
      { key: 'caps/empty.txt', error: { code: 'empty', message: 'caps/empty.txt is empty' } },
    ]);
    expect(first.sources[0]!.itemsRefusedBefore).toEqual([]);
    expect(runHadFailures(first)).toBe(true);

    const second = await run();
    expect(second.sources[0]).toMatchObject({ outcome: 'ok', itemErrors: [], itemsSeen: 1 });
    expect(second.sources[0]!.itemsRefusedBefore).toEqual(first.sources[0]!.itemErrors.map((item) => ({ ...item, since: '2026-06-10T06:00:00.000Z' })));
    expect(runHadFailures(second)).toBe(false);
    expect(await storedKeys()).toEqual(['caps/article.txt']);
    // on a terminal, a reminder; under --quiet or in cron's mail, nothing to fail on
    const summary = formatRunSummary(second, '/', true);
    expect(summary).toContain('1 item, 0 new, 2 files refused as before');
    expect(summary).toContain('refused as before, not counted as failing: caps/app.js (not_article since 2026-06-10), caps/empty.txt (empty since 2026-06-10)');
    expect(formatRunSummary(second, '/', false)).not.toContain('refused');
  });

  it('fails a run again for a file refused for another reason, or refused again after it was read, or back after it was gone', async () => {
    const { write, remove, run, storedKeys } = await setUp();
    write('article.txt', article);
    write('empty.txt', '');
    write('app.js', 'var pause = "frontier AI";');
    await run();

    // another reason: binary data where nothing was
    write('empty.txt', Buffer.from([0, 1, 2, 0, 0, 0, 3, 4]));
    const binary = await run();
    expect(binary.sources[0]!.itemErrors).toEqual([{ key: 'caps/empty.txt', error: { code: 'not_text', message: expect.stringMatching(/^caps\/empty\.txt is not text: /) } }]);
    expect(keys(binary.sources[0]!.itemsRefusedBefore)).toEqual(['caps/app.js']);
    expect((await run()).sources[0]!.itemErrors).toEqual([]);

    // read at last, then emptied again: news again
    write('empty.txt', article.replace('Tuesday', 'Wednesday'));
    const read = await run();
    expect(read.sources[0]!.itemErrors).toEqual([]);
    expect(await storedKeys()).toEqual(['caps/article.txt', 'caps/empty.txt']);
    write('empty.txt', '');
    expect(keys((await run()).sources[0]!.itemErrors)).toEqual(['caps/empty.txt']);

    // gone, then back as it was
    remove('app.js');
    expect((await run()).sources[0]!.itemsRefusedBefore.map((item) => item.key)).toEqual(['caps/empty.txt']);
    write('app.js', 'var pause = "frontier AI";');
    const back = await run();
    expect(keys(back.sources[0]!.itemErrors)).toEqual(['caps/app.js']);
    expect(runHadFailures(back)).toBe(true);
  });

  it('reports a refusal again when the run that found it was stopped before it ended, and remembers one that quotes a NUL', async () => {
    const { write, run } = await setUp();
    write('article.txt', article);
    write('empty.txt', '');
    // an MHTML archive whose header quotes a NUL into the refusal's message, which PostgreSQL stores without it
    write('page.mht', 'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: x\0y\r\n\r\n<p>x</p>\r\n--b--\r\n');
    await expect(run(true)).rejects.toThrow('interrupted by SIGINT');

    const first = await run();
    expect(keys(first.sources[0]!.itemErrors)).toEqual(['caps/empty.txt', 'caps/page.mht']);
    expect(first.sources[0]!.itemErrors[1]!.error).toMatchObject({ code: 'bad_mhtml', message: expect.stringContaining('\0') });
    expect(first.sources[0]).toMatchObject({ outcome: 'ok', warnings: [] });

    const second = await run();
    expect(second.sources[0]).toMatchObject({ outcome: 'ok', itemErrors: [] });
    expect(keys(second.sources[0]!.itemsRefusedBefore)).toEqual(['caps/empty.txt', 'caps/page.mht']);
  });

  it('forgets the refusals of a source taken out of the pipeline: added back, its refused files fail a run again', async () => {
    const { write, run, withSources, sources } = await setUp();
    write('empty.txt', '');
    write('article.txt', article);
    expect(keys((await run()).sources[0]!.itemErrors)).toEqual(['caps/empty.txt']);
    withSources([{ id: 'other', kind: 'files', name: 'Other', glob: 'other/*' }]);
    await run();
    withSources([...sources]);
    expect(keys((await run()).sources[0]!.itemErrors)).toEqual(['caps/empty.txt']);
  });
});
