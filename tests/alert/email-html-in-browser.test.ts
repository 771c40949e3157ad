import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertEmail, digestEmail } from '../../src/alert/channels/email.ts';
import type { AlertPayload } from '../../src/alert/index.ts';
import { buildDigest, type DigestArticle } from '../../src/digest/index.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * The HTML part of the digest and alert emails, opened in a real browser (Chromium, as mail readers render HTML): feed
 * text is hostile, and what a page does with it is only known by rendering it. The part is served from 127.0.0.1 with
 * the header the message gives it (text/html; charset=utf-8), and the digest also without a charset, as a copy saved
 * from a mail reader is opened: the page must name its encoding itself.
 */
const CHROMIUM = process.env.PAUSEWATCH_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** Titles, outlets, quotes and URLs as a hostile feed would send them. */
const HOSTILE = {
  script: '<script>alert(1)</script> Labs weigh a pause',
  imgTitle: '[Click](javascript:alert(1)) <img src=x onerror=alert(2)> | pause',
  attributeBreak: '"><svg onload=alert(3)> “Pause” — 暂停 in Brussels',
  quoteUrl: 'https://news.example/a?q="onmouseover="alert(4)',
  javascriptUrl: 'javascript:alert(document.cookie)',
  outlet: '<style>body{display:none}</style>Evil Outlet',
  evidence: '</li></ul><script>alert(5)</script><iframe src="javascript:alert(6)"></iframe> A pause is overdue.',
  actor: '<img src=/track.gif>Jane Roe',
  lastError: '<meta http-equiv="refresh" content="0;url=https://evil.example/">HTTP 500',
};

function article(id: number, overrides: Partial<DigestArticle>): DigestArticle {
  return {
    id, title: `Article ${id}`, untitled: false, url: `https://news.example/${id}`, outlet: `Outlet ${id}`, sourceId: 's', publishedAt: '2026-06-09T08:00:00.000Z',
    fetchedAt: '2026-06-10T06:00:00.000Z', wordCount: 500, duplicateOf: null, storyId: id, relevance: 0.9, relevant: true,
    stance: { label: 'support', score: 0.6, confidence: 0.8, override: false }, evidence: [], voices: [], ...overrides,
  };
}

/** Markup and characters beyond ASCII, for the page's title. */
const PIPELINE_NAME = 'Pause watch <b>bold</b> — Brüssel';

const digestHtml = digestEmail(buildDigest({
  pipeline: { id: 'p', name: PIPELINE_NAME, description: 'The pause proposal' },
  date: '2026-06-10', timeZone: 'UTC', generatedAt: '2026-06-10T06:30:00.000Z', maxStories: 10, includeOffTopic: false,
  articles: [
    article(1, { title: HOSTILE.script }),
    article(2, { title: HOSTILE.imgTitle, url: HOSTILE.javascriptUrl, outlet: HOSTILE.outlet }),
    article(3, {
      title: HOSTILE.attributeBreak, url: HOSTILE.quoteUrl,
      evidence: [{ sentence: HOSTILE.evidence, weight: 0.7 }], voices: [{ actor: HOSTILE.actor, stance: 'support', quote: HOSTILE.evidence }],
    }),
  ],
  sources: [{ id: 's', name: 'Wire <u>x</u>', status: 'failed', lastError: HOSTILE.lastError }],
})).html;

/** Words longer than a line, as a hostile or broken feed sends them: a headline without spaces, a long URL. */
const LONG_WORD = 'x'.repeat(2_000);
const LONG_URL = `https://news.example/${'a'.repeat(1_500)}`;
const longWordsDigestHtml = digestEmail(buildDigest({
  pipeline: { id: 'p', name: 'Pause watch', description: 'The pause proposal' },
  date: '2026-06-10', timeZone: 'UTC', generatedAt: '2026-06-10T06:30:00.000Z', maxStories: 10, includeOffTopic: false,
  articles: [article(1, { title: `Pause ${LONG_WORD}`, outlet: `Outlet${LONG_WORD}`, voices: [{ actor: 'Jane Roe', stance: 'support', quote: LONG_WORD }] })],
  sources: [{ id: 's', name: `Wire${LONG_WORD}`, status: 'failed', lastError: `HTTP 404 from ${LONG_URL}` }],
})).html;

const alert = (articleId: number, overrides: Partial<AlertPayload>): AlertPayload => ({
  articleId, title: `Alert ${articleId}`, url: `https://news.example/${articleId}`, outlet: 'Wire', publishedAt: '2026-06-10T05:00:00.000Z',
  relevance: 0.9, stance: 'support', score: 0.6, evidence: null, ...overrides,
});
const longWordsAlertHtml = alertEmail([alert(1, { title: `Pause ${LONG_WORD}`, url: LONG_URL, outlet: `Outlet${LONG_WORD}`, evidence: LONG_WORD })]).html;
const alertHtml = alertEmail([
  alert(1, { title: HOSTILE.script, evidence: HOSTILE.evidence }),
  alert(2, { title: HOSTILE.attributeBreak, url: HOSTILE.quoteUrl, outlet: HOSTILE.outlet }),
  alert(3, { title: HOSTILE.imgTitle, url: HOSTILE.javascriptUrl, stance: '<b>oppose</b>' }),
]).html;

interface Rendered {
  /** What a reader sees. */
  text: string;
  links: { href: string; text: string }[];
  /** The page's title, as a browser tab shows it. */
  title: string;
  /** What the document's head holds, element by element. */
  head: string[];
  /** Elements outside the head that run code, load something or restyle the page. */
  active: string[];
  /** Attributes that run code (onerror, onload, ...). */
  handlers: string[];
  dialogs: string[];
  /** Every request the page made besides its own. */
  requests: string[];
}

describe('the HTML part of the emails, in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startServer>>;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set PAUSEWATCH_TEST_CHROMIUM`);
    }
    const serve = (html: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
    // a saved copy, or a server that names no charset: the browser guesses (Windows-1252) unless the page says
    const serveWithoutCharset = (html: string) => (_req: unknown, res: import('node:http').ServerResponse) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.from(html, 'utf8'));
    server = await startServer({ '/digest.html': serve(digestHtml), '/digest-no-charset.html': serveWithoutCharset(digestHtml), '/alerts.html': serve(alertHtml), '/alerts-no-charset.html': serveWithoutCharset(alertHtml),
      '/long-words-digest.html': serve(longWordsDigestHtml), '/long-words-alerts.html': serve(longWordsAlertHtml),
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // no background connections: the machine may have no network, and a test must not reach out (Playwright gives
      // the browser a new empty profile of its own)
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function render(page: string): Promise<Rendered> {
    const tab = await browser.newPage();
    const dialogs: string[] = [];
    const requests: string[] = [];
    tab.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    tab.on('request', (request) => {
      if (request.url() !== `${server.url}${page}`) requests.push(request.url());
    });
    try {
      await tab.goto(`${server.url}${page}`, { waitUntil: 'load' });
      // a moment for anything scheduled by an injected handler to run
      await tab.waitForTimeout(300);
      const seen = await tab.evaluate(() => ({
        text: document.body.innerText,
        links: [...document.querySelectorAll('a')].map((a) => ({ href: a.getAttribute('href') ?? '', text: a.textContent ?? '' })),
        title: document.title,
        head: [...document.head.children].map((element) => element.outerHTML),
        active: [...document.querySelectorAll('script, iframe, img, svg, style, meta, object, embed, link, form, base')].filter((element) => !document.head.contains(element)).map((element) => element.outerHTML),
        handlers: [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes].filter((attribute) => /^on/i.test(attribute.name)).map((attribute) => `${element.tagName} ${attribute.name}`)),
      }));
      return { ...seen, dialogs, requests };
    } finally {
      await tab.close();
    }
  }

  it('shows the digest\'s feed text as text: nothing runs, loads or restyles, and only http(s) links are links', async () => {
    const page = await render('/digest.html');
    expect(page.dialogs).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.active).toEqual([]);
    expect(page.handlers).toEqual([]);
    // the head holds the page's encoding and its title, the pipeline's name as text, and nothing else
    expect(page.head).toEqual(['<meta charset="utf-8">', '<title>Pause watch &lt;b&gt;bold&lt;/b&gt; — Brüssel: digest for 2026-06-10</title>']);
    expect(page.title).toBe(`${PIPELINE_NAME}: digest for 2026-06-10`);
    // the reader sees what the feed said, markup and all, and the page is not hidden by an injected style
    for (const text of [HOSTILE.script, HOSTILE.imgTitle, HOSTILE.attributeBreak, 'Evil Outlet', HOSTILE.actor, 'A pause is overdue.', PIPELINE_NAME]) {
      expect(page.text).toContain(text);
    }
    expect(page.text).toContain('<meta http-equiv="refresh"');
    // the javascript: URL is shown, not linked; the URL with quotes in it stays one link, to itself
    expect(page.text).toContain(HOSTILE.javascriptUrl);
    expect(page.links.map((link) => link.href)).toEqual(['https://news.example/1', 'https://news.example/a?q=%22onmouseover=%22alert(4)']);
    expect(page.links[1]!.text).toBe(HOSTILE.attributeBreak);
  });

  it('shows the digest\'s characters beyond ASCII as written when served without a charset, as a saved copy is opened', async () => {
    const page = await render('/digest-no-charset.html');
    expect(page.title).toBe(`${PIPELINE_NAME}: digest for 2026-06-10`);
    for (const text of [PIPELINE_NAME, HOSTILE.attributeBreak, '“Pause” — 暂停 in Brussels']) expect(page.text).toContain(text);
    // and no Windows-1252 reading of UTF-8 bytes ("â€”" for "—")
    expect(page.text).not.toMatch(/â€|Ã/);
  });

  it('shows the alert email\'s feed text as text, with the same guarantees', async () => {
    const page = await render('/alerts.html');
    // the subject as its title
    expect(page.head).toEqual(['<meta charset="utf-8">', '<title>pausewatch: 3 new articles (2 support)</title>']);
    expect(page.dialogs).toEqual([]);
    expect(page.requests).toEqual([]);
    expect(page.active).toEqual([]);
    expect(page.handlers).toEqual([]);
    for (const text of [HOSTILE.script, HOSTILE.attributeBreak, HOSTILE.imgTitle, 'Evil Outlet', 'A pause is overdue.', '<b>oppose</b>']) expect(page.text).toContain(text);
    expect(page.links.every((link) => /^https:\/\/news\.example\//.test(link.href))).toBe(true);
    expect(page.links.map((link) => link.text)).toEqual([HOSTILE.script, HOSTILE.attributeBreak]);
  });

  it.each(['/long-words-digest.html', '/long-words-alerts.html'])('%s: a word longer than the line breaks at the window\'s edge, not past it', async (page) => {
    const tab = await browser.newPage({ viewport: { width: 800, height: 600 } });
    try {
      await tab.goto(`${server.url}${page}`, { waitUntil: 'load' });
      const { scrollWidth, innerWidth, text } = await tab.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, text: document.body.innerText }));
      expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
      // broken across lines, not cut: the digest shortens a headline, never the rest
      expect(text.replace(/\s+/g, '')).toContain('x'.repeat(250));
    } finally {
      await tab.close();
    }
  });

  it('shows the alert email\'s characters beyond ASCII as written when served without a charset', async () => {
    const page = await render('/alerts-no-charset.html');
    expect(page.text).toContain('“Pause” — 暂停 in Brussels');
    expect(page.text).not.toMatch(/â€|Ã/);
  });
});
