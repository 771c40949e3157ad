import { describe, expect, it } from 'vitest';
import { digestEmail } from '../../src/alert/channels/email.ts';
import { definePipeline } from '../../src/config/index.ts';
import { buildDigest, type DigestArticle } from '../../src/digest/index.ts';
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
    expect(html).toContain('Pause  Bcc: victim@example.org &lt;script&gt;alert(1)&lt;/script&gt; (javascript:alert(1)) — Out&lt;b&gt;let&lt;/b&gt;');
    expect(html).toContain('<q>&quot;Quotes&quot; &amp; &lt;tags&gt;</q>');
    expect(html).toContain('Voice: &lt;img src=x onerror=alert(1)&gt; (support): <q>it&#39;s &lt;/q&gt;&lt;script&gt;</q>');
    expect(html).toContain('<a href="https://news.example/a?b=%22%3E%3Cscript%3Ealert(2)%3C/script%3E">A link that &quot;closes&quot; its attribute</a>');
    expect(html).toContain('Off &lt;topic&gt; (data:text/html,&lt;script&gt;alert(3)&lt;/script&gt;)');
    expect(html).toContain('<td>Feed &lt;i&gt;</td><td>failed</td><td>HTTP 500: &lt;html&gt;&lt;script&gt;x()&lt;/script&gt;</td>');
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
