/**
 * How a page is read: as HTML or as plain text. One rule for a page a run fetches and for the same page given to
 * `extract <url>`, so both give the same text; and the rule for how a saved page starts, shared with captures.
 */
import type { ExtractedArticle } from '../model/index.ts';
import { extractHtml } from './html.ts';
import { extractPlainText } from './plain-text.ts';

/**
 * How a saved page starts, whatever its file is called or however it is served: an XML declaration (XHTML), the
 * comment browsers write when they save a page (`<!-- saved from url=(0042)https://... -->`), or, after any
 * comments, a doctype, `<html>` or `<head>`. A text does not start with markup. A comment's text is what cannot
 * end it (COMMENT): a lazy `[\s\S]*?` could also run over `-->` into the next comment, and a text opening with a few
 * dozen comments and no page after them took time doubling with each comment to refuse.
 */
const PAGE_START = /^\s*(?:<\?xml[\s?]|<!--\s*saved from url=|(?:<!--(?:[^-]|-(?!->))*-->\s*)*<(?:!doctype\s+html|html|head)[\s>])/i;

/** How far into a text its start as a page is looked for. */
const PAGE_START_CHARS = 1024;

/** Whether a text starts as an HTML page does (see PAGE_START), judged on its first 1024 characters. */
export function startsLikePage(text: string): boolean {
  return PAGE_START.test(text.slice(0, PAGE_START_CHARS));
}

/**
 * The format a fetched page is read in, by its Content-Type: `text/plain` is read as text, unless its body starts
 * like an HTML page (a server that serves `.html` files as text/plain), which is read as the page it is; HTML, XHTML
 * and a page without a Content-Type are read as HTML.
 * @param contentType the response's Content-Type header, parameters and all, if it had one
 * @param text the decoded body
 */
export function fetchedPageFormat(contentType: string | null | undefined, text: string): 'html' | 'text' {
  const type = contentType?.split(';')[0]!.trim().toLowerCase() ?? '';
  return type === 'text/plain' && !startsLikePage(text) ? 'text' : 'html';
}

/**
 * The article of a fetched page, read in the format its Content-Type gives (`fetchedPageFormat`): what a run stores
 * for the page and `extract <url>` prints.
 * @param contentType the response's Content-Type header, if it had one
 * @param encoding the encoding the page was decoded from (readPageBody's), for the URLs an HTML page writes
 */
export function extractFetchedPage(text: string, contentType: string | undefined, url: string | null, encoding?: string): ExtractedArticle {
  return fetchedPageFormat(contentType, text) === 'text' ? extractPlainText(text, { url }) : extractHtml(text, { url, encoding });
}
