import { oneLine, plural, shortenText } from '../model/display-text.ts';
import { dayOf, localDate } from './day.ts';
// as the Markdown digest shows them, so the two parts of a message say the same
import { formatScore, stanceBadge, TITLE_MAX, VOICES_PER_SIDE } from './render-markdown.ts';
import type { DigestArticle, DigestData, DigestStory } from './select.ts';

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

/** Feed or page text as one run of HTML text: escaped, without line breaks or the controls a display must not get. */
function html(text: string): string {
  return escapeHtml(oneLine(text));
}

/** A headline linked to its article when the article has a web address, else followed by where it came from. */
function headline(title: string, url: string): string {
  return isWebLink(url) ? `<a href="${escapeHtml(new URL(url).href)}">${html(title)}</a>` : `${html(title)} (${html(url)})`;
}

function renderArticle(article: DigestArticle, timeZone: string, listed: ReadonlySet<number>): string {
  const date = article.publishedAt ? dayOf(article.publishedAt, timeZone) : 'date unknown';
  const duplicate = article.duplicateOf !== null ? ` · duplicate of #${article.duplicateOf}` : '';
  const line = `${headline(shortenText(article.title, TITLE_MAX), article.url)} — ${html(article.outlet)} · ${date} · #${article.id}${duplicate}`;
  // a copy listed below its original says nothing more, as in the Markdown
  if (article.duplicateOf !== null && listed.has(article.duplicateOf)) return `<li>${line}</li>`;
  const details: string[] = [];
  if (article.duplicateOf !== null) details.push(`Its original, #${article.duplicateOf}, was first seen on an earlier day and is counted there`);
  details.push(`Stance: ${stanceBadge(article, (label) => `<b>${label}</b>`)}`);
  for (const evidence of article.evidence.slice(0, 2)) details.push(`Evidence (${formatScore(evidence.weight)}): <q>${html(shortenText(evidence.sentence, 240))}</q>`);
  for (const voice of article.voices.slice(0, 4)) details.push(`Voice: ${html(voice.actor)} (${voice.stance}): <q>${html(shortenText(voice.quote, 200))}</q>`);
  return `<li>${line}<ul>${details.map((detail) => `<li>${detail}</li>`).join('')}</ul></li>`;
}

function renderStory(story: DigestStory, index: number, timeZone: string): string {
  const tally = `${story.stance.support} support · ${story.stance.oppose} oppose · ${story.stance.neutral} neutral`;
  const id = story.id === null ? '' : ` · story ${story.id}`;
  const listed = new Set(story.articles.map((article) => article.id));
  return [
    `<h3>${index + 1}. ${html(story.label)}</h3>`,
    `<p>${plural(story.articleCount, 'article')} from ${plural(story.outletCount, 'outlet')} · ${tally}${id}</p>`,
    `<ul>\n${story.articles.map((article) => renderArticle(article, timeZone, listed)).join('\n')}\n</ul>`,
  ].join('\n');
}

/**
 * The digest as an HTML document, for an email's HTML part: what the Markdown says, in the same order. Every string
 * from outside (feeds, pages, the pipeline file) is escaped, and only http(s) addresses become links.
 */
export function renderHtml(digest: DigestData): string {
  const { totals } = digest;
  const parts: string[] = [];
  parts.push(`<h1>${html(digest.pipeline.name)}: digest for ${digest.date}</h1>`);
  parts.push(`<p><i>${html(digest.pipeline.description)}</i></p>`);
  parts.push(
    `<p><b>${plural(totals.onTopic, 'on-topic article')}</b> from ${plural(totals.outlets, 'outlet')} ` +
      `(${plural(totals.onTopic - totals.duplicates, 'original')}, ${plural(totals.duplicates, 'duplicate')}) and ${totals.offTopic} off-topic. ` +
      `Stance of original articles: ${totals.stance.support} support · ${totals.stance.oppose} oppose · ${totals.stance.neutral} neutral.</p>`,
  );
  if (digest.shift) {
    const { current, previous } = digest.shift;
    const change = (now: number, before: number) => (now === before ? '±0' : now > before ? `+${now - before}` : `${now - before}`);
    const row = (cells: (string | number)[]) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
    parts.push(
      '<h2>How the debate is shifting</h2>',
      '<table border="1" cellpadding="4"><tr><th>days</th><th>articles</th><th>support</th><th>oppose</th><th>neutral</th></tr>',
      row([`${current.from} to ${current.to}`, current.articles, current.support, current.oppose, current.neutral]),
      row([`${previous.from} to ${previous.to}`, previous.articles, previous.support, previous.oppose, previous.neutral]),
      row(['change', change(current.articles, previous.articles), change(current.support, previous.support), change(current.oppose, previous.oppose), change(current.neutral, previous.neutral)]),
      '</table>',
    );
  }
  if (digest.voices.length > 0) {
    const sides: string[] = [];
    for (const side of ['support', 'oppose', 'neutral'] as const) {
      const voices = digest.voices.filter((v) => v.stance === side);
      if (voices.length === 0) continue;
      const names = voices.slice(0, VOICES_PER_SIDE).map((v) => `${html(v.actor)}${v.articles > 1 ? ` (${v.articles} articles)` : ''}`);
      if (voices.length > VOICES_PER_SIDE) names.push(`and ${voices.length - VOICES_PER_SIDE} more`);
      sides.push(`<li><b>${side === 'neutral' ? 'Without taking a side' : side === 'support' ? 'For a pause' : 'Against'}:</b> ${names.join('; ')}</li>`);
    }
    parts.push('<h2>Who is arguing</h2>', `<ul>${sides.join('')}</ul>`);
  }
  parts.push('<h2>Stories</h2>');
  if (digest.stories.length === 0) parts.push(`<p>No on-topic article was first seen on ${digest.date}.</p>`);
  digest.stories.forEach((story, index) => parts.push(renderStory(story, index, digest.timeZone)));
  const { storiesNotShown } = digest;
  if (storiesNotShown.stories > 0) {
    parts.push(`<p><i>… and ${plural(storiesNotShown.stories, 'more story', 'more stories')} (${plural(storiesNotShown.articles, 'article')}) not shown.</i></p>`);
  }
  if (digest.offTopic.length > 0) {
    const items = digest.offTopic.map((article) => `<li>${headline(shortenText(article.title, TITLE_MAX), article.url)} — ${html(article.outlet)} · #${article.id}</li>`);
    parts.push('<h2>Off-topic articles</h2>', `<ul>\n${items.join('\n')}\n</ul>`);
  }
  const writtenOn = localDate(new Date(digest.generatedAt), digest.timeZone);
  parts.push('<h2>Sources</h2>', `<p><i>Source health as of ${html(digest.generatedAt)}${writtenOn > digest.date ? `, when this digest was written, not on ${digest.date}` : ''}.</i></p>`);
  const sourceRows = digest.sources.map((source) => {
    const warned = source.status === 'ok' && source.warningCount ? ` (${plural(source.warningCount, 'warning')})` : '';
    return `<tr><td>${html(source.name)}</td><td>${source.status.replace('_', ' ')}${warned}</td><td>${source.lastError ? html(shortenText(source.lastError, 160)) : ''}</td></tr>`;
  });
  parts.push(`<table border="1" cellpadding="4"><tr><th>source</th><th>status</th><th>last error</th></tr>\n${sourceRows.join('\n')}\n</table>`);
  parts.push(`<p><i>Generated ${html(digest.generatedAt)} (days in ${html(digest.timeZone)}).</i></p>`);
  return `<!DOCTYPE html><html><body>\n${parts.join('\n')}\n</body></html>\n`;
}
