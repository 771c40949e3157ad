import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannels, digestKey } from '../../src/alert/index.ts';
import { formatRunSummary } from '../../src/cli/commands/run.ts';
import { definePipeline, type LoadedPipeline } from '../../src/config/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runHadFailures, runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { header, startSmtpServer, type SmtpServer } from '../helpers/smtp-server.ts';

const SUPPORT = 'Labs should pause frontier AI now\n\nDecember 1, 2026\n\nA coordinated pause of frontier AI development is overdue and must be verified.\n';

/**
 * The README's cron line: one run a day, at 06:00 in Brussels (05:00 UTC in December). A digest that run fails to send
 * has no later run that day: the next mornings' runs send it, up to three days after its day, then give it up, once.
 */
describe.each(dialects)('a daily digest email the morning run failed to send, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let smtp: SmtpServer;

  beforeEach(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'digest-email-retry-'));
    smtp = await startSmtpServer();
    mkdirSync(path.join(root, 'caps'), { recursive: true });
    writeFileSync(path.join(root, 'caps', 'a.txt'), SUPPORT);
  });
  afterEach(async () => {
    smtp?.release();
    await store?.close();
    await database?.drop();
    await smtp?.close();
    rmSync(root, { recursive: true, force: true });
  });

  function loadedWith(channels: object[]): LoadedPipeline {
    return {
      pipeline: definePipeline({
        id: 'mail',
        name: 'Pause watch',
        sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }],
        topic: { description: 'The pause', proposalTerms: ['pause'], contextTerms: ['frontier AI'] },
        digest: { dir: 'digests', timeZone: 'Europe/Brussels' },
        alerts: { channels } as never,
      }),
      file: path.join(root, 'pipeline.ts'),
      rootDir: root,
    };
  }

  const digestTo = (id: string, settings: object = {}) => ({
    type: 'email', id, from: 'pausewatch@example.org', to: [`${id}@example.org`], alerts: false, digest: true,
    smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' }, ...settings,
  });

  /** The morning run of `day` (06:00 in Brussels). */
  function morning(day: string, channels: object[]): Promise<RunReport> {
    const loaded = loadedWith(channels);
    const created = createChannels(loaded.pipeline.alerts, root, new PassThrough().resume(), loaded.file);
    return runPipeline({ loaded, store, channels: created, now: () => new Date(`${day}T05:00:00.000Z`), random: () => 0.5 });
  }

  /** The digest days each recipient received, in the order received. */
  const received = () => smtp.received.map((mail) => `${mail.to.join(',')} ${header(mail.raw, 'subject')!.match(/digest (\d{4}-\d\d-\d\d)/)![1]}`);
  const desk = 'email "desk"';

  it("sends a digest the only run of its morning could not send with the next morning's, oldest first, once each", async () => {
    const channels = [digestTo('desk')];
    await morning('2026-12-01', channels);
    expect((await morning('2026-12-02', channels)).digestEmailsSent).toEqual([{ channel: desk, date: '2026-12-01' }]);

    // an SMTP blip at 06:00 on the 3rd: no other run that day
    smtp.state.refuse = true;
    const blip = await morning('2026-12-03', channels);
    expect(blip.digestEmailsSent).toEqual([]);
    expect(blip.digestEmailsFailed).toEqual([{ channel: desk, date: '2026-12-02', error: expect.stringContaining('550 mailbox unavailable'), retryUntil: '2026-12-05' }]);
    expect(runHadFailures(blip)).toBe(true);
    // the next try is tomorrow's run, and it says until when the runs try
    expect(formatRunSummary(blip, root, false).split('\n')[0]).toMatch(
      /^ {2}FAILED {7}digest of 2026-12-02 not emailed by email "desk" \(SMTP server 127\.0\.0\.1:\d+: Message failed: 550 mailbox unavailable — the server refuses it for good \(5xx\): retries fail the same way until the addresses or the server's settings are fixed\); the next run tries again \(until 2026-12-05\)$/,
    );

    smtp.state.refuse = false;
    const next = await morning('2026-12-04', channels);
    expect(next).toMatchObject({ digestEmailsSent: [{ channel: desk, date: '2026-12-02' }, { channel: desk, date: '2026-12-03' }], digestEmailsFailed: [], digestEmailsGivenUp: [] });
    expect(runHadFailures(next)).toBe(false);
    expect(formatRunSummary(next, root, false).split('\n').slice(-2)).toEqual(['digest of 2026-12-02 emailed: email "desk"', 'digest of 2026-12-03 emailed: email "desk"']);
    expect(received()).toEqual(['desk@example.org 2026-12-01', 'desk@example.org 2026-12-02', 'desk@example.org 2026-12-03']);
    // each day's digest its own Message-ID, made from its day and this database's first run of the pipeline
    const firstRun = (await store.db.selectFrom('runs').select((eb) => eb.fn.min('started_at').as('at')).executeTakeFirstOrThrow()).at!;
    expect(smtp.received.map((mail) => header(mail.raw, 'message-id'))).toEqual(
      ['2026-12-01', '2026-12-02', '2026-12-03'].map((date) => `<pausewatch.${digestKey('mail', firstRun, date)}@example.org>`),
    );
    expect(digestKey('mail', '2026-11-30T05:00:00.000Z', '2026-12-01')).not.toBe(digestKey('mail', firstRun, '2026-12-01'));

    // re-run the same morning: nothing is sent twice
    expect((await morning('2026-12-04', channels)).digestEmailsSent).toEqual([]);
    expect(smtp.received).toHaveLength(3);
  });

  it('gives up a digest no run sent within three days of its day, and says so once', async () => {
    const channels = [digestTo('desk')];
    await morning('2026-12-01', channels);
    await morning('2026-12-02', channels);

    smtp.state.refuse = true;
    await morning('2026-12-03', channels);
    // a channel that refuses a day is not asked for the next in the same run, as for alerts
    const second = await morning('2026-12-04', channels);
    expect(second.digestEmailsFailed).toEqual([
      { channel: desk, date: '2026-12-02', error: expect.stringContaining('550 mailbox unavailable'), retryUntil: '2026-12-05' },
      { channel: desk, date: '2026-12-03', error: 'not tried after the digest of 2026-12-02 failed', retryUntil: '2026-12-06' },
    ]);
    expect((await morning('2026-12-05', channels)).digestEmailsFailed.map((failed) => failed.date)).toEqual(['2026-12-02', '2026-12-03', '2026-12-04']);

    smtp.state.refuse = false;
    const back = await morning('2026-12-06', channels);
    expect(back).toMatchObject({
      digestEmailsSent: [{ channel: desk, date: '2026-12-03' }, { channel: desk, date: '2026-12-04' }, { channel: desk, date: '2026-12-05' }],
      digestEmailsFailed: [],
      digestEmailsGivenUp: [{ channel: desk, date: '2026-12-02' }],
    });
    expect(runHadFailures(back)).toBe(true);
    expect(formatRunSummary(back, root, false).split('\n')[0]).toBe('  FAILED       digest of 2026-12-02 not emailed by email "desk", given up: no run sent it within 3 days');
    expect(received()).toEqual(['desk@example.org 2026-12-01', 'desk@example.org 2026-12-03', 'desk@example.org 2026-12-04', 'desk@example.org 2026-12-05']);

    // said once: the next runs neither send it nor report it again
    const later = await morning('2026-12-07', channels);
    expect(later).toMatchObject({ digestEmailsSent: [{ channel: desk, date: '2026-12-06' }], digestEmailsGivenUp: [] });
    expect(runHadFailures(later)).toBe(false);
    expect(await morning('2026-12-07', channels)).toMatchObject({ digestEmailsSent: [], digestEmailsGivenUp: [] });
  });

  it('sends a channel added today no backlog from before it existed, and gives up only its own missed days', async () => {
    await morning('2026-12-01', [digestTo('desk')]);
    await morning('2026-12-02', [digestTo('desk')]);
    // the desk's relay refuses the 3rd's morning: the 2nd's digest waits for it
    smtp.state.refuse = true;
    await morning('2026-12-03', [digestTo('desk')]);
    smtp.state.refuse = false;

    // the newsroom is added on the 4th: yesterday's digest, not the 2nd's, which the desk still gets
    const channels = [digestTo('desk'), digestTo('newsroom')];
    const added = await morning('2026-12-04', channels);
    expect(added).toMatchObject({
      digestEmailsSent: [{ channel: desk, date: '2026-12-02' }, { channel: desk, date: '2026-12-03' }, { channel: 'email "newsroom"', date: '2026-12-03' }],
      digestEmailsGivenUp: [],
    });

    // the relay is down on the 5th, then the machine is off on the 6th and 7th: the run of the 8th gives up the 4th's for
    // both, but not a day before the newsroom existed, sends the 5th's, and no digest of the days no run watched
    smtp.state.refuse = true;
    await morning('2026-12-05', channels);
    smtp.state.refuse = false;
    smtp.received.length = 0;
    const back = await morning('2026-12-08', channels);
    expect(back.digestEmailsGivenUp).toEqual([{ channel: desk, date: '2026-12-04' }, { channel: 'email "newsroom"', date: '2026-12-04' }]);
    expect(received().sort()).toEqual(['desk@example.org 2026-12-05', 'newsroom@example.org 2026-12-05']);
    expect(formatRunSummary(back, root, false).split('\n').slice(0, 2)).toEqual([
      '  FAILED       digest of 2026-12-04 not emailed by email "desk", given up: no run sent it within 3 days',
      '  FAILED       digest of 2026-12-04 not emailed by email "newsroom", given up: no run sent it within 3 days',
    ]);
  });

  it('mails no digest of the days the machine was off: no run watched them, so they would read as quiet days', async () => {
    const channels = [digestTo('desk')];
    await morning('2026-12-01', channels);
    await morning('2026-12-02', channels);
    // off from the 3rd to the 7th (so the 2nd's digest, due on the 3rd, was never sent); back on the 8th, then the 9th
    const back = await morning('2026-12-08', channels);
    expect(back).toMatchObject({ digestEmailsSent: [], digestEmailsFailed: [], digestEmailsGivenUp: [{ channel: desk, date: '2026-12-02' }] });
    expect((await morning('2026-12-09', channels)).digestEmailsSent).toEqual([{ channel: desk, date: '2026-12-08' }]);
    expect(received()).toEqual(['desk@example.org 2026-12-01', 'desk@example.org 2026-12-08']);
  });

  it('sends a channel whose digest was switched off and on again no digest of the days it was off, and gives none up', async () => {
    await morning('2026-12-01', [digestTo('desk')]);
    await morning('2026-12-02', [digestTo('desk')]);
    // for alerts only from the 3rd: a finished run without it
    for (const day of ['2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']) await morning(day, [digestTo('desk', { alerts: true, digest: false })]);
    const again = await morning('2026-12-07', [digestTo('desk')]);
    expect(again).toMatchObject({ digestEmailsSent: [{ channel: desk, date: '2026-12-06' }], digestEmailsFailed: [], digestEmailsGivenUp: [] });
    expect(received()).toEqual(['desk@example.org 2026-12-01', 'desk@example.org 2026-12-06']);
  });
});
