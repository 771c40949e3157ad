import { shortenText } from '../model/display-text.ts';
import { isWebLink } from './render-html.ts';
// worded as the Markdown digest words it, so the parts of a digest email say the same
import {
  articleDetails, articleFigures, articlesNotShownNote, flatText, shiftNote, shiftRows, sourceHealthNote, sourceStatus, storiesNotShownNote, storyFigures, TITLE_MAX, totalsSentence, voiceSides,
} from './render-markdown.ts';
import { shownArticles, type DigestArticle, type DigestData, type DigestStory } from './select.ts';

/** Plain text has no bold: a stance label is its word. */
const asIs = (words: string) => words;

/** A heading and its underline, as plain-text mail sets one off. */
function heading(title: string, rule: '=' | '-'): string[] {
  return [title, rule.repeat(Math.min([...title].length, 72))];
}

/**
 * An article's headline line, and its web address on a line of its own, written out in full (percent-encoded, so
 * without spaces or angle brackets: a reader's mail program finds where it ends). An address that is not a web one
 * (a file of a files source, a `javascript:` link from a feed) is shown after the headline as text, as in the Markdown.
 */
function articleLines(article: DigestArticle, figures: string): string[] {
  const title = flatText(shortenText(article.title, TITLE_MAX));
  const web = isWebLink(article.url);
  const headline = web ? title : `${title} (${flatText(article.url)})`;
  return [`- ${headline} — ${flatText(article.outlet)} · ${figures}`, ...(web ? [`  ${new URL(article.url).href}`] : [])];
}

function renderStory(story: DigestStory, index: number, timeZone: string, lines: string[], pipelineFile: string | null): void {
  lines.push(`${index + 1}. ${flatText(story.label)}`, `   ${storyFigures(story)}`, '');
  const shown = shownArticles(story);
  const listed = new Set(shown.map((article) => article.id));
  for (const article of shown) {
    lines.push(...articleLines(article, articleFigures(article, timeZone)).map((line) => `   ${line}`));
    for (const detail of articleDetails(article, listed, flatText, asIs)) lines.push(`     ${detail}`);
  }
  const notShown = articlesNotShownNote(story, (command) => `\`${command}\``, pipelineFile);
  if (notShown !== null) lines.push(`   ${notShown}`);
  lines.push('');
}

/**
 * The digest as plain text, for the text part of its email: what the Markdown says, in the same order, with feed
 * text as written (a headline's `<`, `&`, `*` and brackets are no markup here, so nothing is escaped), each on one
 * line and without the controls a display must not get, and web addresses written out.
 */
export function renderPlainText(digest: DigestData): string {
  const lines: string[] = [];
  lines.push(...heading(`${flatText(digest.pipeline.name)}: digest for ${digest.date}`, '='), '');
  lines.push(flatText(digest.pipeline.description), '');
  lines.push(totalsSentence(digest.totals, asIs), '');
  if (digest.shift) {
    lines.push(...heading('How the debate is shifting', '-'), '');
    for (const [days, articles, support, oppose, neutral] of shiftRows(digest.shift)) {
      lines.push(`${days}: articles ${articles}, support ${support}, oppose ${oppose}, neutral ${neutral}`);
    }
    lines.push('');
    const note = shiftNote(digest.shift, digest.timeZone);
    if (note !== null) lines.push(note, '');
  }
  if (digest.voices.length > 0) {
    lines.push(...heading('Who is arguing', '-'), '');
    for (const { side, names } of voiceSides(digest.voices, flatText)) lines.push(`- ${side}: ${names}`);
    lines.push('');
  }
  lines.push(...heading('Stories', '-'), '');
  if (digest.stories.length === 0) lines.push(`No on-topic article was first seen on ${digest.date}.`, '');
  digest.stories.forEach((story, index) => renderStory(story, index, digest.timeZone, lines, digest.pipeline.file ?? null));
  const notShown = storiesNotShownNote(digest.storiesNotShown);
  if (notShown !== null) lines.push(notShown, '');
  if (digest.offTopic.length > 0) {
    lines.push(...heading('Off-topic articles', '-'), '');
    for (const article of digest.offTopic) lines.push(...articleLines(article, `#${article.id}`));
    lines.push('');
  }
  lines.push(...heading('Sources', '-'), '');
  lines.push(sourceHealthNote(digest), '');
  for (const source of digest.sources) {
    lines.push(`- ${flatText(source.name)}: ${sourceStatus(source)}${source.lastError ? ` — ${flatText(shortenText(source.lastError, 160))}` : ''}`);
  }
  if (digest.sources.length > 0) lines.push('');
  lines.push(`Generated ${digest.generatedAt} (days in ${digest.timeZone}).`);
  return `${lines.join('\n')}\n`;
}
