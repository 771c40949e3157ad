import { shortenText } from '../model/display-text.ts';
// worded once, as the Markdown and plain-text digests word it, so the parts of a digest email say the same
import {
  articleDetails, articleFigures, articlesNotShownNote, flatText, shiftNote, shiftRows, sourceHealthNote, sourceStatus, storiesNotShownNote, storyFigures, TITLE_MAX, totalsSentence, voiceSides,
} from './render-markdown.ts';
import { shownArticles, type DigestArticle, type DigestData, type DigestStory } from './select.ts';

/**
 * Text for HTML, in element content and in quoted attribute values alike (a link's href): feed text can carry
 * `<script>` or a quote that ends the attribute. Quotes are escaped too, for that.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Only http(s) links become links: a `javascript:` URL from a feed must not be one click away. */
export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Feed or page text as one run of HTML text: as the Markdown and plain text show it (one line, without the controls a
 * display must not get), escaped.
 */
function html(text: string): string {
  return escapeHtml(flatText(text));
}

/**
 * Bold, for the shared helpers' `emphasis`: what they set off is their own words (a count, a stance label), never
 * feed text, escaped all the same.
 */
function bold(words: string): string {
  return `<b>${escapeHtml(words)}</b>`;
}

/** A headline linked to its article when the article has a web address, else followed by where it came from. */
function headline(title: string, url: string): string {
  return isWebLink(url) ? `<a href="${escapeHtml(new URL(url).href)}">${html(title)}</a>` : `${html(title)} (${html(url)})`;
}

/** `listed`: the ids of the day's articles; a copy listed below its original says nothing more (articleDetails). */
function renderArticle(article: DigestArticle, timeZone: string, listed: ReadonlySet<number>): string {
  // the shared wordings without feed text (figures, notes, statuses) are escaped whole: no markup is in them
  const line = `${headline(shortenText(article.title, TITLE_MAX), article.url)} — ${html(article.outlet)} · ${escapeHtml(articleFigures(article, timeZone))}`;
  const details = articleDetails(article, listed, html, bold);
  if (details.length === 0) return `<li>${line}</li>`;
  return `<li>${line}<ul>${details.map((detail) => `<li>${detail}</li>`).join('')}</ul></li>`;
}

function renderStory(story: DigestStory, index: number, timeZone: string, pipelineFile: string | null): string {
  const shown = shownArticles(story);
  const listed = new Set(shown.map((article) => article.id));
  // the note's own words need no escape (articlesNotShownNote); its command is escaped all the same
  const notShown = articlesNotShownNote(story, (command) => `<code>${escapeHtml(command)}</code>`, pipelineFile);
  return [
    `<h3>${index + 1}. ${html(story.label)}</h3>`,
    `<p>${escapeHtml(storyFigures(story))}</p>`,
    `<ul>\n${shown.map((article) => renderArticle(article, timeZone, listed)).join('\n')}\n</ul>`,
    ...(notShown === null ? [] : [`<p><i>${notShown}</i></p>`]),
  ].join('\n');
}

/**
 * The body's style: a word longer than the line (a headline of 300 letters without a space, a URL) breaks at the
 * window's edge rather than widening the page past it. `anywhere` lets table cells narrow for it too; readers without
 * it keep `break-word`.
 */
export const BODY_STYLE = 'overflow-wrap:break-word;overflow-wrap:anywhere';

/**
 * The digest as an HTML document, for an email's HTML part: what the Markdown says, in the same order. Every string
 * from outside (feeds, pages, the pipeline file) is escaped, and only http(s) addresses become links. It names its
 * encoding itself (and has a title), so a copy saved from a mail reader, or served without a charset, shows "暂停"
 * and "—" as written rather than as Windows-1252 guesswork.
 */
export function renderHtml(digest: DigestData): string {
  const parts: string[] = [];
  const title = `${html(digest.pipeline.name)}: digest for ${escapeHtml(digest.date)}`;
  parts.push(`<h1>${title}</h1>`);
  parts.push(`<p><i>${html(digest.pipeline.description)}</i></p>`);
  parts.push(`<p>${totalsSentence(digest.totals, bold)}</p>`);
  if (digest.shift) {
    const row = (cells: string[]) => `<tr>${cells.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`;
    parts.push(
      '<h2>How the debate is shifting</h2>',
      '<table border="1" cellpadding="4"><tr><th>days</th><th>articles</th><th>support</th><th>oppose</th><th>neutral</th></tr>',
      ...shiftRows(digest.shift).map(row),
      '</table>',
    );
    const note = shiftNote(digest.shift, digest.timeZone);
    if (note !== null) parts.push(`<p><i>${escapeHtml(note)}</i></p>`);
  }
  if (digest.voices.length > 0) {
    const sides = voiceSides(digest.voices, html).map(({ side, names }) => `<li>${bold(`${side}:`)} ${names}</li>`);
    parts.push('<h2>Who is arguing</h2>', `<ul>${sides.join('')}</ul>`);
  }
  parts.push('<h2>Stories</h2>');
  if (digest.stories.length === 0) parts.push(`<p>No on-topic article was first seen on ${escapeHtml(digest.date)}.</p>`);
  digest.stories.forEach((story, index) => parts.push(renderStory(story, index, digest.timeZone, digest.pipeline.file ?? null)));
  const notShown = storiesNotShownNote(digest.storiesNotShown);
  if (notShown !== null) parts.push(`<p><i>${escapeHtml(notShown)}</i></p>`);
  if (digest.offTopic.length > 0) {
    const items = digest.offTopic.map((article) => `<li>${headline(shortenText(article.title, TITLE_MAX), article.url)} — ${html(article.outlet)} · #${article.id}</li>`);
    parts.push('<h2>Off-topic articles</h2>', `<ul>\n${items.join('\n')}\n</ul>`);
  }
  parts.push('<h2>Sources</h2>', `<p><i>${escapeHtml(sourceHealthNote(digest))}</i></p>`);
  const sourceRows = digest.sources.map((source) => {
    const lastError = source.lastError ? html(shortenText(source.lastError, 160)) : '';
    return `<tr><td>${html(source.name)}</td><td>${escapeHtml(sourceStatus(source))}</td><td>${lastError}</td></tr>`;
  });
  parts.push(`<table border="1" cellpadding="4"><tr><th>source</th><th>status</th><th>last error</th></tr>\n${sourceRows.join('\n')}\n</table>`);
  parts.push(`<p><i>Generated ${html(digest.generatedAt)} (days in ${html(digest.timeZone)}).</i></p>`);
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body style="${BODY_STYLE}">\n${parts.join('\n')}\n</body></html>\n`;
}
