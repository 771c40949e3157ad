import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { AlertSettings } from '../../config/index.ts';
import type { DigestData } from '../../digest/index.ts';
import type { AlertPayload } from '../rules.ts';
import { DEFAULT_USER_AGENT } from '../../ingest/fetch.ts';
import { alertText } from './alert-text.ts';
import { PipelineConfigError } from '../../config/index.ts';
import { emailChannel } from './email.ts';

export { alertText };

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
  deliver(payload: AlertPayload): Promise<void | RecipientsRefused>;
  /** Several alerts in one delivery (one email for a run's alerts), accepted or refused as a whole. */
  deliverBatch?(payloads: readonly AlertPayload[]): Promise<void | RecipientsRefused>;
  /** The most alerts `deliverBatch` takes at once. */
  batchSize?: number;
  /** False for a channel that takes the daily digest only (an email channel's `alerts: false`): no alert is queued for it. */
  readonly takesAlerts?: boolean;
  /** Sends a day's digest (an email channel's `digest: true`), or throws when it is refused. */
  deliverDigest?(digest: DigestData): Promise<void | RecipientsRefused>;
}

/** One line per alert, for a person watching the terminal or a cron mail. */
export function streamChannel(stream: Writable): AlertChannel {
  return {
    name: 'stdout',
    async deliver(alert) {
      // Control characters from feed text could drive the terminal, and a line feed would forge a second alert.
      stream.write(`ALERT ${alertText(alert)}\n`);
    },
  };
}

/** Appends JSON lines, for other tools to tail. */
export function fileChannel(file: string): AlertChannel {
  return {
    name: `file:${file}`,
    async deliver(alert) {
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify(alert)}\n`);
    },
  };
}

/**
 * Text for Slack's `text` field, where `<!channel>`, `<@U123>` and `<https://x|label>` are commands: a headline
 * must not ping a channel or disguise a link. Slack's own rule: escape `&`, `<` and `>`, nothing else.
 */
export function slackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * POSTs the alert. Only a 2xx answer counts as delivered; anything else throws, so the outbox keeps the alert for
 * the next run. Bounded in time and in what it reads back, like every other request.
 */
export function webhookChannel(
  url: string,
  format: 'json' | 'slack',
  headers: Record<string, string>,
  { timeoutMs = 10_000, id }: { timeoutMs?: number; id?: string | undefined } = {},
): AlertChannel {
  const label = channelLabel(`webhook:${url}`);
  return {
    name: id === undefined ? `webhook:${url}` : `webhook#${id}`,
    async deliver(alert) {
      const body = JSON.stringify(format === 'slack' ? { text: slackText(alertText(alert)) } : alert);
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': DEFAULT_USER_AGENT, ...headers },
          body,
          signal: AbortSignal.timeout(timeoutMs),
          redirect: 'error',
        });
      } catch (error) {
        // fetch says only "fetch failed"; the reason (refused, DNS, timeout) is its cause
        const cause = (error as Error & { cause?: Error }).cause;
        throw new Error(`${label} could not be reached: ${cause?.message ?? (error as Error).message}`);
      }
      await response.body?.cancel();
      if (!response.ok) throw new Error(`${label} answered HTTP ${response.status}`);
    },
  };
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
