/**
 * Adapter between the conformance scorer (../shared/eval/feeds/score.mjs) and parseFeed: maps ParsedFeed to the
 * scorer's neutral model (feedparser field names). Loaded by tests/eval/feeds.ts with tsx registered.
 */
import { parseFeed } from '../../src/ingest/feed/parse-feed.ts';

/** parseFeed's titles are plain text; the scorer's model holds HTML, so text is escaped on the way over. */
const textAsHtml = (text: string | null) => (text === null ? null : text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));

/**
 * feedparser puts a date given without a time at midnight UTC; parseFeed gives the date alone (`2026-06-01`), which
 * names a day rather than an instant. Compared in feedparser's form, so the divergence is not counted as a failure.
 */
const asFeedparserDate = (date: string | null) => (date !== null && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00.000Z` : date);

interface ScorerContext {
  file: string;
  url?: string;
  headers?: Record<string, string>;
}

export default async function parse(bytes: Buffer, ctx: ScorerContext) {
  // Files served without HTTP get a file-like URL so relative links still have a base, as feedparser's harness does.
  const url = ctx.url ?? `http://127.0.0.1:8097/tests/${ctx.file}`;
  const feed = await parseFeed(bytes, { url, headers: ctx.headers ?? { 'Content-Type': 'text/xml' } });
  return {
    bozo: feed.bozo,
    feed: { title: textAsHtml(feed.title), link: feed.link },
    entries: feed.items.map((item) => ({
      title: textAsHtml(item.title),
      link: item.link,
      id: item.guid,
      published: asFeedparserDate(item.published),
      updated: asFeedparserDate(item.updated),
      author: item.author,
      summary: item.summary,
      content: item.content,
      enclosures: item.enclosures.map((enclosure) => ({ url: enclosure.url, length: enclosure.length, type: enclosure.type })),
    })),
  };
}
