import { plural, shortenText, signedTwoDecimals, twoDecimals, withoutDisplayControls } from '../model/display-text.ts';
import { languageName } from '../model/language.ts';
import { dayOf, localDate } from './day.ts';
import { shownArticles, type DigestArticle, type DigestData, type DigestShift, type DigestStory, type SourceHealth, type StanceTally } from './select.ts';

/** Feed or page text as one run of words: without the controls a display must not get, white space (breaks too) one space. */
export function flatText(text: string): string {
  return withoutDisplayControls(text).replace(/\s+/g, ' ').trim();
}

/**
 * Feed and page text is hostile: a title can carry `<script>`, a fake link `[click](javascript:...)` or a line
 * that starts a heading. Everything from outside goes through `escapeMarkdown` (and links through `safeLink`)
 * before it reaches the digest, so Markdown viewers render it as the literal text it is.
 */
export function escapeMarkdown(text: string): string {
  return flatText(text)
    // Only what can start markup mid-line: emphasis, code, links (with [ ] escaped no link or image can form),
    // raw HTML and entities, table cells, and the "@" of an address GFM would make a mailto: or xmpp: link (escaped,
    // markdown-it, marked and micromark leave it text; GitHub's cmark-gfm links it all the same). Text is never
    // placed at the start of a line, so list and heading markers (- + # 1.) need no escape, and the digest stays
    // readable as plain text.
    .replace(/[\\`*_[\]|<>~&@]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
}

/** Only http(s) links are made clickable; anything else is shown as text. */
export function safeLink(label: string, url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
      // percent-encoded: "<", ">" and white space end the destination, and a "\" escapes the ">" that closes it
      return `[${escapeMarkdown(label)}](<${parsed.href.replace(/[<>\s\\]/g, encodeURIComponent)}>)`;
    }
  } catch {
    // not a URL: a file path from a files source, shown as text below
  }
  return `${escapeMarkdown(label)} (${escapeMarkdown(url)})`;
}

/** Names listed per side in "Who is arguing"; the JSON has them all. */
export const VOICES_PER_SIDE = 8;

export function formatScore(value: number | null): string {
  return value === null ? '?' : signedTwoDecimals(value);
}

/** An article's stance as the digest states it, its label set off by `emphasis` (bold, in Markdown or HTML). */
export function stanceBadge(article: DigestArticle, emphasis: (label: string) => string): string {
  if (!article.stance && article.relevant && article.unreadLanguage) return `not scored (in ${languageName(article.unreadLanguage)}: the scorer reads English)`;
  if (!article.stance) return 'off-topic';
  const { label, score, confidence, override } = article.stance;
  // the scorer's figure stays beside the verdict, so a reader sees how far the analyst moved it (no label is made up
  // for the scorer: a neutral score is not its sign)
  if (override) return `${emphasis(label)} (analyst label)${score === null ? '' : ` · scorer's score ${formatScore(score)}`}`;
  return `${emphasis(label)} (score ${formatScore(score)}, confidence ${confidence === null ? '?' : twoDecimals(confidence)})`;
}

/** A title as the digest shows it: long enough for any real headline. */
export const TITLE_MAX = 300;

/*
 * What the digest says, worded once for its Markdown, plain-text and HTML renderings: each takes `text`, which makes
 * feed text safe for its format (escapeMarkdown, flatText, escapeHtml), and `emphasis` where words are set in bold.
 */

/** The day's figures, split so they add up as read: on-topic = originals + duplicates, and off-topic (copies included) besides. */
export function totalsSentence(totals: DigestData['totals'], emphasis: (words: string) => string): string {
  const originals = totals.onTopic - totals.duplicates;
  return (
    `${emphasis(plural(totals.onTopic, 'on-topic article'))} from ${plural(totals.outlets, 'outlet')} ` +
    `(${plural(originals, 'original')}, ${plural(totals.duplicates, 'duplicate')}) and ${totals.offTopic} off-topic. ` +
    `Stance of original articles: ${totals.stance.support} support · ${totals.stance.oppose} oppose · ${totals.stance.neutral} neutral` +
    `${notScoredNote(totals.notScored)}.`
  );
}

/**
 * The on-topic originals with no stance, by the languages the scorer does not read, most first: "; 3 not scored, in
 * German (2) and French (1)". Empty when there are none.
 */
function notScoredNote(notScored: Readonly<Record<string, number>> | undefined): string {
  const languages = Object.entries(notScored ?? {}).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (languages.length === 0) return '';
  const total = languages.reduce((sum, [, count]) => sum + count, 0);
  const named = languages.map(([code, count]) => `${languageName(code)} (${count})`);
  const list = named.length === 1 ? named[0] : `${named.slice(0, -1).join(', ')} and ${named.at(-1)}`;
  return `; ${total} not scored, in ${list}`;
}

/** A span of the shift as its row names it, with how much of it was watched when not all of it was. */
function shiftSpan(tally: StanceTally, watchedFrom: string | null | undefined): string {
  const days = `${tally.from} to ${tally.to}`;
  if (tally.watched === 'none') return `${days} (before pausewatch began watching)`;
  if (tally.watched === 'part' && watchedFrom) return `${days} (watched from ${watchedFrom})`;
  return days;
}

/** Whether the shift's change is given: only against seven days watched whole (or when no run says otherwise). */
export function shiftComparable(shift: DigestShift): boolean {
  return shift.previous.watched !== 'none' && shift.previous.watched !== 'part';
}

/**
 * "How the debate is shifting": the last days, the days before, and the change, each a row of days and counts. The
 * change is left out when the days before were not watched whole: `shiftNote` says why.
 */
export function shiftRows(shift: DigestShift): string[][] {
  const { current, previous } = shift;
  const change = (now: number, before: number) => (now === before ? '±0' : now > before ? `+${now - before}` : `${now - before}`);
  return [
    [shiftSpan(current, shift.watchedFrom), ...[current.articles, current.support, current.oppose, current.neutral].map(String)],
    [shiftSpan(previous, shift.watchedFrom), ...[previous.articles, previous.support, previous.oppose, previous.neutral].map(String)],
    ...(shiftComparable(shift)
      ? [['change', change(current.articles, previous.articles), change(current.support, previous.support), change(current.oppose, previous.oppose), change(current.neutral, previous.neutral)]]
      : []),
  ];
}

/**
 * What to know of the shift's figures: that a day in progress is counted to the time the digest was written, and the
 * days before to the same time of day; and why it gives no change, when it gives none (the days before were not
 * watched, or not all of them). Null when there is nothing to say.
 */
export function shiftNote(shift: DigestShift, timeZone: string): string | null {
  const notes = [countedToNote(shift, timeZone), notComparableNote(shift)].filter((note) => note !== null);
  return notes.length > 0 ? notes.join(' ') : null;
}

function countedToNote(shift: DigestShift, timeZone: string): string | null {
  if (!shift.countedTo) return null;
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(shift.countedTo));
  return `${shift.current.to} was under way: it is counted to ${time}, and ${shift.previous.to} to the same time.`;
}

function notComparableNote(shift: DigestShift): string | null {
  if (shiftComparable(shift)) return null;
  const { previous, watchedFrom } = shift;
  const days = `the days from ${previous.from} to ${previous.to}`;
  const began = watchedFrom ? `pausewatch began watching on ${watchedFrom}` : 'pausewatch began watching later';
  return previous.watched === 'none'
    ? `No change is given: ${began}, after ${days}; their figures are only the articles published then that it found later.`
    : `No change is given: ${began}, partway through ${days}; those before count only the articles published on them that it found later.`;
}

/** "Who is arguing": each side someone took, and who (the most quoted first, up to VOICES_PER_SIDE). */
export function voiceSides(voices: DigestData['voices'], text: (feedText: string) => string): { side: string; names: string }[] {
  const sides: { side: string; names: string }[] = [];
  for (const side of ['support', 'oppose', 'neutral'] as const) {
    const quoted = voices.filter((v) => v.stance === side);
    if (quoted.length === 0) continue;
    // The count is the voice's `articles` in the JSON: articles quoting them on this side, not in all.
    const names = quoted.slice(0, VOICES_PER_SIDE).map((v) => `${text(v.actor)}${v.articles > 1 ? ` (${v.articles} articles)` : ''}`);
    if (quoted.length > VOICES_PER_SIDE) names.push(`and ${quoted.length - VOICES_PER_SIDE} more`);
    sides.push({ side: side === 'neutral' ? 'Without taking a side' : side === 'support' ? 'For a pause' : 'Against', names: names.join('; ') });
  }
  return sides;
}

/** A story's size and stance tally, and its id, which `pausewatch articles --story <id>` and `stories` take. */
export function storyFigures(story: DigestStory): string {
  // counted as the totals count them: originals in a language the scorer does not read
  const notScored = story.articles.filter((a) => a.duplicateOf === null && !a.stance && a.unreadLanguage).length;
  const tally = `${story.stance.support} support · ${story.stance.oppose} oppose · ${story.stance.neutral} neutral${notScored > 0 ? ` · ${notScored} not scored` : ''}`;
  // the label alone may differ there, since this one is made from the day's headlines only
  const id = story.id === null ? '' : ` · story ${story.id}`;
  return `${plural(story.articleCount, 'article')} from ${plural(story.outletCount, 'outlet')} · ${tally}${id}`;
}

/** What follows an article's headline and outlet: its day in the digest's time zone (the one its days are counted in), its id, its original. */
export function articleFigures(article: DigestArticle, timeZone: string): string {
  const date = article.publishedAt ? dayOf(article.publishedAt, timeZone) : 'date unknown';
  return `${date} · #${article.id}${article.duplicateOf !== null ? ` · duplicate of #${article.duplicateOf}` : ''}`;
}

/**
 * What is said under an article: its stance, evidence and voices. `listed`: the ids of the day's articles. A copy
 * listed below its original says nothing more; one whose original was first seen on an earlier day, and is not in
 * this digest, shows the stance it counts with (its original's) and its own evidence, or the story would show no
 * stance at all.
 */
export function articleDetails(
  article: DigestArticle, listed: ReadonlySet<number>, text: (feedText: string) => string, emphasis: (words: string) => string,
): string[] {
  if (article.duplicateOf !== null && listed.has(article.duplicateOf)) return [];
  const details: string[] = [];
  if (article.duplicateOf !== null) details.push(`Its original, #${article.duplicateOf}, was first seen on an earlier day and is counted there`);
  details.push(`Stance: ${stanceBadge(article, emphasis)}`);
  for (const evidence of article.evidence.slice(0, 2)) {
    details.push(`Evidence (${formatScore(evidence.weight)}): “${text(shortenText(evidence.sentence, 240))}”`);
  }
  for (const voice of article.voices.slice(0, 4)) {
    // the stance comes from stored JSON, read back unchecked: text like the rest
    details.push(`Voice: ${text(voice.actor)} (${text(voice.stance)}): “${text(shortenText(voice.quote, 200))}”`);
  }
  return details;
}

/** The stories past `digest.maxStories`, counted, or null when every story is listed. */
export function storiesNotShownNote(notShown: DigestData['storiesNotShown']): string | null {
  return notShown.stories > 0 ? `… and ${plural(notShown.stories, 'more story', 'more stories')} (${plural(notShown.articles, 'article')}) not shown.` : null;
}

/**
 * The story's articles of the day past `digest.maxArticlesPerStory`, counted, with the command that lists them all,
 * or null when every one is listed. `code` sets the command off (in backticks, or HTML's <code>); the words around
 * it are the digest's own, with nothing for any format to escape.
 */
export function articlesNotShownNote(story: DigestStory, code: (command: string) => string, pipelineFile: string | null): string | null {
  if (story.articlesNotShown === 0) return null;
  const more = `… and ${plural(story.articlesNotShown, 'more article')} of this story not shown`;
  if (story.id === null) return `${more}.`;
  // another pipeline's stories are listed with its file named, as the digest's reader would run it from the project
  const command = `pausewatch articles${pipelineFile === null ? '' : ` --pipeline ${shellWord(pipelineFile)}`} --story ${story.id}`;
  // The table of `articles` holds the newest 100 unless given a --limit: one that takes in every article of the story
  // (of every day, counted when the digest was written) lists the day's among them.
  if (story.allDaysArticleCount === null) return `${more}; ${code(command)} lists the story's articles.`;
  return `${more}; ${code(`${command} --limit ${story.allDaysArticleCount}`)} lists them all.`;
}

/** A path as a shell reads it as one word: as it is when plain, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** When source health was read: when the digest was written, which for an older day is not that day (no history of it is kept). */
export function sourceHealthNote(digest: DigestData): string {
  const writtenOn = localDate(new Date(digest.generatedAt), digest.timeZone);
  return `Source health as of ${digest.generatedAt}${writtenOn > digest.date ? `, when this digest was written, not on ${digest.date}` : ''}.`;
}

/** A source's status; a feed read leniently works but may be missing items, so "ok" alone would hide its warnings. */
export function sourceStatus(source: SourceHealth): string {
  const warned = source.status === 'ok' && source.warningCount ? ` (${plural(source.warningCount, 'warning')})` : '';
  return `${source.status.replace('_', ' ')}${warned}`;
}

const bold = (words: string) => `**${words}**`;

/** `listed`: the ids of the day's articles, whose stance and evidence are shown beside them. */
function renderArticle(article: DigestArticle, timeZone: string, listed: ReadonlySet<number>, lines: string[]): void {
  lines.push(`- ${safeLink(shortenText(article.title, TITLE_MAX), article.url)} — ${escapeMarkdown(article.outlet)} · ${articleFigures(article, timeZone)}`);
  for (const detail of articleDetails(article, listed, escapeMarkdown, bold)) lines.push(`  - ${detail}`);
}

function renderStory(story: DigestStory, index: number, timeZone: string, lines: string[], pipelineFile: string | null): void {
  lines.push(`### ${index + 1}. ${escapeMarkdown(story.label)}`);
  lines.push('');
  lines.push(storyFigures(story));
  lines.push('');
  const shown = shownArticles(story);
  const listed = new Set(shown.map((article) => article.id));
  for (const article of shown) renderArticle(article, timeZone, listed, lines);
  lines.push('');
  const notShown = articlesNotShownNote(story, (command) => `\`${command}\``, pipelineFile);
  if (notShown !== null) lines.push(`_${notShown}_`, '');
}

export function renderMarkdown(digest: DigestData): string {
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(digest.pipeline.name)}: digest for ${digest.date}`);
  lines.push('');
  lines.push(`_${escapeMarkdown(digest.pipeline.description)}_`);
  lines.push('');
  lines.push(totalsSentence(digest.totals, bold));
  lines.push('');
  if (digest.shift) {
    lines.push('## How the debate is shifting', '');
    lines.push('| days | articles | support | oppose | neutral |', '| --- | --- | --- | --- | --- |');
    for (const row of shiftRows(digest.shift)) lines.push(`| ${row.join(' | ')} |`);
    lines.push('');
    const note = shiftNote(digest.shift, digest.timeZone);
    if (note !== null) lines.push(`_${note}_`, '');
  }
  if (digest.voices.length > 0) {
    lines.push('## Who is arguing', '');
    for (const { side, names } of voiceSides(digest.voices, escapeMarkdown)) lines.push(`- ${bold(`${side}:`)} ${names}`);
    lines.push('');
  }
  lines.push('## Stories');
  lines.push('');
  // the digest of any day, often rewritten later: "today" would be wrong for all but one of them, and off-topic
  // articles of the day may still be listed below
  if (digest.stories.length === 0) lines.push(`No on-topic article was first seen on ${digest.date}.`, '');
  digest.stories.forEach((story, index) => renderStory(story, index, digest.timeZone, lines, digest.pipeline.file ?? null));
  const notShown = storiesNotShownNote(digest.storiesNotShown);
  if (notShown !== null) lines.push(`_${notShown}_`, '');
  if (digest.offTopic.length > 0) {
    lines.push('## Off-topic articles', '');
    for (const article of digest.offTopic) {
      lines.push(`- ${safeLink(shortenText(article.title, TITLE_MAX), article.url)} — ${escapeMarkdown(article.outlet)} · #${article.id}`);
    }
    lines.push('');
  }
  lines.push('## Sources', '');
  lines.push(`_${sourceHealthNote(digest)}_`, '');
  lines.push('| source | status | last error |', '| --- | --- | --- |');
  for (const source of digest.sources) {
    lines.push(`| ${escapeMarkdown(source.name)} | ${sourceStatus(source)} | ${source.lastError ? escapeMarkdown(shortenText(source.lastError, 160)) : ''} |`);
  }
  lines.push('');
  lines.push(`_Generated ${digest.generatedAt} (days in ${digest.timeZone})._`);
  return `${lines.join('\n')}\n`;
}
