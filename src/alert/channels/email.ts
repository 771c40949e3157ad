import { createHash, randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { AlertPayload } from '../rules.ts';
import { emailChannelName } from '../../model/channel-names.ts';
import { oneLine, plural, shortenText, signedTwoDecimals } from '../../model/display-text.ts';
import { renderPlainText, type DigestData } from '../../digest/index.ts';
import { BODY_STYLE, escapeHtml, isWebLink, renderHtml } from '../../digest/render-html.ts';
import { alertText, heldText, shownPublication, stanceWord, type HeldNotice } from './alert-text.ts';
import type { AlertChannel, RecipientsRefused } from './index.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  /** `tls`: TLS from the first byte (port 465); `starttls`: upgrade required; `none`: plain, for a local relay. */
  security: 'tls' | 'starttls' | 'none';
  user?: string | undefined;
  password?: string | undefined;
}

export interface EmailChannelSettings {
  from: string;
  to: readonly string[];
  smtp: SmtpSettings;
  id?: string | undefined;
  /** Connection and greeting limit: a dead relay costs one timeout per run (see REPLY_WAIT_MS for the rest). */
  timeoutMs?: number;
  /** Send alerts; false for a channel that carries the daily digest only. @default true */
  alerts?: boolean;
  /** Also send the daily digest. @default false */
  digest?: boolean;
}

/**
 * How long a relay may be silent once connected: it may take many seconds to scan a message before its final reply
 * (RFC 5321 §4.5.3.2 allows it ten minutes). Cut at 15 s, a message it took was sent again every run, a copy each
 * time. A minute, not ten: the wait counts at every step, and a stop (SIGTERM) waits for a message under way, which a
 * supervisor's kill (systemd's, after 90 s) would cut short.
 */
const REPLY_WAIT_MS = 60_000;

/** Alerts in one message at most: more is a digest, and a message past a relay's size limit would never go. */
export const ALERTS_PER_EMAIL = 100;

/**
 * Sends the alerts a run raises as one message per run (up to ALERTS_PER_EMAIL each), not one per article: a busy
 * news day must not bury an inbox. The message is accepted or refused as a whole, and so are its alerts. With
 * `digest`, it also sends the daily digests it is handed.
 */
export function emailChannel(settings: EmailChannelSettings): AlertChannel {
  const { smtp, timeoutMs = 15_000 } = settings;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ignoreTLS: smtp.security === 'none',
    ...(smtp.user === undefined ? {} : { auth: { user: smtp.user, pass: smtp.password ?? '' } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: Math.max(timeoutMs, REPLY_WAIT_MS),
  });
  const byRecipients = emailChannelName(settings.to);
  const name = settings.id === undefined ? byRecipients : `email#${settings.id}`;
  const server = `${smtp.host}:${smtp.port}`;
  /**
   * Sends one message to every recipient. Refused for all of them, it throws (the outbox keeps it for the next
   * runs); refused for some only, it is sent, and says which: those went to the others, and must not go twice.
   */
  const send = async (message: { subject: string; text: string; html: string }, keys: readonly string[]): Promise<RecipientsRefused | undefined> => {
    let info: { accepted: unknown[]; rejected: unknown[]; rejectedErrors?: { recipient?: unknown; response?: unknown }[] };
    try {
      info = await transport.sendMail({ from: settings.from, to: [...settings.to], messageId: messageIdOf(keys, settings.from), ...message });
    } catch (error) {
      // the run summary names the channel; this says where and why, and whether trying again can help
      throw new Error(`SMTP server ${server}: ${oneLine((error as Error).message)}${smtpHint(error)}`);
    }
    if (info.accepted.length === 0) throw new Error(`SMTP server ${server}: every recipient was refused`);
    if (info.rejected.length === 0) return undefined;
    const refused = info.rejected.map((recipient) => {
      const address = String(recipient);
      const why = info.rejectedErrors?.find((error) => error.recipient === recipient);
      // the server's own words ("550 5.1.1 No such user"), which can be anything: one line, and short
      const reply = typeof why?.response === 'string' ? why.response : 'refused';
      return { address, reply: shortenText(oneLine(reply).trim(), 200) };
    });
    return { server, refused };
  };
  return {
    name,
    // given an id, the channel takes over the alerts and digests recorded under its recipients
    ...(settings.id === undefined ? {} : { formerNames: [byRecipients] }),
    batchSize: ALERTS_PER_EMAIL,
    // the outbox gives a key; a message sent without one is given a Message-ID of its own
    deliver: (alert, delivery) => send(alertEmail([alert]), delivery ? [delivery.key] : []),
    deliverBatch: (alerts, notice, keys) => send(alertEmail(alerts, notice), keys),
    ...(settings.alerts === false ? { takesAlerts: false } : {}),
    ...(settings.digest === true ? { deliverDigest: (digest: DigestData, key: string) => send(digestEmail(digest), [key]) } : {}),
  };
}

/**
 * What an SMTP refusal means for the retries: a login refused (535) or a message refused for good (another 5xx: a
 * mailbox that does not exist, a sender the relay does not take) fails the same way run after run, for the two days
 * the outbox retries it, until the settings change; a 4xx is for now.
 */
function smtpHint(error: unknown): string {
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode !== 'number') return '';
  // a login refused for now (454) is a 4xx like any other
  if (responseCode >= 400 && responseCode < 500) return ' — refused for now (4xx)';
  if (responseCode === 535 || code === 'EAUTH') return ' — the server refuses the login: retries fail the same way until smtp.user or the password is fixed';
  if (responseCode >= 500 && responseCode < 600) return ' — the server refuses it for good (5xx): retries fail the same way until the addresses or the server\'s settings are fixed';
  return '';
}

/**
 * The Message-ID of a message, from the keys of what it carries (its alerts' Delivery keys, its digest's key): the
 * same each time the same alerts or digest are sent (to any of the pipeline's channels), and no other alerts' or
 * digest's, in this database or another. A relay that took one but whose reply never came (a connection cut after the
 * data) gets it again on the next run, and mail readers and archives keep one of messages that share a Message-ID.
 * The domain is the sender's, as RFC 5322 advises.
 */
function messageIdOf(keys: readonly string[], from: string): string {
  const hash = keys.length === 0 ? randomUUID() : keys.length === 1 && /^[0-9a-f]{32}$/.test(keys[0]!) ? keys[0]! : createHash('sha256').update(keys.join('\n')).digest('hex').slice(0, 32);
  const domain = /@([^\s<>@]+)>?\s*$/.exec(from)?.[1] ?? 'pausewatch.invalid';
  return `<pausewatch.${hash}@${domain}>`;
}

/**
 * The subject, plain text and HTML of a message carrying `alerts`, and, last, the `notice` of the new articles past
 * `alerts.maxPerRun` that it does not list. Feed text is escaped, and kept off header lines.
 */
export function alertEmail(alerts: readonly AlertPayload[], notice?: HeldNotice): { subject: string; text: string; html: string } {
  const first = alerts[0]!;
  const notScored = alerts.filter((alert) => alert.stance === null && alert.unreadLanguage).length;
  const stances = [
    ...(['support', 'oppose', 'neutral'] as const).map((stance) => [stance, alerts.filter((alert) => alert.stance === stance).length] as const),
    ['not scored', notScored] as const,
  ]
    .filter(([, count]) => count > 0)
    .map(([stance, count]) => `${count} ${stance}`);
  const subject = oneLine(
    alerts.length === 1
      ? `pausewatch: ${stanceWord(first)}: ${shortenText(first.title, 120)} (${shortenText(first.outlet, 40)})`
      : `pausewatch: ${alerts.length} new articles (${stances.join(', ')})`,
  );
  const text = alerts
    .map((alert) => [oneLine(alertText(alert)), ...(alert.evidence ? [`  “${oneLine(shortenText(alert.evidence, 400))}”`] : [])].join('\n'))
    .join('\n\n') + (notice ? `\n\n${heldText(notice)}` : '');
  const items = alerts.map((alert) => {
    const title = escapeHtml(oneLine(shortenText(alert.title, 300)));
    const headline = isWebLink(alert.url) ? `<a href="${escapeHtml(alert.url)}">${title}</a>` : title;
    const score = alert.score === null ? '' : ` ${signedTwoDecimals(alert.score)}`;
    const published = alert.publishedAt ? `, ${escapeHtml(shownPublication(alert.publishedAt))}` : '';
    const evidence = alert.evidence ? `<br><q>${escapeHtml(oneLine(shortenText(alert.evidence, 400)))}</q>` : '';
    return `<li><b>${escapeHtml(stanceWord(alert))}${score}</b> ${headline} — ${escapeHtml(oneLine(shortenText(alert.outlet, 100)))}${published}${evidence}</li>`;
  });
  // a head as the digest's has: a copy saved from the mail reader shows non-ASCII as written
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head><body style="${BODY_STYLE}"><ul>\n${items.join('\n')}\n</ul>${notice ? `\n<p>${escapeHtml(heldText(notice))}</p>` : ''}</body></html>\n`;
  return { subject, text: `${text}\n`, html };
}

/**
 * The subject, plain text and HTML of the message carrying a day's digest: the digest as plain text (feed text as
 * written, not the Markdown digest, whose escapes a mail reader would show), and the same in HTML (feed text escaped,
 * only http(s) links). The subject counts the day's on-topic originals, the articles whose stances it gives, so its
 * figures add up; the pipeline's name is kept on one header line.
 */
export function digestEmail(digest: DigestData): { subject: string; text: string; html: string } {
  const { totals } = digest;
  const originals = totals.onTopic - totals.duplicates;
  const count =
    originals === 0
      ? 'no on-topic articles'
      : `${plural(originals, 'article')} (${totals.stance.support} support, ${totals.stance.oppose} oppose, ${totals.stance.neutral} neutral)`;
  const subject = oneLine(`pausewatch digest ${digest.date}: ${shortenText(digest.pipeline.name, 80)} — ${count}`);
  return { subject, text: renderPlainText(digest), html: renderHtml(digest) };
}
