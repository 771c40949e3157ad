/**
 * The charset labels an HTML document's `<meta>` tags declare, found as browsers find them: the WHATWG HTML
 * standard's "prescan a byte stream to determine its encoding" (§13.2.3.2), run over the document's first bytes
 * read as Latin-1 (each byte one character; labels are ASCII). What it gets right that a search for "charset=" does
 * not: a `<meta>` inside a comment or inside another tag's attribute value does not count, nor does a `content`
 * attribute's charset on a `<meta>` without http-equiv="Content-Type" (`<meta name="description" content="...">`),
 * and attribute order does not matter.
 */

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';

/** WHATWG "get an attribute": a tag's next attribute, lower-cased, from `at`; null at the tag's `>`, or at the end. */
function nextAttribute(text: string, at: number): { name: string; value: string; end: number } | null {
  let i = at;
  while (isSpace(text[i]) || text[i] === '/') i++;
  if (i >= text.length || text[i] === '>') return null;
  let name = '';
  for (;;) {
    const c = text[i];
    if (c === undefined) return null;
    if (c === '=' && name !== '') break;
    if (isSpace(c)) {
      while (isSpace(text[i])) i++;
      if (text[i] !== '=') return text[i] === undefined ? null : { name, value: '', end: i };
      break;
    }
    if (c === '/' || c === '>') return { name, value: '', end: i };
    name += c.toLowerCase();
    i++;
  }
  i++; // past "="
  while (isSpace(text[i])) i++;
  const quote = text[i];
  if (quote === undefined) return null;
  if (quote === '"' || quote === "'") {
    const close = text.indexOf(quote, i + 1);
    return close < 0 ? null : { name, value: text.slice(i + 1, close).toLowerCase(), end: close + 1 };
  }
  if (quote === '>') return { name, value: '', end: i };
  const start = i;
  while (i < text.length && !isSpace(text[i]) && text[i] !== '>') i++;
  return i >= text.length ? null : { name, value: text.slice(start, i).toLowerCase(), end: i };
}

/** Where the tag whose attributes end at `at` closes: its `>`, or -1 when `head` ends first. */
function tagEnd(head: string, at: number): number {
  let i = at;
  while (isSpace(head[i]) || head[i] === '/') i++;
  return head[i] === '>' ? i : -1;
}

/** WHATWG "extracting a character encoding from a meta element": the charset in `text/html; charset=utf-8`. */
export function charsetInContent(content: string): string | null {
  let from = 0;
  for (;;) {
    const at = content.toLowerCase().indexOf('charset', from);
    if (at < 0) return null;
    let i = at + 'charset'.length;
    while (isSpace(content[i])) i++;
    if (content[i] !== '=') {
      from = i;
      continue;
    }
    i++;
    while (isSpace(content[i])) i++;
    const quote = content[i];
    if (quote === undefined) return null;
    if (quote === '"' || quote === "'") {
      const close = content.indexOf(quote, i + 1);
      return close < 0 ? null : content.slice(i + 1, close);
    }
    let end = i;
    while (end < content.length && !isSpace(content[end]) && content[end] !== ';') end++;
    return content.slice(i, end);
  }
}

/**
 * The labels the `<meta>` tags of `head` declare, in document order, lower-cased and trimmed. A browser takes the
 * first one it knows; the caller decides which it knows. A tag cut off by the end of `head` does not count.
 * @param head the document's first bytes (the standard reads 1024) as a Latin-1 string
 */
export function metaCharsets(head: string): string[] {
  const labels: string[] = [];
  let i = 0;
  while (i < head.length) {
    if (head[i] !== '<') {
      i++;
      continue;
    }
    if (head.startsWith('<!--', i)) {
      // the comment's "--" may be the opening one's: "<!-->" is a whole comment
      const close = head.indexOf('-->', i + 2);
      if (close < 0) break;
      i = close + 3;
      continue;
    }
    if (/^<meta[\t\n\f\r /]/i.test(head.slice(i, i + 6))) {
      let at = i + 6;
      const seen = new Set<string>();
      let gotPragma = false;
      let needPragma: boolean | null = null;
      let charset: string | null = null;
      let attribute: ReturnType<typeof nextAttribute>;
      while ((attribute = nextAttribute(head, at))) {
        at = attribute.end;
        if (seen.has(attribute.name)) continue;
        seen.add(attribute.name);
        if (attribute.name === 'http-equiv') {
          if (attribute.value === 'content-type') gotPragma = true;
        } else if (attribute.name === 'content') {
          const found = charsetInContent(attribute.value);
          if (found !== null && charset === null) {
            charset = found;
            needPragma = true;
          }
        } else if (attribute.name === 'charset' && charset === null) {
          // as for `content`: the first charset a tag names counts, whichever attribute names it
          charset = attribute.value;
          needPragma = false;
        }
      }
      at = tagEnd(head, at);
      if (at < 0) break; // the tag runs past the end of `head`
      i = at + 1;
      if (needPragma === null || (needPragma && !gotPragma) || charset === null) continue;
      const label = charset.trim();
      if (label !== '') labels.push(label);
      continue;
    }
    if (/^<\/?[a-z]/i.test(head.slice(i, i + 3))) {
      // another tag: its attributes are read past, so a "<meta" inside a quoted value is not taken for a tag
      let at = i + 1;
      while (at < head.length && !isSpace(head[at]) && head[at] !== '>') at++;
      let attribute: ReturnType<typeof nextAttribute>;
      while ((attribute = nextAttribute(head, at))) at = attribute.end;
      at = tagEnd(head, at);
      if (at < 0) break;
      i = at + 1;
      continue;
    }
    if (/^<[!/?]/.test(head.slice(i, i + 2))) {
      const close = head.indexOf('>', i + 2);
      if (close < 0) break;
      i = close + 1;
      continue;
    }
    i++;
  }
  return labels;
}
