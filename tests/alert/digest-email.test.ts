import { describe, expect, it } from 'vitest';
import { digestEmail } from '../../src/alert/channels/email.ts';
import { definePipeline } from '../../src/config/index.ts';
import { buildDigest, renderMarkdown, type DigestArticle } from '../../src/digest/index.ts';
import { pipelineDefinition } from '../helpers/temp-project.ts';

function article(id: number, overrides: Partial<DigestArticle> = {}): DigestArticle {
  return {
    id, title: `Article ${id}`, untitled: false, url: `https://news.example/${id}`, outlet: `Outlet ${id}`, sourceId: 's', publishedAt: '2026-12-01T08:00:00.000Z',
    fetchedAt: '2026-12-01T09:00:00.000Z', wordCount: 500, duplicateOf: null, storyId: id, relevance: 0.9, relevant: true,
    stance: { label: 'support', score: 0.6, confidence: 0.8, override: false }, evidence: [], voices: [], ...overrides,
  };
}

const hostileDay = buildDigest({
  pipeline: { id: 'p', name: 'Pause watch\r\nBcc: victim@example.org', description: 'The <b>pause</b>' },
  date: '2026-12-01', timeZone: 'UTC', generatedAt: '2026-12-02T06:00:00.000Z', maxStories: 10, includeOffTopic: true,
  sources: [{ id: 's', name: 'Feed <i>', status: 'failed', lastError: 'HTTP 500: <html><script>x()</script>' }],
  articles: [
    article(1, {
      title: 'Pause\r\nBcc: victim@example.org <script>alert(1)</script>',
      url: 'javascript:alert(1)',
      outlet: 'Out<b>let</b>',
      evidence: [{ sentence: '"Quotes" & <tags>', weight: 0.7 }],
      voices: [{ actor: '<img src=x onerror=alert(1)>', stance: 'support', quote: "it's </q><script>" }],
    }),
    article(2, { title: 'A link that "closes" its attribute', url: 'https://news.example/a?b="><script>alert(2)</script>', stance: { label: 'oppose', score: -0.5, confidence: 0.7, override: false } }),
    article(3, { title: 'Off <topic>', url: 'data:text/html,<script>alert(3)</script>', relevant: false, stance: null }),
  ],
});

describe('a digest email', () => {
  it('counts the day in its subject, on one header line whatever the pipeline is called', () => {
    const { subject } = digestEmail(hostileDay);
    expect(subject).toBe('pausewatch digest 2026-12-01: Pause watch  Bcc: victim@example.org — 2 articles (1 support, 1 oppose, 0 neutral)');
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('escapes every feed-made string in its HTML and links only web addresses', () => {
    const { html } = digestEmail(hostileDay);
    expect(html).not.toMatch(/<script|<img|<b>let|<b>pause|Feed <i>/);
    expect(html).not.toMatch(/href="(javascript|data):/);
    expect(html).toContain('Pause Bcc: victim@example.org &lt;script&gt;alert(1)&lt;/script&gt; (javascript:alert(1)) — Out&lt;b&gt;let&lt;/b&gt;');
    expect(html).toContain('Evidence (+0.70): “&quot;Quotes&quot; &amp; &lt;tags&gt;”');
    expect(html).toContain('Voice: &lt;img src=x onerror=alert(1)&gt; (support): “it&#39;s &lt;/q&gt;&lt;script&gt;”');
    expect(html).toContain('<a href="https://news.example/a?b=%22%3E%3Cscript%3Ealert(2)%3C/script%3E">A link that &quot;closes&quot; its attribute</a>');
    expect(html).toContain('Off &lt;topic&gt; (data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;)');
    expect(html).toContain('<td>Feed &lt;i&gt;</td><td>failed</td><td>HTTP 500: &lt;html&gt;&lt;script&gt;x()&lt;/script&gt;</td>');
  });

  it('escapes hostile text in every place of the HTML part that shows text from outside', () => {
    const mark = (place: string) => `<x-${place} a="'">&`;
    const day = buildDigest({
      pipeline: { id: 'p', name: `Watch ${mark('name')}`, description: `About ${mark('description')}` },
      date: '2026-12-01', timeZone: 'UTC', generatedAt: '2026-12-02T06:00:00.000Z', maxStories: 10, includeOffTopic: true,
      sources: [{ id: 's', name: `Feed ${mark('source')}`, status: 'failed', lastError: `HTTP 500 ${mark('error')}` }],
      articles: [
        article(1, {
          title: `Labs pause ${mark('title')}`, url: `javascript:${mark('url')}`, outlet: `Daily ${mark('outlet')}`,
          evidence: [{ sentence: `Pause now ${mark('evidence')}`, weight: 0.7 }],
          voices: [{ actor: `Someone ${mark('actor')}`, stance: 'support', quote: `We must ${mark('quote')}` }],
        }),
        article(2, { title: `Off ${mark('off-title')}`, url: `file:///${mark('off-url')}`, outlet: `Weekly ${mark('off-outlet')}`, relevant: false, stance: null }),
      ],
    });
    const { html } = digestEmail(day);
    // only the renderer's own elements, and no attribute but a web link's href
    const tags = new Set([...html.matchAll(/<\/?([^\s>/]+)/g)].map((m) => m[1]!.toLowerCase()));
    expect([...tags].filter((tag) => !['!doctype', 'html', 'head', 'meta', 'title', 'body', 'h1', 'h2', 'h3', 'p', 'i', 'b', 'ul', 'li', 'a', 'table', 'tr', 'th', 'td'].includes(tag))).toEqual([]);
    expect(html).not.toMatch(/<x-|<[^>]*\sa=/);
    expect(html).not.toMatch(/href="(?!https?:)/);
    const escaped = (place: string) => `&lt;x-${place} a=&quot;&#39;&quot;&gt;&amp;`;
    expect(html).toContain(`<h1>Watch ${escaped('name')}: digest for 2026-12-01</h1>`);
    // the head: the encoding, and the name as the title's text
    expect(html).toContain(`<head><meta charset="utf-8"><title>Watch ${escaped('name')}: digest for 2026-12-01</title></head>`);
    expect(html).toContain(`<p><i>About ${escaped('description')}</i></p>`);
    expect(html).toContain(`<h3>1. Labs pause ${escaped('title')}</h3>`);
    expect(html).toContain(`<li>Labs pause ${escaped('title')} (javascript:${escaped('url')}) — Daily ${escaped('outlet')} · 2026-12-01 · #1<ul>`);
    expect(html).toContain(`<li>Evidence (+0.70): “Pause now ${escaped('evidence')}”</li>`);
    expect(html).toContain(`<li>Voice: Someone ${escaped('actor')} (support): “We must ${escaped('quote')}”</li>`);
    expect(html).toContain(`<li><b>For a pause:</b> Someone ${escaped('actor')}</li>`);
    expect(html).toContain(`<li>Off ${escaped('off-title')} (file:///${escaped('off-url')}) — Weekly ${escaped('off-outlet')} · #2</li>`);
    expect(html).toContain(`<tr><td>Feed ${escaped('source')}</td><td>failed</td><td>HTTP 500 ${escaped('error')}</td></tr>`);
  });

  it('words the day in its HTML part as the text part and the Markdown do', () => {
    const support = { label: 'support' as const, score: 0.6, confidence: 0.8, override: false };
    const day = buildDigest({
      pipeline: { id: 'p', name: 'Pause watch', description: 'd' },
      // written two days later: source health is of then
      date: '2026-12-01', timeZone: 'UTC', generatedAt: '2026-12-03T06:00:00.000Z', maxStories: 3, includeOffTopic: false,
      sources: [{ id: 's', name: 'Wire', status: 'ok', lastError: null, warningCount: 2 }, { id: 't', name: 'Paper', status: 'not_modified', lastError: null }],
      shift: { current: { from: '2026-11-25', to: '2026-12-01', articles: 5, support: 3, oppose: 1, neutral: 1 }, previous: { from: '2026-11-18', to: '2026-11-24', articles: 3, support: 3, oppose: 2, neutral: 0 } },
      originals: new Map([[90, { relevant: true, stance: support }]]),
      articles: [
        article(1, {
          storyId: 10, evidence: [{ sentence: 'Labs must pause.', weight: 0.7 }],
          voices: [
            ...Array.from({ length: 9 }, (_, i) => ({ actor: `Scientist ${i + 1}`, stance: 'support' as const, quote: 'A pause is needed' })),
            { actor: 'An economist', stance: 'oppose' as const, quote: 'Too costly' },
          ],
        }),
        article(2, { storyId: 10, outlet: 'Outlet 1b', duplicateOf: 1 }),
        article(3, { storyId: 11, stance: { label: 'oppose', score: 0.4, confidence: 0.9, override: true } }),
        article(4, { storyId: 12, duplicateOf: 90, stance: null }),
        article(5, { storyId: 13 }),
      ],
    });
    const { text, html } = digestEmail(day);
    // the Markdown's, without its bold (no feed text here, so nothing else is escaped)
    const markdown = renderMarkdown(day).replace(/\*\*/g, '');
    // what a reader of the HTML sees: its text, without markup
    const shown = html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
    for (const sentence of [
      '5 on-topic articles from 5 outlets (3 originals, 2 duplicates) and 0 off-topic. Stance of original articles: 2 support · 1 oppose · 0 neutral.',
      '2 articles from 2 outlets · 1 support · 0 oppose · 0 neutral · story 10',
      'Stance: support (score +0.60, confidence 0.80)',
      'Evidence (+0.70): “Labs must pause.”',
      'Voice: Scientist 1 (support): “A pause is needed”',
      'Stance: oppose (analyst label) · scorer\'s score +0.40',
      '… and 1 more story (1 article) not shown.',
      'Source health as of 2026-12-03T06:00:00.000Z, when this digest was written, not on 2026-12-01.',
      'ok (2 warnings)',
      'not modified',
    ]) {
      expect(shown).toContain(sentence);
      expect(text).toContain(sentence);
      expect(markdown).toContain(sentence);
    }
    expect(shown).toContain('For a pause: Scientist 1; Scientist 2; Scientist 3; Scientist 4; Scientist 5; Scientist 6; Scientist 7; Scientist 8; and 1 more');
    expect(text).toContain('- For a pause: Scientist 1; Scientist 2; Scientist 3; Scientist 4; Scientist 5; Scientist 6; Scientist 7; Scientist 8; and 1 more');
    expect(shown).toContain('Against: An economist');
    expect(shown).toContain('2026-11-25 to 2026-12-01 5 3 1 1 2026-11-18 to 2026-11-24 3 3 2 0 change +2 ±0 -1 +1');
    expect(text).toContain('change: articles +2, support ±0, oppose -1, neutral +1');
    // a copy listed below its original says nothing more; one whose original is of an earlier day says so
    expect(html).toContain('<li><a href="https://news.example/2">Article 2</a> — Outlet 1b · 2026-12-01 · #2 · duplicate of #1</li>');
    expect(shown).toContain('Its original, #90, was first seen on an earlier day and is counted there');
  });

  it('carries the digest as plain text: feed text as written, one line per field, and web links written out', () => {
    const { text } = digestEmail(hostileDay);
    expect(text.split('\n')[0]).toBe('Pause watch Bcc: victim@example.org: digest for 2026-12-01');
    // no Markdown or HTML escapes, which a plain-text reader would show as they are
    expect(text).not.toMatch(/&lt;|&gt;|&amp;|\\[*_[\]`|<>~&\\]/);
    expect(text).toContain('The <b>pause</b>');
    // a line break in a headline does not start a line (a forged "Bcc:"); a non-web address is shown as text
    expect(text).toContain('- Pause Bcc: victim@example.org <script>alert(1)</script> (javascript:alert(1)) — Out<b>let</b> · 2026-12-01 · #1\n');
    expect(text).not.toMatch(/^\s*Bcc:/m);
    expect(text).toContain('Evidence (+0.70): “"Quotes" & <tags>”');
    expect(text).toContain("Voice: <img src=x onerror=alert(1)> (support): “it's </q><script>”");
    // a web link in full, on a line of its own
    expect(text).toContain('- A link that "closes" its attribute — Outlet 2 · 2026-12-01 · #2\n     https://news.example/a?b=%22%3E%3Cscript%3Ealert(2)%3C/script%3E\n');
    expect(text).toContain('- Off <topic> (data:text/html,<script>alert(3)</script>) — Outlet 3 · #3');
    expect(text).toContain('- Feed <i>: failed — HTTP 500: <html><script>x()</script>');
  });

  it('shows a headline with markup characters as written, without the controls a display must not get', () => {
    const day = buildDigest({
      pipeline: { id: 'p', name: 'Pause watch', description: 'd' },
      date: '2026-12-01', timeZone: 'UTC', generatedAt: '2026-12-02T06:00:00.000Z', maxStories: 10, includeOffTopic: false, sources: [],
      articles: [article(1, { title: 'AI & *safety*: the [draft] <pause> bill_2 \u001b[31mred\u202e desrever', outlet: 'R&D | Weekly' })],
    });
    const { text } = digestEmail(day);
    expect(text).toContain('- AI & *safety*: the [draft] <pause> bill_2 [31mred desrever — R&D | Weekly · 2026-12-01 · #1\n     https://news.example/1\n');
    expect(text).toContain('1. AI & *safety*: the [draft] <pause> bill_2 [31mred desrever\n');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('email channel digest settings', () => {
  const withChannel = (channel: object) => () =>
    definePipeline({ ...(pipelineDefinition({ id: 'p', name: 'p', sources: [{ id: 's', kind: 'files', name: 's', glob: '*.txt' }] }) as object), alerts: { channels: [channel] } } as never);
  const email = { type: 'email', from: 'a@example.org', to: ['b@example.org'], smtp: { host: 'smtp.example.org' } };
  const messageOf = (define: () => unknown) => {
    try {
      define();
    } catch (error) {
      return (error as Error).message;
    }
    return '';
  };

  it('take alerts and no digest by default, and a channel for the digest only', () => {
    expect(withChannel(email)().alerts.channels[0]).toMatchObject({ alerts: true, digest: false });
    expect(withChannel({ ...email, alerts: false, digest: true })().alerts.channels[0]).toMatchObject({ alerts: false, digest: true });
  });

  it('name the field of a channel that would send nothing, and of a setting that is not a boolean', () => {
    expect(messageOf(withChannel({ ...email, alerts: false }))).toContain(
      'alerts.channels[0].digest: expected true when alerts is false (a channel that takes neither alerts nor the digest sends nothing), found false',
    );
    expect(messageOf(withChannel({ ...email, digest: 'daily' }))).toContain('alerts.channels[0].digest: expected a boolean, found "daily"');
  });
});
