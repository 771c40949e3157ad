export { buildDigest, spanWatched, type DigestArticle, type DigestShift, type SpanWatched, type DigestData, type DigestVerdict, type DigestStory, type SourceHealth, type DigestInput, type DigestVoice, type StanceTally } from './select.ts';
export { renderMarkdown, escapeMarkdown, safeLink } from './render-markdown.ts';
export { renderPlainText } from './render-text.ts';
export { addDays, dayBounds, localDate, isIsoDate } from './day.ts';
