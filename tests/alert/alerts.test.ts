import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertPayload, deliverAlerts, shouldAlert, webhookChannel } from '../../src/alert/index.ts';
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

  it('alert on new on-topic coverage of a followed stance, not on copies, off-topic or unfollowed stances', () => {
    expect(shouldAlert(onTopic('support'), false, settings)).toBe(true);
    expect(shouldAlert(onTopic('support'), true, settings)).toBe(false);
    expect(shouldAlert(onTopic('neutral'), false, settings)).toBe(false);
    expect(shouldAlert(onTopic('oppose', 0.55), false, settings)).toBe(false);
    expect(shouldAlert(onTopic('oppose', 0.2), false, settings)).toBe(false);
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

    const refused = await deliverAlerts(store.db, 'p', [channel], () => new Date(at));
    expect(refused.sent).toBe(0);
    expect(refused.failed[0]?.error).toContain('HTTP 500');

    status = 200;
    const delivered = await deliverAlerts(store.db, 'p', [channel], () => new Date(at));
    expect(delivered.sent).toBe(1);
    const again = await deliverAlerts(store.db, 'p', [channel], () => new Date(at));
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

  it('names a webhook that cannot be reached, and why, without its secret path', async () => {
    const closed = await startServer({});
    const url = `${closed.url}/services/T0/B0/secret-token`;
    await closed.close();
    const error = await webhookChannel(url, 'json', {}).deliver(alertPayload({ id: 1, title: 't', url: 'https://x/a', outlet: 'S', publishedAt: null }, onTopic('support'))).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+\/… could not be reached: .*ECONNREFUSED/);
    expect((error as Error).message).not.toContain('secret-token');
  });
});
