import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { definePipeline, loadPipeline, type LoadedPipeline } from '../../src/config/index.ts';
import type { ScoreResult } from '../../src/model/index.ts';
import { registerDigest } from '../../src/cli/commands/digest.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { digestTempFile, otherPipelineInDigestDir, STALE_TEMP_FILE_MS, writeDigest } from '../../src/run/write-digest.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

const neutral: ScoreResult = {
  scorerVersion: 'test',
  relevance: { score: 0.9, relevant: true, evidence: ['pause'] },
  stance: { label: 'neutral', score: 0, confidence: 0.7, evidence: [] },
  voices: [],
};

describe.each(dialects)('a digest rewritten for an older day, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let loaded: LoadedPipeline;

  async function addArticle(key: string, title: string, storyId: number, fetchedAt: string): Promise<void> {
    const id = await repo.insertArticle(store.db, {
      pipeline_id: 'p', source_id: 'wire', item_key: key, url: `https://wire.example/${key}`, canonical_url: `https://wire.example/${key}`,
      title, byline: null, published_at: fetchedAt, modified_at: null, fetched_at: fetchedAt, lang: 'en', site_name: 'Wire', image: null,
      summary: null, text: 'Body.', word_count: 1, partial: 0, content_hash: `hash-${key}`, near_signature: '', topic_signature: '',
      duplicate_of: null, duplicate_reason: null, story_id: storyId, extract_error: null, updated_at: fetchedAt,
    });
    await repo.saveScore(store.db, id, neutral, fetchedAt);
  }

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-digest-'));
    loaded = {
      pipeline: definePipeline({
        id: 'p', name: 'Pause watch', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed.xml' }],
        topic: { description: 'The pause proposal', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
        digest: { timeZone: 'UTC' },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    await repo.syncSources(store.db, 'p', [{ id: 'wire', kind: 'feed', name: 'Wire', location: 'https://wire.example/feed.xml' }], '2026-06-01T00:00:00.000Z');
    const story = await repo.createStory(store.db, 'p', 'Labs agree to pause frontier training', '2026-06-10T08:00:00.000Z');
    await addArticle('a', 'Labs agree to pause frontier training', story, '2026-06-10T08:00:00.000Z');
    await addArticle('b', 'Labs agree to pause frontier training for six months', story, '2026-06-10T09:00:00.000Z');
    // The next day's article joins the story, and the run relabels the story after its newest headline.
    await addArticle('c', 'Senate hearing questions the frontier lab pause deal', story, '2026-06-11T08:00:00.000Z');
    await repo.relabelStory(store.db, story, 'Senate hearing questions the frontier lab pause deal');
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('is headed by that day\'s own headlines and says the source health is as of writing, not of that day', async () => {
    const { data, paths } = await writeDigest({ loaded, store, date: '2026-06-10', now: () => new Date('2026-06-12T09:00:00.000Z') });
    const markdown = readFileSync(paths[0]!, 'utf8');
    expect(data.stories.map((s) => s.label)).toEqual(['Labs agree to pause frontier training']);
    expect(markdown).toContain('### 1. Labs agree to pause frontier training\n');
    expect(markdown).not.toContain('Senate hearing');
    expect(markdown).toContain('_Source health as of 2026-06-12T09:00:00.000Z, when this digest was written, not on 2026-06-10._');
  });

  it('the day after, is headed by that day\'s headline', async () => {
    const { data } = await writeDigest({ loaded, store, date: '2026-06-11', now: () => new Date('2026-06-11T18:00:00.000Z') });
    expect(data.stories.map((s) => s.label)).toEqual(['Senate hearing questions the frontier lab pause deal']);
  });
});

describe.each(dialects)('the weekly shift of a digest rewritten later, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;

  beforeAll(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-digest-shift-'));
    await repo.syncSources(store.db, 'p', [{ id: 'wire', kind: 'feed', name: 'Wire', location: 'https://wire.example/feed.xml' }], '2026-06-01T00:00:00.000Z');
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('counts as on its day: a copy dated months earlier, seen later, does not move the original out of the week', async () => {
    const loaded: LoadedPipeline = {
      pipeline: definePipeline({
        id: 'p', name: 'Pause watch', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed.xml' }],
        topic: { description: 'The pause proposal', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    const insert = (key: string, fetchedAt: string, published: string | null, duplicateOf: number | null) =>
      repo.insertArticle(store.db, {
        pipeline_id: 'p', source_id: 'wire', item_key: key, url: `https://wire.example/${key}`, canonical_url: `https://wire.example/${key}`,
        title: 'Labs weigh a pause', byline: null, published_at: published, modified_at: null, fetched_at: fetchedAt, lang: 'en', site_name: 'Wire',
        image: null, summary: null, text: 'Body.', word_count: 1, partial: 0, content_hash: `hash-${key}`, near_signature: '', topic_signature: '',
        duplicate_of: duplicateOf, duplicate_reason: duplicateOf === null ? null : 'content_hash', story_id: null, extract_error: null, updated_at: fetchedAt,
      });
    // an undated capture, first seen on the 10th
    const original = await insert('original', '2026-06-10T08:00:00.000Z', null, null);
    await repo.saveScore(store.db, original, neutral, '2026-06-10T08:00:00.000Z');
    const onTheDay = await writeDigest({ loaded, store, date: '2026-06-10', now: () => new Date('2026-06-10T20:00:00.000Z') });
    expect(onTheDay.data.shift?.current.articles).toBe(1);
    // ten days later a copy of it arrives, dated in April: trends now count the pair in April
    await insert('copy', '2026-06-20T08:00:00.000Z', '2026-04-01T09:00:00.000Z', original);
    const rewritten = await writeDigest({ loaded, store, date: '2026-06-10', now: () => new Date('2026-06-21T09:00:00.000Z') });
    // the same counts; only the day written under way says it was counted to 20:00
    expect({ ...rewritten.data.shift, countedTo: onTheDay.data.shift?.countedTo }).toEqual(onTheDay.data.shift);
    expect([onTheDay.data.shift?.countedTo, rewritten.data.shift?.countedTo]).toEqual(['2026-06-10T20:00:00.000Z', null]);
  });

  it('lists a copy whose original came on an earlier day as that original counts: labelled irrelevant, off-topic', async () => {
    const loaded: LoadedPipeline = {
      pipeline: definePipeline({
        id: 'p', name: 'Pause watch', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed.xml' }],
        topic: { description: 'The pause proposal', proposalTerms: ['pause'], contextTerms: ['AI labs'] }, digest: { includeOffTopic: true },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    const insert = (key: string, fetchedAt: string, duplicateOf: number | null) =>
      repo.insertArticle(store.db, {
        pipeline_id: 'p', source_id: 'wire', item_key: key, url: `https://wire.example/${key}`, canonical_url: `https://wire.example/${key}`,
        title: 'Chipmakers report record quarter', byline: null, published_at: fetchedAt, modified_at: null, fetched_at: fetchedAt, lang: 'en',
        site_name: 'Wire', image: null, summary: null, text: 'Body.', word_count: 1, partial: 0, content_hash: `hash-${key}`, near_signature: '',
        topic_signature: '', duplicate_of: duplicateOf, duplicate_reason: duplicateOf === null ? null : 'content_hash', story_id: null,
        extract_error: null, updated_at: fetchedAt,
      });
    const original = await insert('earlier-original', '2026-07-01T08:00:00.000Z', null);
    await repo.saveScore(store.db, original, neutral, '2026-07-01T08:00:00.000Z');
    await repo.addStanceLabel(store.db, { articleId: original, label: 'irrelevant', note: 'market news', at: '2026-07-01T12:00:00.000Z' });
    const copy = await insert('later-copy', '2026-07-02T08:00:00.000Z', original);
    await repo.saveScore(store.db, copy, neutral, '2026-07-02T08:00:00.000Z');
    const { data } = await writeDigest({ loaded, store, date: '2026-07-02', now: () => new Date('2026-07-02T20:00:00.000Z') });
    expect(data.totals).toMatchObject({ articles: 1, onTopic: 0, offTopic: 1 });
    expect(data.stories).toEqual([]);
    expect(data.offTopic.map((a) => a.id)).toEqual([copy]);
  });
});

describe.each(dialects)('the source health of a digest, on $name', ({ fresh }) => {
  it('lists the sources that need a look first (failing, then never read), then the rest by the name it shows', async () => {
    const database = await fresh();
    const store = await openStore(database.target);
    const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-digest-'));
    try {
      const feeds = [['a-wire', 'Zeta Wire'], ['b-wire', 'Alpha Wire'], ['c-wire', 'Mid Wire'], ['d-wire', 'Beta Wire']] as const;
      const loaded: LoadedPipeline = {
        pipeline: definePipeline({
          id: 'p', name: 'Pause watch', sources: feeds.map(([id, name]) => ({ id, kind: 'feed' as const, name, url: `https://${id}.example/feed.xml` })),
          topic: { description: 'The pause proposal', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
          digest: { timeZone: 'UTC' },
        }),
        file: path.join(root, 'p.ts'),
        rootDir: root,
      };
      await repo.syncSources(store.db, 'p', feeds.map(([id, name]) => ({ id, kind: 'feed' as const, name, location: `https://${id}.example/feed.xml` })), '2026-06-01T00:00:00.000Z');
      const at = '2026-06-10T06:00:00.000Z';
      const record = (sourceId: string, ok: boolean) =>
        repo.recordFetch(store.db, {
          runId: 1, pipelineId: 'p', sourceId, url: `https://${sourceId}.example/feed.xml`, startedAt: at, finishedAt: at, outcome: ok ? 'ok' : 'failed',
          httpStatus: ok ? 200 : 500, error: ok ? null : { code: 'http_500', message: 'HTTP 500' }, newItems: 0,
        });
      await store.db.insertInto('runs').values({ pipeline_id: 'p', started_at: at, status: 'ok' }).execute();
      await record('a-wire', true);
      await record('b-wire', true);
      await record('c-wire', false);
      const { data } = await writeDigest({ loaded, store, date: '2026-06-10', now: () => new Date('2026-06-10T09:00:00.000Z') });
      expect(data.sources.map((s) => [s.name, s.status])).toEqual([['Mid Wire', 'failed'], ['Beta Wire', 'never'], ['Alpha Wire', 'ok'], ['Zeta Wire', 'ok']]);
    } finally {
      await store.close();
      await database.drop();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe.each(dialects)('a digest written over the previous one, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let loaded: LoadedPipeline;
  const day = '2026-06-10';
  let markdownFile: string;
  let jsonFile: string;

  beforeEach(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-digest-'));
    loaded = {
      pipeline: definePipeline({
        id: 'p', name: 'Pause watch', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed.xml' }],
        topic: { description: 'The pause proposal', proposalTerms: ['pause'], contextTerms: ['AI labs'] },
        digest: { dir: 'digests', timeZone: 'UTC' },
      }),
      file: path.join(root, 'p.ts'),
      rootDir: root,
    };
    await repo.syncSources(store.db, 'p', [{ id: 'wire', kind: 'feed', name: 'Wire', location: 'https://wire.example/feed.xml' }], '2026-06-01T00:00:00.000Z');
    const fetchedAt = `${day}T08:00:00.000Z`;
    const story = await repo.createStory(store.db, 'p', 'Labs agree to pause frontier training', fetchedAt);
    const id = await repo.insertArticle(store.db, {
      pipeline_id: 'p', source_id: 'wire', item_key: 'a', url: 'https://wire.example/a', canonical_url: 'https://wire.example/a',
      title: 'Labs agree to pause frontier training', byline: null, published_at: fetchedAt, modified_at: null, fetched_at: fetchedAt, lang: 'en',
      site_name: 'Wire', image: null, summary: null, text: 'Body.', word_count: 1, partial: 0, content_hash: 'hash-a', near_signature: '',
      topic_signature: '', duplicate_of: null, duplicate_reason: null, story_id: story, extract_error: null, updated_at: fetchedAt,
    });
    await repo.saveScore(store.db, id, neutral, fetchedAt);
    markdownFile = path.join(root, 'digests', `${day}.md`);
    jsonFile = path.join(root, 'digests', `${day}.json`);
  });
  afterEach(async () => {
    await store?.close();
    await database?.drop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  const write = (at: string) => writeDigest({ loaded, store, date: day, now: () => new Date(at) });

  it.skipIf(!existsSync('/dev/full'))('is left whole by a write that fails for a full disk, and the error names the digest file', async () => {
    await write('2026-06-10T18:00:00.000Z');
    const previous = { markdown: readFileSync(markdownFile, 'utf8'), json: readFileSync(jsonFile, 'utf8') };
    expect(previous.markdown).toContain('Labs agree to pause frontier training');
    // /dev/full takes the Markdown as a full disk would: every write fails with ENOSPC (as root too)
    symlinkSync('/dev/full', digestTempFile(markdownFile));
    await expect(write('2026-06-10T19:00:00.000Z')).rejects.toThrow(`cannot write the digest ${markdownFile}: no space left on the device (ENOSPC, write); the digest there before is kept as it was`);
    expect({ markdown: readFileSync(markdownFile, 'utf8'), json: readFileSync(jsonFile, 'utf8') }).toEqual(previous);
    // what was written to go in its place is gone (the link, not /dev/full)
    expect(existsSync(digestTempFile(markdownFile))).toBe(false);
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('is left whole by a write that cannot open its file, and the error names the digest file', async () => {
    await write('2026-06-10T18:00:00.000Z');
    const previousJson = readFileSync(jsonFile, 'utf8');
    // a folder where the JSON is written first: the Markdown is replaced, whole; the JSON stays as it was
    mkdirSync(digestTempFile(jsonFile));
    await expect(write('2026-06-10T20:00:00.000Z')).rejects.toThrow(`cannot write the digest ${jsonFile}: a folder is in the way (EISDIR, open); the digest there before is kept as it was`);
    expect(readFileSync(jsonFile, 'utf8')).toBe(previousJson);
    expect(readFileSync(markdownFile, 'utf8')).toContain('2026-06-10T20:00:00.000Z');
  });
});

describe.each(dialects)('what a run killed while writing a digest leaves behind, on $name', ({ fresh }) => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({ name: 'digest-leftover', database: fresh, commands: [registerRun, registerDigest] });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    project.writePipeline({
      ...pipelineDefinition({ id: 'kept', name: 'Kept', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }),
      digest: { dir: 'digests', timeZone: 'UTC' },
    });
  });
  afterEach(() => project.remove());

  it('is not taken for a digest, and a later digest removes it once it is stale, leaving what is under way or not its own', async () => {
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    const dir = path.join(project.root, 'digests');
    const digests = readdirSync(dir).sort();
    const [jsonFile, markdownFile] = digests.map((name) => path.join(dir, name));
    const day = path.basename(markdownFile!, '.md');
    const whole = { markdown: readFileSync(markdownFile!, 'utf8'), json: readFileSync(jsonFile!, 'utf8') };
    const leftover = (name: string, text: string, ageMs: number) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      const at = new Date(Date.now() - ageMs);
      utimesSync(file, at, at);
      return name;
    };
    const stale = STALE_TEMP_FILE_MS + 60_000;
    // the day's two files cut short, as SIGKILL leaves them, each under the name of the process that was killed; one
    // of a release that named them by file alone; and a later day's, whole but another pipeline's: taken for the
    // newest digest, it would have `digest` refuse the folder as shared
    const killed = [
      leftover(`.${day}.md.48213-0a1b2c3d4e5f.tmp`, whole.markdown.slice(0, 40), stale),
      leftover(`.${day}.json.48213-0a1b2c3d4e5f.tmp`, whole.json.slice(0, 40), stale),
      leftover(`.${day}.md.tmp`, whole.markdown.slice(0, 40), stale),
      leftover('.2999-01-01.json.51007-ffeeddccbbaa.tmp', whole.json.replace('"kept"', '"another"'), stale),
    ];
    // another process's write of the day, under way (or only just stopped): not ours to judge yet
    const underWay = leftover(`.${day}.md.51544-00ff00ff00ff.tmp`, whole.markdown.slice(0, 40), STALE_TEMP_FILE_MS - 5 * 60_000);
    // named otherwise, or not a file: nothing pausewatch wrote
    const notOurs = [leftover('.notes.tmp', 'mine', stale), leftover(`.${day}.md.tmp.keep`, 'mine', stale), `.${day}.json.60001-abcdefabcdef.tmp`];
    mkdirSync(path.join(dir, notOurs[2]!));
    const old = new Date(Date.now() - stale);
    utimesSync(path.join(dir, notOurs[2]!), old, old);

    expect(await otherPipelineInDigestDir(await loadPipeline(project.pipelineFile))).toBeNull();
    const next = await project.cli('digest');
    expect(next.code).toBe(0);
    expect(next.stdout).toContain('Labs weigh a pause');
    expect(next.stderr).toBe(`written: ${markdownFile}, ${jsonFile}\n`);
    expect(JSON.parse(readFileSync(jsonFile!, 'utf8'))).toMatchObject({ pipeline: { id: 'kept' } });
    expect(readFileSync(markdownFile!, 'utf8')).toContain('Labs weigh a pause');
    const left = readdirSync(dir);
    for (const name of killed) expect(left).not.toContain(name);
    expect(left.sort()).toEqual([...digests, underWay, ...notOurs].sort());
    expect(readFileSync(path.join(dir, underWay), 'utf8')).toBe(whole.markdown.slice(0, 40));
  });
});
