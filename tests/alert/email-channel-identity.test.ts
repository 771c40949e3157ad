import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alertPayload, deliverAlerts } from '../../src/alert/index.ts';
import { emailChannel } from '../../src/alert/channels/email.ts';
import type { ScoreResult } from '../../src/model/index.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import { startSmtpServer, type SmtpServer } from '../helpers/smtp-server.ts';
import { waitingAlert } from '../helpers/waiting-alert.ts';

const at = '2026-06-10T06:00:00.000Z';
const support: ScoreResult = {
  scorerVersion: 'v',
  relevance: { score: 0.9, relevant: true, evidence: [] },
  stance: { label: 'support', score: 0.5, confidence: 0.8, evidence: [{ sentence: 'A pause is overdue.', weight: 0.5 }] },
  voices: [],
};

describe('an email channel without an id', () => {
  let database: TestDatabase;
  let store: Store;
  let smtp: SmtpServer;

  beforeAll(async () => {
    database = await freshSqlite();
    store = await openStore(database.target);
    await repo.syncSources(store.db, 'p', [{ id: 's', kind: 'feed', name: 'S', location: 'https://x/feed' }], at);
  });
  afterEach(async () => {
    await store.db.deleteFrom('alerts').execute();
    await store.db.deleteFrom('digest_emails').execute();
    await smtp?.close();
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  const channelTo = (to: string[], more: { id?: string; digest?: boolean } = {}) =>
    emailChannel({ from: 'pausewatch@example.org', to, smtp: { host: '127.0.0.1', port: smtp.port, security: 'none' }, ...more });

  async function alertFor(channel: string, title: string): Promise<void> {
    await waitingAlert(store.db, { channel, title, at, payload: (id, url) => alertPayload({ id, title, url, outlet: 'S', publishedAt: null }, support) });
  }

  it('is the same channel whatever the order and case of its recipients: its waiting alerts go, and its digest is not mailed twice', async () => {
    smtp = await startSmtpServer();
    const before = channelTo(['policy@example.org', 'comms@example.org'], { digest: true });
    const reordered = channelTo(['Comms@Example.org', 'policy@example.org'], { digest: true });
    expect(reordered.name).toBe(before.name);
    expect(before.name).toBe('email:comms@example.org,policy@example.org');

    await alertFor(before.name, 'Waiting for the recipients as they were listed');
    // the day's digest went to them as they were listed: the digest of that day is not sent to the same set again
    await repo.recordDigestEmail(store.db, { pipelineId: 'p', channel: before.name, date: '2026-06-09', sentAt: at });
    expect(new Set((await repo.digestDaysEmailed(store.db, 'p', '2026-06-09', '2026-06-09')).keys()).has(reordered.name)).toBe(true);

    const report = await deliverAlerts(store.db, 'p', [reordered], 72, () => new Date(at));
    expect(report).toMatchObject({ sent: 1, waiting: [], failed: [] });
    expect(smtp.received).toHaveLength(1);
  });

  it('given an id, takes over the alerts and the digests sent under its recipients', async () => {
    smtp = await startSmtpServer();
    const before = channelTo(['comms@example.org', 'policy@example.org'], { digest: true });
    const named = channelTo(['comms@example.org', 'policy@example.org'], { digest: true, id: 'comms' });
    await alertFor(before.name, 'Waiting since before the id');
    await repo.recordDigestEmail(store.db, { pipelineId: 'p', channel: before.name, date: '2026-06-09', sentAt: at });
    const firstSeen = await repo.seeDigestChannel(store.db, { pipelineId: 'p', channel: before.name, at: '2026-06-01T06:00:00.000Z' });

    const report = await deliverAlerts(store.db, 'p', [named], 72, () => new Date(at));
    expect(report).toMatchObject({ sent: 1, waiting: [], moved: [{ from: 'email to comms@example.org, policy@example.org', to: 'email "comms"', count: 1 }] });
    expect(smtp.received).toHaveLength(1);
    expect(new Set((await repo.digestDaysEmailed(store.db, 'p', '2026-06-09', '2026-06-09')).keys())).toEqual(new Set(['email#comms']));
    // and it is the same channel for the digests it missed: seen since before the id, not new today without a backlog
    expect(await repo.seeDigestChannel(store.db, { pipelineId: 'p', channel: named.name, at })).toEqual(firstSeen);
  });
});
