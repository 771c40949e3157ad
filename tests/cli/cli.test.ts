import { execFile, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import os from 'node:os';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freshPostgres, PG_ADMIN_URL } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const bin = path.join(repoRoot, 'src/cli/bin.cjs');

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

function pausewatch(args: string[], cwd: string, env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env, DATABASE_URL: '' } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** A user's project: the seeds and a pipeline file that exports a plain object (the loader validates it). */
function makeProject(pipeline: object): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-cli-'));
  cpSync(path.join(repoRoot, 'seeds'), path.join(root, 'seeds'), { recursive: true });
  writeFileSync(path.join(root, 'pipeline.ts'), `export default ${JSON.stringify(pipeline, null, 2)};\n`);
  return root;
}

const seedsOnly = {
  id: 'seeds-only',
  name: 'Seeds only',
  sources: [{ id: 'seeds', kind: 'files', name: 'Seed articles', glob: 'seeds/*.txt' }],
  topic: {
    description: 'The proposed pause of frontier AI development',
    proposalTerms: ['pause', 'moratorium', 'slowdown', 'halt', 'slow down'],
    contextTerms: ['frontier AI', 'AI development', 'AI labs', 'Anthropic'],
  },
  alerts: { channels: [] },
};

describe('the pausewatch command', () => {
  let root: string;
  let runResult: Result;
  const db = () => path.join(root, 'state', 'pw.db');

  beforeAll(async () => {
    root = makeProject(seedsOnly);
    runResult = await pausewatch(['run', '--pipeline', 'pipeline.ts', '--database', db(), '--quiet'], root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('run exits 0 when every source succeeded and prints a summary naming the digest', () => {
    expect(runResult.stderr).toBe('');
    expect(runResult.code).toBe(0);
    expect(runResult.stdout).toContain('5 new articles');
    expect(runResult.stdout).toMatch(/digest: .*\.md/);
  });

  it('articles --json prints the documented Article fields, with nothing else on stdout', async () => {
    const { code, stdout } = await pausewatch(['articles', '--json', '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(code).toBe(0);
    const articles = JSON.parse(stdout);
    expect(articles).toHaveLength(5);
    for (const article of articles) {
      expect(Object.keys(article)).toEqual(
        expect.arrayContaining(['id', 'url', 'canonicalUrl', 'source', 'title', 'byline', 'publishedAt', 'fetchedAt', 'lang', 'wordCount', 'duplicateOf', 'storyId', 'relevance', 'stance']),
      );
      expect(article.source).toEqual({ id: 'seeds', name: 'Seed articles', kind: 'files' });
      expect(Object.keys(article.stance)).toEqual(expect.arrayContaining(['label', 'score', 'confidence', 'scorerVersion', 'override']));
    }
    const dated = articles.find((a: { url: string }) => a.url.includes('002_'));
    expect(dated.publishedAt).toBe('2026-06-05T10:19:00.000Z');
  });

  it('sources --json reports the health of each source', async () => {
    const { code, stdout } = await pausewatch(['sources', '--json', '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ id: 'seeds', status: 'ok', errorStreak: 0, itemsSeen: 5 })]);
  });

  it('sources marks a last error the source has since recovered from as past, and says why a next check is held back', async () => {
    const sqlite = new Database(db());
    sqlite.prepare("UPDATE sources SET last_error = 'HTTP 500 from the outlet', last_error_code = 'http_500', error_streak = 0, next_check_at = '2099-01-01T00:00:00.000Z', next_check_reason = 'no dated items, default 1 h; raised to 24 h by Expires (capped)' WHERE id = 'seeds'").run();
    sqlite.close();
    const { code, stdout } = await pausewatch(['sources', '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(code).toBe(0);
    expect(stdout).toContain('\n    last error (past): http_500: HTTP 500 from the outlet\n');
    expect(stdout).toContain(
      `next checks held back (\`pausewatch sources recheck <id> --pipeline pipeline.ts --database ${db()}\` has the next run check one all the same):\n  seeds: no dated items, default 1 h; raised to 24 h by Expires (capped)`,
    );
    const json = await pausewatch(['sources', '--json', '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ nextCheckReason: 'no dated items, default 1 h; raised to 24 h by Expires (capped)' });
  });

  it('stories --json groups the stored articles', async () => {
    const { code, stdout } = await pausewatch(['stories', '--json', '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(code).toBe(0);
    const stories = JSON.parse(stdout);
    expect(stories.reduce((n: number, s: { articleCount: number }) => n + s.articleCount, 0)).toBe(5);
    expect(Object.keys(stories[0])).toEqual(expect.arrayContaining(['id', 'label', 'firstSeen', 'lastSeen', 'articleCount', 'onTopicCount', 'outletCount', 'articleIds']));
    expect(stories.reduce((n: number, s: { onTopicCount: number }) => n + s.onTopicCount, 0)).toBe(5);
  });

  it('refuses ids that are typing mistakes or name nothing, and an export it cannot write, with exit 2 naming the flag', async () => {
    const run = (...args: string[]) => pausewatch([...args, '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(await run('articles', '--limit', '1e2')).toMatchObject({ code: 2, stderr: expect.stringContaining('--limit: expected a positive whole number, found "1e2"') });
    expect(await run('stories', '--limit', '0')).toMatchObject({ code: 2, stderr: expect.stringContaining('--limit: expected a positive whole number, found "0"') });
    expect(await run('stories', '--since', '2026-13-01')).toMatchObject({ code: 2, stderr: expect.stringContaining('--since: expected a day as YYYY-MM-DD, found "2026-13-01"') });
    expect(await run('articles', '--story', '-1')).toMatchObject({ code: 2, stderr: expect.stringContaining('--story: expected a story id') });
    expect(await run('articles', '--story', '9999')).toMatchObject({ code: 2, stderr: expect.stringContaining('--story: no story 9999') });
    expect(await run('label', '0x10', '--stance', 'oppose')).toMatchObject({ code: 2, stderr: expect.stringContaining('<article-id>: expected an article id') });
    expect(await run('labels', '--export', path.join(root, 'no-such-dir', 'labels.jsonl'))).toMatchObject({ code: 2, stderr: expect.stringContaining('--export: cannot write') });
    // a script's empty variable: refused, not the labels listed with exit 0 and no file written
    expect(await run('labels', '--export', '')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--export: expected a file to write the labels to, found an empty name') });
  });

  it('an analyst label wins in articles, the digest and trends, and is exported as evaluation data', async () => {
    const listed = JSON.parse((await pausewatch(['articles', '--json', '--pipeline', 'pipeline.ts', '--database', db()], root)).stdout);
    const target = listed.find((a: { url: string }) => a.url.includes('004_'));
    const labelled = await pausewatch(['label', String(target.id), '--stance', 'oppose', '--note', 'quotes Sacks at length', '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(labelled.code).toBe(0);

    const after = JSON.parse((await pausewatch(['articles', '--json', '--pipeline', 'pipeline.ts', '--database', db()], root)).stdout);
    const article = after.find((a: { id: number }) => a.id === target.id);
    expect(article.stance).toMatchObject({ label: 'oppose', override: { label: 'oppose', note: 'quotes Sacks at length' } });
    // the scorer's own figures stay beside the label, none made up for it
    expect(article.stance).toMatchObject({ score: target.stance.score, confidence: target.stance.confidence, scorerVersion: target.stance.scorerVersion });

    const digest = await pausewatch(['digest', '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(digest.stdout).toContain('**oppose** (analyst label)');

    const trends = JSON.parse((await pausewatch(['trends', '--format', 'json', '--by', 'month', '--pipeline', 'pipeline.ts', '--database', db()], root)).stdout);
    expect(trends.reduce((n: number, r: { oppose: number }) => n + r.oppose, 0)).toBeGreaterThanOrEqual(1);
    // CLI.md's fields, in its order; the month under way (the undated seeds count from today) adds the days it counts,
    // and those before the first run (today), in whole (the seed of 5 June's) or in part (this one, after its 1st), that
    // they were not watched
    const month = new Date().toISOString().slice(0, 7);
    for (const row of trends) {
      expect(Object.keys(row)).toEqual([
        'period', 'articles', 'support', 'oppose', 'neutral', 'meanScore', ...(row.period === month ? ['partial', 'from', 'to'] : []), ...('watched' in row ? ['watched', 'watchedFrom'] : []),
      ]);
      if (row.period < month) expect(row.watched).toBe('none');
    }

    const exported = path.join(root, 'labels.jsonl');
    expect((await pausewatch(['labels', '--export', exported, '--pipeline', 'pipeline.ts', '--database', db()], root)).code).toBe(0);
    const lines = readFileSync(exported, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toEqual([{ id: `article-${target.id}`, text: expect.stringContaining('David Sacks'), label: 'oppose', actor: '' }]);
  });

  it('rescore adds scores under the current version and keeps the older ones as history', async () => {
    // Stand-in for an upgrade: the stored scores are relabelled as made by an older scorer version.
    const sqlite = new Database(db());
    sqlite.prepare(`UPDATE stance_scores SET scorer_version = 'pause-proposal@0.0.1'`).run();
    sqlite.close();
    const first = await pausewatch(['rescore', '--json', '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ articles: 5, rescored: 5, alreadyCurrent: 0 });
    const again = JSON.parse((await pausewatch(['rescore', '--json', '--pipeline', 'pipeline.ts', '--database', db()], root)).stdout);
    expect(again).toMatchObject({ rescored: 0, alreadyCurrent: 5 });
    const check = new Database(db(), { readonly: true });
    const versions = check.prepare('SELECT scorer_version, COUNT(*) AS n FROM stance_scores GROUP BY scorer_version ORDER BY scorer_version').all();
    check.close();
    expect(versions).toEqual([{ scorer_version: 'pause-proposal@0.0.1', n: 5 }, { scorer_version: JSON.parse(first.stdout).scorerVersion, n: 5 }]);
  });

  it('digest rejects a malformed --date with exit 2, naming the flag', async () => {
    const { code, stderr } = await pausewatch(['digest', '--date', '23/11/2026', '--pipeline', 'pipeline.ts', '--database', db()], root);
    expect(code).toBe(2);
    expect(stderr).toContain('--date');
  });

  it('score --json scores each file in input order and reports a missing one in its place with exit 2', async () => {
    const paragraph = path.join(root, 'paragraph.txt');
    writeFileSync(paragraph, 'Critics call the proposed pause of frontier AI development a marketing ploy that would only hand the lead to rival labs.');
    const { code, stdout, stderr } = await pausewatch(['score', '--json', '--pipeline', 'pipeline.ts', 'seeds/004_bfe4baf882ac3340.txt', 'missing.txt', paragraph], root);
    expect(code).toBe(2);
    expect(stderr).toContain('missing.txt');
    const scores = JSON.parse(stdout);
    expect(scores.map((s: { file: string }) => s.file)).toEqual(['seeds/004_bfe4baf882ac3340.txt', 'missing.txt', paragraph]);
    expect(scores[0].relevance.relevant).toBe(true);
    expect(scores[0].stance.label).toBe('neutral');
    expect(scores[0].voices.length).toBeGreaterThan(0);
    expect(scores[2].stance.label).toBe('oppose');
    expect(scores[2].stance.evidence[0]).toEqual({ sentence: expect.any(String), weight: expect.any(Number) });
  });

  it('extract --json gives the documented fields of a cleaned capture', async () => {
    const { code, stdout } = await pausewatch(['extract', '--json', 'seeds/000_73cf242dc7a4d052.txt'], root);
    expect(code).toBe(0);
    const article = JSON.parse(stdout);
    expect(Object.keys(article)).toEqual(
      expect.arrayContaining(['url', 'title', 'byline', 'publishedAt', 'modifiedAt', 'lang', 'siteName', 'canonicalUrl', 'image', 'text', 'partial']),
    );
    expect(article).toMatchObject({ title: 'Anthropic Calls for Global Cooperation on Advanced AI', siteName: 'Ai Mainstream', publishedAt: null });
    expect(article.text).not.toContain('β€');
  });
});

describe('run --json', () => {
  it('prints only the run report on stdout; console alerts and everything else go to stderr', async () => {
    const root = makeProject({ ...seedsOnly, alerts: { channels: [{ type: 'stdout' }] } });
    try {
      const { code, stdout, stderr } = await pausewatch(['run', '--json', '--pipeline', 'pipeline.ts', '--database', path.join(root, 'db.sqlite')], root);
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(report).toMatchObject({ pipelineId: 'seeds-only', articlesAdded: 5, sources: [{ sourceId: 'seeds', outcome: 'ok', itemsSeen: 5 }] });
      expect(stderr.split('\n').filter((l) => l.startsWith('ALERT ['))).toHaveLength(report.alertsSent);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('trends --since and --until', () => {
  it('count days in the digest time zone, as the periods are', async () => {
    // seed 002 is dated 2026-06-05T10:19Z: already the 6th at UTC+14
    const root = makeProject({ ...seedsOnly, digest: { timeZone: 'Pacific/Kiritimati' } });
    const db = path.join(root, 'db.sqlite');
    try {
      await pausewatch(['run', '--quiet', '--pipeline', 'pipeline.ts', '--database', db], root);
      const trends = async (...range: string[]) =>
        JSON.parse((await pausewatch(['trends', '--by', 'day', '--json', ...range, '--pipeline', 'pipeline.ts', '--database', db], root)).stdout) as { period: string }[];
      expect((await trends('--since', '2026-06-06', '--until', '2026-06-06')).map((row) => row.period)).toEqual(['2026-06-06']);
      expect(await trends('--until', '2026-06-05')).toEqual([]);
      const reversed = await pausewatch(['trends', '--since', '2026-08-01', '--until', '2026-07-01', '--pipeline', 'pipeline.ts', '--database', db], root);
      expect(reversed).toMatchObject({ code: 2, stderr: expect.stringContaining('--since 2026-08-01 is after --until 2026-07-01') });
      // --json is --format json: beside another --format it is refused, not one of them silently dropped
      const both = await pausewatch(['trends', '--json', '--format', 'csv', '--pipeline', 'pipeline.ts', '--database', db], root);
      expect(both).toMatchObject({ code: 2, stdout: '', stderr: expect.stringContaining('--json and --format csv ask for two formats') });
      expect((await pausewatch(['trends', '--json', '--format', 'json', '--pipeline', 'pipeline.ts', '--database', db], root)).code).toBe(0);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('rescore --since', () => {
  it('counts the day in the digest time zone, as every other date flag does', async () => {
    // A zone where today is not the UTC date: Kiritimati (UTC+14) once the UTC hour is past 10, else UTC-12 before
    // noon UTC. The day named is the one where the two readings part: UTC's takes the articles just stored, the
    // zone's does not, or the other way round.
    const hour = new Date().getUTCHours();
    const ahead = hour >= 11;
    const timeZone = ahead ? 'Pacific/Kiritimati' : 'Etc/GMT+12';
    const root = makeProject({ ...seedsOnly, digest: { timeZone } });
    const db = path.join(root, 'db.sqlite');
    try {
      await pausewatch(['run', '--quiet', '--pipeline', 'pipeline.ts', '--database', db], root);
      const utcToday = new Date().toISOString().slice(0, 10);
      const zoneToday = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
      // ahead: the zone's today (UTC's tomorrow) has begun there; behind: UTC's today is the zone's tomorrow
      const since = ahead ? zoneToday : utcToday;
      expect(since).not.toBe(ahead ? utcToday : zoneToday);
      const result = await pausewatch(['rescore', '--json', '--since', since, '--pipeline', 'pipeline.ts', '--database', db], root);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ articles: ahead ? 5 : 0 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('labelling a syndicated copy', () => {
  it('records the label and says that the copy counts as its original does, naming the command to label the original', async () => {
    const root = makeProject(seedsOnly);
    const seed = readFileSync(path.join(root, 'seeds', '000_73cf242dc7a4d052.txt'));
    writeFileSync(path.join(root, 'seeds', '999_copy.txt'), seed);
    const db = path.join(root, 'db.sqlite');
    try {
      await pausewatch(['run', '--quiet', '--pipeline', 'pipeline.ts', '--database', db], root);
      const articles = JSON.parse((await pausewatch(['articles', '--json', '--pipeline', 'pipeline.ts', '--database', db], root)).stdout) as { id: number; duplicateOf: number | null }[];
      const copy = articles.find((a) => a.duplicateOf !== null)!;
      const labelled = await pausewatch(['label', String(copy.id), '--stance', 'oppose', '--json', '--pipeline', 'pipeline.ts', '--database', db], root);
      expect(labelled.code).toBe(0);
      expect(JSON.parse(labelled.stdout)).toMatchObject({ articleId: copy.id, label: 'oppose', duplicateOf: copy.duplicateOf });
      expect(labelled.stderr).toContain(`article ${copy.id} is a syndicated copy of article ${copy.duplicateOf}`);
      expect(labelled.stderr).toContain(`pausewatch label ${copy.duplicateOf} --stance oppose`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('two pipelines in one database', () => {
  it('each ingest and list their own source of the same id', async () => {
    const root = makeProject(seedsOnly);
    writeFileSync(path.join(root, 'other.ts'), `export default ${JSON.stringify({ ...seedsOnly, id: 'other-topic', name: 'Other topic', digest: { dir: 'data/digests/other-topic' } })};\n`);
    const db = path.join(root, 'shared.db');
    try {
      await pausewatch(['run', '--quiet', '--pipeline', 'pipeline.ts', '--database', db], root);
      const before = await pausewatch(['sources', '--pipeline', 'other.ts', '--database', db], root);
      expect(before.stderr).toContain(`pipeline "other-topic" has not run against ${db}; it holds "seeds-only"`);
      for (const pipeline of ['pipeline.ts', 'other.ts']) {
        const { code, stdout } = await pausewatch(['run', '--json', '--pipeline', pipeline, '--database', db], root);
        expect(code).toBe(0);
        expect(JSON.parse(stdout)).toMatchObject({ articlesAdded: pipeline === 'other.ts' ? 5 : 0, sources: [{ sourceId: 'seeds', outcome: 'ok' }] });
      }
      for (const pipeline of ['pipeline.ts', 'other.ts']) {
        const { stdout } = await pausewatch(['sources', '--json', '--pipeline', pipeline, '--database', db], root);
        expect(JSON.parse(stdout)).toEqual([expect.objectContaining({ id: 'seeds', status: 'ok', itemsSeen: 5 })]);
        const articles = await pausewatch(['articles', '--json', '--pipeline', pipeline, '--database', db], root);
        expect(JSON.parse(articles.stdout)).toHaveLength(5);
      }

      // a third left at the default digest folder would overwrite the first one's days: refused before it runs
      writeFileSync(path.join(root, 'third.ts'), `export default ${JSON.stringify({ ...seedsOnly, id: 'third-topic', name: 'Third topic' })};\n`);
      const digests = path.join(root, 'data/digests');
      const written = readdirSync(digests).filter((name) => name.endsWith('.json')).map((name) => readFileSync(path.join(digests, name), 'utf8'));
      for (const command of [['run'], ['digest']]) {
        const refused = await pausewatch([...command, '--pipeline', 'third.ts', '--database', db], root);
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(/^pausewatch: digest\.dir in third\.ts: data\/digests holds the digests of pipeline "seeds-only" \(\d{4}-\d\d-\d\d\.json\); give pipeline "third-topic" a folder of its own/);
      }
      const after = readdirSync(digests).filter((name) => name.endsWith('.json')).map((name) => readFileSync(path.join(digests, name), 'utf8'));
      expect(after).toEqual(written);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('run with an alert channel that refuses', () => {
  it('exits 1, names the channel without its secret path, and reports the alerts it kept for the next run', async () => {
    const hook = await startServer({ '/services/T0/B0/secret-token': (_req, res) => res.writeHead(500).end() });
    const root = makeProject({ ...seedsOnly, alerts: { channels: [{ type: 'webhook', url: `${hook.url}/services/T0/B0/secret-token`, format: 'slack' }] } });
    try {
      // the undated seeds of the source's first read would be its backlog: it is first read with the dated one only
      const undated = readdirSync(path.join(root, 'seeds')).filter((name) => !name.startsWith('002_'));
      mkdirSync(path.join(root, 'later'));
      for (const name of undated) renameSync(path.join(root, 'seeds', name), path.join(root, 'later', name));
      expect((await pausewatch(['run', '--pipeline', 'pipeline.ts', '--database', path.join(root, 'db.sqlite')], root)).code).toBe(0);
      for (const name of undated) renameSync(path.join(root, 'later', name), path.join(root, 'seeds', name));
      const human = await pausewatch(['run', '--pipeline', 'pipeline.ts', '--database', path.join(root, 'db.sqlite')], root);
      expect(human.code).toBe(1);
      expect(human.stdout).toMatch(/FAILED\s+\d+ alerts? not delivered by webhook http:\/\/127\.0\.0\.1:\d+\/… \(.*answered HTTP 500\)( and \d+ more not tried)?; the next runs retry them for 48 h/);
      expect(human.stdout).toMatch(/0 alerts sent, \d+ deliver(y|ies) failed/);
      expect(human.stdout + human.stderr).not.toContain('secret-token');
      const again = await pausewatch(['run', '--json', '--all', '--pipeline', 'pipeline.ts', '--database', path.join(root, 'db.sqlite')], root);
      expect(again.code).toBe(1);
      const report = JSON.parse(again.stdout);
      // a channel that refused is not asked again in the same run: one refusal, the rest held back
      expect(report.alertsFailed).toHaveLength(1);
      expect(report.alertsHeldBack).toEqual([{ channel: report.alertsFailed[0].channel, count: expect.any(Number) }]);
      expect(report.alertsFailed[0]).toMatchObject({ channel: expect.stringMatching(/^webhook http:\/\/127\.0\.0\.1:\d+\/…$/), error: expect.stringContaining('HTTP 500') });
    } finally {
      rmSync(root, { recursive: true, force: true });
      await hook.close();
    }
  });
});

/**
 * Starts another run on a project whose only feed hangs, and checks that it is not held off by a run in progress:
 * it asks for the feed again. Then stops it with SIGTERM (exit 143).
 */
async function expectNextRunToStart(root: string, db: string, hanging: Awaited<ReturnType<typeof startServer>>, flags: string[]): Promise<void> {
  const hitsBefore = hanging.hits.get('/feed.xml') ?? 0;
  const again = spawn(process.execPath, [bin, 'run', '--quiet', ...flags, '--pipeline', 'pipeline.ts', '--database', db], { cwd: root, stdio: 'pipe' });
  let stderr = '';
  again.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const againExit = new Promise<number | null>((resolve) => again.on('exit', (code) => resolve(code)));
  await expect.poll(() => hanging.hits.get('/feed.xml') ?? 0, { timeout: 20_000 }).toBeGreaterThan(hitsBefore);
  expect(stderr).not.toContain('in progress');
  again.kill('SIGTERM');
  expect(await againExit).toBe(143);
}

describe('an interrupted run', () => {
  it('exits 130 and releases the run lock, so the next run starts at once', async () => {
    const hanging = await startServer({ '/feed.xml': () => {} });
    const root = makeProject({
      ...seedsOnly,
      sources: [...seedsOnly.sources, { id: 'hangs', kind: 'feed', name: 'Hangs', url: `${hanging.url}/feed.xml` }],
    });
    const db = path.join(root, 'db.sqlite');
    try {
      const child = spawn(process.execPath, [bin, 'run', '--quiet', '--pipeline', 'pipeline.ts', '--database', db], { cwd: root, stdio: 'pipe' });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      // Wait until the run holds the lock and is waiting on the hanging feed.
      await expect.poll(() => hanging.hits.get('/feed.xml') ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      const sqlite = new Database(db, { readonly: true });
      const runs = sqlite.prepare('SELECT status FROM runs').all();
      sqlite.close();
      expect(runs).toEqual([{ status: 'failed' }]);
      const next = await pausewatch(['sources', '--json', '--pipeline', 'pipeline.ts', '--database', db], root);
      expect(next.code).toBe(0);
      await expectNextRunToStart(root, db, hanging, []);
    } finally {
      await hanging.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('a run killed outright', () => {
  it('does not block the next run: its process is gone, so its lock is released at once', async () => {
    const hanging = await startServer({ '/feed.xml': () => {} });
    const root = makeProject({ ...seedsOnly, sources: [{ id: 'hangs', kind: 'feed', name: 'Hangs', url: `${hanging.url}/feed.xml` }] });
    const db = path.join(root, 'db.sqlite');
    try {
      const child = spawn(process.execPath, [bin, 'run', '--quiet', '--pipeline', 'pipeline.ts', '--database', db], { cwd: root, stdio: 'pipe' });
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      await expect.poll(() => hanging.hits.get('/feed.xml') ?? 0, { timeout: 20_000 }).toBeGreaterThan(0);
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      await expectNextRunToStart(root, db, hanging, ['--all']);
      const sqlite = new Database(db, { readonly: true });
      const runs = sqlite.prepare('SELECT status, report FROM runs ORDER BY id').all() as { status: string; report: string }[];
      sqlite.close();
      expect(runs[0]).toEqual({ status: 'failed', report: expect.stringMatching(/process \d+ on .* ended without finishing the run/) });
    } finally {
      await hanging.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('text from feeds on a terminal', () => {
  it('loses its control characters, so a title cannot send escape sequences to the terminal', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-cli-'));
    try {
      const title = 'Evil\u001b[31m red\u001b]0;pwned\u0007 \u009bX';
      writeFileSync(path.join(root, 'feed.json'), JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title, items: [{ id: '1', url: 'https://example.org/1', title, content_text: 'x' }] }));
      writeFileSync(path.join(root, 'bidi.json'), JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Invoice \u202egnp.exe\u202c', items: [] }));
      const text = await pausewatch(['feed', 'feed.json'], root);
      expect(text.code).toBe(0);
      // the 8-bit CSI (U+009B) is no escape either: read as the Windows-1252 character it stands for, as C1 controls are
      expect(text.stdout).toContain('title: Evil[31m red]0;pwned ›X');
      expect(text.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      const bidi = await pausewatch(['feed', 'bidi.json'], root);
      expect(bidi.stdout).toContain('title: Invoice gnp.exe');
      expect(bidi.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      // --json gives the text as parsing left it: control characters are no text, and parsing removes them
      const json = await pausewatch(['feed', 'feed.json', '--json'], root);
      expect(JSON.parse(json.stdout).title).toBe('Evil[31m red]0;pwned ›X');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('usage and configuration errors exit 2 with a message that names the problem', () => {
  it('an unknown flag', async () => {
    const { code, stderr } = await pausewatch(['articles', '--colour'], repoRoot);
    expect(code).toBe(2);
    expect(stderr).toContain('--colour');
  });

  it('a pipeline file that does not exist', async () => {
    const { code, stderr } = await pausewatch(['run', '--pipeline', 'no/such/pipeline.ts'], os.tmpdir());
    expect(code).toBe(2);
    expect(stderr).toContain('no/such/pipeline.ts');
  });

  it('an invalid pipeline definition lists every bad field with what was expected and found', async () => {
    const root = makeProject({ ...seedsOnly, id: 'Not An Id', sources: [{ id: 'x', kind: 'feed', name: 'X', url: 'ftp://example.com/feed' }], fetch: { timeoutMs: -5 } });
    try {
      const { code, stderr } = await pausewatch(['run', '--pipeline', 'pipeline.ts', '--database', path.join(root, 'db.sqlite')], root);
      expect(code).toBe(2);
      expect(stderr).toContain('pipeline.ts');
      expect(stderr).toMatch(/id: expected .*found "Not An Id"/);
      expect(stderr).toMatch(/sources\[0\]\.url: expected an absolute http\(s\) URL, found "ftp:\/\/example\.com\/feed"/);
      expect(stderr).toMatch(/fetch\.timeoutMs: expected a value >= 100, found -5/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it.each([
    [['feed', 'ftp://example.com/feed.xml'], /the feed must be an http\(s\) URL or a file path, not a URL of the ftp: scheme/],
    [['feed', 'http://[::1'], /the feed is not a valid URL: "http:\/\/\[::1"/],
    [['feed', 'seeds/x.txt', '--base', 'notaurl'], /--base must be an absolute http\(s\) URL, got "notaurl"/],
    [['extract', 'file:///etc/hostname'], /the page must be an http\(s\) URL or a file path, not a URL of the file: scheme/],
    [['sources', 'add', 'http://'], /the outlet is not a valid URL: "http:\/\/"/],
    [['sources', 'add', 'http://exa mple.com/'], /the outlet is not a valid URL/],
    // a login is not repeated
    [['feed', 'http://reader:s3cret@127.0.0.1:99999/feed'], /the feed is not a valid URL: "http:\/\/\*\*\*@127\.0\.0\.1:99999\/feed"/],
    [['extract', 'ftp://reader:s3cret@example.com/page'], /not a URL of the ftp: scheme: "ftp:\/\/\*\*\*@example\.com\/page"/],
    [['sources', 'add', 'http://reader:s3cret@exa mple.com/'], /the outlet is not a valid URL: "http:\/\/\*\*\*@exa mple\.com\/"/],
    [['feed', 'seeds/x.txt', '--base', 'ftp://reader:s3cret@example.com/'], /--base must be an absolute http\(s\) URL, got "ftp:\/\/\*\*\*@example\.com\/"/],
    // schemes written without "//" name no file either
    [['feed', 'data:application/rss+xml,<rss/>'], /the feed must be an http\(s\) URL or a file path, not a URL of the data: scheme/],
    [['extract', 'javascript:alert(1)'], /the page must be an http\(s\) URL or a file path, not a URL of the javascript: scheme/],
  ])('a URL argument that is not a usable http(s) URL: %j', async (args, message) => {
    const { code, stderr } = await pausewatch(args, repoRoot);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).not.toContain('internal error');
    expect(stderr).not.toContain('s3cret');
  });

  it('a feed: address given to feed or sources add is read as the http(s) address it wraps', async () => {
    const server = await startServer({
      '/wire.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end('<?xml version="1.0"?><rss version="2.0"><channel><title>Wrapped wire</title></channel></rss>'),
    });
    try {
      const wrapped = server.url.replace('http://', 'feed://');
      const feed = await pausewatch(['feed', `${wrapped}/wire.xml`, '--json'], repoRoot);
      expect(feed.code).toBe(0);
      expect(JSON.parse(feed.stdout)).toMatchObject({ title: 'Wrapped wire' });
      const added = await pausewatch(['sources', 'add', `feed:${server.url}/wire.xml`, '--dry-run', '--json'], repoRoot);
      expect(added.code).toBe(0);
      expect(JSON.parse(added.stdout)).toMatchObject({ feeds: [{ url: `${server.url}/wire.xml` }] });
    } finally {
      await server.close();
    }
  });

  it("feed reads a URL written with its host's trailing dot as a run would request it, without the dot", async () => {
    const server = await startServer({
      '/wire.xml': (req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Asked of ${req.headers.host}</title></channel></rss>`),
    });
    try {
      const dotted = server.url.replace('127.0.0.1', 'localhost.');
      const feed = await pausewatch(['feed', `${dotted}/wire.xml`, '--json'], repoRoot);
      expect(feed.code).toBe(0);
      expect(JSON.parse(feed.stdout)).toMatchObject({ title: `Asked of ${server.url.replace('http://127.0.0.1', 'localhost')}` });
    } finally {
      await server.close();
    }
  });

  it('a database that does not exist, for a command that reads what runs stored, is not created', async () => {
    const root = makeProject(seedsOnly);
    try {
      const missing = path.join(root, 'typo', 'pw.db');
      const { code, stderr, stdout } = await pausewatch(['sources', '--pipeline', 'pipeline.ts', '--database', missing, '--json'], root);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(`no database at ${missing}`);
      expect(existsSync(path.join(root, 'typo'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('an empty PostgreSQL database, for a command that reads what runs stored, is refused and left empty', async () => {
    const root = makeProject(seedsOnly);
    const database = await freshPostgres();
    try {
      const { code, stderr, stdout } = await pausewatch(['articles', '--pipeline', 'pipeline.ts', '--database', database.target, '--json'], root);
      expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
      expect(stderr).toContain(`no pausewatch tables in ${database.target}: \`pausewatch run\` creates them`);
      const client = new pg.Client({ connectionString: database.target });
      await client.connect();
      try {
        expect((await client.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).rows[0].n).toBe(0);
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a PostgreSQL database that does not exist is named as such, not as a failed migration', async () => {
    const root = makeProject(seedsOnly);
    try {
      const url = new URL(PG_ADMIN_URL);
      url.pathname = '/pausewatch_no_such_database';
      const { code, stderr, stdout } = await pausewatch(['sources', '--pipeline', 'pipeline.ts', '--database', url.href], root);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('database "pausewatch_no_such_database" does not exist (create it with `createdb`, or check the database name in the URL)');
      expect(stderr).not.toContain('migration');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a PostgreSQL URL without a user name, where neither PGUSER nor USER gives one (cron, containers), says where to put one', async () => {
    const root = makeProject(seedsOnly);
    try {
      const url = new URL(PG_ADMIN_URL);
      url.username = '';
      url.password = '';
      const { code, stderr, stdout } = await pausewatch(['sources', '--pipeline', 'pipeline.ts', '--database', url.href], root, { USER: '', PGUSER: '', USERNAME: '' });
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('no PostgreSQL user name specified in startup packet (name one in the URL, as postgres://USER@host/db, or set PGUSER)');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('a PostgreSQL server that refuses the connection is named with what to check', async () => {
    const root = makeProject(seedsOnly);
    // a port nothing listens on: one the system just gave out and took back
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    try {
      const { code, stderr } = await pausewatch(['sources', '--pipeline', 'pipeline.ts', '--database', `postgres://postgres@127.0.0.1:${closed}/test`], root);
      expect(code).toBe(2);
      expect(stderr).toContain(`connect ECONNREFUSED 127.0.0.1:${closed} (is PostgreSQL running and listening at that host and port?)`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('--help lists the commands and exits 0', async () => {
    const { code, stdout } = await pausewatch(['--help'], repoRoot);
    expect(code).toBe(0);
    for (const command of ['run', 'digest', 'sources', 'articles', 'stories', 'score', 'extract', 'trends', 'label', 'rescore']) expect(stdout).toContain(command);
  });
});

describe('database and pipeline settings that name nothing to keep', () => {
  let root: string;
  beforeAll(() => {
    root = makeProject(seedsOnly);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('an empty DATABASE_URL (as an env file leaves it) is unset: the default database under the project is used', async () => {
    // the helper sets DATABASE_URL to '' for every command
    const result = await pausewatch(['run', '--pipeline', 'pipeline.ts', '--quiet'], root);
    expect(result.stderr).not.toMatch(/cannot open/);
    expect(result.code).toBe(0);
    expect(existsSync(path.join(root, 'data', 'pausewatch.db'))).toBe(true);
  });

  it.each([
    ['--database', 'a SQLite file or a postgres:// URL'],
    ['--pipeline', 'a pipeline file'],
  ])('an empty %s is a usage error naming the flag (exit 2)', async (flag, expected) => {
    const result = await pausewatch(['sources', '--pipeline', 'pipeline.ts', flag, ''], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`option '${flag} <`);
    expect(result.stderr).toContain(`It is empty: give ${expected}.`);
  });

  it('an in-memory SQLite database is refused, by flag or DATABASE_URL, before a run sends alerts or writes digests (exit 2)', async () => {
    const byFlag = await pausewatch(['run', '--pipeline', 'pipeline.ts', '--database', ':memory:'], root);
    expect(byFlag.code).toBe(2);
    expect(byFlag.stderr).toContain("option '--database <path-or-url>' argument ':memory:' is invalid. It names an in-memory SQLite database");
    const byEnvironment = await new Promise<Result>((resolve) => {
      execFile(process.execPath, [bin, 'run', '--pipeline', 'pipeline.ts'], { cwd: root, env: { ...process.env, DATABASE_URL: ':memory:' } }, (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
      );
    });
    expect(byEnvironment.code).toBe(2);
    expect(byEnvironment.stderr).toContain('pausewatch: DATABASE_URL is ":memory:": it names an in-memory SQLite database');
  });
});
