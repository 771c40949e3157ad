import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alertEmail } from '../../src/alert/channels/email.ts';
import { alertPayload, deliverAlerts, type AlertChannel, type AlertPayload, type HeldNotice } from '../../src/alert/index.ts';
import { formatRunSummary, registerRun } from '../../src/cli/commands/run.ts';
import type { RunReport, ScoreResult } from '../../src/model/index.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import { bodyText, startSmtpServer, type SmtpServer } from '../helpers/smtp-server.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

const at = '2026-06-10T06:00:00.000Z';
const support: ScoreResult = {
  scorerVersion: 'v',
  relevance: { score: 0.9, relevant: true, evidence: [] },
  stance: { label: 'support', score: 0.5, confidence: 0.8, evidence: [{ sentence: 'A pause is overdue.', weight: 0.5 }] },
  voices: [],
};

describe.each(dialects)('alerts.maxPerRun in the outbox, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  beforeEach(async () => {
    database = await fresh();
    store = await openStore(database.target);
    await repo.syncSources(store.db, 'p', [{ id: 's', kind: 'feed', name: 'S', location: 'https://x/feed' }], at);
  });
  afterEach(async () => {
    await store?.close();
    await database?.drop();
  });

  /** An article published `minutesAgo` before `at` (null: undated), and its alert for `channel`. */
  async function alertFor(channel: string, key: string, minutesAgo: number | null, createdAt = at): Promise<number> {
    const publishedAt = minutesAgo === null ? null : new Date(Date.parse(at) - minutesAgo * 60_000).toISOString();
    const id = await repo.insertArticle(store.db, {
      pipeline_id: 'p', source_id: 's', item_key: key, url: `https://x/${key}`, canonical_url: `https://x/${key}`, title: key, byline: null,
      published_at: publishedAt, modified_at: null, fetched_at: at, lang: null, site_name: null, image: null, summary: null, text: 't', word_count: 1,
      partial: 0, content_hash: key, near_signature: '', topic_signature: '', duplicate_of: null, duplicate_reason: null, story_id: null,
      extract_error: null, updated_at: at,
    });
    const payload = alertPayload({ id, title: key, url: `https://x/${key}`, outlet: 'S', publishedAt }, support);
    await repo.enqueueAlert(store.db, { pipelineId: 'p', articleId: id, channel, payload, createdAt });
    return id;
  }

  const recording = (name: string, into: string[]): AlertChannel => ({
    name,
    async deliver(alert) {
      into.push(alert.title);
    },
    async deliverNotice(notice: HeldNotice) {
      into.push(`held ${notice.count}`);
    },
  });

  it('retries first, oldest first, up to the cap; those past it wait for the next run, and no new alert goes that run', async () => {
    for (const [key, ago] of [['old-1', 300], ['old-2', 200], ['old-3', 100]] as const) await alertFor('hook', key, ago);
    // refused in earlier runs (as an email's message of three is, as a whole)
    for (const { id } of await store.db.selectFrom('alerts').select('id').execute()) await repo.markAlertFailed(store.db, id, 'HTTP 500');
    const sent: string[] = [];
    const channel = recording('hook', sent);
    await alertFor('hook', 'new-undated', null);
    await alertFor('hook', 'new-1', 10);
    const report = await deliverAlerts(store.db, 'p', [channel], 72, () => new Date(at), undefined, 2);
    expect(sent).toEqual(['old-1', 'old-2', 'held 2']);
    expect(report.held).toEqual([{ channel: 'hook', count: 2, maxPerRun: 2, noticeSent: true, noticeError: null }]);
    const rows = await store.db.selectFrom('alerts').select(['payload', 'status']).orderBy('id').execute();
    expect(rows.map((row) => [(JSON.parse(row.payload) as AlertPayload).title, row.status])).toEqual([
      ['old-1', 'sent'], ['old-2', 'sent'], ['old-3', 'failed'], ['new-undated', 'held'], ['new-1', 'held'],
    ]);

    const next = await deliverAlerts(store.db, 'p', [channel], 72, () => new Date(at), undefined, 2);
    expect(sent).toEqual(['old-1', 'old-2', 'held 2', 'old-3']);
    expect(next).toMatchObject({ sent: 1, held: [] });
  });

  /** A run of the pipeline from `started` to `finished` (null: killed, never finished), as the runs table records it. */
  const recordRun = (started: string, finished: string | null) =>
    store.db.insertInto('runs').values({ pipeline_id: 'p', started_at: started, finished_at: finished, status: finished ? 'partial' : 'running', report: null, owner: null }).execute();

  it('never holds the alerts a finished earlier run chose and did not try (its channel had refused one): they come first', async () => {
    await recordRun('2026-06-10T04:59:00.000Z', '2026-06-10T05:01:00.000Z');
    const earlier = '2026-06-10T05:00:00.000Z';
    // chosen by the run that finished at 05:01, not tried after a refusal; published before today's news
    await alertFor('hook', 'untried-1', 300, earlier);
    await alertFor('hook', 'untried-2', 200, earlier);
    for (const [key, ago] of [['new-1', 30], ['new-2', 20], ['new-3', 10]] as const) await alertFor('hook', key, ago);
    const sent: string[] = [];
    const report = await deliverAlerts(store.db, 'p', [recording('hook', sent)], 72, () => new Date(at), undefined, 3, at);
    expect(sent).toEqual(['untried-1', 'untried-2', 'new-3', 'held 2']);
    expect(report.held).toEqual([{ channel: 'hook', count: 2, maxPerRun: 3, noticeSent: true, noticeError: null }]);
  });

  it('takes the alerts of an earlier run killed before it delivered for new ones: it chose none of them', async () => {
    await recordRun('2026-06-10T04:59:00.000Z', null);
    const earlier = '2026-06-10T05:00:00.000Z';
    await alertFor('hook', 'killed-1', 300, earlier);
    await alertFor('hook', 'killed-2', 200, earlier);
    for (const [key, ago] of [['new-1', 30], ['new-2', 20], ['new-3', 10]] as const) await alertFor('hook', key, ago);
    const sent: string[] = [];
    await deliverAlerts(store.db, 'p', [recording('hook', sent)], 72, () => new Date(at), undefined, 3, at);
    expect(sent).toEqual(['new-3', 'new-2', 'new-1', 'held 2']);
  });

  it('sends dated alerts newest first and undated ones after them, and holds each channel apart', async () => {
    await alertFor('a', 'undated', null);
    await alertFor('a', 'older', 60);
    await alertFor('a', 'newest', 1);
    await alertFor('a', 'middle', 30);
    await alertFor('b', 'only', 5);
    const toA: string[] = [];
    const toB: string[] = [];
    const report = await deliverAlerts(store.db, 'p', [recording('a', toA), recording('b', toB)], 72, () => new Date(at), undefined, 3);
    expect(toA).toEqual(['newest', 'middle', 'older', 'held 1']);
    expect(toB).toEqual(['only']);
    expect(report.held).toEqual([{ channel: 'a', count: 1, maxPerRun: 3, noticeSent: true, noticeError: null }]);
    expect(report.sentByChannel).toEqual([{ channel: 'a', count: 3 }, { channel: 'b', count: 1 }]);
  });

  it('holds alerts even when the notice is refused, and says why it was not sent', async () => {
    for (const [key, ago] of [['a1', 3], ['a2', 2], ['a3', 1]] as const) await alertFor('hook', key, ago);
    const sent: string[] = [];
    const channel: AlertChannel = {
      name: 'hook',
      deliver: async (alert) => void sent.push(alert.title),
      deliverNotice: async () => {
        throw new Error('HTTP 500');
      },
    };
    const report = await deliverAlerts(store.db, 'p', [channel], 72, () => new Date(at), undefined, 1);
    expect(sent).toEqual(['a3']);
    expect(report.held).toEqual([{ channel: 'hook', count: 2, maxPerRun: 1, noticeSent: false, noticeError: 'HTTP 500' }]);
    expect(report.failed).toEqual([]);
    expect((await deliverAlerts(store.db, 'p', [channel], 72, () => new Date(at), undefined, 1)).sent).toBe(0);
  });
});

describe('alerts.maxPerRun for an email channel', () => {
  let smtp: SmtpServer;
  let project: TempProject;
  afterEach(async () => {
    await project?.remove();
    await smtp?.close();
  });

  const today = () => new Date().toLocaleDateString('en-US', { month: 'long', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
  const texts = [
    'A coordinated pause of frontier AI development is overdue and must be verified by inspectors at every large lab.',
    'Leading AI labs should halt the largest training runs until a treaty on frontier AI is signed and enforced worldwide.',
    'A moratorium on frontier AI would give regulators in Brussels and Washington the time they need to write real rules.',
  ];

  it('lists the capped alerts in the run\'s one message, with a line counting the others; exit 0, and `run --json` says how many were held', async () => {
    smtp = await startSmtpServer();
    project = await tempProject({ name: 'alert-cap-email', database: freshSqlite, commands: [registerRun] });
    project.writePipeline({
      ...pipelineDefinition({ id: 'mail', name: 'Mail', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }),
      alerts: {
        maxPerRun: 1,
        channels: [{ type: 'email', id: 'desk', from: 'pausewatch@example.org', to: ['desk@example.org'], smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' } }],
      },
    });
    texts.forEach((text, n) => project.writeFile(`caps/${n}.txt`, `Pause piece ${n}\n\n${today()}\n\n${text}\n`));

    const first = await project.cli('run', '--json');
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as RunReport;
    expect(report).toMatchObject({ alertsSent: 1, alertsFailed: [], alertsOverCap: [{ channel: 'email "desk"', count: 2, maxPerRun: 1, noticeSent: true, noticeError: null }] });
    expect(smtp.received).toHaveLength(1);
    const body = bodyText(smtp.received[0]!.raw);
    expect(body).toContain('2 more new articles were not alerted here: over alerts.maxPerRun (1 a run).');

    const again = await project.cli('run');
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain('held');
    expect(smtp.received).toHaveLength(1);
  });

  it('puts the notice after the alerts, in text and HTML, escaped', () => {
    const alert = alertPayload({ id: 1, title: 'Labs <b>should</b> pause', url: 'https://x/a', outlet: 'S', publishedAt: null }, support);
    const mail = alertEmail([alert], { count: 40, maxPerRun: 25, key: 'k' });
    expect(mail.text.trimEnd().split('\n').at(-1)).toBe('40 more new articles were not alerted here: over alerts.maxPerRun (25 a run). The digest and `pausewatch articles` list them.');
    expect(mail.html).toContain('</ul>\n<p>40 more new articles were not alerted here: over alerts.maxPerRun (25 a run). The digest and `pausewatch articles` list them.</p></body>');
    expect(alertEmail([alert]).html).not.toContain('<p>');
  });
});

describe('the run summary of held alerts', () => {
  const report: RunReport = {
    runId: 1, pipelineId: 'p', startedAt: at, finishedAt: at, hostClockAheadSeconds: null, sources: [],
    articlesAdded: 30, alertsSent: 25, alertsSentByChannel: [{ channel: 'stdout', count: 25 }], articlesAlerted: 25, alertsFailed: [], alertsHeldBack: [], alertsAskedToWait: [], alertsExpired: [],
    alertsWaiting: [], alertsMoved: [], alertsWithdrawn: [], digestPaths: [], digestsFailed: [], digestEmailsSent: [], digestEmailsFailed: [], digestEmailsGivenUp: [], recipientsRefused: [],
    alertsOverCap: [
      { channel: 'stdout', count: 40, maxPerRun: 25, noticeSent: true, noticeError: null },
      { channel: 'webhook https://hooks.example/…', count: 40, maxPerRun: 25, noticeSent: false, noticeError: 'webhook https://hooks.example/… answered HTTP 500' },
    ],
  };

  it('says per channel how many were held over alerts.maxPerRun, whether the channel was told, and where they are listed', () => {
    const lines = formatRunSummary(report, '/', false).split('\n');
    expect(lines).toContain('  over cap     40 alerts over alerts.maxPerRun (25) for stdout, never sent: the channel was told how many; the digest and `pausewatch articles` list them');
    expect(lines).toContain(
      '  over cap     40 alerts over alerts.maxPerRun (25) for webhook https://hooks.example/…, never sent: the channel could not be told how many ' +
        '(webhook https://hooks.example/… answered HTTP 500); the digest and `pausewatch articles` list them',
    );
  });
});
