import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePipeline, type LoadedPipeline } from '../../src/config/index.ts';
import { renderPlainText, type DigestData } from '../../src/digest/index.ts';
import { renderHtml } from '../../src/digest/render-html.ts';
import type { ScoreResult } from '../../src/model/index.ts';
import { writeDigest } from '../../src/run/write-digest.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

const scored = (label: 'support' | 'oppose'): ScoreResult => ({
  scorerVersion: 'test',
  relevance: { score: 0.9, relevant: true, evidence: ['pause'] },
  stance: { label, score: label === 'support' ? 0.6 : -0.6, confidence: 0.7, evidence: [] },
  voices: [],
});

/**
 * The digest's "How the debate is shifting" compares the last seven days with the seven before. Days before the
 * pipeline's first run were not watched: what they hold is only what was published then and found later, so a change
 * against them is no change.
 */
describe.each(dialects)('the weekly shift on the first days of a pipeline, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let loaded: LoadedPipeline;
  /** The digest of 2026-12-03 written before any run was recorded. */
  let beforeAnyRun: DigestData;

  // written after the day ended in Brussels (00:30 the next day), unless `at` says when
  const digest = async (date: string, at = `${date}T23:30:00.000Z`) => {
    const { data, paths } = await writeDigest({ loaded, store, date, now: () => new Date(at) });
    const markdown = readFileSync(paths.find((p) => p.endsWith('.md'))!, 'utf8');
    const json = JSON.parse(readFileSync(paths.find((p) => p.endsWith('.json'))!, 'utf8')) as DigestData;
    const section = (text: string) => text.slice(text.indexOf('How the debate is shifting'), text.indexOf('Who is arguing'));
    return { data, json, markdown: section(markdown), text: section(renderPlainText(data)), html: section(renderHtml(data)) };
  };

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-shift-watched-'));
    loaded = {
      pipeline: definePipeline({
        id: 'p', name: 'Pause watch', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed.xml' }],
        topic: { description: 'The pause proposal', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
        digest: { dir: 'digests', timeZone: 'Europe/Brussels' },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    await repo.syncSources(store.db, 'p', [{ id: 'wire', kind: 'feed', name: 'Wire', location: 'https://wire.example/feed.xml' }], '2026-11-30T23:30:00.000Z');
    const insert = async (key: string, published: string, fetchedAt: string, label: 'support' | 'oppose') => {
      const id = await repo.insertArticle(store.db, {
        pipeline_id: 'p', source_id: 'wire', item_key: key, url: `https://wire.example/${key}`, canonical_url: `https://wire.example/${key}`,
        title: `Labs weigh a pause ${key}`, byline: null, published_at: published, modified_at: null, fetched_at: fetchedAt, lang: 'en', site_name: 'Wire',
        image: null, summary: null, text: 'Body.', word_count: 1, partial: 0, content_hash: `hash-${key}`, near_signature: '', topic_signature: '',
        duplicate_of: null, duplicate_reason: null, story_id: null, extract_error: null, updated_at: fetchedAt,
      });
      await repo.saveScore(store.db, id, scored(label), fetchedAt);
    };
    // the first run, at 00:30 on 1 December in Brussels (still 30 November in UTC), finds an article of 22 November
    // in the feed; later runs find one a day
    await insert('old', '2026-11-22T09:00:00.000Z', '2026-11-30T23:35:00.000Z', 'oppose');
    for (const [key, day, label] of [['a', '2026-12-02', 'support'], ['b', '2026-12-03', 'support'], ['c', '2026-12-09', 'oppose'], ['d', '2026-12-15', 'support']] as const) {
      await insert(key, `${day}T08:00:00.000Z`, `${day}T09:00:00.000Z`, label);
    }
    beforeAnyRun = (await digest('2026-12-03')).data;
    await store.db.insertInto('runs').values({ pipeline_id: 'p', started_at: '2026-11-30T23:30:00.000Z', status: 'ok', finished_at: '2026-11-30T23:40:00.000Z', report: null, owner: null }).execute();
    await store.db.insertInto('runs').values({ pipeline_id: 'p', started_at: '2026-12-09T08:30:00.000Z', status: 'ok', finished_at: '2026-12-09T08:40:00.000Z', report: null, owner: null }).execute();
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('says the week before the first run was not watched, and gives no change against it, in the JSON, Markdown, text and HTML', async () => {
    const { data, json, markdown, text, html } = await digest('2026-12-03');
    // the first run's day in the digest's time zone
    expect(json.shift).toEqual({
      current: { from: '2026-11-27', to: '2026-12-03', articles: 2, support: 2, oppose: 0, neutral: 0, watched: 'part' },
      previous: { from: '2026-11-20', to: '2026-11-26', articles: 1, support: 0, oppose: 1, neutral: 0, watched: 'none' },
      watchedFrom: '2026-12-01',
      countedTo: null,
    });
    expect(data.shift).toEqual(json.shift);
    const note = 'No change is given: pausewatch began watching on 2026-12-01, after the days from 2026-11-20 to 2026-11-26; their figures are only the articles published then that it found later.';
    expect(markdown).toContain('| 2026-11-27 to 2026-12-03 (watched from 2026-12-01) | 2 | 2 | 0 | 0 |\n| 2026-11-20 to 2026-11-26 (before pausewatch began watching) | 1 | 0 | 1 | 0 |\n\n');
    expect(markdown).toContain(`_${note}_`);
    expect(text).toContain('2026-11-27 to 2026-12-03 (watched from 2026-12-01): articles 2, support 2, oppose 0, neutral 0\n2026-11-20 to 2026-11-26 (before pausewatch began watching): articles 1, support 0, oppose 1, neutral 0\n\n');
    expect(text).toContain(note);
    expect(html).toContain('<td>2026-11-20 to 2026-11-26 (before pausewatch began watching)</td>');
    expect(html).toContain(`<p><i>${note}</i></p>`);
    // no change row in any of them
    for (const rendering of [markdown, text, html]) expect(rendering).not.toMatch(/\| change \||^change:|<td>change<\/td>/m);
  });

  it('counts a day in progress to the time the digest is written, and the last day of the week before to the same time', async () => {
    // 08:00 in Brussels on 10 December: article b, published at 09:00 on 3 December, is not yet a week old
    const { json, markdown, text, html } = await digest('2026-12-10', '2026-12-10T07:00:00.000Z');
    expect(json.shift).toMatchObject({ previous: { from: '2026-11-27', to: '2026-12-03', articles: 1, support: 1 }, countedTo: '2026-12-10T07:00:00.000Z' });
    const note = '2026-12-10 was under way: it is counted to 08:00, and 2026-12-03 to the same time.';
    for (const rendering of [markdown, text, html]) expect(rendering).toContain(note);
    // written once the day is over, the whole of both
    expect((await digest('2026-12-10')).json.shift).toMatchObject({ previous: { articles: 2, support: 2 }, countedTo: null });
  });

  it('says a week watched only from partway through was, and gives no change against it', async () => {
    const { json, markdown, text, html } = await digest('2026-12-10');
    expect(json.shift).toMatchObject({ current: { from: '2026-12-04', to: '2026-12-10', articles: 1, watched: 'whole' }, previous: { from: '2026-11-27', to: '2026-12-03', articles: 2, watched: 'part' }, watchedFrom: '2026-12-01' });
    expect(markdown).toContain('| 2026-12-04 to 2026-12-10 | 1 | 0 | 1 | 0 |\n| 2026-11-27 to 2026-12-03 (watched from 2026-12-01) | 2 | 2 | 0 | 0 |\n\n');
    const note = 'No change is given: pausewatch began watching on 2026-12-01, partway through the days from 2026-11-27 to 2026-12-03; those before count only the articles published on them that it found later.';
    for (const rendering of [markdown, text, html]) {
      expect(rendering).toContain(note);
      expect(rendering).not.toMatch(/\| change \||^change:|<td>change<\/td>/m);
    }
  });

  it('compares two weeks watched whole, as before', async () => {
    const { json, markdown, text, html } = await digest('2026-12-16');
    expect(json.shift).toMatchObject({ current: { articles: 1, watched: 'whole' }, previous: { from: '2026-12-03', to: '2026-12-09', articles: 2, watched: 'whole' }, watchedFrom: '2026-12-01' });
    expect(markdown).toContain('| 2026-12-10 to 2026-12-16 | 1 | 1 | 0 | 0 |\n| 2026-12-03 to 2026-12-09 | 2 | 1 | 1 | 0 |\n| change | -1 | ±0 | -1 | ±0 |\n');
    expect(text).toContain('change: articles -1, support ±0, oppose -1, neutral ±0');
    expect(html).toContain('<tr><td>change</td><td>-1</td>');
    for (const rendering of [markdown, text, html]) expect(rendering).not.toContain('No change is given');
  });

  it('makes up no day watching began when no run is recorded: watchedFrom null, nothing said of it', () => {
    expect(beforeAnyRun.shift).toMatchObject({ watchedFrom: null, current: { watched: null }, previous: { watched: null } });
  });
});
