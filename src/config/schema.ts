import path from 'node:path';
import { z } from 'zod';

/**
 * The pipeline definition: one schema with a default and a description per field. Users write these files
 * (`pipelines/<topic>.ts`), so every field says what it does and what it defaults to.
 */

const phrases = z.array(z.string().trim().min(1, 'a non-empty phrase')).min(1, 'at least one phrase');

const httpUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'an absolute http(s) URL');

const sourceId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'an id of lower-case letters, digits, ".", "_" or "-"');

/** A news feed: RSS, Atom, JSON Feed or a news sitemap, detected by content. */
const feedSource = z.object({
  /** Stable id, used in the database and reports. Changing it makes a new source. @example "guardian-ai" */
  id: sourceId,
  kind: z.literal('feed'),
  /** Name shown in reports and the digest. @example "The Guardian: AI" */
  name: z.string().min(1),
  /** The feed's URL. @example "https://www.theguardian.com/technology/artificialintelligenceai/rss" */
  url: httpUrl,
  /**
   * Fetch each item's page and extract the article text from it, rather than relying on the feed's summary.
   * @default inherits `fetch.fetchArticles`
   */
  fetchArticles: z.boolean().optional(),
});

/** Local files: plain-text captures (.txt) or saved pages (.html). */
const filesSource = z.object({
  id: sourceId,
  kind: z.literal('files'),
  name: z.string().min(1),
  /** Glob relative to the project root (the folder holding package.json). @example "seeds/*.txt" */
  glob: z.string().min(1),
});

const source = z.discriminatedUnion('kind', [feedSource, filesSource]);

const topic = z.object({
  /** One line for people, shown at the top of the digest. */
  description: z.string().min(1),
  /** Phrases that name the proposal itself. @example ["pause", "moratorium", "slowdown"] */
  proposalTerms: phrases,
  /** Phrases that put those words in the monitored domain. @example ["frontier AI", "AI labs"] */
  contextTerms: phrases,
  /** Phrases that mark another sense of the proposal's words. @example ["pause button"] @default [] */
  excludeTerms: z.array(z.string().trim().min(1)).default([]),
});

const stance = z.object({
  /** Scorer from the stance registry. @default "pause-proposal" */
  scorer: z.string().min(1).default('pause-proposal'),
  /** Relevance (0..1) from which an article counts as coverage of the topic. @default 0.5 */
  relevanceThreshold: z.number().min(0).max(1).default(0.5),
});

const fetchSettings = z.object({
  /** Requests in flight at once, over all hosts. @default 8 */
  concurrency: z.number().int().min(1).max(256).default(8),
  /** Requests in flight at once to one host. @default 2 */
  perHostConcurrency: z.number().int().min(1).max(32).default(2),
  /** Minimum gap between two requests to one host, in milliseconds. @default 500 */
  perHostGapMs: z.number().int().min(0).max(60_000).default(500),
  /** Time allowed to open a connection, in milliseconds. @default 10000 */
  connectTimeoutMs: z.number().int().min(100).max(120_000).default(10_000),
  /** Time allowed for a whole request, body included, in milliseconds. @default 30000 */
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  /** Largest body accepted, in bytes, both as sent and once decompressed. @default 10000000 */
  maxBytes: z.number().int().min(1_024).max(500_000_000).default(10_000_000),
  /** Redirects followed before giving up. @default 5 */
  maxRedirects: z.number().int().min(0).max(20).default(5),
  /** Fetch article pages linked from feeds and extract their text. @default true */
  fetchArticles: z.boolean().default(true),
  /** Article pages fetched per feed and run, newest first; the rest keep the feed's own text. @default 30 */
  maxArticlesPerFeed: z.number().int().min(0).max(10_000).default(30),
  /**
   * Allow URLs that come from feeds to point at private, loopback or cloud-metadata addresses. Off by default
   * because a hostile feed could otherwise make pausewatch probe the local network. @default false
   */
  allowPrivateAddresses: z.boolean().default(false),
  /** @default "pausewatch/<version> (+https://github.com/pausewatch/pausewatch; news monitoring)" */
  userAgent: z.string().min(1).optional(),
});

const digest = z.object({
  /** Folder for `<YYYY-MM-DD>.md` and `.json`, relative to the project root. @default "data/digests" */
  dir: z.string().min(1).default('data/digests'),
  /** IANA time zone that decides which day an article belongs to. @default "UTC" */
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'an IANA time zone such as "UTC" or "Europe/Brussels"')
    .default('UTC'),
  /** Stories listed in the digest at most, the most covered first. @default 50 */
  maxStories: z.number().int().min(1).max(10_000).default(50),
  /** List off-topic articles in a section of their own. @default false */
  includeOffTopic: z.boolean().default(false),
});

const channelId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'an id of lower-case letters, digits, ".", "_" or "-" (at most 64)');

const alertChannel = z.discriminatedUnion('type', [
  /** Print one line per alert on stderr (so `--json` stdout stays clean). */
  z.object({ type: z.literal('stdout') }),
  /** Append one JSON line per alert to a file, relative to the project root. */
  z.object({ type: z.literal('file'), path: z.string().min(1) }),
  /**
   * POST each alert to a URL: the alert as JSON, or `{ "text": ... }` for Slack-style incoming webhooks.
   * A failed delivery stays in the outbox and is retried by the next runs, for up to two days.
   */
  z.object({
    type: z.literal('webhook'),
    url: httpUrl,
    /**
     * A name for the channel that outlives its URL: alerts waiting for delivery follow it to a new URL (a rotated
     * token). Without it the channel is known by its URL. Lower-case letters, digits, `.`, `_`, `-`.
     */
    id: channelId.optional(),
    /** @default "json" */
    format: z.enum(['json', 'slack']).default('json'),
    /** Extra request headers, e.g. an authorization token. @default {} */
    headers: z.record(z.string(), z.string()).default({}),
  }),
  /**
   * Email through an SMTP server: one message per run with that run's alerts (up to 100 each), not one per article.
   * A refused message stays in the outbox and is retried by the next runs, for up to two days. With `digest`, also
   * the daily digest, once a day.
   */
  z.object({
    type: z.literal('email'),
    /** As a webhook's `id`: alerts waiting for delivery follow it when the recipients change. */
    id: channelId.optional(),
    from: z.email('an email address'),
    to: z.array(z.email('an email address')).min(1, 'at least one address'),
    /** Send alerts. `false`, with `digest`, makes a channel for the daily digest only. @default true */
    alerts: z.boolean().default(true),
    /**
     * Also send the daily digest: the first run on or after midnight in `digest.timeZone` sends the previous day's,
     * once per day and channel. A day no run reached after its end (the machine was off all the next day) is not sent
     * later. @default false
     */
    digest: z.boolean().default(false),
    smtp: z.object({
      host: z.string().min(1),
      /** @default 587 */
      port: z.number().int().min(1).max(65_535).default(587),
      /**
       * `starttls`: the connection must be upgraded to TLS (port 587); `tls`: TLS from the start (port 465); `none`:
       * no encryption, for a relay on the same machine or network. @default "starttls"
       */
      security: z.enum(['starttls', 'tls', 'none']).default('starttls'),
      /** User name, when the server wants a login. */
      user: z.string().min(1).optional(),
      /**
       * The name of the environment variable that holds the password: passwords stay out of the pipeline file, which
       * is shared and committed. Required with `user`.
       */
      passwordEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name').optional(),
    }).refine((smtp) => (smtp.user === undefined) === (smtp.passwordEnv === undefined), { message: 'user and passwordEnv go together', path: ['passwordEnv'] }),
  }).superRefine((channel, ctx) => {
    // `alerts: false` alone is a channel that would send nothing: most likely `digest: true` was meant and left out
    if (!channel.alerts && !channel.digest) {
      ctx.addIssue({ code: 'custom', path: ['digest'], input: channel.digest, message: 'true when alerts is false (a channel that takes neither alerts nor the digest sends nothing)' });
    }
  }),
]);

/**
 * What a channel delivers where: alerts to the console, a file (its path as written, normalised) or a URL; alerts or
 * the digest to a set of recipients (one channel may carry a digest and another the alerts to the same people).
 */
function channelDestinations(channel: z.output<typeof alertChannel>): string[] {
  switch (channel.type) {
    case 'stdout':
      return ['alerts to the console'];
    case 'file':
      return [`alerts to file ${path.normalize(channel.path)}`];
    case 'webhook':
      return [`alerts to ${channel.url}`];
    case 'email': {
      const to = [...channel.to].map((address) => address.toLowerCase()).sort().join(', ');
      return [...(channel.alerts ? [`alerts by email to ${to}`] : []), ...(channel.digest ? [`the digest by email to ${to}`] : [])];
    }
  }
}

const alerts = z.object({
  /** Raise an alert for each new on-topic article. @default true */
  enabled: z.boolean().default(true),
  /** Relevance from which a new article raises an alert. @default 0.5 */
  minRelevance: z.number().min(0).max(1).default(0.5),
  /** Stances that raise an alert. @default ["support", "oppose", "neutral"] */
  stances: z.array(z.enum(['support', 'oppose', 'neutral'])).min(1).default(['support', 'oppose', 'neutral']),
  /**
   * Articles published longer ago than this raise no alert (they are stored and in the digest all the same): a new
   * feed's backlog, or an old piece a feed brings up again, is not news. Articles without a date count as new,
   * except those of a source's first successful read: they are its backlog (a sitemap's, a folder of captures).
   * @default 72
   */
  maxAgeHours: z.number().min(1).max(24 * 365).default(72),
  /** Where alerts go. Each alert is delivered once per channel, even across re-runs. @default [{ type: "stdout" }] */
  channels: z
    .array(alertChannel)
    .default([{ type: 'stdout' }])
    .superRefine((channels, ctx) => {
      const seen = new Set<string>();
      const destinations = new Map<string, number>();
      channels.forEach((channel, index) => {
        // Two entries for one destination (`stdout` twice, a file as "x" and "./x") would each deliver every alert.
        for (const destination of channelDestinations(channel)) {
          const first = destinations.get(destination);
          if (first !== undefined) {
            ctx.addIssue({ code: 'custom', path: [index], input: channel, message: `a destination no other channel has (channels[${first}] already sends ${destination}; each would arrive twice)` });
          } else destinations.set(destination, index);
        }
        if ((channel.type !== 'webhook' && channel.type !== 'email') || channel.id === undefined) return;
        const key = `${channel.type}#${channel.id}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `two ${channel.type === 'webhook' ? 'webhooks' : 'email channels'} are named "${channel.id}"` });
        seen.add(key);
      });
    }),
});

const schedule = z.object({
  /** When the cron job runs, for the README and `pausewatch schedule`. @default "0 6 * * *" */
  cron: z.string().regex(/^\S+(\s+\S+){4}$/, 'a five-field cron expression').default('0 6 * * *'),
});

export const pipelineSchema = z
  .object({
    /** Stable id; stored with every row the pipeline writes. @example "ai-pause" */
    id: sourceId,
    /** Name shown in the digest. */
    name: z.string().min(1),
    sources: z.array(source).min(1, 'at least one source'),
    topic,
    stance: stance.prefault({}),
    fetch: fetchSettings.prefault({}),
    digest: digest.prefault({}),
    alerts: alerts.prefault({}),
    schedule: schedule.prefault({}),
  })
  .strict();

export type PipelineInput = z.input<typeof pipelineSchema>;
export type Pipeline = z.output<typeof pipelineSchema>;
export type SourceDefinition = Pipeline['sources'][number];
export type FeedSourceDefinition = Extract<SourceDefinition, { kind: 'feed' }>;
export type FetchSettings = Pipeline['fetch'];
export type AlertSettings = Pipeline['alerts'];
export type DigestSettings = Pipeline['digest'];
