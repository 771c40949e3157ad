import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';
import { normalizeDate } from '../../src/extract/html/dates.ts';
import { findSiteExtractor, type SiteExtractor } from '../../src/extract/sites/index.ts';

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/html/${name}`, import.meta.url), 'utf8');

const NEWS_URL = 'https://ledger.example/world/2026/06/05/labs-weigh-verified-pause?utm_source=feed';
const SPLIT_URL = 'https://notes.example/posts/slowdown.html';

describe('extractHtml on a news page', () => {
  const article = extractHtml(fixture('news-article.html'), { url: NEWS_URL });
  const paragraphs = article.text.split('\n\n');

  it('keeps the article paragraphs and subheadings in order', () => {
    expect(paragraphs[0]).toMatch(/^Executives from three of the largest/);
    expect(article.text).toContain('Who would check the pause?');
    expect(paragraphs.at(-1)).toMatch(/^Others were sceptical\..*funding\.$/);
    expect(article.text.indexOf('Under the draft')).toBeLessThan(article.text.indexOf('Nobody is asking'));
  });

  it('drops navigation, header, footer, sidebar and cookie banner', () => {
    for (const furniture of ['Technology', 'Most read', 'All rights reserved', 'cookies', 'Home']) {
      expect(article.text).not.toContain(furniture);
    }
  });

  it('drops share bar, caption, byline, ads, read-more link, newsletter, related list and comments', () => {
    for (const furniture of [
      'Share on', 'Photograph:', 'By Maria Okafor', 'Advertisement', 'Read more', 'Tech Briefing',
      'EU AI Act', 'incentives are all wrong', 'techwatcher',
    ]) {
      expect(article.text).not.toContain(furniture);
    }
  });

  it('leaves the headline out of the body', () => {
    expect(article.text).not.toContain('Labs weigh a verified pause');
  });

  it('reads the metadata from Open Graph and JSON-LD', () => {
    expect(article.title).toBe('Labs weigh a verified pause on frontier AI training');
    expect(article.byline).toBe('Maria Okafor and Tom Becker');
    expect(article.publishedAt).toBe('2026-06-05T10:19:00.000Z');
    expect(article.modifiedAt).toBe('2026-06-06T08:00:00.000Z');
    expect(article.lang).toBe('en-GB');
    expect(article.siteName).toBe('The Daily Ledger');
    expect(article.url).toBe(NEWS_URL);
  });

  it('resolves the relative canonical URL and image against the page URL', () => {
    expect(article.canonicalUrl).toBe('https://ledger.example/world/2026/06/05/labs-weigh-verified-pause');
    expect(article.image).toBe('https://ledger.example/images/2026/06/datacentre.jpg');
  });

  it('flags a body under 150 words as partial', () => {
    expect(article.text.split(/\s+/).length).toBeGreaterThan(150);
    expect(article.partial).toBe(false);
    const teaser = extractHtml('<html><body><article><p>Only a teaser paragraph is shown to readers who are not subscribed to this publication.</p></article></body></html>', {});
    expect(teaser.text).toMatch(/^Only a teaser/);
    expect(teaser.partial).toBe(true);
  });
});

describe('extractHtml on a page whose body is split in sibling blocks', () => {
  const article = extractHtml(fixture('split-body.html'), { url: SPLIT_URL });

  it('keeps the text of every sibling block', () => {
    expect(article.text).toMatch(/^Every proposal to slow/);
    expect(article.text).toContain('Consider what verification would involve');
    expect(article.text).toMatch(/on that the proposal is silent\.$/);
    expect(article.text).not.toContain('Subscribe to Policy Notes');
    expect(article.text).not.toContain('compute threshold explained');
  });

  it('keeps a repeated paragraph once', () => {
    expect(article.text.match(/A pause that cannot be verified/g)).toHaveLength(1);
  });

  it('leaves dates null when the page gives none, and strips the site from <title>', () => {
    expect(article.publishedAt).toBeNull();
    expect(article.modifiedAt).toBeNull();
    expect(article.byline).toBeNull();
    expect(article.title).toBe('Why a slowdown is harder than it sounds');
  });

  it('resolves a ../ canonical link against the page URL', () => {
    expect(article.canonicalUrl).toBe('https://notes.example/2026/slowdown-harder-than-it-sounds.html');
  });
});

describe('extractHtml on a page saved to a file', () => {
  it('keeps its absolute canonical URL though the file path is no base, so the page and its capture are one article', () => {
    const html =
      '<html><head><link rel="canonical" href="https://ledger.example/world/labs-pause"><link rel="canonical-relative" href="/x"></head>' +
      '<body><article><h1>Labs weigh a pause</h1><p>Leading AI labs discussed a verified global pause of frontier AI development.</p></article></body></html>';
    expect(extractHtml(html, { url: 'captures/labs-pause saved.html' }).canonicalUrl).toBe('https://ledger.example/world/labs-pause');
    expect(extractHtml(html.replace('https://ledger.example/world/labs-pause', '/world/labs-pause'), { url: 'captures/labs-pause.html' }).canonicalUrl).toBeNull();
  });
});

describe('extractHtml on hostile input', () => {
  it('returns empty text without throwing for empty and garbage documents', () => {
    for (const input of ['', '   ', '\u0000\u0001<<<>>>', '<html><body></body></html>', '<<!--', '{"not": "html"}']) {
      const article = extractHtml(input, { url: 'not a url' });
      expect(article.text).toBe('');
      expect(article.partial).toBe(true);
      expect(article.canonicalUrl).toBeNull();
    }
  });

  it('survives broken JSON-LD and impossible dates', () => {
    const html = `<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>
      <meta property="article:published_time" content="0000-00-00 00:00:00"></head>
      <body><p>${'A plain paragraph of text, written to be long enough to count. '.repeat(5)}</p></body></html>`;
    const article = extractHtml(html, {});
    expect(article.publishedAt).toBeNull();
    expect(article.text).toMatch(/^A plain paragraph/);
  });

  // Speed is measured by `npm run eval:extract` (pages/s), not asserted here: timed tests flake on shared machines.
  it('reads a 1.5 MB page of teaser lists and 5,000-deep nesting and still finds the article', () => {
    const filler = '<div class="teaser"><a href="/x">A link in a long list of teasers</a></div>\n'.repeat(10_000);
    const nested = '<div>'.repeat(5_000) + 'deep' + '</div>'.repeat(5_000);
    const body = `<div class="content"><p>${'The article itself, with commas, clauses, and a point. '.repeat(30)}</p></div>`;
    const html = `<html><body>${filler}${nested}${body}${filler}</body></html>`;
    expect(html.length).toBeGreaterThan(1_500_000);
    const article = extractHtml(html, {});
    expect(article.text).toMatch(/^The article itself/);
  });
});

describe('site overrides', () => {
  const override: SiteExtractor = {
    name: 'ledger-test',
    hosts: ['ledger.example'],
    bodySelectors: ['.story-body'],
    removeSelectors: ['.read-more'],
  };

  it('are looked up by hostname, subdomains included', () => {
    expect(findSiteExtractor('https://www.ledger.example/a', [override])?.name).toBe('ledger-test');
    expect(findSiteExtractor('https://notledger.example/a', [override])).toBeNull();
    expect(findSiteExtractor(null, [override])).toBeNull();
  });

  it('extract the body on their own when the generic fallback is off', () => {
    const article = extractHtml(fixture('news-article.html'), { url: NEWS_URL, sites: [override], fallback: false });
    expect(article.text).toMatch(/^Executives from three/);
    expect(article.text).not.toContain('Read more');
    expect(article.text).not.toContain('Tech Briefing');
  });

  it('drop every block they name inside the body, however many, and keep the paragraphs around them in order', () => {
    const paragraphs = Array.from({ length: 2000 }, (_v, i) => `<p>Paragraph ${i} on the proposed pause of frontier training runs.</p>`);
    const body = paragraphs.map((p, i) => `${p}<div class="read-more">Read more ${i}</div><aside>Aside ${i}</aside>`).join('');
    const html = `<html><body><div class="story-body">${body}</div></body></html>`;
    const article = extractHtml(html, { url: NEWS_URL, sites: [override], fallback: false });
    expect(article.text.split('\n\n')).toEqual(paragraphs.map((p) => p.replace(/<\/?p>/g, '')));
  });

  it('give way to the generic extractor when their selectors find nothing', () => {
    const stale: SiteExtractor = { ...override, bodySelectors: ['.no-such-class'] };
    expect(extractHtml(fixture('news-article.html'), { url: NEWS_URL, sites: [stale], fallback: false }).text).toBe('');
    expect(extractHtml(fixture('news-article.html'), { url: NEWS_URL, sites: [stale] }).text).toMatch(/^Executives/);
  });
});

describe('extractHtml on a page without class names (comments, "read next", byline, masthead date, mojibake)', () => {
  const PAGE_URL = 'https://wire.example/2026/06/05/pause';
  const html = fixture('plain-markup.html');
  const article = extractHtml(html, { url: PAGE_URL });

  it('keeps the article paragraphs and cuts the "Read next" list and the reader comments after them', () => {
    expect(article.text).toMatch(/^Anthropic’s call for a coordinated pause/);
    expect(article.text).toMatch(/participating governments and laboratories\.$/);
    for (const furniture of ['Read next', 'Chip export rules', '24 comments', 'Pausewatcher', 'Realist42', 'gift to China']) {
      expect(article.text).not.toContain(furniture);
    }
  });

  it('drops the byline line and the dateline above the text', () => {
    expect(article.text).not.toContain('By Alice Smith');
    expect(article.text).not.toContain('10.19 BST');
  });

  it('joins several author metas as a byline prints them, as it does JSON-LD authors', () => {
    expect(article.byline).toBe('Alice Smith and Bob Jones');
  });

  it('strips the known site name from og:title', () => {
    expect(article.title).toBe('Anthropic asks rivals to pause frontier AI');
    expect(article.siteName).toBe('The Daily Wire Service');
  });

  it('repairs mojibake in the text and the title', () => {
    expect(article.text).toContain('Anthropic’s call');
    expect(article.text).toContain('in Zürich on Friday');
    expect(article.text).not.toMatch(/â€|Ã¼/);
    const garbled = extractHtml(html.replaceAll('Anthropic asks rivals', 'Anthropicâ€™s rivals'), { url: PAGE_URL });
    expect(garbled.title).toBe('Anthropic’s rivals to pause frontier AI');
  });

  it('dates the article by the <time> in it, not by the masthead "Today" date before it', () => {
    expect(article.publishedAt).toBe('2026-06-05T09:19:00.000Z');
  });

  it('gives no date when the only <time> is the masthead one', () => {
    const undated = extractHtml(html.replace(/<p><time datetime="2026-06-05[^]*?<\/time><\/p>/, ''), { url: PAGE_URL });
    expect(undated.text).toMatch(/^Anthropic’s call/);
    expect(undated.publishedAt).toBeNull();
  });

  it('takes the dateline between the headline and a body wrapper that leaves it out', () => {
    const body = (text: string): string => `<p>${text} ${'More words of the article follow here, with clauses, commas, and a point. '.repeat(4)}</p>`;
    const page = `<html><body>
      <div><p>Today: <time datetime="2026-06-09T06:00:00Z">9 June</time></p></div>
      <h1>Headline</h1><p><time datetime="2026-06-05T10:19:00Z">5 June</time></p>
      <div>${body('First.')}${body('Second.')}${body('Third.')}</div>
      <div><p>Elsewhere: <time datetime="2026-06-01T00:00:00Z">1 June</time></p></div></body></html>`;
    expect(extractHtml(page, {}).publishedAt).toBe('2026-06-05T10:19:00.000Z');
  });
});

describe('extractHtml dates', () => {
  const withMeta = (attrs: string): string =>
    `<html><head><meta ${attrs}></head><body><p>${'A plain paragraph of text, written to be long enough to count. '.repeat(5)}</p></body></html>`;

  // process.env.TZ changes the zone of this process (the tests run in forked processes), so each reading below
  // runs under zones on both sides of UTC.
  const ZONES = ['UTC', 'Asia/Tokyo', 'America/New_York'];
  const underEachZone = (read: () => string | null): (string | null)[] => {
    const saved = process.env.TZ;
    try {
      return ZONES.map((zone) => {
        process.env.TZ = zone;
        return read();
      });
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  };

  it('the zone switch used below is real', () => {
    const offsets = underEachZone(() => String(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()));
    expect(new Set(offsets).size).toBe(3);
  });

  it('reads a zoneless free-form date as UTC on every host', () => {
    const html = withMeta('name="pubdate" content="June 5, 2026 10:19 AM"');
    expect(underEachZone(() => extractHtml(html, {}).publishedAt)).toEqual(Array(3).fill('2026-06-05T10:19:00.000Z'));
    expect(underEachZone(() => normalizeDate('19 Nov 2019'))).toEqual(Array(3).fill('2019-11-19'));
  });

  it('gives no date for an all-numeric day and month that could be either, on every host', () => {
    const html = withMeta('name="date" content="05/06/2026"');
    expect(underEachZone(() => extractHtml(html, {}).publishedAt)).toEqual([null, null, null]);
  });

  it.each([
    ['25/06/2026', '2026-06-25'],
    ['06/25/2026 14:30', '2026-06-25T14:30:00.000Z'],
    ['05.05.2026', '2026-05-05'],
    ['2026/06/05', '2026-06-05'],
    ['Tue, 19 Nov 2019 10:30:00 +0000', '2019-11-19T10:30:00.000Z'],
    ['19 Nov 2019 07:09 GMT', '2019-11-19T07:09:00.000Z'],
    ['Tue Nov 19 2019 05:44:06 GMT+0000 (Coordinated Universal Time)', '2019-11-19T05:44:06.000Z'],
    ['Thursday, June 4, 2026 at 4:15 pm EDT', '2026-06-04T20:15:00.000Z'],
  ])('reads the unambiguous "%s"', (value, iso) => {
    expect(underEachZone(() => normalizeDate(value))).toEqual([iso, iso, iso]);
  });

  it.each(['05/06/2026', '3 hours ago', '01:38:07 PM IST Nov 20, 2019', 'June 5, 2026 ET'])('reads no date in "%s"', (value) => {
    expect(normalizeDate(value)).toBeNull();
  });
});

describe('extractHtml titles', () => {
  const page = (head: string, h1: string): string =>
    `<html><head>${head}</head><body><h1>${h1}</h1><p>${'A plain paragraph of text, written to be long enough to count. '.repeat(5)}</p></body></html>`;

  it('strips a site name known only from the JSON-LD publisher from og:title', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"Ledger"}}</script>';
    const html = page(`<meta property="og:title" content="Labs weigh a pause – Ledger">${ld}`, 'Labs weigh a pause');
    expect(extractHtml(html, {}).title).toBe('Labs weigh a pause');
  });

  it('keeps a headline\'s own dashes and colons when they do not set off the site name', () => {
    const html = page('<meta property="og:title" content="Pause debunked: White House"><meta property="og:site_name" content="Ledger">', 'x');
    expect(extractHtml(html, {}).title).toBe('Pause debunked: White House');
  });

  it('prefers, among machine titles that disagree, the one the page shows as its headline (entities decoded)', () => {
    const ld = '<script type="application/ld+json">{"@type":"NewsArticle","headline":"Labs&#8217; pause plan meets doubts"}</script>';
    const html = page(`<meta property="og:title" content="You won't believe what labs want">${ld}`, 'Labs’ pause plan meets doubts');
    expect(extractHtml(html, {}).title).toBe('Labs’ pause plan meets doubts');
  });
});

describe('extractHtml on a live blog', () => {
  it('drops paragraphs that are only a time stamp', () => {
    const entry = (text: string): string => `<p>${text} The pause talks went on into the evening, with delegations trading drafts and objections.</p>`;
    const html = `<html><body><article>
      <p>17.42 BST</p>${entry('Delegates broke for dinner.')}
      <p>10:19 GMT</p>${entry('The first session opened.')}
      <p>2 min ago</p>${entry('A statement is expected.')}
      <p>Updated: Fri 5 Jun 2026 10.19 BST</p>${entry('The chair spoke briefly.')}
      <table><tr><th>Session</th><th>Time</th></tr><tr><td>Opening</td><td>10:19</td></tr><tr><td>Close</td><td>17:42</td></tr></table>
      </article></body></html>`;
    const article = extractHtml(html, {});
    for (const stamp of ['17.42 BST', '10:19 GMT', '2 min ago', 'Updated:']) expect(article.text).not.toContain(stamp);
    expect(article.text).toContain('Delegates broke for dinner.');
    // A time in a table is data (a timetable), not a stamp.
    expect(article.text).toContain('Opening 10:19');
  });
});
