import { micromark } from 'micromark';
import { gfm, gfmHtml } from 'micromark-extension-gfm';
import { describe, expect, it } from 'vitest';
import { buildDigest, dayBounds, localDate, renderMarkdown, type DigestArticle } from '../../src/digest/index.ts';

function article(id: number, overrides: Partial<DigestArticle> = {}): DigestArticle {
  return {
    id, title: `Article ${id}`, untitled: false, url: `https://news.example/${id}`, outlet: `Outlet ${id}`, sourceId: 's', publishedAt: '2026-06-09T08:00:00.000Z',
    fetchedAt: '2026-06-10T06:00:00.000Z', wordCount: 500, duplicateOf: null, storyId: 1, relevance: 0.9, relevant: true,
    stance: { label: 'neutral', score: 0, confidence: 0.7, override: false }, evidence: [], voices: [], ...overrides,
  };
}

const base = {
  pipeline: { id: 'p', name: 'Pause watch', description: 'The pause proposal' },
  date: '2026-06-10', timeZone: 'UTC', generatedAt: '2026-06-10T06:30:00.000Z',
  sources: [], maxStories: 10, includeOffTopic: false,
};

describe('the digest', () => {
  it('shows the stance of a copy whose original was first seen on an earlier day, and not of one listed below its original', () => {
    const support = { label: 'support' as const, score: 0.7, confidence: 0.9, override: false };
    const markdown = renderMarkdown(buildDigest({
      ...base,
      articles: [
        // story 1: the original and its copy, both first seen today
        article(1, { title: 'Labs weigh a pause on training', stance: support }),
        article(2, { title: 'Labs weigh a pause on training', duplicateOf: 1, stance: support }),
        // story 7: today only a copy of #5, stored on an earlier day
        article(6, { storyId: 7, title: 'Wire: senators back a verified pause', duplicateOf: 5, stance: support, evidence: [{ sentence: 'Senators back a verified pause.', weight: 0.8 }] }),
      ],
    }));
    const lines = markdown.split('\n');
    const copyLine = lines.findIndex((line) => line.includes('#6 · duplicate of #5'));
    expect(lines.slice(copyLine + 1, copyLine + 4)).toEqual([
      '  - Its original, #5, was first seen on an earlier day and is counted there',
      '  - Stance: **support** (score +0.70, confidence 0.90)',
      '  - Evidence (+0.80): “Senators back a verified pause.”',
    ]);
    const listedCopy = lines.findIndex((line) => line.includes('#2 · duplicate of #1'));
    expect(lines[listedCopy + 1]).not.toContain('Stance');
  });

  it('groups articles by story, most outlets first, and counts a syndicated copy once in the stance totals', () => {
    const digest = buildDigest({
      ...base,
      articles: [
        article(1, { title: 'Labs weigh a pause on training', stance: { label: 'support', score: 0.7, confidence: 0.9, override: false } }),
        article(2, { title: 'Labs weigh a pause on training', duplicateOf: 1, stance: { label: 'support', score: 0.7, confidence: 0.9, override: false } }),
        article(3, { storyId: 2, title: 'New chip export rules proposed', stance: { label: 'oppose', score: -0.6, confidence: 0.8, override: false } }),
        article(4, { storyId: 2, relevant: false, stance: null }),
      ],
    });
    expect(digest.stories.map((s) => [s.label, s.articleCount, s.outletCount])).toEqual([['Labs weigh a pause on training', 2, 2], ['New chip export rules proposed', 1, 1]]);
    expect(digest.totals).toMatchObject({ articles: 4, onTopic: 3, offTopic: 1, duplicates: 1, stance: { support: 1, oppose: 1, neutral: 0 } });
    expect(digest.stories[0]!.articles.map((a) => a.id)).toEqual([1, 2]);
  });

  it('says who argues on which side, a speaker quoted by several outlets once per article', () => {
    const sacks = { actor: 'David Sacks', stance: 'oppose' as const, quote: 'regulatory capture' };
    const digest = buildDigest({
      ...base,
      articles: [
        article(1, { voices: [sacks, { ...sacks, quote: 'again' }, { actor: 'Anthropic', stance: 'support', quote: 'a good thing' }] }),
        article(2, { voices: [{ ...sacks, actor: 'david  sacks' }] }),
        article(3, { duplicateOf: 1, voices: [sacks] }),
      ],
    });
    expect(digest.voices.map((v) => [v.actor, v.stance, v.articles])).toEqual([['David Sacks', 'oppose', 2], ['Anthropic', 'support', 1]]);
    const markdown = renderMarkdown(digest);
    expect(markdown).toContain('- **For a pause:** Anthropic');
    expect(markdown).toContain('- **Against:** David Sacks (2 articles)');
  });

  it('merges one speaker across articles: a surname joins the one full name ending with it, and a count or "the" makes no other group', () => {
    const said = (actor: string, stance: 'support' | 'oppose' | 'neutral' = 'oppose') => ({ actor, stance, quote: `${actor} said so` });
    const digest = buildDigest({
      ...base,
      articles: [
        article(1, { voices: [said('Sacks'), said('Bengio', 'support'), said('Two senators'), said('The critics')] }),
        article(2, { voices: [said('David Sacks'), said('Yoshua Bengio', 'support'), said('Senators'), said('Critics')] }),
        // Both names in one article: one speaker, counted once for it.
        article(3, { voices: [said('Sacks'), said('David Sacks'), said('some critics')] }),
      ],
    });
    expect(digest.voices.map((v) => [v.actor, v.stance, v.articles])).toEqual([
      ['Critics', 'oppose', 3], ['David Sacks', 'oppose', 3], ['Senators', 'oppose', 2], ['Yoshua Bengio', 'support', 2],
    ]);
    expect(renderMarkdown(digest)).toContain('- **Against:** Critics (3 articles); David Sacks (3 articles); Senators (2 articles)');
  });

  it('leaves a surname apart when two full names in the digest end with it, rather than merge two people', () => {
    const said = (actor: string) => ({ actor, stance: 'oppose' as const, quote: 'no' });
    const digest = buildDigest({ ...base, articles: [article(1, { voices: [said('Jack Clark'), said('Clark')] }), article(2, { voices: [said('Wesley Clark'), said('Clark')] })] });
    expect(digest.voices.map((v) => [v.actor, v.articles])).toEqual([['Clark', 2], ['Jack Clark', 1], ['Wesley Clark', 1]]);
  });

  it('does not give an organisation or a place to a speaker named after it: "Anthropic" is not "Jack Clark of Anthropic"', () => {
    const said = (actor: string, stance: 'support' | 'oppose') => ({ actor, stance, quote: `${actor} said so` });
    const digest = buildDigest({
      ...base,
      articles: [
        article(1, { voices: [said('Jack Clark of Anthropic', 'support')] }),
        article(2, { voices: [said('Anthropic', 'support')] }),
        article(3, { voices: [said('China', 'oppose')] }),
        article(4, { voices: [said('Li Wei of the Bank of China', 'oppose')] }),
        article(5, { voices: [said('Marina Favaro and Jack Clark', 'support'), said('Ursula von der Leyen', 'oppose')] }),
        article(6, { voices: [said('Clark', 'support'), said('Leyen', 'oppose')] }),
      ],
    });
    // "Leyen" still joins the one personal name ending with it
    expect(digest.voices.map((v) => [v.actor, v.stance, v.articles])).toEqual([
      ['Ursula von der Leyen', 'oppose', 2], ['Anthropic', 'support', 1], ['China', 'oppose', 1], ['Clark', 'support', 1],
      ['Jack Clark of Anthropic', 'support', 1], ['Li Wei of the Bank of China', 'oppose', 1], ['Marina Favaro and Jack Clark', 'support', 1],
    ]);
    // was: "Jack Clark of Anthropic (2 articles)" for Anthropic's own call, and China's refusal under a banker's name
    expect(renderMarkdown(digest)).toContain('- **Against:** Ursula von der Leyen (2 articles); China; Li Wei of the Bank of China\n');
  });

  it('lists a speaker who took a side only on that side, and one who took both sides on both, with the article counts of the JSON', () => {
    const said = (actor: string, stance: 'support' | 'oppose' | 'neutral') => ({ actor, stance, quote: `${actor}: ${stance}` });
    const digest = buildDigest({
      ...base,
      articles: [
        article(1, { voices: [said('Anthropic', 'support'), said('David Sacks', 'oppose')] }),
        article(2, { voices: [said('Anthropic', 'support'), said('Sacks', 'support')] }),
        article(3, { voices: [said('Anthropic', 'neutral'), said('Some observers', 'neutral')] }),
      ],
    });
    expect(digest.voices.map((v) => [v.actor, v.stance, v.articles])).toEqual([
      ['Anthropic', 'support', 2], ['David Sacks', 'oppose', 1], ['David Sacks', 'support', 1], ['Some observers', 'neutral', 1],
    ]);
    const markdown = renderMarkdown(digest);
    expect(markdown).toContain('- **For a pause:** Anthropic (2 articles); David Sacks\n');
    expect(markdown).toContain('- **Against:** David Sacks\n');
    expect(markdown).toContain('- **Without taking a side:** Some observers\n');
  });

  it('says how many more speakers a side has than it names', () => {
    const voices = Array.from({ length: 10 }, (_v, i) => ({ actor: `Critic ${String.fromCharCode(65 + i)}`, stance: 'oppose' as const, quote: 'no' }));
    const markdown = renderMarkdown(buildDigest({ ...base, articles: [article(1, { voices })] }));
    expect(markdown).toContain('- **Against:** Critic A; Critic B; Critic C; Critic D; Critic E; Critic F; Critic G; Critic H; and 2 more\n');
  });

  it('counts as duplicates only on-topic copies: an off-topic article and its copy are both off-topic, and the counts add up', () => {
    const digest = buildDigest({
      ...base,
      articles: [
        article(1, { stance: { label: 'support', score: 0.7, confidence: 0.9, override: false } }),
        article(2, { duplicateOf: 1 }),
        article(3, { storyId: 3, relevant: false, stance: null }),
        article(4, { storyId: 3, duplicateOf: 3, relevant: false, stance: null }),
        article(5, { storyId: 4, relevant: false, stance: null }),
      ],
    });
    const { totals } = digest;
    expect(totals).toMatchObject({ articles: 5, onTopic: 2, duplicates: 1, offTopic: 3 });
    expect(totals.onTopic + totals.offTopic).toBe(totals.articles);
    expect(totals.stance.support + totals.stance.oppose + totals.stance.neutral).toBe(totals.onTopic - totals.duplicates);
    expect(renderMarkdown(digest)).toContain('**2 on-topic articles** from 2 outlets (1 original, 1 duplicate) and 3 off-topic. Stance of original articles: 1 support');
  });

  it('says how many stories and articles beyond digest.maxStories are not shown, in the Markdown and the JSON', () => {
    const articles = [article(1), article(2), article(3, { storyId: 2 }), article(4, { storyId: 2 }), article(5, { storyId: 3 }), article(6, { storyId: 3, duplicateOf: 5 }), article(7, { storyId: 4 })];
    const digest = buildDigest({ ...base, maxStories: 2, articles });
    expect(digest.stories).toHaveLength(2);
    expect(digest.storiesNotShown).toEqual({ stories: 2, articles: 3 });
    expect(renderMarkdown(digest)).toContain('_… and 2 more stories (3 articles) not shown._');
    const one = buildDigest({ ...base, maxStories: 3, articles });
    expect(renderMarkdown(one)).toContain('_… and 1 more story (1 article) not shown._');
    const all = buildDigest({ ...base, articles });
    expect(all.storiesNotShown).toEqual({ stories: 0, articles: 0 });
    expect(renderMarkdown(all)).not.toContain('not shown');
  });

  it('heads a story with the most representative headline of its articles listed that day, without the outlet name', () => {
    const digest = buildDigest({
      ...base,
      articles: [
        article(1, { title: 'Pause talks: live updates from the summit floor' }),
        article(2, { title: 'Labs agree to pause frontier training runs' }),
        article(3, { title: 'Labs agree to pause frontier training - Wire' }),
      ],
    });
    expect(digest.stories[0]!.label).toBe('Labs agree to pause frontier training');
  });

  it('heads a story with the day\'s own news, not a copy of an original counted on an earlier day', () => {
    const articles = [
      // a copy of yesterday's wire explainer, whose headline every outlet's would otherwise be compared with
      article(4, { title: 'Verified pause explained: what the labs would stop', duplicateOf: 2 }),
      article(5, { title: 'Verified pause explained: what the labs would stop', duplicateOf: 2 }),
      article(6, { title: 'Researchers back the verified pause in an open letter' }),
      article(7, { title: 'Open letter from researchers backs verified pause' }),
    ];
    expect(buildDigest({ ...base, articles }).stories[0]!.label).toBe('Researchers back the verified pause in an open letter');
    // a story of nothing but such copies is headed by them
    expect(buildDigest({ ...base, articles: articles.slice(0, 2) }).stories[0]!.label).toBe('Verified pause explained: what the labs would stop');
  });

  it('names a story from its headlines, as `stories` does, not from the first words shown for untitled articles', () => {
    const untitled = (id: number, firstWords: string) => article(id, { title: firstWords, untitled: true });
    const articles = [
      article(1, { title: 'Lab calls for global cooperation on advanced AI' }),
      untitled(2, 'Frontier labs should pause now, says the lab, and a pause should be verified…'),
      article(3, { title: 'Lab urges a verified pause of frontier AI training' }),
      untitled(4, 'A verified pause of frontier training is what the lab urges…'),
    ];
    // the first words of 2 and 4 share more with 3 than with 1; the headlines alone tie, and the earlier one wins
    expect(buildDigest({ ...base, articles }).stories[0]!.label).toBe('Lab calls for global cooperation on advanced AI');
    // with no headline at all, the first words are all there is
    expect(buildDigest({ ...base, articles: [untitled(2, 'Frontier labs should pause now'), untitled(4, 'A verified pause')] }).stories[0]!.label).toBe('Frontier labs should pause now');
  });

  it('says of a day without on-topic coverage which day it is, not "today", since older days are rewritten too', () => {
    const offTopicOnly = renderMarkdown(buildDigest({ ...base, includeOffTopic: true, articles: [article(1, { relevant: false, stance: null })] }));
    expect(offTopicOnly).toContain('## Stories\n\nNo on-topic article was first seen on 2026-06-10.\n');
    expect(offTopicOnly).not.toContain('today');
    expect(offTopicOnly).toContain('## Off-topic articles');
  });

  it('names each story by the id `articles --story` and `stories` take, which the day\'s headline alone does not give', () => {
    const markdown = renderMarkdown(buildDigest({ ...base, articles: [article(1, { storyId: 7 }), article(2, { storyId: null })] }));
    expect(markdown).toContain('1 article from 1 outlet · 0 support · 0 oppose · 1 neutral · story 7\n');
    // an article the run grouped into no story has no id to give
    expect(markdown).toMatch(/1 article from 1 outlet · 0 support · 0 oppose · 1 neutral\n/);
  });

  it('shows the scorer\'s score beside an analyst\'s label, and none where the scorer had none', () => {
    const markdown = renderMarkdown(buildDigest({
      ...base,
      articles: [
        article(1, { stance: { label: 'neutral', score: -0.93, confidence: 0.9, override: true } }),
        article(2, { storyId: 2, stance: { label: 'oppose', score: null, confidence: null, override: true } }),
      ],
    }));
    expect(markdown).toContain("  - Stance: **neutral** (analyst label) · scorer's score -0.93\n");
    expect(markdown).toContain('  - Stance: **oppose** (analyst label)\n');
  });

  it('says the source health is as of writing, and that it is not that of an older day', () => {
    const sources = [{ id: 's', name: 'Wire', status: 'failed' as const, lastError: 'HTTP 500' }];
    const today = renderMarkdown(buildDigest({ ...base, sources, articles: [] }));
    expect(today).toContain('## Sources\n\n_Source health as of 2026-06-10T06:30:00.000Z._\n');
    const older = renderMarkdown(buildDigest({ ...base, sources, articles: [], generatedAt: '2026-06-12T09:00:00.000Z' }));
    expect(older).toContain('_Source health as of 2026-06-12T09:00:00.000Z, when this digest was written, not on 2026-06-10._');
  });

  it('renders hostile feed text inert: no HTML, no fake links, no javascript: URLs, no broken tables', () => {
    const digest = buildDigest({
      ...base,
      articles: [
        article(2, { title: '<script>alert(1)</script> # heading' }),
        article(1, {
          title: '[Click here](javascript:alert(1)) <img src=x onerror=alert(1)> | cell',
          url: 'javascript:alert(document.cookie)',
          outlet: 'Evil *Outlet*',
          evidence: [{ sentence: 'Pause **now** `rm -rf` <b>bold</b>', weight: 0.5 }],
        }),
      ],
      sources: [{ id: 's', name: 'Feed | with pipe', status: 'failed', lastError: 'HTTP 500 <html>' }],
    });
    const markdown = renderMarkdown(digest);
    expect(markdown).not.toMatch(/<script|<img|<b>|<html>/);
    // A link needs an unescaped "](": the title's brackets are escaped and the javascript: URL is shown as text.
    expect(markdown).not.toMatch(/(?<!\\)\]\(<?javascript:/);
    expect(markdown).toContain('(javascript:alert(document.cookie))');
    expect(markdown).toContain('\\[Click here\\]');
    expect(markdown).toContain('&lt;script&gt;');
    expect(markdown).toContain('Evil \\*Outlet\\*');
    expect(markdown).toContain('| Feed \\| with pipe | failed |');
  });

  it('renders through a GFM renderer with links to http(s) addresses only, and no HTML from the feeds', () => {
    const digest = buildDigest({
      ...base,
      articles: [
        article(1, {
          title: 'Write to press@lab.example or xmpp:desk@lab.example <img src=x onerror=alert(1)>',
          url: 'mailto:press@lab.example',
          outlet: 'Desk <desk@wire.example>',
          evidence: [{ sentence: 'Contact tips@news.example, mailto:tips@news.example or <a href="javascript:alert(1)">here</a>.', weight: 0.5 }],
          voices: [{ actor: 'ceo@lab.example', stance: 'support', quote: 'We back it, write to ceo@lab.example.' }],
        }),
        article(2, { title: 'A plain headline', storyId: 2 }),
      ],
      sources: [{ id: 's', name: 'ops@wire.example', status: 'failed', lastError: 'HTTP 500 from ops@wire.example' }],
    });
    // raw HTML allowed, as the most permissive viewers do: any HTML in the output would have come from the digest
    const html = micromark(renderMarkdown(digest), { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((match) => match[1]);
    expect(hrefs).toEqual(['https://news.example/2']);
    expect(html).not.toMatch(/<img|<a href="javascript/);
    expect(html).toContain('Write to press@lab.example or xmpp:desk@lab.example &lt;img src=x onerror=alert(1)&gt; (mailto:press@lab.example)');
    expect(html).toContain('Contact tips@news.example, mailto:tips@news.example or &lt;a href=&quot;javascript:alert(1)&quot;&gt;here&lt;/a&gt;.');
  });

  it('keeps a link whose URL ends in a backslash a link: "\\>" would escape the bracket that closes it', () => {
    const markdown = renderMarkdown(buildDigest({ ...base, articles: [article(1, { title: 'Backslash', url: 'https://e.example/a?q=\\' })] }));
    expect(markdown).toContain('[Backslash](<https://e.example/a?q=%5C>)');
  });

  it('lists a source whose last feed read was recovered with warnings as ok with how many, and a clean one as plain ok', () => {
    const markdown = renderMarkdown(buildDigest({
      ...base,
      articles: [],
      sources: [
        { id: 'lenient', name: 'Lenient wire', status: 'ok', lastError: null, warningCount: 2 },
        { id: 'one', name: 'One slip', status: 'ok', lastError: null, warningCount: 1 },
        { id: 'clean', name: 'Clean wire', status: 'ok', lastError: null, warningCount: 0 },
        { id: 'down', name: 'Down wire', status: 'failed', lastError: 'HTTP 500', warningCount: 3 },
      ],
    }));
    expect(markdown).toContain('| Lenient wire | ok (2 warnings) |  |\n| One slip | ok (1 warning) |  |\n| Clean wire | ok |  |\n| Down wire | failed | HTTP 500 |\n');
  });

  it('drops C1 controls and bidirectional overrides, which would drive a terminal or reverse the line after a title', () => {
    const digest = buildDigest({ ...base, articles: [article(1, { title: 'Bidi \u202egnp.exe\u202c and \u2067isolate\u2069 \u009b31mred', outlet: 'Out\u0085let' })] });
    const markdown = renderMarkdown(digest);
    expect(markdown).toContain('[Bidi gnp.exe and isolate 31mred](<https://news.example/1>) — Outlet');
    expect(markdown).not.toMatch(/[\u0080-\u009f\u202a-\u202e\u2066-\u2069]/);
  });

  it('dates each article by the day in the digest time zone', () => {
    const lateInNewYork = { ...article(3), publishedAt: '2026-06-10T03:30:00.000Z' };
    expect(renderMarkdown(buildDigest({ ...base, timeZone: 'America/New_York', articles: [lateInNewYork] }))).toContain('— Outlet 3 · 2026-06-09 · #3');
    expect(renderMarkdown(buildDigest({ ...base, articles: [lateInNewYork] }))).toContain('— Outlet 3 · 2026-06-10 · #3');
  });

  it('shortens a title of thousands of characters at a word, and never inside an emoji', () => {
    const markdown = renderMarkdown(buildDigest({ ...base, articles: [article(4, { title: `${'pause '.repeat(2_000)}end` })] }));
    const line = markdown.split('\n').find((l) => l.includes('#4'))!;
    expect(line).toMatch(/^- \[(pause ){48}pause…\]\(<https:\/\/news\.example\/4>\)/);
    const emoji = renderMarkdown(buildDigest({ ...base, articles: [article(5, { title: '😀'.repeat(400) })] }));
    expect(emoji).toContain(`[${'😀'.repeat(299)}…]`);
  });

  it('links only http(s) URLs', () => {
    const markdown = renderMarkdown(buildDigest({ ...base, articles: [article(7)] }));
    expect(markdown).toContain('[Article 7](<https://news.example/7>)');
  });
});

describe('a digest day', () => {
  it('starts when the zone\'s calendar turns to it, also where DST starts at midnight and local midnight does not exist', () => {
    // Santiago jumps from 2026-09-05 23:59:59 -04 to 2026-09-06 01:00 -03; Havana from 2026-03-07 23:59:59 -05 to 01:00 -04.
    expect(dayBounds('2026-09-05', 'America/Santiago')).toEqual({ start: '2026-09-05T04:00:00.000Z', end: '2026-09-06T04:00:00.000Z' });
    expect(dayBounds('2026-09-06', 'America/Santiago')).toEqual({ start: '2026-09-06T04:00:00.000Z', end: '2026-09-07T03:00:00.000Z' });
    expect(dayBounds('2026-03-08', 'America/Havana')).toEqual({ start: '2026-03-08T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' });
    // Back at midnight: Santiago's 2026-04-04 has 23:00-23:59 twice, so it is 25 hours.
    expect(dayBounds('2026-04-04', 'America/Santiago')).toEqual({ start: '2026-04-04T03:00:00.000Z', end: '2026-04-05T04:00:00.000Z' });
    // Lord Howe Island moves its clocks by 30 minutes, at 02:00.
    expect(dayBounds('2026-10-04', 'Australia/Lord_Howe')).toEqual({ start: '2026-10-03T13:30:00.000Z', end: '2026-10-04T13:00:00.000Z' });
    expect(dayBounds('2026-04-05', 'Australia/Lord_Howe')).toEqual({ start: '2026-04-04T13:00:00.000Z', end: '2026-04-05T13:30:00.000Z' });
    expect(dayBounds('2026-12-31', 'Pacific/Kiritimati')).toEqual({ start: '2026-12-30T10:00:00.000Z', end: '2026-12-31T10:00:00.000Z' });
  });

  it('follows the day before without gap or overlap and holds only that date, every day of a year, in zones with odd DST rules', () => {
    const dates = Array.from({ length: 366 }, (_v, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10));
    const wrong: string[] = [];
    for (const zone of ['America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Europe/Brussels']) {
      const days = dates.map((date) => ({ date, ...dayBounds(date, zone) }));
      days.forEach(({ date, start, end }, i) => {
        const next = days[i + 1];
        if (next && next.start !== end) wrong.push(`${zone} ${date} ends at ${end}, the next day starts at ${next.start}`);
        if (localDate(new Date(start), zone) !== date || localDate(new Date(Date.parse(end) - 1), zone) !== date) wrong.push(`${zone} ${date} is [${start}, ${end})`);
        if (i > 0 && localDate(new Date(Date.parse(start) - 1), zone) !== dates[i - 1]) wrong.push(`${zone} ${date} starts late: ${start}`);
      });
    }
    expect(wrong).toEqual([]);
  });

  it('is the calendar day in the digest time zone, 23 or 25 hours long across a DST change', () => {
    expect(dayBounds('2026-06-10', 'UTC')).toEqual({ start: '2026-06-10T00:00:00.000Z', end: '2026-06-11T00:00:00.000Z' });
    expect(dayBounds('2026-06-10', 'Europe/Brussels')).toEqual({ start: '2026-06-09T22:00:00.000Z', end: '2026-06-10T22:00:00.000Z' });
    expect(dayBounds('2026-03-29', 'Europe/Brussels')).toEqual({ start: '2026-03-28T23:00:00.000Z', end: '2026-03-29T22:00:00.000Z' });
    expect(dayBounds('2026-11-01', 'America/New_York')).toEqual({ start: '2026-11-01T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' });
  });
});
