/**
 * htmlToText, collapseWhitespace, countWords and resolveHtmlUrls were rewritten as single scans for speed (they run on
 * every stored article, or every feed item). Their results must not change: each is compared here with the pattern-based code it replaced, kept
 * below as written, on hand-picked hostile markup, on every UTF-16 code unit, and on thousands of random texts.
 */
import { decodeHTML } from 'entities';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { articleWordCount, countWords } from '../../src/extract/index.ts';
import { repairMojibake } from '../../src/extract/mojibake.ts';
import {
  collapseWhitespace, decodeAttributeEntities, htmlToText, repairDecodedText, resolveHtmlUrls, resolveUrl,
} from '../../src/ingest/feed/normalise.ts';

// ---------------------------------------------------------------------------------------------------------------
// The replaced implementations

const CONTROL_CHARACTERS = /[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffe\uffff]/g;
const COLLAPSIBLE_WHITESPACE = /[ \t\n\r\f\u2028\u2029]{2,}|[\t\n\r\f\u2028\u2029]|\u00a0{2,}/g;
const BREAKING_TAG = /<\/?(?:br|p|div|li|ul|ol|dl|dt|dd|h[1-6]|blockquote|pre|hr|table|tr|td|th|section|article|header|footer|figure|figcaption|aside|nav)(?=[\s/>])[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/gi;

function referenceCollapseWhitespace(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(COLLAPSIBLE_WHITESPACE, ' ').trim();
}

function referenceHtmlToText(html: string): string {
  const withoutTags = html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(BREAKING_TAG, ' ')
    .replace(/<\/?[A-Za-z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/g, '');
  return referenceCollapseWhitespace(withoutTags.includes('&') ? decodeHTML(withoutTags) : withoutTags);
}

const URL_ATTRIBUTES = /(\s(?:href|src|cite|action|background|longdesc|poster|usemap|codebase|data|profile|formaction|icon|manifest)\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/gi;

function referenceResolveHtmlUrls(html: string, base: string | null | undefined): string {
  if (!base || !html.includes('<')) return html;
  return html.replace(/<[A-Za-z][^<>]*>/g, (tag) =>
    !tag.includes('=') ? tag : tag.replace(URL_ATTRIBUTES, (_whole, lead: string, dq?: string, sq?: string, bare?: string) => {
      const raw = dq ?? sq ?? bare ?? '';
      const resolved = resolveUrl(decodeAttributeEntities(raw), base) ?? raw;
      const escaped = resolved.includes('&') ? resolved.replace(/&/g, '&amp;') : resolved;
      if (sq !== undefined) return `${lead}'${escaped.includes("'") ? escaped.replace(/'/g, '&#39;') : escaped}'`;
      return `${lead}"${escaped.includes('"') ? escaped.replace(/"/g, '&quot;') : escaped}"`;
    }),
  );
}

/** Windows-1252's character for a C1 control, or nothing where it defines none (0x81, 0x8d, 0x8f, 0x90, 0x9d). */
const windows1252 = (c1: string) => {
  const character = iconv.decode(Buffer.of(c1.charCodeAt(0)), 'windows-1252');
  return character === '\ufffd' ? '' : character;
};

/** repairDecodedText as it was: its steps on every text, each with its own search. */
const referenceRepairDecodedText = (text: string) => repairMojibake(text).replace(/[\x80-\x9f]/g, windows1252).replace(CONTROL_CHARACTERS, '');

/** The definition countWords must agree with. */
const referenceCountWords = (text: string) => text.match(/[\p{L}\p{N}]+(?:['’]\p{L}+)?/gu)?.length ?? 0;

/** articleWordCount as it was: a search for a character of a script written without spaces, then a count of them. */
const UNSPACED = /[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
function referenceArticleWordCount(text: string): number {
  if (!UNSPACED.test(text)) return referenceCountWords(text);
  const unspaced = Array.from({ length: text.length }, (_v, i) => text[i]!).filter((unit) => UNSPACED.test(unit)).length;
  return referenceCountWords(text) + Math.floor(unspaced / 2);
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

const TAGS = [
  '<p>', '</p>', '<P>', '<br>', '<BR/>', '<br />', '<Br\n>', '<hr/>', '<h1>', '</H6>', '<h7>', '<h10>', '<p2>', '<pre>', '<preview>',
  '<brand>', '<b>', '</b>', '<em>', '<x-y>', '<a href="/x?a=1&amp;b=2">', '</a>', "<a href='/y'>", '<div class="c" id=d>',
  '<img alt="a > b">', "<img alt='say \"hi\"'>", '<img alt="it\'s">', '<li\u00a0x>', '<td\t>', '<table\u2028>', '<th\u3000>',
  '<dd\ufeff>', '<dt\u200b>', '<ul\v>', '<ol\u1680>', '<nav\u205f>', '<aside\u202f>', '<section\u2003>', '<p/>', '</ br>', '<//p>',
  '<figcaption>', '<figure >', '<blockquote cite="u">', '<pé>', '<é>', '<p\u0301>', '<p title="<b>">', '<a title="<br>">',
  '<img alt="cat<br />dog">', '<p title="a">b">', '<!DOCTYPE html>', '<?xml version="1.0"?>', '<3', '< p>', '<<p>', '<a', '<p',
  '</', '<', '>', '"', "'", '=', '/',
];
const MARKUP = ['<!--', '-->', '<!-- note -->', '<!--->', '<![CDATA[', ']]>', '<![CDATA[<p>x</p>]]>', '<!', '[CDATA[', '<!-- <p> -->'];
const ENTITIES = [
  '&amp;', '&lt;', '&gt;', '&lt;p&gt;', '&quot;', '&#39;', '&rsquo;', '&nbsp;', '&#160;', '&#xA0;', '&#10;', '&#13;', '&#9;', '&#1;',
  '&#0;', '&#128;', '&#x85;', '&#x2028;', '&#x1F600;', '&#xD800;', '&amp', '&copy', '&notin;', '&noti;', '&unknown;', '&lt',
  '&', '&#', '&#x;', '&#x20;&#x20;', '&nbsp;&nbsp;', '&NewLine;',
];
const WHITESPACE = [
  ' ', '  ', '\t', '\n', '\r\n', '\f', '\v', '\u00a0', '\u00a0\u00a0', '\u2028', '\u2029', '\u3000', '\ufeff', '\u1680', '\u2003',
  '\u200b', '\u202f', '\u205f', '\x85',
];
const CONTROLS = ['\x00', '\x01', '\x08', '\x0b', '\x0e', '\x1f', '\x7f', '\x80', '\x9f'];
const TEXT = [
  'a', 'Z', 'word', 'pause', 'é', 'ß', 'Ω', 'жить', '中文', 'عربي', '٣', '5', '2026', "'", '’', "don't", 'l’homme', "'s", 'x\'',
  '\u0301', '𝒜', '😀', '\ud800', '\udc00', '\ud83d', '.', ',', '-', '—', '“q”',
];

/** A seeded generator, so a failure can be reproduced. */
function randomTexts(seed: number, pieces: string[], count: number, maxLength: number): string[] {
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
  return Array.from({ length: count }, () => Array.from({ length: next() % maxLength }, () => pieces[(next() >>> 8) % pieces.length]).join(''));
}

/** Markup a feed would send: tags closed, quotes paired, no stray '<' (the fast path, rather than its fallback). */
const WELL_FORMED = [
  '<p>', '</p>', '<br>', '<br />', '<div class="c">', '</div>', '<a href="/x?a=1&amp;b=2">', '</a>', '<b>', '</b>', '<h2>', '</h2>',
  '<img src="/i.png" alt="a > b">', "<span title='x'>", '</span>', '<li>', '<TD>', '<preview>', '\n', ' ', '  ', '\t', '&amp;',
  '&nbsp;', '\u00a0', 'word', 'l’homme', "don't", '2026', 'é', '中文', '😀', '.', '“', '&#8217;', '&gt;',
];

// ---------------------------------------------------------------------------------------------------------------

describe('htmlToText gives what the patterns it replaced gave', () => {
  it.each([
    '',
    'plain text',
    '<p>Labs weigh a pause.</p><p>Critics object.</p>',
    'Line one<br>Line two<BR/>three<li>a</li><li>b</li><h2>Head</h2>end',
    '<b>W</b>ord, <a href="/x">linked</a>, <em>stressed</em>',
    'a<preview>b</preview>c<brand>d',
    '<p title="a > b">x</p><img alt="cat<br />dog">y &amp; z',
    // a breaking tag inside another tag's quotes: the patterns replace it first, then the outer tag no longer ends
    '<a t="<br q=\'">\'>rest',
    '<a t="<br c=\'"\'>">',
    'x<a <br>y',
    // quotes of one kind inside the other's, a value ending the text, tags whose names are a breaking tag's in another case
    `<a t='"'>x<b t="'">y`, 'x<a t="y"', 'x<a t="y">', '<a t="">z<a t=\'\'>', '<BlockQuote>a</BLOCKQUOTE>b<FigCaption>c<H6>d<Hr/>e<pRe>f',
    '<blockquotes>a<figcaptio>b<h7>c<h0>d<navs>e',
    // unclosed tags, quotes that never close, '<' not starting a tag
    'a<b', 'a <b c="d>e', "<p title='x>y", 'if a < b and c > d', '1 <3 you', '<<p>>', '</ p>', '<//p>x', '<p', '<p ',
    // comments and CDATA, whose removal can make a tag
    '<!-- c -->a<!-- unclosed', '<<!-- -->p>x', '<![CDATA[<p>x</p>]]>y', '<![CDATA[<]]>p>x', '<!<!---->[CDATA[<p>]]>',
    '<!-- <![CDATA[ -->]]>', '<![CDATA[ <!-- ]]> -->',
    // entities that make markup, white space or control characters
    '&lt;p&gt;x&lt;/p&gt;', 'a&nbsp;b', 'a&nbsp;&nbsp;b', 'a&#10;&#10;b', 'a&#1;b', 'a &#1; b', '&#128;&#x9f;', '&am<b>p;',
    // white space of every kind, in runs, around control characters
    ' \t\n a \r\n\f b \u2028\u2029 c \u00a0 d\u00a0\u00a0e \u3000 f\ufeff', 'a \x01 b', 'a\x01 b', '\u00a0\x01\u00a0', '\u00a0\x01 ',
    ' \x01\u00a0\u00a0', '\x00\x85\x9f', '\v\u1680\u2003\u202f\u205f', '\u00a0x\u00a0', '<p\u00a0title=x>a</p\u3000>b',
    // astral characters and lone surrogates
    '<p>😀</p>\ud800<b>\udc00</b>𝒜',
    // runs of U+00A0 next to other white space are runs of their own
    '\u00a0\u00a0\n', 'a \u00a0\u00a0 b', 'x  \u00a0\x01\u00a0', '\u00a0 \u00a0',
  ])('%j', (html) => {
    expect(htmlToText(html)).toBe(referenceHtmlToText(html));
  });

  it('for every UTF-16 code unit, after a tag name, as white space, and as text', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const html of [`x<p${c}>y`, `x</br${c}/>y`, `x<b${c}>y`, `${c}x ${c} y${c}${c}z${c}`, `x<p>${c}</p>${c}y`]) {
        const got = htmlToText(html);
        if (got !== referenceHtmlToText(html)) expect(got, JSON.stringify(html)).toBe(referenceHtmlToText(html));
      }
    }
  });

  it('on random markup from a hostile alphabet', () => {
    const pieces = [...TAGS, ...MARKUP, ...ENTITIES, ...WHITESPACE, ...CONTROLS, ...TEXT];
    for (const html of randomTexts(17, pieces, 4000, 40)) expect(htmlToText(html), JSON.stringify(html)).toBe(referenceHtmlToText(html));
  });

  it('on random well-formed markup', () => {
    for (const html of randomTexts(29, WELL_FORMED, 3000, 80)) expect(htmlToText(html), JSON.stringify(html)).toBe(referenceHtmlToText(html));
  });
});

describe('collapseWhitespace gives what its patterns gave', () => {
  it('on random text of white space, control characters and letters', () => {
    const pieces = [...WHITESPACE, ...CONTROLS, ...TEXT, '&nbsp;'];
    for (const text of randomTexts(41, pieces, 4000, 30)) expect(collapseWhitespace(text), JSON.stringify(text)).toBe(referenceCollapseWhitespace(text));
  });
});

describe('countWords counts the matches of its pattern', () => {
  it('for every code point, alone, after an apostrophe and around digits', () => {
    // a batch of code points per text keeps this quick; a code point read in the wrong class changes the count
    for (let first = 0; first <= 0x10ffff; first += 64) {
      let text = '';
      for (let code = first; code < first + 64 && code <= 0x10ffff; code++) {
        const c = String.fromCodePoint(code);
        text += `a'${c}1 ${c}’${c}'x `;
      }
      const got = countWords(text);
      if (got !== referenceCountWords(text)) expect(got, `code points from U+${first.toString(16)}`).toBe(referenceCountWords(text));
    }
  });

  it('on random text, and on the text htmlToText makes of random markup', () => {
    const pieces = [...TEXT, ...WHITESPACE, ...CONTROLS, "''", '’’', "a'1", 'x’\ud800', "'\ud835\udc9c"];
    for (const text of randomTexts(53, pieces, 4000, 40)) expect(countWords(text), JSON.stringify(text)).toBe(referenceCountWords(text));
    for (const html of randomTexts(67, [...TAGS, ...ENTITIES, ...TEXT], 2000, 40)) {
      const text = htmlToText(html);
      expect(countWords(text), JSON.stringify(text)).toBe(referenceCountWords(text));
    }
  });

  it('on texts longer than the array it reuses (64 Ki code units), and on a short one after them', () => {
    const sample = randomTexts(71, [...TEXT, ' ', '\n'], 50, 40).join(' ');
    expect(sample.length).toBeGreaterThan(1000);
    for (const text of [sample.repeat(Math.ceil(70_000 / sample.length)), 'l’homme 𝒜b'.repeat(40_000), sample]) {
      expect(countWords(text)).toBe(referenceCountWords(text));
    }
  });
});

describe('resolveHtmlUrls gives what its patterns gave', () => {
  const BASES = ['https://news.example.org/2026/06/', 'http://x.test', null, 'not a url'];
  /** Tags and attributes that resolve, that need no resolving, that cannot, and markup around and inside them. */
  const URL_MARKUP = [
    '<a href="/x">', '<a href="https://news.example.org/y">', "<a href='rel/y?a=1&amp;b=2'>", '<a href=bare/z>', '<a href=" /s ">',
    '<img src="i.png" alt="a > b">', '<img SRC="/i.png">', '<q cite="c">', '<a href="">', '<a href="javascript:x()">',
    '<a href="https://xn--d1a.test/">', '<a href="/é?q=ü">', '<a href="//cdn.test/p">', '<a href="#top">', '<a href="/a b">',
    '<a title="x" href="y" src="z">', '<a data-href="/n">', '<a\nhref\n=\n"/nl">', '<a href="x&quot;y">', "<a href='x\"y'>",
    '<a href="/x\'y">', '<area href=/m>', '<form action="go">', '<video poster=p.jpg>', '<p>', '</p>', '<br/>', '<b>', '</a>',
    '<a href="/x"', '<a href=', '<a <b href="/c">', '<3', '< a href="/x">', '<!-- <a href="/c"> -->', '<![CDATA[', '<', '>', '=', '"',
    "'", ' ', '\n', 'text', '&amp;', 'é', '😀',
  ];

  it.each([
    '', 'no tags', '<p>A <a href="/2026/06/x.html">link</a> &amp; <img src="i.jpg" alt="c"></p>', '<p>all absolute <a href="https://a.test/x">x</a></p>',
    'a < b <a href="/x">x</a>', '<a href="/x" <b href="/y">', 'x <a href="/y"', '<<a href="/z">>', '<a\thref="t">',
  ])('%j', (html) => {
    for (const base of BASES) expect(resolveHtmlUrls(html, base)).toBe(referenceResolveHtmlUrls(html, base));
  });

  it('on random markup', () => {
    for (const html of randomTexts(83, URL_MARKUP, 4000, 30)) {
      for (const base of BASES) expect(resolveHtmlUrls(html, base), `${JSON.stringify(html)} against ${base}`).toBe(referenceResolveHtmlUrls(html, base));
    }
  });

  it('returns the fragment itself when no URL changes', () => {
    const html = '<p>All absolute: <a href="https://news.example.org/x">x</a> <img src="https://news.example.org/i.png"></p>';
    expect(resolveHtmlUrls(html, 'https://news.example.org/')).toBe(html);
  });
});

describe('repairDecodedText gives what its two steps gave', () => {
  /** Mojibake (UTF-8 read as windows-1252 and others), the characters it is made of, controls, and clean text. */
  const MOJIBAKE = [
    'â€™', 'â€œ', 'â€\u009d', 'Ã©', 'Ã¨', 'Ã', '©', 'â', '€', '™', 'β€”', 'Ä—', 'Ð¿', 'Ñ€', 'Â', '\u00a0', 'Ã\u00a0', 'Ã¼ber', 'cafÃ©',
    '√©', '√2', '“', '—', '”', '«', '»', 'é', 'ж', '中文', '😀', '\ud800', '\udc00',
  ];

  it.each(['', 'plain', 'a “quoted” word — dash', 'It’s', 'Itâ€™s', 'cafÃ©', 'a\x01b', 'a\x85b', '\x7f', '\x9f\xa0', 'é\x80', '\x0b\x0c\t\n\r', 'ab\x00'])(
    '%j',
    (text) => {
      expect(repairDecodedText(text)).toBe(referenceRepairDecodedText(text));
    },
  );

  it('for every UTF-16 code unit, alone, before and after a non-ASCII one, and between ASCII letters', () => {
    for (let code = 0; code <= 0xffff; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, `a${c}b`, `${c}é`, `é${c}`, `${c}\u0080`, `x ${c}${c} y`]) {
        const got = repairDecodedText(text);
        if (got !== referenceRepairDecodedText(text)) expect(got, JSON.stringify(text)).toBe(referenceRepairDecodedText(text));
      }
    }
  });

  it('on random text', () => {
    const pieces = [...MOJIBAKE, ...CONTROLS, ...WHITESPACE, ...TEXT];
    for (const text of randomTexts(97, pieces, 3000, 30)) expect(repairDecodedText(text), JSON.stringify(text)).toBe(referenceRepairDecodedText(text));
  });
});

describe('articleWordCount gives what its search and count gave', () => {
  /** Characters of scripts written without spaces (and their marks and digits), next to others. */
  const UNSPACED_TEXT = ['中文', '日本語の文', 'カタカナ', 'ひらがな', 'ภาษาไทย', 'ั', '๓', 'ລາວ', 'မြန်မာ', '၁', 'ខ្មែរ', '豈', '㐀', '〇', '。', '、', '\u0e00', '\u109f', '\u17ff'];

  it('for every UTF-16 code unit, alone, in a word, after an apostrophe and in a pair, twice (the second time from its cache)', () => {
    for (const round of [1, 2]) {
      for (let first = 0; first <= 0xffff; first += 64) {
        let text = '';
        for (let code = first; code < first + 64; code++) {
          const c = String.fromCharCode(code);
          text += `a${c}b ${c}${c} x'${c} `;
        }
        const got = articleWordCount(text);
        if (got !== referenceArticleWordCount(text)) expect(got, `round ${round}, code units from U+${first.toString(16)}`).toBe(referenceArticleWordCount(text));
        // each code unit alone too: a text whose only such character is the one
        for (let code = first; code < first + 64; code++) {
          const alone = `w ${String.fromCharCode(code)} w`;
          if (articleWordCount(alone) !== referenceArticleWordCount(alone)) expect(articleWordCount(alone), JSON.stringify(alone)).toBe(referenceArticleWordCount(alone));
        }
      }
    }
  });

  it('on random text', () => {
    const pieces = [...UNSPACED_TEXT, ...TEXT, ...WHITESPACE, ...CONTROLS, "'", '’'];
    for (const text of randomTexts(101, pieces, 4000, 30)) expect(articleWordCount(text), JSON.stringify(text)).toBe(referenceArticleWordCount(text));
  });

  it('with a count of its own for the words spaces separate', () => {
    const halves = (text: string) => Math.floor(text.length / 2);
    for (const text of ['', 'a b', '中文 text', 'ภาษาไทย']) {
      const unspaced = Array.from(text).filter((c) => UNSPACED.test(c)).length;
      expect(articleWordCount(text, halves)).toBe(halves(text) + (unspaced === 0 ? 0 : Math.floor(unspaced / 2)));
    }
  });
});
