import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { emailChannelName, webhookChannelName } from '../model/channel-names.ts';
import { cronProblems } from './cron.ts';

/**
 * The pipeline definition: one schema with a default and a description per field. Users write these files
 * (`pipelines/<topic>.ts`), so every field says what it does and what it defaults to.
 */

const phrases = z.array(z.string().trim().min(1, 'a non-empty phrase')).min(1, 'at least one phrase');

// trimmed as the URL parser trims it: a URL pasted with a space or line end around it is stored and shown without
const httpUrl = z
  .string()
  .trim()
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
const feedSource = z.strictObject({
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
const filesSource = z.strictObject({
  id: sourceId,
  kind: z.literal('files'),
  name: z.string().min(1),
  /** Glob relative to the project root (the folder holding package.json). @example "seeds/*.txt" */
  glob: z.string().min(1),
});

const source = z.discriminatedUnion('kind', [feedSource, filesSource]);

const optionalPhrases = z.array(z.string().trim().min(1)).default([]);

/** A term of a list for another language: words, each with a `*` at its start or end at most, for more letters. */
const otherLanguageTerm = z
  .string()
  .trim()
  .min(1, 'a non-empty phrase')
  .refine((term) => /[\p{L}\p{N}]/u.test(term), 'a phrase with a letter or digit, not only `*`')
  .refine((term) => term.split(/\s+/).every((word) => !/.\*./u.test(word)), 'a `*` at a word\'s start or end only (it stands for more letters there)');

const topic = z.strictObject({
  /** One line for people, shown at the top of the digest. */
  description: z.string().min(1),
  /** Phrases that name the proposal itself. @example ["pause", "moratorium", "slowdown"] */
  proposalTerms: phrases,
  /** Phrases that put those words in the monitored domain. @example ["frontier AI", "AI labs"] */
  contextTerms: phrases,
  /** Phrases that mark another sense of the proposal's words. @example ["pause button"] @default [] */
  excludeTerms: optionalPhrases,
  /**
   * Word lists for texts in other languages, by language code: the scorer reads English, and a text in another
   * language is on topic when one of its sentences holds a proposal term and a context term (no stance is judged).
   * A `*` at a word's start or end stands for more letters. @example { de: { proposalTerms: ["*pause",
   * "moratorium"], contextTerms: ["KI", "künstliche Intelligenz"] } } @default {}
   */
  otherLanguages: z.record(
    z.string()
      .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language code such as "de", "pt-BR" or "zh"')
      .refine((code) => !/^en(-|$)/.test(code), 'a language other than English (English texts are read by the topic\'s own terms)'),
    z.strictObject({
      proposalTerms: z.array(otherLanguageTerm).min(1, 'at least one phrase'),
      contextTerms: z.array(otherLanguageTerm).min(1, 'at least one phrase'),
      excludeTerms: z.array(otherLanguageTerm).default([]),
    }),
  ).default({}),
});

const stance = z.strictObject({
  /**
   * Scorer from the stance registry (its names, scorerNames in src/stance: a misspelt one is refused here, not when a
   * run builds the scorer). @default "pause-proposal"
   */
  scorer: z.enum(['pause-proposal']).default('pause-proposal'),
  /** Relevance (0..1) from which an article counts as coverage of the topic. @default 0.5 */
  relevanceThreshold: z.number().min(0).max(1).default(0.5),
});

const fetchSettings = z.strictObject({
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
  /** @default "pausewatch/<version> (news monitoring; +https://github.com/pausewatch/pausewatch)" */
  userAgent: z
    .string()
    .min(1)
    .superRefine((value, ctx) => {
      // node:http refuses, on every request, a header value with a line break or a character beyond Latin-1 (an em
      // dash); Latin-1 letters it sends as single bytes that servers read differently. So: visible ASCII and spaces.
      const index = value.search(/[^\x20-\x7e]/);
      if (index === -1) return;
      const character = value.codePointAt(index)!;
      ctx.addIssue({
        code: 'custom',
        message: 'a header value of visible ASCII characters and spaces only (node:http refuses others, such as an em dash or a line break, on every request)',
        params: { found: `${JSON.stringify(value)}, with U+${character.toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(String.fromCodePoint(character))} at character ${index + 1}` },
      });
    })
    .optional(),
});

const digest = z.strictObject({
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
  /**
   * Articles listed under one story at most (a wire piece syndicated to hundreds of outlets would fill the digest): a
   * side of the debate first, then originals before syndicated copies. A line says how many more there are and how
   * to list them; the story's counts and the JSON digest take in all of them. @default 20 @example 50
   */
  maxArticlesPerStory: z.number().int().min(1).max(10_000).default(20),
  /** List off-topic articles in a section of their own. @default false */
  includeOffTopic: z.boolean().default(false),
});

const channelId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'an id of lower-case letters, digits, ".", "_" or "-" (at most 64)');

/**
 * For checks that run on an object even when some of its fields (or others of the pipeline) are wrong, so that every
 * problem is listed at once: zod skips a refinement once a field of the value it refines has failed. They are given
 * what parsed, and the other fields as written, so they check the types they rely on.
 */
const always = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null } as const;

/**
 * A webhook's URL: an absolute http(s) URL without a login in it. fetch refuses a URL with credentials, so every
 * delivery would fail, with an error that repeats the password; it is refused here, and not repeated.
 */
const webhookUrl = z.string().superRefine((value, ctx) => {
  const login = loginIn(value);
  if (login !== null) {
    ctx.addIssue({
      code: 'custom',
      message: 'a URL without a user name or password in it (give credentials in `headers`, e.g. an Authorization header)',
      params: { found: login === 'user and password' ? 'one with a user name and password in it' : 'one with a user name in it' },
    });
  } else if (!httpUrl.safeParse(value).success) {
    ctx.addIssue({ code: 'custom', input: value, message: 'an absolute http(s) URL' });
  }
});

/** Whether a URL has a login in it, read as fetch reads it or, for one it cannot read, as written. */
function loginIn(value: string): 'user' | 'user and password' | null {
  try {
    const url = new URL(value);
    if (url.password !== '') return 'user and password';
    return url.username !== '' ? 'user' : null;
  } catch {
    const login = /^[a-z][a-z0-9+.-]*:[/\\]{2}([^/\\?#]*)@/i.exec(value)?.[1];
    if (login === undefined) return null;
    return login.includes(':') ? 'user and password' : 'user';
  }
}

/** An HTTP header name (RFC 9110 token): fetch refuses any other, on every delivery. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Request headers: names that are HTTP tokens, values without line breaks or NUL. A value that breaks a header in two
 * is refused by fetch on every delivery; it is not shown in the message, since it is often a token.
 */
const webhookHeaders = z.record(z.string(), z.string()).superRefine((headers, ctx) => {
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'a header name of letters, digits and !#$%&\'*+-.^_`|~ (no spaces, colons or other characters)', params: { found: JSON.stringify(name) } });
    }
    if (typeof value === 'string' && /[\r\n\0]/.test(value)) {
      ctx.addIssue({ code: 'custom', path: [name], message: 'a header value without line breaks or NUL characters', params: { found: 'a value with one in it (not shown)' } });
    }
  }
});

/** A label of a host name: letters (any script), digits, `-` (not first or last) and `_` (some internal hosts have it). */
const HOST_NAME = /^(?!-)[\p{L}\p{N}_-]{1,63}(?<!-)(\.(?!-)[\p{L}\p{N}_-]{1,63}(?<!-))*\.?$/u;

/** An SMTP server: a host name or IP address alone; the port and the encryption have fields of their own. */
const smtpHost = z
  .string()
  .min(1)
  .refine(
    (host) => isIP(host) !== 0 || (host.length <= 253 && HOST_NAME.test(host)),
    'a host name or IP address alone, such as "smtp.example.org" (without "smtp://", a path or ":port": the port goes in `port`)',
  );

const alertChannel = z.discriminatedUnion('type', [
  /** Print one line per alert on stderr (so `--json` stdout stays clean). */
  z.strictObject({ type: z.literal('stdout') }),
  /** Append one JSON line per alert to a file, relative to the project root. */
  z.strictObject({ type: z.literal('file'), path: z.string().min(1) }),
  /**
   * POST each alert to a URL: the alert as JSON, or `{ "text": ... }` for Slack-style incoming webhooks.
   * A failed delivery stays in the outbox and is retried by the next runs, for up to two days.
   */
  z.strictObject({
    type: z.literal('webhook'),
    /** No user name or password in it: those go in `headers` (an Authorization header). */
    url: webhookUrl,
    /**
     * A name for the channel that outlives its URL: alerts waiting for delivery follow it to a new URL (a rotated
     * token). Without it the channel is known by its URL. Lower-case letters, digits, `.`, `_`, `-`.
     */
    id: channelId.optional(),
    /** @default "json" */
    format: z.enum(['json', 'slack']).default('json'),
    /** Extra request headers, e.g. an authorization token. Names are HTTP tokens; values have no line breaks. @default {} */
    headers: webhookHeaders.default({}),
  }),
  /**
   * Email through an SMTP server: one message per run with that run's alerts (up to 100 each), not one per article.
   * A refused message stays in the outbox and is retried by the next runs, for up to two days. With `digest`, also
   * the daily digest, once a day.
   */
  z.strictObject({
    type: z.literal('email'),
    /** As a webhook's `id`: alerts waiting for delivery follow it when the recipients change. */
    id: channelId.optional(),
    from: z.email('an email address'),
    to: z.array(z.email('an email address')).min(1, 'at least one address'),
    /** Send alerts. `false`, with `digest`, makes a channel for the daily digest only. @default true */
    alerts: z.boolean().default(true),
    /**
     * Also send the daily digest: the first run on or after midnight in `digest.timeZone` sends the previous day's,
     * once per day and channel; one not sent (a refusal) is tried by the runs of the next three days. A day no run
     * began on is not sent. @default false
     */
    digest: z.boolean().default(false),
    smtp: z.strictObject({
      /** The server's host name or IP address, alone (no scheme, port or path). @example "smtp.example.org" */
      host: smtpHost,
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
    }).superRefine((smtp, ctx) => {
      if ((smtp.user === undefined) !== (smtp.passwordEnv === undefined)) {
        ctx.addIssue({ code: 'custom', path: ['passwordEnv'], input: smtp.passwordEnv, message: 'user and passwordEnv go together' });
      }
    }, always),
  }).superRefine((channel, ctx) => {
    // `alerts: false` alone is a channel that would send nothing: most likely `digest: true` was meant and left out
    if (channel.alerts === false && channel.digest === false) {
      ctx.addIssue({ code: 'custom', path: ['digest'], input: channel.digest, message: 'true when alerts is false (a channel that takes neither alerts nor the digest sends nothing)' });
    }
  }, always),
]);

/** What a channel delivers where: `key` to compare, `shown` to say it (a webhook by its origin: its path is often its secret). */
interface Destination {
  key: string;
  shown: string;
}

/**
 * What a channel delivers where: alerts to the console, a file (its path resolved against the project root, when it
 * is known, else normalised) or a URL (as `URL` writes it: `https://H.example:443/x` is `https://h.example/x`); alerts
 * or the digest to a set of recipients (one channel may carry a digest and another the alerts to the same people).
 * The channel may have failed other checks: what cannot be compared is left out.
 */
function channelDestinations(channel: unknown, rootDir: string | null): Destination[] {
  if (typeof channel !== 'object' || channel === null) return [];
  const fields = channel as Record<string, unknown>;
  switch (fields.type) {
    case 'stdout':
      return [{ key: 'stdout', shown: 'alerts to the console' }];
    case 'file': {
      if (typeof fields.path !== 'string' || fields.path === '') return [];
      const key = rootDir === null ? path.normalize(fields.path) : path.resolve(rootDir, fields.path);
      return [{ key: `file:${key}`, shown: `alerts to file ${path.normalize(fields.path)}` }];
    }
    case 'webhook': {
      if (typeof fields.url !== 'string') return [];
      let url: URL;
      try {
        url = new URL(fields.url);
      } catch {
        return [];
      }
      return [{ key: `url:${url.href}`, shown: `alerts to the webhook ${url.origin}${url.pathname.length > 1 || url.search ? '/…' : ''}` }];
    }
    case 'email': {
      if (!Array.isArray(fields.to) || !fields.to.every((address) => typeof address === 'string')) return [];
      const to = (fields.to as string[]).map((address) => address.toLowerCase()).sort().join(', ');
      return [
        ...(fields.alerts !== false ? [{ key: `email-alerts:${to}`, shown: `alerts by email to ${to}` }] : []),
        ...(fields.digest === true ? [{ key: `email-digest:${to}`, shown: `the digest by email to ${to}` }] : []),
      ];
    }
    default:
      return [];
  }
}

/**
 * The longest name a webhook or email channel may be known by without an `id`: its name keys the outbox and the digest
 * records, and PostgreSQL refuses an index entry over 2704 bytes (80 recipients of one channel came to that), so
 * such a channel failed every delivery there. One name for both databases, so a pipeline file works on either.
 */
const MAX_UNNAMED_CHANNEL_BYTES = 1000;

/** The bytes of the name a webhook or email channel without an `id` is known by. */
function unnamedChannelBytes(channel: unknown): number {
  const fields = (channel ?? {}) as Record<string, unknown>;
  if (fields.type === 'webhook' && typeof fields.url === 'string') return Buffer.byteLength(webhookChannelName(fields.url));
  if (fields.type === 'email' && Array.isArray(fields.to) && fields.to.every((address) => typeof address === 'string')) {
    return Buffer.byteLength(emailChannelName(fields.to as string[]));
  }
  return 0;
}

/** Channels: two that deliver to one place, or two of a kind with one `id`, are refused. */
function alertChannels(rootDir: string | null) {
  return z
    .array(alertChannel)
    .default([{ type: 'stdout' }])
    .superRefine((channels, ctx) => {
      if (!Array.isArray(channels)) return;
      const seen = new Set<string>();
      const destinations = new Map<string, { index: number; shown: string }>();
      channels.forEach((channel: unknown, index) => {
        // Two entries for one destination (`stdout` twice, a file as "x" and "./x") would each deliver every alert.
        for (const { key, shown } of channelDestinations(channel, rootDir)) {
          const first = destinations.get(key);
          if (first !== undefined) {
            ctx.addIssue({ code: 'custom', path: [index], input: channel, message: `a destination no other channel has (channels[${first.index}] already sends ${first.shown}; each would arrive twice)` });
          } else destinations.set(key, { index, shown });
        }
        const { type, id } = (channel ?? {}) as { type?: unknown; id?: unknown };
        const unnamedBytes = id === undefined ? unnamedChannelBytes(channel) : 0;
        if (unnamedBytes > MAX_UNNAMED_CHANNEL_BYTES) {
          ctx.addIssue({
            code: 'custom', path: [index, 'id'], input: id,
            message: `an id for this channel (without one it is known by its ${type === 'email' ? 'recipients' : 'URL'}, ${unnamedBytes} bytes, more than the ${MAX_UNNAMED_CHANNEL_BYTES} a database key holds)`,
            params: { found: 'nothing' },
          });
        }
        if ((type !== 'webhook' && type !== 'email') || typeof id !== 'string') return;
        const key = `${type}#${id}`;
        if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `two ${type === 'webhook' ? 'webhooks' : 'email channels'} are named "${id}"` });
        seen.add(key);
      });
    }, always);
}

function alertsSchema(rootDir: string | null) {
  return z.strictObject({
    /** Raise an alert for each new on-topic article. @default true */
    enabled: z.boolean().default(true),
    /** Relevance from which a new article raises an alert. @default 0.5 */
    minRelevance: z.number().min(0).max(1).default(0.5),
    /** Stances that raise an alert. @default ["support", "oppose", "neutral"] */
    stances: z.array(z.enum(['support', 'oppose', 'neutral'])).min(1).default(['support', 'oppose', 'neutral']),
    /**
     * Whether coverage in a language the scorer does not read (on topic by `topic.otherLanguages`, with no stance)
     * raises an alert, as new coverage whatever its stance. @default true
     */
    otherLanguages: z.boolean().default(true),
    /**
     * Articles published longer ago than this raise no alert (they are stored and in the digest all the same): a new
     * feed's backlog, or an old piece a feed brings up again, is not news. Articles without a date count as new,
     * except those of a source's first successful read: they are its backlog (a sitemap's, a folder of captures).
     * @default 72
     */
    maxAgeHours: z.number().min(1).max(24 * 365).default(72),
    /**
     * The most alerts one run delivers to one channel: a first read of a busy feed must not flood a Slack channel or
     * get its webhook rate-limited for hours. Retries of alerts that failed in earlier runs count first; of the new
     * ones, the most recently published go, and the rest are never sent (marked `held` in the outbox): the channel gets
     * one message more saying how many, which the digest and `pausewatch articles` list (an email channel, a line in
     * its message). @default 25
     */
    maxPerRun: z.number().int().min(1).max(100_000).default(25),
    /** Where alerts go. Each alert is delivered once per channel, even across re-runs. @default [{ type: "stdout" }] */
    channels: alertChannels(rootDir),
  });
}

const schedule = z.strictObject({
  /**
   * The time of day the pipeline is meant to run, as a five-field cron expression (minute hour day-of-month month
   * day-of-week). pausewatch reads nothing from it: the crontab line (README, "Running it every morning") decides
   * when runs happen. It records the intended schedule beside the rest of the pipeline, for whoever keeps that line.
   * @default "0 6 * * *"
   */
  cron: z
    .string()
    .superRefine((cron, ctx) => {
      const problems = cronProblems(cron);
      if (problems.length > 0) ctx.addIssue({ code: 'custom', input: cron, message: `a five-field cron expression (${problems.join('; ')})` });
    })
    .default('0 6 * * *'),
});

/**
 * The pipeline schema, with relative paths compared against `rootDir` (the project root the pipeline file is
 * resolved from) when it is known: `data/x.jsonl` and `/srv/project/data/x.jsonl` are one file there.
 */
export function pipelineSchemaFor(rootDir: string | null) {
  return z.strictObject({
    /** Stable id; stored with every row the pipeline writes. @example "ai-pause" */
    id: sourceId,
    /** Name shown in the digest. */
    name: z.string().min(1),
    /**
     * The feeds and files the pipeline reads. May be empty while a new pipeline is set up: write the topic, then fill
     * the list with `pausewatch sources add <url>`, which loads the file as the other commands do. `run` refuses a
     * pipeline without sources (exit 2), since it would have nothing to read.
     */
    sources: z.array(source),
    topic,
    stance: stance.prefault({}),
    fetch: fetchSettings.prefault({}),
    digest: digest.prefault({}),
    alerts: alertsSchema(rootDir).prefault({}),
    schedule: schedule.prefault({}),
  });
}

export const pipelineSchema = pipelineSchemaFor(null);

export type PipelineInput = z.input<typeof pipelineSchema>;
export type Pipeline = z.output<typeof pipelineSchema>;
export type SourceDefinition = Pipeline['sources'][number];
export type FeedSourceDefinition = Extract<SourceDefinition, { kind: 'feed' }>;
export type FetchSettings = Pipeline['fetch'];
export type AlertSettings = Pipeline['alerts'];
export type DigestSettings = Pipeline['digest'];
