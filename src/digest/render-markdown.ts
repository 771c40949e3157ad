import { plural, shortenText, withoutDisplayControls } from '../model/display-text.ts';
import { dayOf, localDate } from './day.ts';
import type { DigestArticle, DigestData, DigestStory } from './select.ts';

/**
 * Feed and page text is hostile: a title can carry `<script>`, a fake link `[click](javascript:...)` or a line
 * that starts a heading. Everything from outside goes through `escapeMarkdown` (and links through `safeLink`)
 * before it reaches the digest, so Markdown viewers render it as the literal text it is.
 */
export function escapeMarkdown(text: string): string {
  return withoutDisplayControls(text)
    .replace(/\s+/g, ' ')
    .trim()
    // Only what can start markup mid-line: emphasis, code, links (with [ ] escaped no link or image can form),
    // raw HTML and entities, table cells. Text is never placed at the start of a line, so list and heading
    // markers (- + # 1.) need no escape, and the digest stays readable as plain text.
    .replace(/[\\`*_[\]|<>~&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`));
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
  return value === null ? '?' : (value >= 0 ? '+' : '') + value.toFixed(2);
}

/** An article's stance as the digest states it, its label set off by `emphasis` (bold, in Markdown or HTML). */
export function stanceBadge(article: DigestArticle, emphasis: (label: string) => string): string {
  if (!article.stance) return 'off-topic';
  const { label, score, confidence, override } = article.stance;
  // the scorer's figure stays beside the verdict, so a reader sees how far the analyst moved it (no label is made up
  // for the scorer: a neutral score is not its sign)
  if (override) return `${emphasis(label)} (analyst label)${score === null ? '' : ` · scorer's score ${formatScore(score)}`}`;
  return `${emphasis(label)} (score ${formatScore(score)}, confidence ${confidence === null ? '?' : confidence.toFixed(2)})`;
}

/** A title as the digest shows it: long enough for any real headline. */
export const TITLE_MAX = 300;

/** `listed`: the ids of the day's articles, whose stance and evidence are shown beside them. */
function renderArticle(article: DigestArticle, timeZone: string, listed: ReadonlySet<number>, lines: string[]): void {
  // the day in the digest's time zone, the one its days are counted in
  const date = article.publishedAt ? dayOf(article.publishedAt, timeZone) : 'date unknown';
  const duplicate = article.duplicateOf !== null ? ` · duplicate of #${article.duplicateOf}` : '';
  lines.push(`- ${safeLink(shortenText(article.title, TITLE_MAX), article.url)} — ${escapeMarkdown(article.outlet)} · ${date} · #${article.id}${duplicate}`);
  // A copy listed below its original says nothing more; one whose original was first seen on an earlier day, and is
  // not in this digest, shows the stance it counts with (its original's) and its own evidence, or the story would
  // show no stance at all.
  if (article.duplicateOf !== null && listed.has(article.duplicateOf)) return;
  if (article.duplicateOf !== null) lines.push(`  - Its original, #${article.duplicateOf}, was first seen on an earlier day and is counted there`);
  lines.push(`  - Stance: ${stanceBadge(article, (label) => `**${label}**`)}`);
  for (const evidence of article.evidence.slice(0, 2)) {
    lines.push(`  - Evidence (${formatScore(evidence.weight)}): “${escapeMarkdown(shortenText(evidence.sentence, 240))}”`);
  }
  for (const voice of article.voices.slice(0, 4)) {
    lines.push(`  - Voice: ${escapeMarkdown(voice.actor)} (${voice.stance}): “${escapeMarkdown(shortenText(voice.quote, 200))}”`);
  }
}

function renderStory(story: DigestStory, index: number, timeZone: string, lines: string[]): void {
  const tally = `${story.stance.support} support · ${story.stance.oppose} oppose · ${story.stance.neutral} neutral`;
  lines.push(`### ${index + 1}. ${escapeMarkdown(story.label)}`);
  lines.push('');
  // the story's id is what `pausewatch articles --story <id>` and `stories` take: the label alone may differ there,
  // since this one is made from the day's headlines only
  const id = story.id === null ? '' : ` · story ${story.id}`;
  lines.push(`${story.articleCount} article${story.articleCount === 1 ? '' : 's'} from ${story.outletCount} outlet${story.outletCount === 1 ? '' : 's'} · ${tally}${id}`);
  lines.push('');
  const listed = new Set(story.articles.map((article) => article.id));
  for (const article of story.articles) renderArticle(article, timeZone, listed, lines);
  lines.push('');
}

export function renderMarkdown(digest: DigestData): string {
  const { totals } = digest;
  const lines: string[] = [];
  lines.push(`# ${escapeMarkdown(digest.pipeline.name)}: digest for ${digest.date}`);
  lines.push('');
  lines.push(`_${escapeMarkdown(digest.pipeline.description)}_`);
  lines.push('');
  // Split so the numbers add up as read: on-topic = originals + duplicates, and off-topic (copies included) besides.
  const originals = totals.onTopic - totals.duplicates;
  lines.push(
    `**${plural(totals.onTopic, 'on-topic article')}** from ${plural(totals.outlets, 'outlet')} ` +
      `(${plural(originals, 'original')}, ${plural(totals.duplicates, 'duplicate')}) and ${totals.offTopic} off-topic. ` +
      `Stance of original articles: ${totals.stance.support} support · ${totals.stance.oppose} oppose · ${totals.stance.neutral} neutral.`,
  );
  lines.push('');
  if (digest.shift) {
    const { current, previous } = digest.shift;
    const change = (now: number, before: number) => (now === before ? '±0' : now > before ? `+${now - before}` : `${now - before}`);
    lines.push('## How the debate is shifting', '');
    lines.push('| days | articles | support | oppose | neutral |', '| --- | --- | --- | --- | --- |');
    lines.push(`| ${current.from} to ${current.to} | ${current.articles} | ${current.support} | ${current.oppose} | ${current.neutral} |`);
    lines.push(`| ${previous.from} to ${previous.to} | ${previous.articles} | ${previous.support} | ${previous.oppose} | ${previous.neutral} |`);
    lines.push(
      `| change | ${change(current.articles, previous.articles)} | ${change(current.support, previous.support)} | ${change(current.oppose, previous.oppose)} | ${change(current.neutral, previous.neutral)} |`,
      '',
    );
  }
  if (digest.voices.length > 0) {
    lines.push('## Who is arguing', '');
    for (const side of ['support', 'oppose', 'neutral'] as const) {
      const voices = digest.voices.filter((v) => v.stance === side);
      if (voices.length === 0) continue;
      // The count is the voice's `articles` in the JSON: articles quoting them on this side, not in all.
      const names = voices.slice(0, VOICES_PER_SIDE).map((v) => `${escapeMarkdown(v.actor)}${v.articles > 1 ? ` (${v.articles} articles)` : ''}`);
      if (voices.length > VOICES_PER_SIDE) names.push(`and ${voices.length - VOICES_PER_SIDE} more`);
      lines.push(`- **${side === 'neutral' ? 'Without taking a side' : side === 'support' ? 'For a pause' : 'Against'}:** ${names.join('; ')}`);
    }
    lines.push('');
  }
  lines.push('## Stories');
  lines.push('');
  // the digest of any day, often rewritten later: "today" would be wrong for all but one of them, and off-topic
  // articles of the day may still be listed below
  if (digest.stories.length === 0) lines.push(`No on-topic article was first seen on ${digest.date}.`, '');
  digest.stories.forEach((story, index) => renderStory(story, index, digest.timeZone, lines));
  const { storiesNotShown } = digest;
  if (storiesNotShown.stories > 0) {
    lines.push(`_… and ${plural(storiesNotShown.stories, 'more story', 'more stories')} (${plural(storiesNotShown.articles, 'article')}) not shown._`, '');
  }
  if (digest.offTopic.length > 0) {
    lines.push('## Off-topic articles', '');
    for (const article of digest.offTopic) {
      lines.push(`- ${safeLink(shortenText(article.title, TITLE_MAX), article.url)} — ${escapeMarkdown(article.outlet)} · #${article.id}`);
    }
    lines.push('');
  }
  lines.push('## Sources', '');
  // Health is read when the digest is written; no history of it is kept, so an older day cannot show its own.
  const writtenOn = localDate(new Date(digest.generatedAt), digest.timeZone);
  lines.push(`_Source health as of ${digest.generatedAt}${writtenOn > digest.date ? `, when this digest was written, not on ${digest.date}` : ''}._`, '');
  lines.push('| source | status | last error |', '| --- | --- | --- |');
  for (const source of digest.sources) {
    // A feed read leniently works, but may be missing items: "ok" alone would hide it from the reader.
    const warned = source.status === 'ok' && source.warningCount ? ` (${plural(source.warningCount, 'warning')})` : '';
    lines.push(`| ${escapeMarkdown(source.name)} | ${source.status.replace('_', ' ')}${warned} | ${source.lastError ? escapeMarkdown(shortenText(source.lastError, 160)) : ''} |`);
  }
  lines.push('');
  lines.push(`_Generated ${digest.generatedAt} (days in ${digest.timeZone})._`);
  return `${lines.join('\n')}\n`;
}
