import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertPayload, alertText, createChannels, deliverAlerts, shouldAlert, webhookChannel, type AlertChannel } from '../../src/alert/index.ts';
import { definePipeline } from '../../src/config/index.ts';
import type { ScoreResult } from '../../src/model/index.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';

const at = '2026-06-10T06:00:00.000Z';
const onTopic = (label: 'support' | 'oppose' | 'neutral', relevance = 0.9): ScoreResult => ({
  scorerVersion: 'v',
  relevance: { score: relevance, relevant: relevance >= 0.5, evidence: [] },
  stance: relevance >= 0.5 ? { label, score: 0.5, confidence: 0.8, evidence: [{ sentence: 'A pause is overdue.', weight: 0.5 }] } : null,
  voices: [],
});

describe('alert rules', () => {
  const settings = definePipeline({
    id: 'p', name: 'p', sources: [{ id: 's', kind: 'files', name: 's', glob: '*.txt' }],
    topic: { description: 'd', proposalTerms: ['pause'], contextTerms: ['AI'] },
    alerts: { minRelevance: 0.6, stances: ['support', 'oppose'] },
  }).alerts;

  const now = new Date(at);

  it('alert on new on-topic coverage of a followed stance, not on copies, off-topic or unfollowed stances', () => {
    expect(shouldAlert(onTopic('support'), false, settings, null, now)).toBe(true);
    expect(shouldAlert(onTopic('support'), true, settings, null, now)).toBe(false);
    expect(shouldAlert(onTopic('neutral'), false, settings, null, now)).toBe(false);
    expect(shouldAlert(onTopic('oppose', 0.55), false, settings, null, now)).toBe(false);
    expect(shouldAlert(onTopic('oppose', 0.2), false, settings, null, now)).toBe(false);
  });

  it('do not alert on a backlog: an article published longer ago than maxAgeHours (72 by default) is not news', () => {
    expect(settings.maxAgeHours).toBe(72);
    expect(shouldAlert(onTopic('support'), false, settings, '2026-06-07T07:00:00.000Z', now)).toBe(true);
    expect(shouldAlert(onTopic('support'), false, settings, '2026-06-07T05:00:00.000Z', now)).toBe(false);
    expect(shouldAlert(onTopic('support'), false, settings, '2025-12-01T00:00:00.000Z', now)).toBe(false);
  });

  it('take a date without a time at the end of its day: the item may have been published at any hour of it', () => {
    expect(shouldAlert(onTopic('support'), false, settings, '2026-06-07', now)).toBe(true);
    expect(shouldAlert(onTopic('support'), false, settings, '2026-06-06', now)).toBe(false);
  });

  it('say when the article was published, so a late find is not taken for fresh news', () => {
    const payload = alertPayload({ id: 1, title: 'Labs should pause', url: 'https://x/a', outlet: 'S', publishedAt: '2026-06-09T21:05:00.000Z' }, onTopic('support'));
    expect(alertText(payload)).toBe('[support +0.50] Labs should pause — S, 2026-06-09 21:05 UTC https://x/a');
  });
});

describe('a webhook channel', () => {
  let database: TestDatabase;
  let store: Store;
  let articleId: number;
  let status = 500;
  const received: { body: unknown; auth: string | undefined }[] = [];
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    server = await startServer({
      '/hook': (req, res) => {
        let body = '';
        req.on('data', (chunk) => (body += chunk));
        req.on('end', () => {
          if (status === 200) received.push({ body: JSON.parse(body), auth: req.headers.authorization });
          res.writeHead(status).end();
        });
      },
    });
    database = await freshSqlite();
    store = await openStore(database.target);
    await repo.syncSources(store.db, 'p', [{ id: 's', kind: 'feed', name: 'S', location: 'https://x/feed' }], at);
    articleId = await repo.insertArticle(store.db, {
      pipeline_id: 'p', source_id: 's', item_key: 'k', url: 'https://x/a', canonical_url: 'https://x/a', title: 'Labs should pause', byline: null,
      published_at: null, modified_at: null, fetched_at: at, lang: null, site_name: null, image: null, summary: null, text: 't', word_count: 1,
      partial: 0, content_hash: 'h', near_signature: '', topic_signature: '', duplicate_of: null, duplicate_reason: null, story_id: null,
      extract_error: null, updated_at: at,
    });
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
    await server?.close();
  });

  it('keeps an alert the receiver refused for the next run, then delivers it exactly once', async () => {
    const channel = webhookChannel(`${server.url}/hook`, 'slack', { authorization: 'Bearer secret' });
    const payload = alertPayload({ id: articleId, title: 'Labs should pause', url: 'https://x/a', outlet: 'S', publishedAt: null }, onTopic('support'));
    await repo.enqueueAlert(store.db, { pipelineId: 'p', articleId, channel: channel.name, payload, createdAt: at });

    const refused = await deliverAlerts(store.db, 'p', [channel], 72, () => new Date(at));
    expect(refused.sent).toBe(0);
    expect(refused.failed[0]?.error).toContain('HTTP 500');

    status = 200;
    const delivered = await deliverAlerts(store.db, 'p', [channel], 72, () => new Date(at));
    expect(delivered.sent).toBe(1);
    const again = await deliverAlerts(store.db, 'p', [channel], 72, () => new Date(at));
    expect(again.sent).toBe(0);

    expect(received).toEqual([{ body: { text: '[support +0.50] Labs should pause — S https://x/a' }, auth: 'Bearer secret' }]);
  });

  it('escapes a title for Slack, so it cannot ping a channel or disguise a link', async () => {
    const channel = webhookChannel(`${server.url}/hook`, 'slack', {});
    status = 200;
    received.length = 0;
    await channel.deliver(alertPayload({ id: 2, title: '<!channel> Pause <https://phish.example|anthropic.com> & more', url: 'https://x/b?a=1&b=2', outlet: 'S', publishedAt: null }, onTopic('support')));
    expect(received[0]?.body).toEqual({ text: '[support +0.50] &lt;!channel&gt; Pause &lt;https://phish.example|anthropic.com&gt; &amp; more — S https://x/b?a=1&amp;b=2' });
  });

  it('shows a date given without a time as that date, with no time made up', () => {
    const text = (publishedAt: string) => alertText(alertPayload({ id: 4, title: 'Labs should pause', url: 'https://x/d', outlet: 'S', publishedAt }, onTopic('support')));
    expect(text('2026-06-01')).toBe('[support +0.50] Labs should pause — S, 2026-06-01 https://x/d');
    expect(text('2026-06-01T09:30:00.000Z')).toBe('[support +0.50] Labs should pause — S, 2026-06-01 09:30 UTC https://x/d');
  });

  it('keeps a right-to-left override and line breaks in a title out of the Slack text, which would show the link reversed', async () => {
    const channel = webhookChannel(`${server.url}/hook`, 'slack', {});
    status = 200;
    received.length = 0;
    await channel.deliver(alertPayload({ id: 3, title: 'Pause vote\nat http://evil.example/x\u202egnp.exe', url: 'https://x/c', outlet: 'S', publishedAt: null }, onTopic('support')));
    expect(received[0]?.body).toEqual({ text: '[support +0.50] Pause vote at http://evil.example/xgnp.exe — S https://x/c' });
  });

  it('names a webhook that cannot be reached, and why, without its secret path', async () => {
    const closed = await startServer({});
    const url = `${closed.url}/services/T0/B0/secret-token`;
    await closed.close();
    const error = await webhookChannel(url, 'json', {}).deliver(alertPayload({ id: 1, title: 't', url: 'https://x/a', outlet: 'S', publishedAt: null }, onTopic('support'))).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+\/… could not be reached: .*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('secret-token');
  });
});

describe('the alert outbox', () => {
  let database: TestDatabase;
  let store: Store;
  let nextItem = 0;
  beforeAll(async () => {
    database = await freshSqlite();
    store = await openStore(database.target);
    await repo.syncSources(store.db, 'p', [{ id: 's', kind: 'feed', name: 'S', location: 'https://x/feed' }], at);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  /** A stored article with an alert waiting for each of `channels`, raised at `createdAt`. */
  async function alertFor(channels: readonly string[], title: string, createdAt = at): Promise<number> {
    const key = `k${++nextItem}`;
    const articleId = await repo.insertArticle(store.db, {
      pipeline_id: 'p', source_id: 's', item_key: key, url: `https://x/${key}`, canonical_url: `https://x/${key}`, title, byline: null,
      published_at: null, modified_at: null, fetched_at: createdAt, lang: null, site_name: null, image: null, summary: null, text: 't', word_count: 1,
      partial: 0, content_hash: key, near_signature: '', topic_signature: '', duplicate_of: null, duplicate_reason: null, story_id: null,
      extract_error: null, updated_at: createdAt,
    });
    const payload = alertPayload({ id: articleId, title, url: `https://x/${key}`, outlet: 'S', publishedAt: null }, onTopic('support'));
    for (const channel of channels) await repo.enqueueAlert(store.db, { pipelineId: 'p', articleId, channel, payload, createdAt });
    return articleId;
  }
  const recording = (name: string, fails: () => boolean, delivered: string[]): AlertChannel => ({
    name,
    async deliver(alert) {
      if (fails()) throw new Error(`${name} is down`);
      delivered.push(alert.title);
    },
  });
  const clear = () => store.db.deleteFrom('alerts').execute();

  it('keeps retrying an alert run after run for two days, then gives it up once, naming it', async () => {
    await clear();
    let down = true;
    const delivered: string[] = [];
    const channel = recording('flaky', () => down, delivered);
    await alertFor(['flaky'], 'Senators back a pause');
    // hourly runs for the first six hours: more than the five tries the outbox used to stop at, silently
    for (let hour = 0; hour < 6; hour++) {
      const report = await deliverAlerts(store.db, 'p', [channel], 72, () => new Date(Date.parse(at) + hour * 3_600_000));
      expect(report.failed).toHaveLength(1);
    }
    down = false;
    expect((await deliverAlerts(store.db, 'p', [channel], 72, () => new Date(Date.parse(at) + 7 * 3_600_000))).sent).toBe(1);
    expect(delivered).toEqual(['Senators back a pause']);

    down = true;
    await alertFor(['flaky'], 'Labs refuse a pause');
    await deliverAlerts(store.db, 'p', [channel], 72, () => new Date(Date.parse(at) + 3_600_000));
    const late = () => new Date(Date.parse(at) + 49 * 3_600_000);
    const givenUp = await deliverAlerts(store.db, 'p', [channel], 72, late);
    expect(givenUp).toMatchObject({ sent: 0, failed: [], expired: [{ channel: 'flaky', title: 'Labs refuse a pause', lastError: 'flaky is down', configured: true }] });
    down = false;
    expect(await deliverAlerts(store.db, 'p', [channel], 72, late)).toMatchObject({ sent: 0, expired: [] });
  });

  it('stops asking a channel that refused an alert until the next run, and serves the other channels meanwhile', async () => {
    await clear();
    let asked = 0;
    const hanging: AlertChannel = {
      name: 'hanging',
      async deliver() {
        asked += 1;
        throw new Error('timed out');
      },
    };
    const delivered: string[] = [];
    const console = recording('stdout', () => false, delivered);
    for (const title of ['One', 'Two', 'Three']) await alertFor(['hanging', 'stdout'], title);
    const report = await deliverAlerts(store.db, 'p', [hanging, console], 72, () => new Date(at));
    expect(asked).toBe(1);
    expect(delivered).toEqual(['One', 'Two', 'Three']);
    expect(report).toMatchObject({ sent: 3, failed: [{ channel: 'hanging', error: 'timed out' }], heldBack: [{ channel: 'hanging', count: 2 }] });
    const attempts = await store.db.selectFrom('alerts').select(['status', 'attempts']).where('channel', '=', 'hanging').orderBy('id').execute();
    expect(attempts).toEqual([{ status: 'failed', attempts: 1 }, { status: 'pending', attempts: 0 }, { status: 'pending', attempts: 0 }]);
  });

  it('says which alerts wait for a channel no longer in the pipeline, and a webhook with an id keeps its alerts when its URL changes', async () => {
    await clear();
    const pipeline = (url: string, id?: string) =>
      definePipeline({
        id: 'p', name: 'p', sources: [{ id: 's', kind: 'files', name: 's', glob: '*.txt' }],
        topic: { description: 'd', proposalTerms: ['pause'], contextTerms: ['AI'] },
        alerts: { channels: [{ type: 'webhook', url, ...(id ? { id } : {}) }] },
      }).alerts;
    const [old] = createChannels(pipeline('https://hooks.example/services/old-token'), '/', process.stderr);
    const [rotated] = createChannels(pipeline('https://hooks.example/services/new-token'), '/', process.stderr);
    await alertFor([old!.name], 'Waiting for the old URL');
    const stranded = await deliverAlerts(store.db, 'p', [{ ...rotated!, deliver: async () => {} }], 72, () => new Date(at));
    expect(stranded).toMatchObject({ sent: 0, waiting: [{ channel: 'webhook https://hooks.example/…', count: 1 }] });

    await clear();
    const [named] = createChannels(pipeline('https://hooks.example/services/old-token', 'newsroom'), '/', process.stderr);
    const [renamed] = createChannels(pipeline('https://hooks.example/services/new-token', 'newsroom'), '/', process.stderr);
    expect(renamed!.name).toBe(named!.name);
    await alertFor([named!.name], 'Follows the channel');
    const delivered: string[] = [];
    const report = await deliverAlerts(store.db, 'p', [{ name: renamed!.name, deliver: async (alert) => void delivered.push(alert.title) }], 72, () => new Date(at));
    expect(report).toMatchObject({ sent: 1, waiting: [] });
    expect(delivered).toEqual(['Follows the channel']);
  });

  it('rejects two webhooks with one id, naming the field', () => {
    expect(() =>
      definePipeline({
        id: 'p', name: 'p', sources: [{ id: 's', kind: 'files', name: 's', glob: '*.txt' }],
        topic: { description: 'd', proposalTerms: ['pause'], contextTerms: ['AI'] },
        alerts: { channels: [{ type: 'webhook', url: 'https://a.example/h', id: 'slack' }, { type: 'webhook', url: 'https://b.example/h', id: 'slack' }] },
      }),
    ).toThrow(/alerts\.channels\.1\.id|alerts\.channels\[1\]\.id/);
  });
});
