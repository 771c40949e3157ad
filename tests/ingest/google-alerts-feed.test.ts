import { describe, expect, it } from 'vitest';
import { unwrapNewsSearchLink } from '../../src/ingest/feed/normalise.ts';
import { parseFeed } from '../../src/ingest/feed/parse-feed.ts';

/**
 * Google Alerts' Atom feeds (`https://www.google.com/alerts/feeds/<user>/<alert>`) link each entry through
 * `https://www.google.com/url?rct=j&sa=t&url=<the outlet's page>&ct=ga&cd=...&usg=...`. The item is the outlet's page:
 * linked to, identified by and fetched at it, so two alerts on one article, or an alert and the outlet's own feed,
 * name one page.
 */

const ARTICLE = 'https://www.news.example.com/tech/2026/06/09/ai-pause?ref=rss';

/** A Google Alerts click-through link to `target`, as the feeds write it (its query escaped as Google escapes it). */
const alertLink = (target: string, host = 'www.google.com', parameter = 'url') =>
  `https://${host}/url?rct=j&sa=t&${parameter}=${encodeURIComponent(target).replace(/%2F/g, '/').replace(/%3A/g, ':')}&ct=ga&cd=CAIyGjA&usg=AOvVaw0`;

const alertsFeed = (links: readonly string[]) =>
  `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:idx="urn:atom-extension:indexing">` +
  `<id>tag:google.com,2005:reader/user/0123/state/com.google/alerts/456</id><title>Google Alert - ai pause</title>` +
  `<link href="https://www.google.com/alerts/feeds/0123/456" rel="self"></link><updated>2026-06-09T10:00:00Z</updated>` +
  links
    .map(
      (link, i) =>
        `<entry><id>tag:google.com,2013:googlealerts/feed:${1000 + i}</id><title type="html">Labs weigh an &lt;b&gt;AI pause&lt;/b&gt;, part ${i}</title>` +
        `<link href="${link.replace(/&/g, '&amp;')}"></link><published>2026-06-09T09:0${i}:00Z</published><updated>2026-06-09T09:0${i}:00Z</updated>` +
        `<content type="html">Frontier labs weigh a verified &lt;b&gt;pause&lt;/b&gt; ...</content><author><name></name></author></entry>`,
    )
    .join('') +
  '</feed>';

describe('a Google Alerts feed', () => {
  it("links each entry to the outlet's page its click-through link names, and keeps its own id", async () => {
    const feed = await parseFeed(Buffer.from(alertsFeed([alertLink(ARTICLE), alertLink('http://other.example.org/story/42')])), {
      url: 'https://www.google.com/alerts/feeds/0123/456',
    });
    expect(feed.items.map((item) => item.link)).toEqual([ARTICLE, 'http://other.example.org/story/42']);
    expect(feed.items.map((item) => item.id)).toEqual(['tag:google.com,2013:googlealerts/feed:1000', 'tag:google.com,2013:googlealerts/feed:1001']);
  });

  it("is unwrapped only from Google's /url links, by their url (else q) parameter, to a public http(s) page", () => {
    expect(unwrapNewsSearchLink(alertLink(ARTICLE))).toBe(ARTICLE);
    expect(unwrapNewsSearchLink(alertLink(ARTICLE, 'google.com'))).toBe(ARTICLE);
    expect(unwrapNewsSearchLink(alertLink(ARTICLE, 'www.google.com', 'q').replace('sa=t', 'sa=U'))).toBe(ARTICLE);
    for (const host of ['www.google.com.evil.example', 'news.google.com', 'www.google.com:8443']) expect(unwrapNewsSearchLink(alertLink(ARTICLE, host)), host).toBeNull();
    expect(unwrapNewsSearchLink(alertLink(ARTICLE).replace('/url?', '/search?'))).toBeNull();
    for (const target of ['http://127.0.0.1/admin', 'http://169.254.169.254/latest/meta-data', 'javascript:alert(1)', '/relative/path']) {
      expect(unwrapNewsSearchLink(alertLink(target)), target).toBeNull();
    }
    expect(unwrapNewsSearchLink(`${alertLink(ARTICLE)}&url=${encodeURIComponent('https://other.example/a')}`)).toBeNull();
  });
});
