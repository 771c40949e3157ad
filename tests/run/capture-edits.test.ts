import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { definePipeline } from '../../src/config/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';

/**
 * A capture saved again is its article revised: dedup and story clustering decide again by its new text (it may no
 * longer copy the article it copied, or now copy another, and its own copies may no longer copy it), and a dateline
 * or byline added under its headline, which the text leaves out, is stored.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two articles on the pause that neither copy each other nor report one event: one for it, one against. */
const FOR_PAUSE =
  'More than two thousand scientists meeting in Geneva signed an open letter on Friday backing a halt to the training of the largest models. ' +
  '"We strongly support a halt," said Maria Keller, a Zurich physicist who organised the letter. "It is overdue and necessary." ' +
  'The signatories asked the United Nations to verify a halt of frontier AI development.';
const AGAINST_PAUSE =
  'David Sacks, the White House adviser, rejected the proposed moratorium in Washington on Wednesday. "A moratorium is ' +
  'the worst idea I have heard this year," Sacks said. "It would hand the lead to China and do nothing for safety." Senators called a moratorium on frontier AI naive and unworkable.';

const capture = (title: string, text: string, head = '') => `${title}\n\n${head ? `${head}\n\n` : ''}${text}\n`;

async function setUp(fresh: (typeof dialects)[number]['fresh']) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-capture-edits-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const database = await fresh();
  cleanups.push(() => database.drop());
  const store = await openStore(database.target);
  cleanups.push(() => store.close());
  const pipeline = definePipeline({
    id: 'capture-edits',
    name: 'Capture edits',
    sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }],
    topic: { description: 'The proposed pause of frontier AI development', proposalTerms: ['pause', 'moratorium', 'halt'], contextTerms: ['frontier AI', 'AI labs'] },
    digest: { timeZone: 'UTC' },
    alerts: { channels: [] },
  });
  const loaded = { file: path.join(root, 'p.ts'), rootDir: root, pipeline };
  mkdirSync(path.join(root, 'caps'));
  const write = (name: string, content: string) => writeFileSync(path.join(root, 'caps', name), content);
  const channels = createChannels(pipeline.alerts, root, new PassThrough().resume());
  let hour = 6;
  const run = async () => {
    const at = new Date(`2026-06-10T${String(hour++).padStart(2, '0')}:00:00.000Z`);
    return (await runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5 })).sources[0]!;
  };
  /** Each capture's article, by file name: whose copy it is (by file name), its story, stance and dates. */
  const articles = async () => {
    const rows = await store.db
      .selectFrom('articles')
      .leftJoin('stance_scores', 'stance_scores.article_id', 'articles.id')
      .select(['articles.id', 'item_key', 'duplicate_of', 'duplicate_reason', 'story_id', 'published_at', 'byline', 'label'])
      .orderBy('articles.id')
      .execute();
    const nameOf = new Map(rows.map((row) => [row.id, path.basename(row.item_key)]));
    return Object.fromEntries(
      rows.map((row) => [
        path.basename(row.item_key),
        {
          copyOf: row.duplicate_of === null ? null : nameOf.get(row.duplicate_of),
          reason: row.duplicate_reason,
          story: row.story_id,
          stance: row.label,
          publishedAt: row.published_at,
          byline: row.byline,
        },
      ]),
    );
  };
  const stories = async () => (await store.db.selectFrom('stories').select(['id', 'label']).orderBy('id').execute()).map((row) => row.label);
  const digest = () => readFileSync(path.join(root, 'data/digests/2026-06-10.md'), 'utf8');
  return { write, run, articles, stories, digest };
}

describe.each(dialects)('a capture edited after it was read, on $name', ({ fresh }) => {
  it('a copy saved again with another article is an original again: its own stance, its own story, counted', async () => {
    const { write, run, articles, stories, digest } = await setUp(fresh);
    write('a.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE));
    write('b.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE));
    await run();
    const before = await articles();
    expect(before['b.txt']).toMatchObject({ copyOf: 'a.txt', reason: 'content_hash', story: before['a.txt']!.story, stance: 'oppose' });

    write('b.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE));
    expect(await run()).toMatchObject({ articlesAdded: 0, articlesUpdated: 1 });
    const after = await articles();
    expect(after['a.txt']).toMatchObject({ copyOf: null, story: before['a.txt']!.story, stance: 'oppose' });
    expect(after['b.txt']).toMatchObject({ copyOf: null, reason: null, stance: 'support' });
    expect(after['b.txt']!.story).not.toBe(after['a.txt']!.story);
    expect(await stories()).toEqual(['Sacks rejects the moratorium', 'Scientists sign a letter for a halt']);
    expect(digest()).not.toContain('duplicate of');
  });

  it('an original saved again as a copy of another is that copy: in its story, counted once', async () => {
    const { write, run, articles, stories } = await setUp(fresh);
    write('a.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE));
    write('b.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE));
    await run();
    const before = await articles();
    expect(before['b.txt']).toMatchObject({ copyOf: null, stance: 'support' });
    expect(before['b.txt']!.story).not.toBe(before['a.txt']!.story);

    write('b.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE));
    expect(await run()).toMatchObject({ articlesAdded: 0, articlesUpdated: 1 });
    const after = await articles();
    expect(after['b.txt']).toMatchObject({ copyOf: 'a.txt', reason: 'content_hash', story: before['a.txt']!.story, stance: 'oppose' });
    // the story it left had no other article
    expect(await stories()).toEqual(['Sacks rejects the moratorium']);
  });

  it('the copies of a capture saved with another article no longer copy it: the first is their original now', async () => {
    const { write, run, articles } = await setUp(fresh);
    write('a.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE));
    write('b.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE));
    write('c.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE));
    await run();
    const before = await articles();
    expect([before['b.txt']!.copyOf, before['c.txt']!.copyOf]).toEqual(['a.txt', 'a.txt']);

    write('a.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE));
    expect(await run()).toMatchObject({ articlesAdded: 0, articlesUpdated: 1 });
    const after = await articles();
    expect(after['a.txt']).toMatchObject({ copyOf: null, stance: 'support' });
    expect(after['b.txt']).toMatchObject({ copyOf: null, reason: null, story: before['a.txt']!.story, stance: 'oppose' });
    expect(after['c.txt']).toMatchObject({ copyOf: 'b.txt', reason: 'content_hash', story: before['a.txt']!.story });
    expect(after['a.txt']!.story).not.toBe(before['a.txt']!.story);
  });
});

describe.each(dialects)('a capture saved again with its dateline, on $name', ({ fresh }) => {
  it('stores the date (and byline) the text leaves out, when nothing else changed', async () => {
    const { write, run, articles } = await setUp(fresh);
    write('a.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE));
    await run();
    expect((await articles())['a.txt']).toMatchObject({ publishedAt: null, byline: null });

    write('a.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE, 'Jun 05, 2026 - 10:19'));
    expect(await run()).toMatchObject({ articlesAdded: 0, articlesUpdated: 1 });
    expect((await articles())['a.txt']).toMatchObject({ publishedAt: '2026-06-05T10:19:00.000Z' });
    // read again unchanged: nothing to update
    expect(await run()).toMatchObject({ articlesUpdated: 0 });

    // a byline added the same way, the text still the same
    write('a.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE, 'By Jane Doe\n\nJun 05, 2026 - 10:19'));
    expect(await run()).toMatchObject({ articlesUpdated: 1 });
    expect((await articles())['a.txt']).toMatchObject({ publishedAt: '2026-06-05T10:19:00.000Z', byline: 'Jane Doe' });

    // a corrected dateline replaces the date the capture gave before; one it no longer shows does not unset it
    write('a.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE, 'Jun 04, 2026 - 10:19'));
    expect(await run()).toMatchObject({ articlesUpdated: 1 });
    expect((await articles())['a.txt']).toMatchObject({ publishedAt: '2026-06-04T10:19:00.000Z' });
    write('a.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE));
    expect(await run()).toMatchObject({ articlesUpdated: 0 });
    expect((await articles())['a.txt']).toMatchObject({ publishedAt: '2026-06-04T10:19:00.000Z' });
  });

  it('stores the date when the text changed too', async () => {
    const { write, run, articles } = await setUp(fresh);
    write('a.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE));
    await run();
    write('a.txt', capture('Scientists sign a letter for a halt', `${FOR_PAUSE} Correction: the company spoke on Thursday, not Friday.`, 'Jun 05, 2026 - 10:19'));
    expect(await run()).toMatchObject({ articlesUpdated: 1 });
    expect((await articles())['a.txt']).toMatchObject({ publishedAt: '2026-06-05T10:19:00.000Z' });
  });
});
