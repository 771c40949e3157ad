import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alertPayload, createChannels, deliverAlerts, fileChannel, webhookChannel, type AlertChannel } from '../../src/alert/index.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { definePipeline } from '../../src/config/index.ts';
import type { ScoreResult } from '../../src/model/index.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { freshSqlite, type TestDatabase } from '../helpers/databases.ts';
import { startServer, type Route } from '../helpers/http-server.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';
import { waitingAlert } from '../helpers/waiting-alert.ts';

const at = '2026-06-10T06:00:00.000Z';
const now = () => new Date(at);
const support: ScoreResult = {
  scorerVersion: 'v',
  relevance: { score: 0.9, relevant: true, evidence: [] },
  stance: { label: 'support', score: 0.5, confidence: 0.8, evidence: [{ sentence: 'A pause is overdue.', weight: 0.5 }] },
  voices: [],
};
const payload = (id = 1, title = 'Labs should pause') => alertPayload({ id, title, url: 'https://x/a', outlet: 'S', publishedAt: null }, support);

/** What a receiver got: its headers and its body as JSON. */
interface Received {
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** A route that records each request, then answers as `answer` says (status, headers, body) for the n-th request (0-based). */
function recording(received: Received[], answer: (n: number) => { status: number; headers?: Record<string, string>; body?: string }): Route {
  return (req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const n = received.length;
      received.push({ headers: req.headers, body: JSON.parse(body) as Record<string, unknown> });
      const { status, headers = {}, body: answerBody = '' } = answer(n);
      res.writeHead(status, headers).end(answerBody);
    });
  };
}

const errorOf = (work: Promise<unknown>) => work.then(() => null, (error: Error) => error.message);

describe('a webhook channel, delivering through the outbox', () => {
  let database: TestDatabase;
  let store: Store;
  const servers: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    database = await freshSqlite();
    store = await openStore(database.target);
    await repo.syncSources(store.db, 'p', [{ id: 's', kind: 'feed', name: 'S', location: 'https://x/feed' }], at);
  });
  afterEach(async () => {
    await store.db.deleteFrom('alerts').execute();
    for (const server of servers.splice(0)) await server.close();
  });
  afterAll(async () => {
    await store?.close();
    await database?.drop();
  });

  async function serve(routes: Record<string, Route>) {
    const server = await startServer(routes);
    servers.push(server);
    return server;
  }

  /** A stored article with an alert waiting for the channel named `channel`; the alert's id. */
  function alertFor(channel: string, title = 'Labs should pause'): Promise<number> {
    return waitingAlert(store.db, { channel, title, at, payload: (articleId) => payload(articleId, title) });
  }
  const lastError = async (id: number) => (await store.db.selectFrom('alerts').select('last_error').where('id', '=', id).executeTakeFirstOrThrow()).last_error;

  it('keeps the password of a URL with a login, the secret path and header tokens out of the error it stores and reports', async () => {
    const server = await serve({});
    const port = new URL(server.url).port;
    // fetch refuses a URL with a login, quoting it whole
    const withLogin = webhookChannel(`http://hook:pw-Secret-42@127.0.0.1:${port}/services/T0/B0/path-secret`, 'json', {});
    // Headers refuses a value with a line break in it, quoting it whole
    const badHeader = webhookChannel(`${server.url}/services/T1/B1/other-secret`, 'json', { authorization: 'Bearer tok-Secret-43\nX-Pasted: too much' });
    const ids = [await alertFor(withLogin.name), await alertFor(badHeader.name)];
    const report = await deliverAlerts(store.db, 'p', [withLogin, badHeader], 72, now);
    expect(report.failed).toHaveLength(2);
    const errors = [...report.failed.map((failure) => failure.error), ...(await Promise.all(ids.map(lastError)))];
    for (const error of errors) {
      expect(error).toContain(`http://127.0.0.1:${port}`);
      for (const secret of ['pw-Secret-42', 'path-secret', 'other-secret', 'tok-Secret-43', 'services/T']) expect(error).not.toContain(secret);
    }
    expect(report.failed.find((failure) => failure.alertId === ids[1])?.error).toMatch(/: header "authorization" of its configuration cannot be sent: its value has a character no header can carry \(a line break\?\)$/);
  });

  it("keeps a token of the URL's path or query out of a refusal that echoes it alone", async () => {
    const server = await serve({
      '/hooks/tok-secret-123': (_req, res) => res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_token","detail":"token tok-secret-123 expired"}'),
      // echoes the query's value as sent, and decoded
      '/hooks/q': (req, res) => res.writeHead(403, { 'content-type': 'text/plain' }).end(`key ${req.url!.split('key=')[1]} (${new URL(req.url!, 'http://x').searchParams.get('key')}) revoked`),
    });
    const inPath = webhookChannel(`${server.url}/hooks/tok-secret-123`, 'json', {});
    const inQuery = webhookChannel(`${server.url}/hooks/q?key=K3y%2BSecret9&x=abcdefghijklmnopq`, 'json', {});
    const ids = [await alertFor(inPath.name), await alertFor(inQuery.name)];
    const report = await deliverAlerts(store.db, 'p', [inPath, inQuery], 72, now);
    expect(report.failed).toHaveLength(2);
    const errors = [...report.failed.map((failure) => failure.error), ...(await Promise.all(ids.map(lastError)))];
    for (const error of errors) {
      expect(error).toMatch(/answered HTTP 40[13]/);
      for (const secret of ['tok-secret-123', 'K3y+Secret9', 'K3y%2BSecret9', 'abcdefghijklmnopq']) expect(error).not.toContain(secret);
    }
    // the rest of what the receiver said stays, to act on
    expect(report.failed.find((failure) => failure.alertId === ids[0])?.error).toContain('"detail":"token … expired"');
  });

  it("keeps any channel's URLs out of the errors it stores and reports, and out of an error stored by an older release", async () => {
    const leaky: AlertChannel = {
      name: 'leaky',
      async deliver() {
        throw new Error('could not post to https://user:hunter2-pw@hooks.example/services/T2/token-77: refused');
      },
    };
    const id = await alertFor('leaky');
    const report = await deliverAlerts(store.db, 'p', [leaky], 72, now);
    expect(report.failed[0]!.error).toBe('could not post to https://hooks.example/…: refused');
    expect(await lastError(id)).toBe('could not post to https://hooks.example/…: refused');

    await store.db.updateTable('alerts').set({ last_error: 'webhook failed: POST https://hooks.example/services/T2/token-77 timed out' }).where('id', '=', id).execute();
    const late = await deliverAlerts(store.db, 'p', [leaky], 72, () => new Date(Date.parse(at) + 49 * 3_600_000));
    expect(late.expired[0]!.lastError).toBe('webhook failed: POST https://hooks.example/… timed out');
  });

  it('sends a configured header instead of the built-in one of the same name, whatever its case', async () => {
    const received: Received[] = [];
    const server = await serve({ '/hook': recording(received, () => ({ status: 200 })) });
    await webhookChannel(`${server.url}/hook`, 'json', { 'Content-Type': 'text/plain', 'USER-AGENT': 'newsroom-bot/1' }).deliver(payload());
    expect(received[0]!.headers['content-type']).toBe('text/plain');
    expect(received[0]!.headers['user-agent']).toBe('newsroom-bot/1');
  });

  it("says why the endpoint refused, from the first line of its answer, cut short and without control characters", async () => {
    const server = await serve({
      '/slack': (_req, res) => res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid_payload\u0007\u202e\nsecond line'),
      '/huge': (_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end(`overloaded ${'x'.repeat(100_000)}`),
      // says its first line, then never ends
      '/endless': (_req, res) => {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.write('maintenance window\n');
      },
      '/page': (_req, res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<html><head><title>502 Bad Gateway</title></head><body>…</body></html>'),
    });
    const error = (path: string) => errorOf(webhookChannel(`${server.url}${path}`, 'slack', {}).deliver(payload()));
    expect(await error('/slack')).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+\/… answered HTTP 400: invalid_payload — the endpoint refuses the alert \(4xx\): retries fail the same way until the webhook or its configuration is fixed$/);
    const huge = (await error('/huge'))!;
    expect(huge).toMatch(/answered HTTP 500: overloaded x+/);
    expect(huge.length).toBeLessThan(400);
    expect(await error('/endless')).toMatch(/answered HTTP 503: maintenance window$/);
    expect(await error('/page')).toMatch(/answered HTTP 502: 502 Bad Gateway$/);
  });

  it('takes a Slack-style success that says `"ok":false` for the refusal it is; "ok", or a JSON channel\'s any 2xx, delivers', async () => {
    const server = await serve({
      '/api': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":false,"error":"invalid_payload"}'),
      // laid out over lines, its metadata past the first 300 bytes
      '/pretty': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'invalid_blocks', response_metadata: { messages: ['x'.repeat(400)] } }, null, 2)),
      '/hook': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok'),
    });
    expect(await errorOf(webhookChannel(`${server.url}/api`, 'slack', {}).deliver(payload()))).toMatch(
      /^webhook http:\/\/127\.0\.0\.1:\d+\/… answered HTTP 200 but refused the alert: invalid_payload$/,
    );
    expect(await errorOf(webhookChannel(`${server.url}/pretty`, 'slack', {}).deliver(payload()))).toMatch(/ answered HTTP 200 but refused the alert: invalid_blocks$/);
    expect(await errorOf(webhookChannel(`${server.url}/hook`, 'slack', {}).deliver(payload()))).toBeNull();
    expect(await errorOf(webhookChannel(`${server.url}/api`, 'json', {}).deliver(payload()))).toBeNull();
  });

  it('waits out a short Retry-After and tries again in the same run; a long one holds the channel, saying when it may be retried', async () => {
    const received: Received[] = [];
    const server = await serve({
      '/busy': recording(received, (n) => (n === 0 ? { status: 429, headers: { 'retry-after': '1' }, body: 'rate_limited' } : { status: 200 })),
      '/later': (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end('rate_limited'),
    });
    const busy = webhookChannel(`${server.url}/busy`, 'slack', {}, { id: 'busy' });
    const id = await alertFor(busy.name);
    const report = await deliverAlerts(store.db, 'p', [busy], 72, now);
    expect(report).toMatchObject({ sent: 1, failed: [], heldBack: [] });
    expect(received).toHaveLength(2);
    expect(await store.db.selectFrom('alerts').select(['status', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'sent', attempts: 1 });

    const later = webhookChannel(`${server.url}/later`, 'slack', {}, { id: 'later' });
    await alertFor(later.name, 'One');
    await alertFor(later.name, 'Two');
    const held = await deliverAlerts(store.db, 'p', [later], 72, now);
    expect(held).toMatchObject({ sent: 0, heldBack: [{ channel: 'webhook "later"', count: 1 }] });
    expect(held.failed[0]!.error).toMatch(/answered HTTP 429: rate_limited \(it asked to be retried in 3600 s, after \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC\)$/);
    expect(server.hits.get('/later')).toBe(1);
    // the next runs within the hour send it nothing, and say until when they wait; the first run after it sends them
    const inHalfAnHour = () => new Date(now().getTime() + 1_800_000);
    const waiting = await deliverAlerts(store.db, 'p', [later], 72, inHalfAnHour);
    expect(waiting).toMatchObject({ sent: 0, failed: [], askedToWait: [{ channel: 'webhook "later"', count: 2, until: new Date(now().getTime() + 3_600_000).toISOString() }] });
    expect(server.hits.get('/later')).toBe(1);
    const inTwoHours = () => new Date(now().getTime() + 7_200_000);
    const after = await deliverAlerts(store.db, 'p', [later], 72, inTwoHours);
    expect(after).toMatchObject({ askedToWait: [], heldBack: [{ channel: 'webhook "later"', count: 1 }] });
    expect(server.hits.get('/later')).toBe(2);
  });

  it('keeps alerts.maxPerRun while a channel waits out a long Retry-After: those past it are held then, not sent after as a backlog', async () => {
    const server = await serve({ '/later': (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end('rate_limited') });
    const later = webhookChannel(`${server.url}/later`, 'slack', {}, { id: 'capped' });
    await alertFor(later.name, 'First');
    await deliverAlerts(store.db, 'p', [later], 72, now, undefined, 2);
    for (const title of ['Second', 'Third', 'Fourth']) await alertFor(later.name, title);
    const waiting = await deliverAlerts(store.db, 'p', [later], 72, () => new Date(now().getTime() + 600_000), undefined, 2);
    // the refused one and the newest within the cap wait; the two past it are held, as a run sending them would
    expect(waiting).toMatchObject({ sent: 0, askedToWait: [{ channel: 'webhook "capped"', count: 2 }], held: [{ channel: 'webhook "capped"', count: 2, maxPerRun: 2, noticeSent: false }] });
    expect(server.hits.get('/later')).toBe(1);
  });

  it('keeps an alert a webhook refused with 4xx, saying retries will not help until it is fixed, and delivers it once it is', async () => {
    let archived = true;
    const received: Received[] = [];
    const server = await serve({ '/hook': recording(received, () => (archived ? { status: 410, body: 'channel_is_archived' } : { status: 200 })) });
    const channel = webhookChannel(`${server.url}/hook`, 'slack', {});
    await alertFor(channel.name);
    const refused = await deliverAlerts(store.db, 'p', [channel], 72, now);
    expect(refused.failed[0]!.error).toMatch(/answered HTTP 410: channel_is_archived — the endpoint refuses the alert \(4xx\): retries fail the same way until/);
    archived = false;
    expect(await deliverAlerts(store.db, 'p', [channel], 72, now)).toMatchObject({ sent: 1, failed: [] });
    expect(received).toHaveLength(2);
  });

  it('says where a redirect leads, by its origin only, and does not follow it', async () => {
    const server = await serve({
      '/moved': (_req, res) => res.writeHead(302, { location: 'https://hooks.other.example/services/T3/new-secret' }).end(),
      '/here': (_req, res) => res.writeHead(307, { location: '/services/T4/relative-secret' }).end(),
    });
    const moved = await errorOf(webhookChannel(`${server.url}/moved`, 'json', {}).deliver(payload()));
    expect(moved).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+\/… answered HTTP 302 \(a redirect to https:\/\/hooks\.other\.example\/… — not followed: use that URL\)$/);
    const here = (await errorOf(webhookChannel(`${server.url}/here`, 'json', {}).deliver(payload())))!;
    expect(here).toMatch(/answered HTTP 307 \(a redirect to http:\/\/127\.0\.0\.1:\d+\/… — not followed: use that URL\)$/);
    expect(here).not.toContain('relative-secret');
  });

  it('says how long it waited for a webhook that does not answer', async () => {
    const server = await serve({ '/silent': () => {} });
    const error = await errorOf(webhookChannel(`${server.url}/silent`, 'json', {}, { timeoutMs: 300 }).deliver(payload()));
    expect(error).toMatch(/^webhook http:\/\/127\.0\.0\.1:\d+\/… could not be reached: no answer within 0\.3 s$/);
  });

  it('gives each alert a key of its own, the same when it is sent again, as Idempotency-Key and as the JSON payload\'s id', async () => {
    const received: Received[] = [];
    // the first answer is lost (500 after it arrived): the next run sends the alert again, with the same key
    const server = await serve({ '/json': recording(received, (n) => ({ status: n === 0 ? 500 : 200 })), '/slack': recording([], () => ({ status: 200 })) });
    const channel = webhookChannel(`${server.url}/json`, 'json', {});
    await alertFor(channel.name, 'First');
    await alertFor(channel.name, 'Second');
    await deliverAlerts(store.db, 'p', [channel], 72, now);
    await deliverAlerts(store.db, 'p', [channel], 72, now);
    expect(received.map((r) => r.body.title)).toEqual(['First', 'First', 'Second']);
    const keys = received.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[0]);
    expect(received.map((r) => r.body.id)).toEqual(keys);

    // Slack's format is its own: the key goes as a header only
    const slackReceived: Received[] = [];
    const slackServer = await serve({ '/slack': recording(slackReceived, () => ({ status: 200 })) });
    const slack = webhookChannel(`${slackServer.url}/slack`, 'slack', {});
    await alertFor(slack.name, 'Third');
    await deliverAlerts(store.db, 'p', [slack], 72, now);
    expect(Object.keys(slackReceived[0]!.body)).toEqual(['text']);
    expect(slackReceived[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('writes, on a file channel through the same outbox, each alert with its key as id, so pipelines sharing a file can be told apart', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-file-channel-'));
    try {
      const file = path.join(dir, 'alerts.jsonl');
      const channel = fileChannel(file);
      await alertFor(channel.name, 'First');
      await alertFor(channel.name, 'Second');
      await deliverAlerts(store.db, 'p', [channel], 72, now);
      const lines = readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines.map((line) => line.title)).toEqual(['First', 'Second']);
      expect(Object.keys(lines[0]!)[0]).toBe('id');
      expect(lines.map((line) => line.id)).toEqual([expect.stringMatching(/^[0-9a-f]{32}$/), expect.stringMatching(/^[0-9a-f]{32}$/)]);
      expect(lines[0]!.id).not.toBe(lines[1]!.id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('ends a line an earlier write left cut (a full disk, a crash) before appending, so every whole alert still parses', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-file-channel-'));
    try {
      const file = path.join(dir, 'alerts.jsonl');
      writeFileSync(file, '{"id":"a1","title":"Whole"}\n{"id":"a2","tit');
      const channel = fileChannel(file);
      await alertFor(channel.name, 'After the cut');
      await deliverAlerts(store.db, 'p', [channel], 72, now);
      const lines = readFileSync(file, 'utf8').split('\n');
      expect(lines.slice(0, 2)).toEqual(['{"id":"a1","title":"Whole"}', '{"id":"a2","tit']);
      expect(JSON.parse(lines[2]!)).toMatchObject({ title: 'After the cut' });
      expect(lines[3]).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('delivers the alerts waiting under a webhook\'s URL once it is given an id, instead of leaving them "no longer in the pipeline"', async () => {
    const received: Received[] = [];
    const server = await serve({ '/services/T5/token': recording(received, () => ({ status: 200 })) });
    const alertsTo = (id?: string) =>
      definePipeline({
        id: 'p', name: 'p', sources: [{ id: 's', kind: 'files', name: 's', glob: '*.txt' }],
        topic: { description: 'd', proposalTerms: ['pause'], contextTerms: ['AI'] },
        alerts: { channels: [{ type: 'webhook', url: `${server.url}/services/T5/token`, format: 'slack', ...(id ? { id } : {}) }] },
      }).alerts;
    const [before] = createChannels(alertsTo(), '/', process.stderr);
    await alertFor(before!.name, 'Waiting since before the id');
    const [named] = createChannels(alertsTo('newsroom'), '/', process.stderr);
    const report = await deliverAlerts(store.db, 'p', [named!], 72, now);
    expect(report).toMatchObject({ sent: 1, waiting: [], moved: [{ from: expect.stringMatching(/^webhook http:\/\/127\.0\.0\.1:\d+\/…$/), to: 'webhook "newsroom"', count: 1 }] });
    expect(received).toHaveLength(1);
    expect(await store.db.selectFrom('alerts').select(['channel', 'status']).execute()).toEqual([{ channel: 'webhook#newsroom', status: 'sent' }]);
  });
});

describe('a run whose webhook cannot be sent its header', () => {
  let project: TempProject | undefined;
  afterEach(async () => project?.remove());

  // A header value no request can carry is refused when the pipeline file is loaded (exit 2), before anything runs;
  // one that reaches a delivery all the same is reported without its value (above).
  it('is refused at load, naming the header, without its value or the webhook path', async () => {
    project = await tempProject({ name: 'webhook-secrets', database: freshSqlite, commands: [registerRun], routes: { '/services/T6/B6/path-token-9': (_req, res) => res.writeHead(200).end() } });
    project.writePipeline({
      ...pipelineDefinition({ id: 'hooks', name: 'Hooks', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }),
      alerts: { channels: [{ type: 'webhook', url: `${project.server.url}/services/T6/B6/path-token-9`, headers: { Authorization: 'Bearer tok-Secret-44\nX-Pasted: too much' } }] },
    });
    project.writeFile('caps/a.txt', 'Labs should pause frontier AI now\n\nA coordinated pause of frontier AI development is overdue and must be verified.\n');
    const refusal = await project.cli('run', '--json').then(
      () => { throw new Error('the run was not refused'); },
      (error: Error) => error.message,
    );
    expect(refusal).toContain('alerts.channels[0].headers.Authorization: expected a header value without line breaks or NUL characters, found a value with one in it (not shown)');
    expect(refusal).not.toContain('tok-Secret-44');
    expect(refusal).not.toContain('path-token-9');
  });
});
