import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { definePipeline } from '../../src/config/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A capture saved again raises the alert a new article would when the edit makes it coverage to alert on (a copy
 * of an alerted text edited into an original of its own, an off-topic text edited into an on-topic one), once; an
 * edit that leaves that as it was raises none. Its copies are read again in the transaction that stores the edit, so
 * a failure between the two leaves neither, and the next run does both.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Articles on the pause, in words of their own: none copies another or reports the same event. */
const AGAINST_PAUSE =
  'David Sacks, the White House adviser, rejected the proposed moratorium in Washington on Wednesday. "A moratorium is ' +
  'the worst idea I have heard this year," Sacks said. "It would hand the lead to China and do nothing for safety." Senators called a moratorium on frontier AI naive and unworkable.';
const FOR_PAUSE =
  'More than two thousand scientists meeting in Geneva signed an open letter on Friday backing a halt to the training of the largest models. ' +
  '"We strongly support a halt," said Maria Keller, a Zurich physicist who organised the letter. "It is overdue and necessary." ' +
  'The signatories asked the United Nations to verify a halt of frontier AI development.';
const UNIONS =
  'Trade unions said on Monday that they support a coordinated pause of frontier AI development. Their leaders argued that AI labs should halt ' +
  'the largest training runs until safety rules exist, and they urged ministers to make the moratorium binding.';
const COUNCIL =
  'The city council voted to endorse the global moratorium on frontier AI training runs. Councillors said a pause is the responsible course ' +
  'and that AI labs must accept independent checks before any halt is lifted.';
const CHURCH =
  'Church leaders from several denominations called for a halt to frontier AI development. They support the proposed pause, saying AI labs ' +
  'owe the public time to debate the risks of ever larger training runs.';
const STUDENTS =
  'Students rallied outside parliament in support of a pause on frontier AI. Speakers demanded that AI labs agree to the moratorium and that ' +
  'training runs of the largest models stop until they are proven safe.';
/** Off the topic: nothing on the pause. */
const BAKERY =
  'A family bakery on the high street celebrated its fiftieth year on Saturday with free bread for every customer. The owners said the ' +
  'secret of their sourdough is patience, and that their grandchildren will take over the ovens next spring.';
const MARATHON =
  'Thousands of runners crossed the river bridges on Sunday as the city marathon returned after two years. The winner finished in just over ' +
  'two hours and eight minutes, and volunteers handed out water and oranges along the whole route.';
const FLOODS =
  'Heavy rain flooded the valley roads overnight, and the fire brigade pumped water out of forty cellars by the morning. Farmers said the ' +
  'harvest of early potatoes is lost, and the regional council promised to pay for new drains before the autumn.';

/** A text capture: headline, an optional dateline, the story. */
const capture = (title: string, text: string, dateline = '') => `${title}\n\n${dateline ? `${dateline}\n\n` : ''}${text}\n`;
const DATELINE = 'June 9, 2026';

interface Hook {
  articleId: number;
  title: string;
}

async function setUp(fresh: (typeof dialects)[number]['fresh'], sources: { id: string; glob: string }[] = [{ id: 'caps', glob: 'caps/*.txt' }]) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-edited-capture-alert-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const database = await fresh();
  cleanups.push(() => database.drop());
  const store: Store = await openStore(database.target);
  cleanups.push(() => store.close());
  // a webhook on this machine, noting each alert it takes
  const hooks: Hook[] = [];
  const server = await startServer({
    '/hook': (req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const { articleId, title } = JSON.parse(body) as Hook;
        hooks.push({ articleId, title });
        res.writeHead(200).end();
      });
    },
  });
  cleanups.push(() => server.close());
  const pipeline = definePipeline({
    id: 'edited-capture-alert',
    name: 'Edited capture alert',
    sources: sources.map(({ id, glob }) => ({ id, kind: 'files' as const, name: `Captures ${id}`, glob })),
    topic: { description: 'The proposed pause of frontier AI development', proposalTerms: ['pause', 'moratorium', 'halt'], contextTerms: ['frontier AI', 'AI labs'] },
    digest: { timeZone: 'UTC' },
    alerts: { channels: [{ type: 'webhook', url: `${server.url}/hook`, format: 'json' }] },
  });
  const loaded = { file: path.join(root, 'p.ts'), rootDir: root, pipeline };
  for (const { glob } of sources) mkdirSync(path.join(root, path.dirname(glob)), { recursive: true });
  const write = (name: string, content: string) => writeFileSync(path.join(root, name.includes('/') ? name : `caps/${name}`), content);
  const channels = createChannels(pipeline.alerts, root, new PassThrough().resume());
  let hour = 6;
  /**
   * One run, an hour after the one before: its report, and the alerts the webhook took during it. `noChannels`: a
   * run given no channel to alert on, as when the pipeline had none.
   */
  const run = async ({ noChannels = false } = {}): Promise<{ report: RunReport; alerted: string[] }> => {
    const at = new Date(`2026-06-10T${String(hour++).padStart(2, '0')}:00:00.000Z`);
    const before = hooks.length;
    const report = await runPipeline({ loaded, store, channels: noChannels ? [] : channels, now: () => at, random: () => 0.5 });
    return { report, alerted: hooks.slice(before).map((hook) => hook.title) };
  };
  /** Each capture's article by file name: its id, whose copy it is (by file name) and its title. */
  const articles = async () => {
    const rows = await store.db.selectFrom('articles').select(['id', 'item_key', 'duplicate_of', 'title']).orderBy('id').execute();
    const nameOf = new Map(rows.map((row) => [row.id, path.basename(row.item_key)]));
    return Object.fromEntries(
      rows.map((row) => [path.basename(row.item_key), { id: row.id, copyOf: row.duplicate_of === null ? null : nameOf.get(row.duplicate_of)!, title: row.title }]),
    );
  };
  /** The outbox: which article each alert is about (by file name), and its state. */
  const outbox = async () => {
    const names = new Map(Object.entries(await articles()).map(([name, { id }]) => [id, name]));
    const rows = await store.db.selectFrom('alerts').select(['article_id', 'status']).orderBy('id').execute();
    return rows.map((row) => [names.get(row.article_id), row.status]);
  };
  /** The latest relevance of a capture's article, by file name. */
  const relevance = async (name: string) =>
    Number(
      (
        await store.db
          .selectFrom('stance_scores')
          .innerJoin('articles', 'articles.id', 'stance_scores.article_id')
          .select('stance_scores.relevance')
          .where('articles.item_key', 'like', `%${name}`)
          .orderBy('stance_scores.id', 'desc')
          .executeTakeFirstOrThrow()
      ).relevance,
    );
  return { store, write, run, articles, outbox, hooks, relevance };
}

describe.each(dialects)('an edited capture and its alert, on $name', ({ fresh }) => {
  it('a copy of an alerted article edited into an on-topic original of its own raises its alert once: not on later runs, nor for a correction', async () => {
    const { write, run, articles, outbox, hooks } = await setUp(fresh);
    write('a.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE, DATELINE));
    write('b.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE, DATELINE));
    const first = await run();
    expect(first.report.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 2, duplicates: 1 });
    // the copy is covered by its original's alert
    expect(first.alerted).toEqual(['Sacks rejects the moratorium']);
    expect((await articles())['b.txt']).toMatchObject({ copyOf: 'a.txt' });

    write('b.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE, DATELINE));
    const second = await run();
    expect(second.report.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 0, articlesUpdated: 1 });
    expect(second.report.alertsFailed).toEqual([]);
    const b = (await articles())['b.txt']!;
    expect(b).toMatchObject({ copyOf: null, title: 'Scientists sign a letter for a halt' });
    expect(second.alerted).toEqual(['Scientists sign a letter for a halt']);
    expect(hooks.at(-1)!.articleId).toBe(b.id);

    // read again unchanged: nothing to update, nothing to alert
    const third = await run();
    expect(third.report.sources[0]).toMatchObject({ articlesUpdated: 0 });
    expect(third.alerted).toEqual([]);

    // a correction of the alerted article: updated, not alerted again
    write('b.txt', capture('Scientists sign a letter for a halt', `${FOR_PAUSE} Correction: the letter was signed on Thursday, not Friday.`, DATELINE));
    const fourth = await run();
    expect(fourth.report.sources[0]).toMatchObject({ articlesUpdated: 1 });
    expect(fourth.alerted).toEqual([]);
    expect(await outbox()).toEqual([['a.txt', 'sent'], ['b.txt', 'sent']]);
  });

  it('raises one only when the edit makes the capture coverage to alert on: not for an alerted copy, an off-topic text or the backlog', async () => {
    const { write, run, articles, outbox, relevance } = await setUp(fresh);
    // the folder's first read: undated, its backlog, which raises no alert
    write('a.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE));
    write('n.txt', capture('Bakery turns fifty', BAKERY));
    write('k.txt', capture('Marathon returns', MARATHON));
    expect((await run()).alerted).toEqual([]);

    // undated copies stored after it are news: the copy of a text that raised none is judged on its own
    write('b.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE));
    write('o.txt', capture('Valley roads flooded', FLOODS));
    const second = await run();
    expect((await articles())['b.txt']).toMatchObject({ copyOf: 'a.txt' });
    expect(second.alerted).toEqual(['Sacks rejects the moratorium']);

    // the original edited into another on-topic article, dated: its copy's alert was about the text it had, so it
    // raises its own; the copy, no longer a copy of it, keeps its alert and raises no other
    write('a.txt', capture('Unions back the pause', UNIONS, DATELINE));
    const third = await run();
    expect(third.report.sources[0]).toMatchObject({ outcome: 'ok', articlesUpdated: 1 });
    expect(await articles()).toMatchObject({ 'a.txt': { copyOf: null }, 'b.txt': { copyOf: null } });
    expect(third.alerted).toEqual(['Unions back the pause']);

    // the alerted copy edited into another article: it raised one, it raises no other; an off-topic text edited
    // into an on-topic one, dated, raises its alert; off-topic edited into off-topic, and backlog edited into
    // backlog, raise none
    write('b.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE, DATELINE));
    write('n.txt', capture('Council endorses the moratorium', COUNCIL, DATELINE));
    write('o.txt', capture('Valley roads flooded', `${FLOODS} More rain is expected on Thursday.`));
    write('k.txt', capture('Church leaders call for a halt', CHURCH));
    const fourth = await run();
    expect(fourth.report.sources[0]).toMatchObject({ outcome: 'ok', articlesUpdated: 4 });
    expect(fourth.alerted).toEqual(['Council endorses the moratorium']);
    // the backlog capture is on the topic now, as relevant as the one alerted: undated, it is still the backlog
    expect(await relevance('k.txt')).toBeGreaterThanOrEqual(0.5);
    expect(await relevance('o.txt')).toBeLessThan(0.5);

    expect((await run()).alerted).toEqual([]);

    // coverage that was due when no channel took alerts, corrected once one does: the edit does not make it due
    write('x.txt', capture('Students rally for the pause', STUDENTS, DATELINE));
    expect((await run({ noChannels: true })).report.sources[0]).toMatchObject({ articlesAdded: 1 });
    write('x.txt', capture('Students rally for the pause', `${STUDENTS} Their petition has ten thousand names.`, DATELINE));
    const corrected = await run();
    expect(corrected.report.sources[0]).toMatchObject({ articlesUpdated: 1 });
    expect(corrected.alerted).toEqual([]);
    expect(await outbox()).toEqual([['b.txt', 'sent'], ['a.txt', 'sent'], ['n.txt', 'sent']]);
  });

  it('reads the copies of an edited capture again in the transaction of its edit: a failure between them leaves neither, and the next run does both', async () => {
    const { store, write, run, articles, outbox } = await setUp(fresh, [
      { id: 'caps', glob: 'caps/*.txt' },
      { id: 'later', glob: 'later/*.txt' },
    ]);
    write('a.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE, DATELINE));
    write('b.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE, DATELINE));
    write('c.txt', capture('Sacks rejects the moratorium', AGAINST_PAUSE, DATELINE));
    expect((await run()).alerted).toEqual(['Sacks rejects the moratorium']);
    const stored = await articles();
    expect([stored['b.txt']!.copyOf, stored['c.txt']!.copyOf]).toEqual(['a.txt', 'a.txt']);

    // the database refuses any change to the first copy, as a crash would cut the run short there
    const fail = (id: number) =>
      store.dialect === 'sqlite'
        ? [`CREATE TRIGGER refuse_copy BEFORE UPDATE ON articles WHEN NEW.id = ${id} BEGIN SELECT RAISE(ABORT, 'cut short'); END`]
        : [
            `CREATE FUNCTION refuse_copy() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'cut short'; END $$`,
            `CREATE TRIGGER refuse_copy BEFORE UPDATE ON articles FOR EACH ROW WHEN (NEW.id = ${id}) EXECUTE FUNCTION refuse_copy()`,
          ];
    for (const statement of fail(stored['b.txt']!.id)) await sql.raw(statement).execute(store.db);
    write('a.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE, DATELINE));
    // a source listed after it, in the same run, sees the articles as stored: the edit that failed is not its original
    write('later/d.txt', capture('Scientists sign a letter for a halt', FOR_PAUSE, DATELINE));
    const cut = await run();
    expect(cut.report.sources.map((s) => [s.sourceId, s.outcome, s.articlesUpdated])).toEqual([['caps', 'failed', 0], ['later', 'ok', 0]]);
    const afterCut = await articles();
    expect(afterCut).toMatchObject({
      'a.txt': { title: 'Sacks rejects the moratorium', copyOf: null },
      'b.txt': { copyOf: 'a.txt' },
      'c.txt': { copyOf: 'a.txt' },
      'd.txt': { copyOf: null },
    });
    expect(cut.alerted).toEqual(['Scientists sign a letter for a halt']);

    const drop = store.dialect === 'sqlite' ? ['DROP TRIGGER refuse_copy'] : ['DROP TRIGGER refuse_copy ON articles', 'DROP FUNCTION refuse_copy()'];
    for (const statement of drop) await sql.raw(statement).execute(store.db);
    const next = await run();
    expect(next.report.sources[0]).toMatchObject({ outcome: 'ok', articlesUpdated: 1 });
    // the edit, and its copies read again: the first is the original of the old text now
    expect(await articles()).toMatchObject({
      'a.txt': { title: 'Scientists sign a letter for a halt', copyOf: 'd.txt' },
      'b.txt': { copyOf: null },
      'c.txt': { copyOf: 'b.txt' },
    });
    // the edited capture copies an alerted text now, and had raised its own: nothing to alert
    expect(next.alerted).toEqual([]);
    expect(await outbox()).toEqual([['a.txt', 'sent'], ['d.txt', 'sent']]);
  });
});
