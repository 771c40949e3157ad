import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPlainText, parseDateline } from '../../src/extract/plain-text.ts';

const SEEDS_DIR = join(import.meta.dirname, '../../seeds');
const FIXTURES_DIR = join(import.meta.dirname, '../fixtures/plain-text');

function seed(prefix: string): string {
  const file = readdirSync(SEEDS_DIR).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  if (!file) throw new Error(`seed ${prefix} missing`);
  return readFileSync(join(SEEDS_DIR, file), 'utf8');
}
const fixture = (name: string): string => readFileSync(join(FIXTURES_DIR, name), 'utf8');
const paragraphsOf = (text: string): string[] => text.split('\n\n');
const occurrences = (text: string, needle: string): number => text.split(needle).length - 1;

/** Furniture lines seen in the seeds; none may survive into any article's text. */
const FURNITURE = [
  "What's Your Reaction?",
  'Like Like 0',
  'Dislike Dislike 0',
  'Angry Angry 0',
  'Comments',
  'Updated:',
  'hours ago',
  'Illustration representing',
  'is the founder and director',
  'Christopher Holloway',
  'Join the Discussion',
  'Discuss this story',
  'Community comments coming',
  'Be the first to share',
  'Subscribe to comment',
  'Based on current signals',
  'Events may develop differently',
  "Anthropic's blog",
  'WHY IT MATTERS',
  'Key Points',
  'Noise Level',
  'Timeline',
  'No defenders identified',
];
const MOJIBAKE = /β€|â€|Ã[\u0080-\u00bf]|Â[\u0080-\u00bf]/;

const SEED_PREFIXES = ['000', '001', '002', '003', '004'];

describe('extractPlainText on the seed articles', () => {
  it.each(SEED_PREFIXES)('seed %s comes out without furniture, mojibake or heading-only lines', (prefix) => {
    const article = extractPlainText(seed(prefix));
    for (const line of FURNITURE) expect(article.text).not.toContain(line);
    expect(article.text).not.toMatch(MOJIBAKE);
    expect(article.title ?? '').not.toMatch(MOJIBAKE);
    expect(article.text).not.toMatch(/\n\n\s*(?:0 0|User)\s*(?:\n|$)/);
    expect(article.text.endsWith('User')).toBe(false);
    for (const p of paragraphsOf(article.text)) expect(p).toBe(p.trim().replace(/\s+/g, ' '));
    expect(article.partial).toBe(false);
    expect(article.lang).toBe('en');
  });

  it('000: the site-name line becomes siteName and the headline the title; the em dash is repaired', () => {
    const article = extractPlainText(seed('000'));
    expect(article.siteName).toBe('Ai Mainstream');
    expect(article.title).toBe('Anthropic Calls for Global Cooperation on Advanced AI');
    expect(article.text).toContain('AI Safety Researchers — Gain greater attention');
    expect(article.text).not.toContain('Ai Mainstream');
    expect(article.publishedAt).toBeNull();
    expect(paragraphsOf(article.text)[0]).toMatch(/^As artificial intelligence grows more powerful/);
  });

  it('001 and 004 have no headline: the title is null, not a sentence cut from the lead', () => {
    const a001 = extractPlainText(seed('001'));
    const a004 = extractPlainText(seed('004'));
    expect(a001.title).toBeNull();
    expect(a004.title).toBeNull();
    // The lead stays in the body.
    expect(paragraphsOf(a001.text)[0]).toMatch(/^Anthropic is calling on major/);
    expect(paragraphsOf(a001.text)).toHaveLength(5);
    expect(paragraphsOf(a004.text)[0]).toMatch(/^According to the Wall Street Journal/);
  });

  it('000, 002 and 003 keep their headline as the title', () => {
    expect(extractPlainText(seed('000')).title).toBe('Anthropic Calls for Global Cooperation on Advanced AI');
    expect(extractPlainText(seed('002')).title).toBe('Anthropic Advocates for Coordinated Global Pause in AI Development');
    expect(extractPlainText(seed('003')).title).toBe('Anthropic Urges Global Pause Over AI Self-Improvement Risks');
  });

  it('002: the dateline gives publishedAt (read as UTC) and the repeated summary is kept once', () => {
    const article = extractPlainText(seed('002'));
    expect(article.title).toBe('Anthropic Advocates for Coordinated Global Pause in AI Development');
    expect(article.publishedAt).toBe('2026-06-05T10:19:00.000Z');
    expect(article.modifiedAt).toBeNull();
    expect(occurrences(article.text, 'Anthropic has formally advocated for a temporary global pause')).toBe(1);
    expect(article.text).not.toContain('Jun 05, 2026');
    expect(article.text).not.toContain('What does a credible pause actually require?');
    // The real closing paragraphs survive the cut of the reaction/comment area.
    expect(article.text).toMatch(/The ongoing evaluation of proposed frameworks will determine their practical viability\.$/);
    expect(paragraphsOf(article.text)).toHaveLength(20);
  });

  it('003: headline, key points kept as bullets, sidebar labels and comment block dropped', () => {
    const article = extractPlainText(seed('003'));
    expect(article.title).toBe('Anthropic Urges Global Pause Over AI Self-Improvement Risks');
    expect(article.siteName).toBeNull();
    const paragraphs = paragraphsOf(article.text);
    expect(paragraphs.filter((p) => p.startsWith('- '))).toHaveLength(4);
    expect(article.text).toContain('Anthropic has issued an urgent call for a global pause');
    expect(article.text).toContain('Governments are likely to initiate emergency hearings');
    expect(paragraphs.at(-1)).toMatch(/urges a worldwide halt in advanced AI development\.$/);
  });

  it('004: real paragraphs are kept and run-together sentences get their space back', () => {
    const article = extractPlainText(seed('004'));
    expect(article.text).toContain('David Sacks, a venture capitalist and informal adviser to President Trump');
    expect(article.text).toContain('In a recent podcast, Sacks said');
    expect(article.text).toContain('human intervention. Some in the AI industry');
    expect(article.text).toContain('marketing ploy. These skeptics');
    expect(paragraphsOf(article.text)).toHaveLength(9);
    expect(article.publishedAt).toBeNull();
  });
});

describe('extractPlainText generalises beyond the seeds', () => {
  it('another site: site name, byline, "March 3, 2026" dateline, caption, share button, bio box, comments', () => {
    const article = extractPlainText(fixture('harbour-ledger.txt'), { url: 'https://www.harbourledger.example/ferry' });
    expect(article.siteName).toBe('The Harbour Ledger');
    expect(article.title).toBe('City Council Approves New Ferry Timetable After Months of Debate');
    expect(article.byline).toBe('Maria Okafor');
    expect(article.publishedAt).toBe('2026-03-03');
    expect(article.url).toBe('https://www.harbourledger.example/ferry');
    expect(article.canonicalUrl).toBe('https://www.harbourledger.example/ferry');
    const paragraphs = paragraphsOf(article.text);
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^The city council voted seven to two/);
    // A date inside a body sentence is body text, not the article's date.
    expect(paragraphs[2]).toContain('takes effect on April 1, 2026');
    for (const furniture of ['Photo:', 'Share this article', 'is a reporter at', '12 Comments', 'Leave a comment']) {
      expect(article.text).not.toContain(furniture);
    }
    expect(article.partial).toBe(false); // 98 words of body text
  });

  it('windows-1252 mojibake ("â€”", "â€œ", "Ã©") is repaired to the same article as the clean capture', () => {
    const garbled = extractPlainText(fixture('energy-board-cp1252.txt'));
    const clean = extractPlainText(fixture('energy-board-clean.txt'));
    expect(garbled).toEqual(clean);
    expect(garbled.text).toContain('for a decade — the upgrade');
    expect(garbled.text).toContain('Saint-André');
    expect(garbled.text).toContain('“the only realistic option”');
    expect(garbled.publishedAt).toBe('2026-06-05T14:30:00.000Z');
    expect(garbled.partial).toBe(true); // 71 words: below the ~80-word floor of a full article
  });

  it('a capture without furniture comes out unchanged, legitimate non-ASCII text included', () => {
    const raw = fixture('clean-article.txt');
    const [titleLine, ...rest] = raw.trim().split('\n\n');
    const article = extractPlainText(raw);
    expect(article.title).toBe(titleLine);
    expect(article.text).toBe(rest.join('\n\n'));
    expect(article.byline).toBeNull();
    expect(article.siteName).toBeNull();
    expect(article.publishedAt).toBeNull();
  });

  it('hard-wrapped paragraphs are joined and line-per-paragraph text is split', () => {
    const wrapped = [
      'The committee published its report on Monday and said that the',
      'timetable for the reform had slipped by at least a year because of',
      'disagreements over funding.',
      '',
      'A second paragraph follows here.',
    ].join('\n');
    const article = extractPlainText(wrapped);
    expect(paragraphsOf(article.text)).toEqual([
      'The committee published its report on Monday and said that the timetable for the reform had slipped by at least a year because of disagreements over funding.',
      'A second paragraph follows here.',
    ]);
  });

  it('empty input gives an empty, partial article with no title', () => {
    const article = extractPlainText('  \n\n ');
    expect(article).toMatchObject({ title: null, text: '', partial: true, lang: null, publishedAt: null });
  });
});

describe('extractPlainText heads and lines that are easy to mistake', () => {
  it("a wire dateline opening the story dates it, and the site's copyright line is not text", () => {
    const lead = 'BRUSSELS, June 5, 2026 — The European Commission said on Thursday that it would study a verified pause of frontier AI development.';
    const article = extractPlainText(`EU weighs a pause\n\n${lead}\n\nOfficials said the talks would take months.\n\nCopyright 2026 Example News. All rights reserved.\n\n© 2026 Example Media Ltd\n`);
    expect(article.publishedAt).toBe('2026-06-05');
    expect(paragraphsOf(article.text)).toEqual([lead, 'Officials said the talks would take months.']);
    // a place of two words, a date with a time; a date line above the story wins over the dateline
    expect(extractPlainText('Headline here\n\nSAN FRANCISCO, 5 June 2026 10:19 UTC - Labs met on Monday to discuss the pause.').publishedAt).toBe('2026-06-05T10:19:00.000Z');
    expect(extractPlainText(`Headline here\n\nJune 3, 2026\n\n${lead}`).publishedAt).toBe('2026-06-03');
    // a sentence that mentions a date, and a lead without a place in capitals, date nothing
    expect(extractPlainText('Headline here\n\nThe talks, set for June 5, 2026 — a Friday — may slip.').publishedAt).toBeNull();
    expect(extractPlainText('Headline here\n\nIn Brussels, June 5, 2026 — the Commission met.').publishedAt).toBeNull();
    // a sentence about copyright is text
    expect(extractPlainText('Headline here\n\nCopyright law may decide how training data is used, critics of the pause say.').text).toContain('Copyright law');
  });

  const BODY = [
    'Anthropic has asked the leading laboratories to pause the training of frontier models for six months, the company said on Thursday in a post.',
    'The proposal would require an independent body to verify compute use and training logs, which several governments have so far resisted.',
    'Critics said the plan would entrench the largest companies, while safety researchers welcomed its attention to verification.',
  ].join('\n\n');

  it('a "Posted:" dateline whose date has no single reading is neither the title nor text; the headline under it is the title', () => {
    const article = extractPlainText(`Posted: 06/05/2026\nAnthropic wants a pause\n\n${BODY}`);
    expect(article.title).toBe('Anthropic wants a pause');
    expect(article.publishedAt).toBeNull();
    expect(article.text).not.toContain('Posted');
    expect(article.text).toMatch(/^Anthropic has asked/);
  });

  it('a numeric dateline with a part over 12 is read', () => {
    const article = extractPlainText(`Anthropic wants a pause\nPosted: 25/06/2026\n\n${BODY}`);
    expect(article.title).toBe('Anthropic wants a pause');
    expect(article.publishedAt).toBe('2026-06-25');
  });

  it('a short headline over a sentence-case standfirst stays the title, and no site name is invented', () => {
    const article = extractPlainText(`AI Pause Backlash\nCritics say a pause would only hand the lead to rivals\n\n${BODY}`);
    expect(article.title).toBe('AI Pause Backlash');
    expect(article.siteName).toBeNull();
  });

  it('a long headline over its byline is the title, the byline apart, not one wrapped line', () => {
    const article = extractPlainText(`Anthropic’s call for a pause divides the industry\nBy Renée Dupont\n\n${BODY}`);
    expect(article).toMatchObject({ title: 'Anthropic’s call for a pause divides the industry', byline: 'Renée Dupont' });
  });

  it('a breadcrumb trail above the headline is neither the title nor text', () => {
    const article = extractPlainText(`Home > Tech > AI\nAnthropic urges labs to pause\nBy Jane Doe\nJune 5, 2026\n\n${BODY}`);
    expect(article).toMatchObject({ title: 'Anthropic urges labs to pause', byline: 'Jane Doe', publishedAt: '2026-06-05' });
    expect(article.text).not.toContain('Home >');
  });

  it.each([
    ['Last updated: June 7, 2026 | Published: June 5, 2026', { publishedAt: '2026-06-05', modifiedAt: '2026-06-07' }],
    ['Written by Jane Doe on June 5, 2026', { byline: 'Jane Doe', publishedAt: '2026-06-05' }],
    ['From staff reports', { byline: 'From staff reports' }],
  ])('reads the head line "%s"', (line, expected) => {
    expect(extractPlainText(`Anthropic urges labs to pause\n${line}\n\n${BODY}`)).toMatchObject({ title: 'Anthropic urges labs to pause', ...expected });
  });

  it('a capture without a headline has a null title', () => {
    expect(extractPlainText(BODY).title).toBeNull();
  });

  it('short quoted lines with a speech verb, or ending in a quote mark, are text; headings still go', () => {
    const article = extractPlainText(
      `Anthropic wants a pause\n\n${BODY}\n\nWhy It Matters\n\n"We will not pause," she said\n\nHe called the plan 'a fantasy'\n\n${BODY.split('\n\n')[0]!.replace('Anthropic', 'OpenAI')}`,
    );
    expect(article.text).toContain('"We will not pause," she said');
    expect(article.text).toContain("He called the plan 'a fantasy'");
    expect(article.text).not.toContain('Why It Matters');
  });

  it('live-blog time stamps are not text', () => {
    const article = extractPlainText(`Anthropic wants a pause\n\n17.42 BST\n\n${BODY}\n\n10:19 GMT\n\n2 min ago\n\n${BODY.replaceAll('the', 'a')}`);
    for (const stamp of ['17.42 BST', '10:19 GMT', '2 min ago']) expect(article.text).not.toContain(stamp);
  });

  it.each(['This article is for subscribers only.', 'Subscribe to continue reading.', "You've reached your limit of free articles."])(
    'a paywall notice ("%s") is not text, and marks the capture partial however long it is',
    (notice) => {
      const article = extractPlainText(`Anthropic wants a pause\n\n${BODY}\n\n${BODY.replaceAll('the', 'a')}\n\n${notice}`);
      expect(article.text).not.toContain(notice);
      expect(article.partial).toBe(true);
      expect(extractPlainText(`Anthropic wants a pause\n\n${BODY}\n\n${BODY.replaceAll('the', 'a')}`).partial).toBe(false);
    },
  );

  it('a cookie banner captured with the page is not text; a sentence about cookies in the story stays', () => {
    const banner = 'We use cookies to improve your experience. By continuing to use this site, you agree to our cookie policy.';
    const story = 'The bakery owner said the pause in AI hiring had not affected her cookies, which still sell out by noon.';
    const article = extractPlainText(`Anthropic wants a pause\n\n${banner}\n\n${BODY}\n\n${story}`);
    expect(article.text).not.toContain('We use cookies');
    expect(article.text).toContain(story);
  });

  it.each(['Lesen Sie auch', 'À lire aussi', 'Leave a reply', '24 comments'])('"%s" late in a capture opens the trailing area', (heading) => {
    const article = extractPlainText(`Anthropic wants a pause\n\n${BODY}\n\n${heading}\n\nThis is a reader's comment that says the pause is a terrible idea and should be dropped.`);
    expect(article.text).toMatch(/welcomed its attention to verification\.$/);
    expect(article.text).not.toContain("reader's comment");
  });
});

describe('parseDateline', () => {
  it.each([
    ['Jun 05, 2026 - 10:19', '2026-06-05T10:19:00.000Z'],
    ['June 5, 2026', '2026-06-05'],
    ['5 June 2026', '2026-06-05'],
    ['2026-06-05', '2026-06-05'],
    ['2026-06-05T10:19:00+02:00', '2026-06-05T08:19:00.000Z'],
    ['Published: Thursday, June 4, 2026 at 4:15 pm EDT', '2026-06-04T20:15:00.000Z'],
    ['Sept. 30, 2026, 9:05 a.m.', '2026-09-30T09:05:00.000Z'],
    ['12th March 2026 | Reuters', '2026-03-12'],
  ])('reads "%s"', (line, iso) => {
    expect(parseDateline(line)?.iso).toBe(iso);
  });

  it('marks "Updated" datelines as modification times', () => {
    expect(parseDateline('Updated: June 6, 2026 08:00')).toEqual({ iso: '2026-06-06T08:00:00.000Z', kind: 'updated' });
  });

  it.each([
    'Updated: 2 hours ago',
    'The law takes effect on June 5, 2026, after a long consultation with the industry.',
    'February 30, 2026',
    '05/06/2026',
  ])('does not read "%s" as a date', (line) => {
    expect(parseDateline(line)).toBeNull();
  });
});

describe('control characters and Unicode breaks in a capture', () => {
  it('are white space or breaks as a reader sees them, and never text', () => {
    const capture =
      'Labs weigh a pause\n\nDelegates from forty countries met in Geneva on Tuesday to discuss a coordinated,\n' +
      'verified pause of frontier AI development.\fThe chair said a second round would follow\u0007 next month.\n\f\n' +
      'Supporters said the pause was overdue.\u2028Critics said it could not be verified.\u2029Observers noted the draft leaves it open.\n';
    expect(extractPlainText(capture).text).toBe(
      'Delegates from forty countries met in Geneva on Tuesday to discuss a coordinated, verified pause of frontier AI development. ' +
        'The chair said a second round would follow next month.\n\nSupporters said the pause was overdue.\n\nCritics said it could not be verified.\n\n' +
        'Observers noted the draft leaves it open.',
    );
  });
});
