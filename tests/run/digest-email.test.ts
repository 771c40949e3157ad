import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { formatRunSummary } from '../../src/cli/commands/run.ts';
import { definePipeline, type LoadedPipeline } from '../../src/config/index.ts';
import type { RunReport } from '../../src/model/index.ts';
import { runHadFailures, runPipeline } from '../../src/run/run-pipeline.ts';
import { RunStop } from '../../src/run/run-stop.ts';
import { digestDaysEmailed, openStore, type Store } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';
import { bodyText, header, startSmtpServer, type SmtpServer } from '../helpers/smtp-server.ts';

// dated: the undated items of a source's first read are its backlog, and raise no alert
const SUPPORT = 'Labs should pause frontier AI now\n\nDecember 1, 2026\n\nA coordinated pause of frontier AI development is overdue and must be verified.\n';
const OPPOSE = 'A pause would be a mistake\n\nDecember 1, 2026\n\nA pause of frontier AI development would be a costly mistake that hands the lead to rivals.\n';

/**
 * A pipeline of saved articles whose days are Brussels days: 2026-12-01T23:30Z is already 2 December there, so a run
 * then sends the digest of 1 December, which a run by UTC days would not yet.
 */
describe.each(dialects)('the daily digest by email, on $name', ({ fresh }) => {
  let database: TestDatabase;
  let store: Store;
  let root: string;
  let smtp: SmtpServer;

  beforeEach(async () => {
    database = await fresh();
    store = await openStore(database.target);
    root = mkdtempSync(path.join(os.tmpdir(), 'digest-email-'));
    smtp = await startSmtpServer();
  });
  afterEach(async () => {
    smtp?.release();
    await store?.close();
    await database?.drop();
    await smtp?.close();
    rmSync(root, { recursive: true, force: true });
  });

  function writeArticle(name: string, text: string): void {
    mkdirSync(path.join(root, 'caps'), { recursive: true });
    writeFileSync(path.join(root, 'caps', name), text);
  }

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

  const emailTo = (settings: object) => ({
    type: 'email', id: 'desk', from: 'pausewatch@example.org', to: ['analyst@example.org'], smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' }, ...settings,
  });

  function run(at: string, channelSettings: object[], stop?: RunStop): Promise<RunReport> {
    const loaded = loadedWith(channelSettings);
    const channels = createChannels(loaded.pipeline.alerts, root, new PassThrough().resume(), loaded.file);
    return runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, ...(stop ? { stop } : {}) });
  }

  const subjects = () => smtp.received.map((mail) => header(mail.raw, 'subject'));

  it("sends the day before's digest with the first run after local midnight, and no second one that day", async () => {
    writeArticle('a.txt', SUPPORT);
    writeArticle('b.txt', OPPOSE);
    const channels = [emailTo({ digest: true })];

    // the pipeline's first run: the day before it, nobody watched, so there is no digest of it to send
    const first = await run('2026-12-01T10:00:00.000Z', channels);
    expect(first.digestEmailsSent).toEqual([]);
    expect(subjects()).toEqual(['pausewatch: 2 new articles (1 support, 1 oppose)']);
    // 23:30 in Brussels: 1 December is not over
    expect((await run('2026-12-01T22:30:00.000Z', channels)).digestEmailsSent).toEqual([]);
    expect(smtp.received).toHaveLength(1);

    const afterMidnight = await run('2026-12-01T23:30:00.000Z', channels);
    expect(afterMidnight).toMatchObject({ digestEmailsSent: [{ channel: 'email "desk"', date: '2026-12-01' }], digestEmailsFailed: [] });
    expect(runHadFailures(afterMidnight)).toBe(false);
    expect(subjects()[1]).toBe('pausewatch digest 2026-12-01: Pause watch — 2 articles (1 support, 1 oppose, 0 neutral)');
    const digest = smtp.received[1]!;
    expect(digest.to).toEqual(['analyst@example.org']);
    const body = bodyText(digest.raw);
    expect(body).toMatch(/Content-Type: text\/plain[\s\S]*\nPause watch: digest for 2026-12-01\r?\n=+\r?\n[\s\S]*Labs should pause frontier AI now/);
    expect(body).toMatch(/Content-Type: text\/html[\s\S]*<h1>Pause watch: digest for 2026-12-01<\/h1>[\s\S]*A pause would be a mistake/);
    expect(formatRunSummary(afterMidnight, root, false).split('\n').at(-1)).toBe('digest of 2026-12-01 emailed: email "desk"');

    // the same day's later runs send nothing more
    expect((await run('2026-12-02T06:00:00.000Z', channels)).digestEmailsSent).toEqual([]);
    expect((await run('2026-12-02T06:00:00.000Z', channels)).digestEmailsSent).toEqual([]);
    expect(smtp.received).toHaveLength(2);
  });

  it('keeps a refused digest for the next run, and sends later a day no run reached after its end, oldest first', async () => {
    writeArticle('a.txt', SUPPORT);
    const channels = [emailTo({ alerts: false, digest: true })];
    await run('2026-12-01T10:00:00.000Z', channels);

    smtp.state.refuse = true;
    const refused = await run('2026-12-02T06:00:00.000Z', channels);
    expect(refused.digestEmailsSent).toEqual([]);
    expect(refused.digestEmailsFailed).toEqual([
      { channel: 'email "desk"', date: '2026-12-01', error: expect.stringMatching(/^SMTP server 127\.0\.0\.1:\d+: Message failed: 550 mailbox unavailable — the server refuses it for good \(5xx\): retries fail the same way until the addresses or the server's settings are fixed$/), retryUntil: '2026-12-04' },
    ]);
    expect(runHadFailures(refused)).toBe(true);
    expect(formatRunSummary(refused, root, false).split('\n')[0]).toMatch(
      /^ {2}FAILED {7}digest of 2026-12-01 not emailed by email "desk" \(SMTP server 127\.0\.0\.1:\d+: Message failed: 550 mailbox unavailable — the server refuses it for good \(5xx\): retries fail the same way until the addresses or the server's settings are fixed\); the next run tries again \(until 2026-12-04\)$/,
    );

    smtp.state.refuse = false;
    expect((await run('2026-12-02T07:00:00.000Z', channels)).digestEmailsSent).toEqual([{ channel: 'email "desk"', date: '2026-12-01' }]);
    expect((await run('2026-12-02T08:00:00.000Z', channels)).digestEmailsSent).toEqual([]);
    expect(subjects()).toEqual(['pausewatch digest 2026-12-01: Pause watch — 1 article (1 support, 0 oppose, 0 neutral)']);

    // a run late on the 3rd sends the 2nd's, and the 4th's the 3rd's (an empty day a run watched is mailed too, so a
    // quiet day reads apart from a broken job)
    await run('2026-12-03T22:00:00.000Z', channels);
    const later = await run('2026-12-04T06:00:00.000Z', channels);
    expect(later.digestEmailsSent).toEqual([{ channel: 'email "desk"', date: '2026-12-03' }]);
    expect(subjects()).toEqual([
      'pausewatch digest 2026-12-01: Pause watch — 1 article (1 support, 0 oppose, 0 neutral)',
      'pausewatch digest 2026-12-02: Pause watch — no on-topic articles',
      'pausewatch digest 2026-12-03: Pause watch — no on-topic articles',
    ]);
    expect(bodyText(smtp.received[2]!.raw)).toContain('No on-topic article was first seen on 2026-12-03.');

    // no run on the 5th: the 6th's sends the 4th's, which no run had sent, and nothing for the 5th, which nobody watched
    const dayOff = await run('2026-12-06T06:00:00.000Z', channels);
    expect(dayOff.digestEmailsSent).toEqual([{ channel: 'email "desk"', date: '2026-12-04' }]);
    expect(subjects()).toHaveLength(4);
  });

  it('sends a digest the server took for some recipients once, and names the recipients it refused and the server', async () => {
    await smtp.close();
    smtp = await startSmtpServer({
      onRcptTo(address, _session, done) {
        if (address.address === 'gone@example.org') return done(Object.assign(new Error('5.2.1 mailbox disabled'), { responseCode: 550 }));
        done();
      },
    });
    writeArticle('a.txt', SUPPORT);
    const channels = [emailTo({ alerts: false, digest: true, to: ['analyst@example.org', 'gone@example.org'] })];
    await run('2026-12-01T10:00:00.000Z', channels);

    const partly = await run('2026-12-02T06:00:00.000Z', channels);
    expect(partly).toMatchObject({
      digestEmailsSent: [{ channel: 'email "desk"', date: '2026-12-01' }],
      digestEmailsFailed: [],
      recipientsRefused: [{ channel: 'email "desk"', server: `127.0.0.1:${smtp.port}`, refused: [{ address: 'gone@example.org', reply: '550 5.2.1 mailbox disabled' }], alertIds: [], digestDate: '2026-12-01' }],
    });
    expect(runHadFailures(partly)).toBe(true);
    expect(formatRunSummary(partly, root, false).split('\n')[0]).toBe(
      `  FAILED       SMTP server 127.0.0.1:${smtp.port} refused gone@example.org (550 5.2.1 mailbox disabled) for the digest of 2026-12-01 by email "desk"; ` +
        'the other recipients got it, and it is not sent again',
    );
    expect(smtp.received.map((mail) => mail.to)).toEqual([['analyst@example.org']]);

    // the day's later runs do not send it again to the recipient who has it
    expect(await run('2026-12-02T07:00:00.000Z', channels)).toMatchObject({ digestEmailsSent: [], recipientsRefused: [] });
    expect(smtp.received).toHaveLength(1);
  });

  it('sends an email channel with alerts: false the digest and no alert, while the other channels get the alerts', async () => {
    writeArticle('a.txt', SUPPORT);
    writeArticle('b.txt', OPPOSE);
    const channels = [{ type: 'file', path: 'alerts.jsonl' }, emailTo({ alerts: false, digest: true })];

    const first = await run('2026-12-01T10:00:00.000Z', channels);
    expect(first.alertsSent).toBe(2);
    expect(readFileSync(path.join(root, 'alerts.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
    expect(smtp.received).toHaveLength(0);

    const next = await run('2026-12-02T06:00:00.000Z', channels);
    expect(next).toMatchObject({ alertsSent: 0, alertsWaiting: [], digestEmailsSent: [{ channel: 'email "desk"', date: '2026-12-01' }] });
    expect(subjects()).toEqual(['pausewatch digest 2026-12-01: Pause watch — 2 articles (1 support, 1 oppose, 0 neutral)']);
  });

  it('asked to stop while a digest email is under way, it sees the message through and records it: the next run does not send it again', async () => {
    writeArticle('a.txt', SUPPORT);
    const channels = [emailTo({ alerts: false, digest: true })];
    await run('2026-12-01T10:00:00.000Z', channels);

    smtp.state.hold = true;
    const stop = new RunStop();
    const interrupted = run('2026-12-02T06:00:00.000Z', channels, stop).catch((error: Error) => error);
    await smtp.messageHeld();
    expect(stop.underWay()).toEqual(['the digest email of 2026-12-01 to email "desk"']);
    const stopped = stop.request('interrupted by SIGTERM');
    smtp.release();
    await stopped;
    // the stop is done once the message is accepted and recorded: the process may end then
    expect(new Set((await digestDaysEmailed(store.db, 'mail', '2026-12-01', '2026-12-01')).keys())).toEqual(new Set(['email#desk']));
    await interrupted;
    expect(smtp.received).toHaveLength(1);

    expect((await run('2026-12-02T07:00:00.000Z', channels)).digestEmailsSent).toEqual([]);
    expect(smtp.received).toHaveLength(1);
  });
});
