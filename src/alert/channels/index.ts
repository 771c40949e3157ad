import { appendFile, mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { AlertSettings } from '../../config/index.ts';
import type { DigestData } from '../../digest/index.ts';
import type { AlertPayload } from '../rules.ts';
import { asksToWait, DEFAULT_USER_AGENT, readServerHints } from '../../ingest/fetch.ts';
import { webhookChannelName } from '../../model/channel-names.ts';
import { oneLine, shortenText } from '../../model/display-text.ts';
import { alertText, heldText, type HeldNotice } from './alert-text.ts';
import { shownOrigin, urlSecrets, withoutSecrets } from './redact.ts';
import { PipelineConfigError } from '../../config/index.ts';
import { emailChannel } from './email.ts';

export { alertText, heldText, type HeldNotice };
export { withoutSecrets } from './redact.ts';

/**
 * A delivery its server took for some recipients and refused for the others (an email's): those got nothing. It
 * counts as delivered, since the rest have it and sending it again would give it them twice, so the run reports them.
 */
export interface RecipientsRefused {
  /** The server that refused them, as `host:port`. */
  server: string;
  /** Each address refused, with the server's reply (one line). */
  refused: { address: string; reply: string }[];
}

/**
 * A channel. A delivery resolves when it is accepted, with what its server refused if it accepted it for some
 * recipients only, and throws when it is refused (the outbox keeps it for the next runs).
 */
export interface AlertChannel {
  /** Stable name: part of the outbox key, so renaming a channel would re-send its alerts. */
  readonly name: string;
  /**
   * Names the same destination had before (a webhook's or an email channel's name from before it was given an `id`):
   * alerts waiting under one of them are this channel's, unless the pipeline still has a channel of that name.
   */
  readonly formerNames?: readonly string[];
  /** `delivery` is given by the outbox; a channel may leave it unused. */
  deliver(payload: AlertPayload, delivery?: Delivery): Promise<void | RecipientsRefused>;
  /**
   * Several alerts in one delivery (one email for a run's alerts), accepted or refused as a whole; `notice`, given with
   * a run's last delivery, says how many new articles past `alerts.maxPerRun` were not alerted (a line of the email);
   * `keys`, the alerts' Delivery keys.
   */
  deliverBatch?(payloads: readonly AlertPayload[], notice: HeldNotice | undefined, keys: readonly string[]): Promise<void | RecipientsRefused>;
  /**
   * Says, in one message after the run's alerts, how many new articles past `alerts.maxPerRun` were not alerted (a
   * channel with `deliverBatch` says it in its last batch instead). Throws when refused: a notice is not retried.
   */
  deliverNotice?(notice: HeldNotice): Promise<void>;
  /** The most alerts `deliverBatch` takes at once. */
  batchSize?: number;
  /** False for a channel that takes the daily digest only (an email channel's `alerts: false`): no alert is queued for it. */
  readonly takesAlerts?: boolean;
  /**
   * Sends a day's digest (an email channel's `digest: true`), or throws when it is refused. `key`: the same for the
   * day's digest of the pipeline in this database at every try, and for no other (see digestKey).
   */
  deliverDigest?(digest: DigestData, key: string): Promise<void | RecipientsRefused>;
}

/** One line per alert, for a person watching the terminal or a cron mail. */
export function streamChannel(stream: Writable): AlertChannel {
  return {
    name: 'stdout',
    async deliver(alert) {
      // Control characters from feed text could drive the terminal, and a line feed would forge a second alert.
      stream.write(`ALERT ${alertText(alert)}\n`);
    },
    async deliverNotice(notice) {
      stream.write(`HELD ${heldText(notice)}\n`);
    },
  };
}

/** Appends JSON lines, for other tools to tail. */
export function fileChannel(file: string): AlertChannel {
  return {
    name: `file:${file}`,
    async deliver(alert, delivery) {
      // with the alert's key first, as a JSON webhook sends it: a file several pipelines or databases append to can be
      // told apart and deduplicated by it
      await appendLine(file, JSON.stringify(delivery ? { id: delivery.key, ...alert } : alert));
    },
    async deliverNotice(notice) {
      await appendLine(file, JSON.stringify(noticeJson(notice)));
    },
  };
}

/**
 * Appends one line to a JSON-lines file, whole or not at all: a write a full disk cut short is taken back, and a line
 * an earlier crash left unended is ended first. Part of a line, with the retry appended to it, made one line no reader
 * could parse, and the alert in it was lost to every tool reading the file.
 */
async function appendLine(file: string, line: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'a+');
  } catch (error) {
    // a file this user may append to but not read (mode 622): appended to as before, its last line unchecked
    if ((error as NodeJS.ErrnoException).code !== 'EACCES') throw error;
    return appendFile(file, `${line}\n`);
  }
  try {
    const { size } = await handle.stat();
    let ended = true;
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      ended = last[0] === 0x0a;
    }
    try {
      await handle.appendFile(`${ended ? '' : '\n'}${line}\n`);
    } catch (error) {
      await handle.truncate(size).catch(() => {});
      throw error;
    }
  } finally {
    await handle.close();
  }
}

/** A HeldNotice as a JSON webhook or a file channel gives it: `notice` tells it from an alert, which has `articleId`. */
function noticeJson(notice: HeldNotice): { id: string; notice: 'held'; count: number; maxPerRun: number; text: string } {
  return { id: notice.key, notice: 'held', count: notice.count, maxPerRun: notice.maxPerRun, text: heldText(notice) };
}

/**
 * Text for Slack's `text` field, where `<!channel>`, `<@U123>` and `<https://x|label>` are commands: a headline
 * must not ping a channel or disguise a link. Slack's own rule: escape `&`, `<` and `>`, nothing else.
 */
export function slackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** What the outbox tells a channel about one alert it hands over. */
export interface Delivery {
  /**
   * The same for every delivery of one alert, run after run, and for no other: a receiver that got an alert whose
   * answer was lost (a timeout after it arrived) can drop the resend. A webhook sends it as `Idempotency-Key`.
   */
  key: string;
}

/**
 * A refusal that says when to try again (429, or 503, with Retry-After): `retryAfterMs` from now. The outbox may wait
 * that long and try again within the run, when it is short; otherwise it is a refusal like any other.
 */
export interface RefusalWithRetryAfter extends Error {
  retryAfterMs: number;
}

/** The most of a refusal's body read for its reason (Slack's `invalid_payload`), and how long it is waited for. */
export const WEBHOOK_REASON_BYTES = 300;
export const WEBHOOK_REASON_MS = 2_000;

/**
 * POSTs the alert. Only a 2xx answer counts as delivered; anything else throws, so the outbox keeps the alert for
 * the next run. Bounded in time and in what it reads back, like every other request. An error names the webhook by
 * its origin and says why, with the first line of the endpoint's answer (Slack says why there); no error carries the
 * URL's path or login or a header's value, since errors are stored, printed and in `run --json`.
 */
export function webhookChannel(
  url: string,
  format: 'json' | 'slack',
  headers: Record<string, string>,
  { timeoutMs = 10_000, id }: { timeoutMs?: number; id?: string | undefined } = {},
): AlertChannel {
  const byUrl = webhookChannelName(url);
  const label = channelLabel(byUrl);
  const secrets = [...urlSecrets(url), ...Object.values(headers)];
  const refusal = (message: string, retryAfterMs?: number): Error =>
    Object.assign(new Error(withoutSecrets(message, secrets)), retryAfterMs === undefined ? {} : { retryAfterMs });
  return {
    name: id === undefined ? byUrl : `webhook#${id}`,
    // given an id, the channel takes over the alerts left waiting under its URL
    ...(id === undefined ? {} : { formerNames: [byUrl] }),
    async deliver(alert, delivery) {
      // Slack's format is its own: nothing added to it
      await post(format === 'slack' ? { text: slackText(alertText(alert)) } : delivery ? { id: delivery.key, ...alert } : alert, delivery?.key);
    },
    async deliverNotice(notice) {
      await post(format === 'slack' ? { text: slackText(heldText(notice)) } : noticeJson(notice), notice.key);
    },
  };

  async function post(payload: unknown, key: string | undefined): Promise<void> {
    const requestHeaders = new Headers({ 'content-type': 'application/json', 'user-agent': DEFAULT_USER_AGENT });
    if (key !== undefined) requestHeaders.set('idempotency-key', key);
    // a configured header replaces the built-in one of its name, whatever its case: set, not appended to it
    for (const [name, value] of Object.entries(headers)) {
      try {
        requestHeaders.set(name, value);
      } catch {
        // the library's message quotes the value, often a token: not repeated
        const what = isHeaderName(name) ? 'its value has a character no header can carry (a line break?)' : 'that is not a header name';
        throw refusal(`${label}: header ${JSON.stringify(shortenText(oneLine(name), 60))} of its configuration cannot be sent: ${what}`);
      }
    }
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      // A redirect is not followed: a 301 or 302 would turn the POST into a GET, and the alert would be lost.
      response = await fetch(url, { method: 'POST', headers: requestHeaders, body: JSON.stringify(payload), signal, redirect: 'manual' });
    } catch (error) {
      if (signal.aborted) throw refusal(`${label} could not be reached: no answer within ${shownSeconds(timeoutMs)}`);
      // fetch says only "fetch failed"; the reason (refused, DNS) is its cause
      const cause = (error as Error & { cause?: Error }).cause;
      throw refusal(`${label} could not be reached: ${cause?.message ?? (error as Error).message}`);
    }
    if (response.ok) {
      // Slack's Web API (and receivers written like it) answers a refused message 200 with `{"ok":false,"error":…}`
      const refused = format === 'slack' ? slackRefusal(await bodyStart(response, signal, SLACK_ANSWER_BYTES)) : null;
      if (refused === null) {
        await response.body?.cancel().catch(() => {});
        return;
      }
      throw refusal(`${label} answered HTTP ${response.status} but refused the alert: ${refused}`);
    }
    const { status } = response;
    if (status >= 300 && status < 400) {
      await response.body?.cancel().catch(() => {});
      const location = response.headers.get('location');
      let target: string | null = null;
      try {
        target = location ? new URL(location, url).href : null;
      } catch {
        // unreadable: said as missing
      }
      throw refusal(
        target === null
          ? `${label} answered HTTP ${status} (a redirect without a usable Location — not followed)`
          : `${label} answered HTTP ${status} (a redirect to ${shownOrigin(target)} — not followed: use that URL)`,
      );
    }
    const reason = await firstLineOfBody(response, signal);
    const answered = `${label} answered HTTP ${status}${reason ? `: ${reason}` : ''}`;
    const retryAfterSeconds = asksToWait(status) ? readServerHints(Object.fromEntries(response.headers), Date.now()).retryAfterSeconds : null;
    if (retryAfterSeconds !== null) {
      const at = new Date(Date.now() + retryAfterSeconds * 1000).toISOString();
      throw refusal(`${answered} (it asked to be retried in ${retryAfterSeconds} s, after ${at.slice(0, 19).replace('T', ' ')} UTC)`, retryAfterSeconds * 1000);
    }
    // A refusal of the request itself (bad payload, unknown or archived channel, wrong token) is answered the same
    // until someone changes something: the alerts are kept all the same, so that fixing it delivers them.
    if (status >= 400 && status < 500 && status !== 408 && status !== 425 && status !== 429) {
      throw refusal(`${answered} — the endpoint refuses the alert (4xx): retries fail the same way until the webhook or its configuration is fixed`);
    }
    throw refusal(answered);
  }
}

/** How much of a Slack-style answer of success is read for its `"ok":false` (Slack's own add metadata after it). */
const SLACK_ANSWER_BYTES = 4096;

/**
 * The error a Slack-style answer of success gives, `{"ok":false,"error":"invalid_payload",…}` however laid out, or
 * null: "ok", or any other body. Read from its start, which may be cut short.
 */
function slackRefusal(body: string): string | null {
  if (!/^\s*\{\s*"ok"\s*:\s*false\b/.test(body)) return null;
  const error = /"error"\s*:\s*"((?:[^"\\]|\\.){1,200})"/.exec(body)?.[1];
  return error === undefined ? '"ok": false' : oneLine(error);
}

function isHeaderName(name: string): boolean {
  try {
    new Headers().set(name, '');
    return true;
  } catch {
    return false;
  }
}

/** `ms` as a person says it: "10 s", "1.5 s". */
function shownSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * The first line of an answer's body, for the reason an endpoint gives with its error status: at most
 * WEBHOOK_REASON_BYTES, waited for at most WEBHOOK_REASON_MS (and within the request's own time limit), without
 * control characters; an HTML page's tags go. Empty when the answer has no body, or none comes in time.
 */
async function firstLineOfBody(response: Response, signal: AbortSignal): Promise<string> {
  let text = await bodyStart(response, signal, WEBHOOK_REASON_BYTES);
  if (/html|xml/i.test(response.headers.get('content-type') ?? '') || /^\s*</.test(text)) text = text.replace(/<[^>]*>?/g, '\n');
  const line = text.split(/\r\n|[\n\r\u0085\u2028\u2029]/).map((part) => oneLine(part).replace(/\s+/g, ' ').trim()).find((part) => part !== '') ?? '';
  return shortenText(line, 200);
}

/**
 * The first `bytes` of an answer's body as text, waited for at most WEBHOOK_REASON_MS (and within the request's own
 * time limit); what came when it stops early. The rest is not read.
 */
async function bodyStart(response: Response, signal: AbortSignal, bytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), WEBHOOK_REASON_MS)));
  try {
    while (size < bytes && !signal.aborted) {
      const next = await Promise.race([reader.read(), late]);
      if (next === null || next.done) break;
      chunks.push(next.value);
      size += next.value.byteLength;
    }
  } catch {
    // cut off mid-answer (a reset, the time limit): what came is the reason
  } finally {
    clearTimeout(timer);
    reader.cancel().catch(() => {});
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, bytes)).replace(/\uFFFD+$/, '');
}

/**
 * A channel as messages name it. A webhook's path is often its secret (Slack's /services/T…/B…/token), and
 * messages reach run reports and terminals: only the webhook's origin is shown.
 */
export function channelLabel(channelName: string): string {
  if (channelName.startsWith('webhook#')) return `webhook "${channelName.slice('webhook#'.length)}"`;
  if (channelName.startsWith('email#')) return `email "${channelName.slice('email#'.length)}"`;
  if (channelName.startsWith('email:')) return `email to ${channelName.slice('email:'.length).split(',').join(', ')}`;
  if (!channelName.startsWith('webhook:')) return channelName;
  try {
    const url = new URL(channelName.slice('webhook:'.length));
    return `webhook ${url.origin}${url.pathname.length > 1 || url.search ? '/…' : ''}`;
  } catch {
    return 'webhook';
  }
}

/**
 * The configured channels. An email channel's password comes from the environment variable its `passwordEnv`
 * names; one that is not set is a configuration error of `pipelineFile`, found before anything is fetched (cron
 * runs with little of a login shell's environment).
 */
export function createChannels(
  settings: AlertSettings, rootDir: string, console: Writable, pipelineFile: string | null = null, env: NodeJS.ProcessEnv = process.env,
): AlertChannel[] {
  return settings.channels.map((channel, index) => {
    switch (channel.type) {
      case 'stdout':
        return streamChannel(console);
      case 'file':
        return fileChannel(path.resolve(rootDir, channel.path));
      case 'webhook':
        return webhookChannel(channel.url, channel.format, channel.headers, { id: channel.id });
      case 'email': {
        const { passwordEnv } = channel.smtp;
        const password = passwordEnv === undefined ? undefined : env[passwordEnv];
        if (passwordEnv !== undefined && !password) {
          throw new PipelineConfigError([{
            field: `alerts.channels[${index}].smtp.passwordEnv`,
            expected: 'the name of an environment variable that holds the SMTP password',
            found: `${JSON.stringify(passwordEnv)}, which is ${password === '' ? 'empty' : 'not set'} in this environment`,
          }], pipelineFile);
        }
        return emailChannel({
          from: channel.from, to: channel.to, id: channel.id, smtp: { ...channel.smtp, password }, alerts: channel.alerts, digest: channel.digest,
        });
      }
    }
  });
}
