import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alertPayload, deliverAlerts, type AlertChannel } from '../../src/alert/index.ts';
import type { ScoreResult } from '../../src/model/index.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';

/**
 * Sources are stored as each finishes, so a recent copy of a syndicated text can become the original (and raise an
 * alert) before the older copy is stored as its duplicate. The outbox, delivering after every source, takes such
 * an alert back when the older copy is past alerts.maxAgeHours.
 */
const now = '2026-12-02T06:00:00.000Z';
const MAX_AGE_HOURS = 72;
const supporting: ScoreResult = {
  scorerVersion: 'v',
  relevance: { score: 0.9, relevant: true, evidence: [] },
  stance: { label: 'support', score: 0.5, confidence: 0.8, evidence: [{ sentence: 'A pause is overdue.', weight: 0.5 }] },
  voices: [],
};

describe('the alert outbox and syndicated copies older than the alerted article', () => {
  let database: TestDatabase;
  let store: Store;
  let nextItem = 0;
  beforeAll(async () => {
    database = await freshSqlite();
    store = await openStore(database.target);
    await repo.syncSources(store.db, 'p', [{ id: 's', kind: 'feed', name: 'S', location: 'https://x/feed' }], now);
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });
  beforeEach(async () => {
    await store.db.deleteFrom('alerts').execute();
  });

  async function storeArticle(title: string, publishedAt: string | null, duplicateOf: number | null = null): Promise<number> {
    const key = `k${++nextItem}`;
    return repo.insertArticle(store.db, {
      pipeline_id: 'p', source_id: 's', item_key: key, url: `https://x/${key}`, canonical_url: `https://x/${key}`, title, byline: null,
      published_at: publishedAt, modified_at: null, fetched_at: now, lang: null, site_name: null, image: null, summary: null, text: 't', word_count: 1,
      partial: 0, content_hash: key, near_signature: '', topic_signature: '', duplicate_of: duplicateOf, duplicate_reason: duplicateOf === null ? null : 'content_hash',
      story_id: null, extract_error: null, updated_at: now,
    });
  }

  /** An article alerted on `channels`, published at `publishedAt`, and a syndicated copy of it published at `copyPublishedAt`. */
  async function alertedWithCopy(title: string, publishedAt: string | null, copyPublishedAt: string, channels: readonly string[]): Promise<number> {
    const articleId = await storeArticle(title, publishedAt);
    const payload = alertPayload({ id: articleId, title, url: `https://x/${articleId}`, outlet: 'Opinion Hub', publishedAt }, supporting);
    for (const channel of channels) await repo.enqueueAlert(store.db, { pipelineId: 'p', articleId, channel, payload, createdAt: now });
    await storeArticle(`${title} (Tech Daily)`, copyPublishedAt, articleId);
    return articleId;
  }

  const recording = (name: string, delivered: string[], fails = () => false): AlertChannel => ({
    name,
    async deliver(alert) {
      if (fails()) throw new Error(`${name} is down`);
      delivered.push(alert.title);
    },
  });
  const statuses = (articleId: number) => store.db.selectFrom('alerts').select(['channel', 'status']).where('article_id', '=', articleId).orderBy('id').execute();

  it('withdraws an alert whose article has an older copy past maxAgeHours, reports it once, and delivers it never', async () => {
    const delivered: string[] = [];
    const channels = [recording('file:alerts.jsonl', delivered), recording('stdout', delivered)];
    const articleId = await alertedWithCopy('Labs should pause now', '2026-12-01T23:30:00.000Z', '2026-11-19T08:00:00.000Z', ['file:alerts.jsonl', 'stdout']);

    const first = await deliverAlerts(store.db, 'p', channels, MAX_AGE_HOURS, () => new Date(now));
    expect(first).toMatchObject({ sent: 0, failed: [], expired: [], heldBack: [], waiting: [] });
    expect(first.withdrawn).toEqual([
      { alertId: expect.any(Number), channel: 'file:alerts.jsonl', title: 'Labs should pause now', firstPublished: '2026-11-19T08:00:00.000Z' },
      { alertId: expect.any(Number), channel: 'stdout', title: 'Labs should pause now', firstPublished: '2026-11-19T08:00:00.000Z' },
    ]);
    expect(delivered).toEqual([]);
    expect(await statuses(articleId)).toEqual([{ channel: 'file:alerts.jsonl', status: 'withdrawn' }, { channel: 'stdout', status: 'withdrawn' }]);

    const second = await deliverAlerts(store.db, 'p', channels, MAX_AGE_HOURS, () => new Date(Date.parse(now) + 3_600_000));
    expect(second).toMatchObject({ sent: 0, withdrawn: [], expired: [] });
    expect(delivered).toEqual([]);
  });

  it('withdraws an undated article\'s alert when a dated copy is past maxAgeHours', async () => {
    const delivered: string[] = [];
    await alertedWithCopy('An undated capture', null, '2026-11-19T08:00:00.000Z', ['stdout']);
    const report = await deliverAlerts(store.db, 'p', [recording('stdout', delivered)], MAX_AGE_HOURS, () => new Date(now));
    expect(report).toMatchObject({ sent: 0, withdrawn: [{ channel: 'stdout', title: 'An undated capture', firstPublished: '2026-11-19T08:00:00.000Z' }] });
    expect(delivered).toEqual([]);
  });

  it('sends the alert when the older copy is within maxAgeHours, or the copy is newer than the article, and withdraws only the stale one', async () => {
    const delivered: string[] = [];
    // 66 h before the delivery: older than the article, but still news
    await alertedWithCopy('Copy within the age', '2026-12-01T23:30:00.000Z', '2026-11-29T12:00:00.000Z', ['stdout']);
    // both past the age, but the copy came later: the article's own date is what the alert rule judged
    await alertedWithCopy('Copy newer than the article', '2026-11-18T10:00:00.000Z', '2026-11-19T08:00:00.000Z', ['stdout']);
    // an undated copy says nothing about when the coverage appeared
    const undatedCopy = await storeArticle('Undated copy original', '2026-12-01T23:30:00.000Z');
    await repo.enqueueAlert(store.db, {
      pipelineId: 'p', articleId: undatedCopy, channel: 'stdout', createdAt: now,
      payload: alertPayload({ id: undatedCopy, title: 'Undated copy original', url: 'https://x/u', outlet: 'S', publishedAt: null }, supporting),
    });
    await storeArticle('Undated copy', null, undatedCopy);
    await alertedWithCopy('Stale coverage', '2026-12-01T23:30:00.000Z', '2026-11-28T05:00:00.000Z', ['stdout']);

    const report = await deliverAlerts(store.db, 'p', [recording('stdout', delivered)], MAX_AGE_HOURS, () => new Date(now));
    expect(report).toMatchObject({ sent: 3, failed: [], withdrawn: [{ title: 'Stale coverage', firstPublished: '2026-11-28T05:00:00.000Z' }] });
    expect(report.withdrawn).toHaveLength(1);
    expect(delivered).toEqual(['Copy within the age', 'Copy newer than the article', 'Undated copy original']);
  });

  it('does not withdraw an alert a channel was already asked to take: it is retried as before, while an untried one is withdrawn', async () => {
    const delivered: string[] = [];
    let down = true;
    const channel = recording('webhook#newsroom', delivered, () => down);
    const articleId = await storeArticle('Tried once', '2026-12-01T23:30:00.000Z');
    await repo.enqueueAlert(store.db, {
      pipelineId: 'p', articleId, channel: channel.name, createdAt: now,
      payload: alertPayload({ id: articleId, title: 'Tried once', url: 'https://x/t', outlet: 'S', publishedAt: '2026-12-01T23:30:00.000Z' }, supporting),
    });
    expect((await deliverAlerts(store.db, 'p', [channel], MAX_AGE_HOURS, () => new Date(now))).failed).toHaveLength(1);
    // the older copies are stored by the next run, which also raises an alert that no channel has seen yet
    await storeArticle('Tried once (older copy)', '2026-11-19T08:00:00.000Z', articleId);
    await alertedWithCopy('Never tried', '2026-12-01T23:30:00.000Z', '2026-11-19T08:00:00.000Z', [channel.name]);

    down = false;
    const report = await deliverAlerts(store.db, 'p', [channel], MAX_AGE_HOURS, () => new Date(Date.parse(now) + 3_600_000));
    expect(report).toMatchObject({ sent: 1, failed: [], withdrawn: [{ channel: 'webhook "newsroom"', title: 'Never tried' }] });
    expect(report.withdrawn).toHaveLength(1);
    expect(delivered).toEqual(['Tried once']);
  });
});
