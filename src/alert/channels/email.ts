import nodemailer from 'nodemailer';
import type { AlertPayload } from '../rules.ts';
import { oneLine, shortenText } from '../../model/display-text.ts';
import { alertText } from './alert-text.ts';
import type { AlertChannel } from './index.ts';

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
  /** Connection, greeting and socket inactivity limit: a dead relay costs one timeout per run. */
  timeoutMs?: number;
}

/** Alerts in one message at most: more is a digest, and a message past a relay's size limit would never go. */
export const ALERTS_PER_EMAIL = 100;

/**
 * Sends the alerts a run raises as one message per run (up to ALERTS_PER_EMAIL each), not one per article: a busy
 * news day must not bury an inbox. The message is accepted or refused as a whole, and so are its alerts.
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
    socketTimeout: timeoutMs,
  });
  const name = settings.id === undefined ? `email:${settings.to.join(',')}` : `email#${settings.id}`;
  const send = async (alerts: readonly AlertPayload[]) => {
    const message = alertEmail(alerts);
    let info: { accepted: unknown[]; rejected: unknown[] };
    try {
      info = await transport.sendMail({ from: settings.from, to: [...settings.to], ...message });
    } catch (error) {
      // the run summary names the channel; this says where and why
      throw new Error(`SMTP server ${smtp.host}:${smtp.port}: ${oneLine((error as Error).message)}`);
    }
    if (info.accepted.length === 0) throw new Error(`SMTP server ${smtp.host}:${smtp.port}: every recipient was refused`);
  };
  return {
    name,
    batchSize: ALERTS_PER_EMAIL,
    deliver: (alert) => send([alert]),
    deliverBatch: send,
  };
}

/** The subject, plain text and HTML of a message carrying `alerts`. Feed text is escaped, and kept off header lines. */
export function alertEmail(alerts: readonly AlertPayload[]): { subject: string; text: string; html: string } {
  const first = alerts[0]!;
  const stances = (['support', 'oppose', 'neutral'] as const)
    .map((stance) => [stance, alerts.filter((alert) => alert.stance === stance).length] as const)
    .filter(([, count]) => count > 0)
    .map(([stance, count]) => `${count} ${stance}`);
  const subject = oneLine(
    alerts.length === 1
      ? `pausewatch: ${first.stance ?? 'off-topic'}: ${shortenText(first.title, 120)} (${shortenText(first.outlet, 40)})`
      : `pausewatch: ${alerts.length} new articles (${stances.join(', ')})`,
  );
  const text = alerts
    .map((alert) => [oneLine(alertText(alert)), ...(alert.evidence ? [`  “${oneLine(shortenText(alert.evidence, 400))}”`] : [])].join('\n'))
    .join('\n\n');
  const items = alerts.map((alert) => {
    const title = escapeHtml(oneLine(shortenText(alert.title, 300)));
    const headline = isWebLink(alert.url) ? `<a href="${escapeHtml(alert.url)}">${title}</a>` : title;
    const score = alert.score === null ? '' : ` ${alert.score >= 0 ? '+' : ''}${alert.score.toFixed(2)}`;
    const published = alert.publishedAt ? `, ${escapeHtml(alert.publishedAt.slice(0, 16).replace('T', ' '))} UTC` : '';
    const evidence = alert.evidence ? `<br><q>${escapeHtml(oneLine(shortenText(alert.evidence, 400)))}</q>` : '';
    return `<li><b>${escapeHtml(alert.stance ?? 'off-topic')}${score}</b> ${headline} — ${escapeHtml(oneLine(shortenText(alert.outlet, 100)))}${published}${evidence}</li>`;
  });
  const html = `<!DOCTYPE html><html><body><ul>\n${items.join('\n')}\n</ul></body></html>\n`;
  return { subject, text: `${text}\n`, html };
}

/** Quotes too: the text also goes into attribute values (a link's href). */
function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Only http(s) links become links: a `javascript:` URL from a feed must not be one click away. */
function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
