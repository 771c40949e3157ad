/**
 * Pages whose tags are never closed nest one level deeper per block. Extraction must read them whole, as it reads
 * the same blocks closed, and its shortcuts (a parser stack that does not copy itself, text figures summed bottom-up,
 * no selector queries) must give exactly what the plain ways give. Speed is measured by `npm run bench:extract`,
 * not here: timings flake on shared machines.
 */
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';
import { descendants, textContent, type AnyNode, type ParentNode } from '../../src/extract/html/dom.ts';
import { MAX_NODES, parseHtml, parsePage, TopFirstStack } from '../../src/extract/html/parse.ts';
import { measureSizes } from '../../src/extract/html/sizes.ts';
import type { SiteExtractor } from '../../src/extract/sites/index.ts';

const block = (i: number): string => `Sentence number ${i} says something, about the pause debate.`;

function nestedPage(blocks: number, open: (text: string) => string): string {
  const parts = ['<html><head><title>Deep</title></head><body>'];
  for (let i = 0; i < blocks; i++) parts.push(open(block(i)));
  return parts.join('') + '</body></html>';
}

/** Every block's sentence, each once, in order. */
function expectAllBlocksInOrder(text: string, blocks: number): void {
  let from = 0;
  for (let i = 0; i < blocks; i++) {
    const at = text.indexOf(block(i), from);
    expect(at, `block ${i}`).toBeGreaterThanOrEqual(from);
    from = at + block(i).length;
  }
}

/** Deterministic tag soup: unclosed, stray and self-closed tags, foreign content, comments, odd white space. */
function tagSoup(seed: number, tokens: number): string {
  let state = seed;
  const pick = <T>(xs: readonly T[]): T => xs[(state = (Math.imul(state, 1103515245) + 12345) >>> 0) % xs.length]!;
  const tags = ['div', 'p', 'span', 'b', 'a', 'li', 'ul', 'td', 'tr', 'table', 'svg', 'math', 'title', 'foreignObject',
    'br', 'img', 'input', 'select', 'option', 'script', 'style', 'h1', 'pre', 'code', 'section', 'dd', 'dt', 'textarea'];
  const texts = ['words, more words', ' ', '\u00a0a\u200bb ', '\t\n', 'x\u0007y', 'a、b，c،d', '&amp; &lt;x&gt;', 'end. '];
  const out: string[] = [];
  for (let i = 0; i < tokens; i++) {
    const kind = pick([0, 0, 0, 1, 1, 2, 3, 4]);
    if (kind === 0) out.push(`<${pick(tags)}${pick(['', ' class="x y"', " id='z'", ' href="/l"'])}>`);
    else if (kind === 1) out.push(`</${pick(tags)}>`);
    else if (kind === 2) out.push(`<${pick(tags)}/>`);
    else if (kind === 3) out.push(pick(['<!-- c -->', '<![CDATA[d]]>', '<?pi x?>']));
    else out.push(pick(texts));
  }
  return out.join('');
}

/** A tree as text: every node's type, name, attributes, data, source positions and sibling links. */
function describeTree(root: AnyNode): string {
  const lines: string[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()! as AnyNode & { name?: string; attribs?: object; data?: string; children?: AnyNode[] };
    lines.push([n.type, n.name, JSON.stringify(n.attribs ?? null), n.data, n.startIndex, n.endIndex, n.prev?.type, n.next?.type, n.children?.length].join('|'));
    for (const c of [...(n.children ?? [])].reverse()) stack.push(c);
  }
  return lines.join('\n');
}

describe('extraction of deeply nested markup', () => {
  it('reads every block of a page of 5,000 unclosed <div><p> blocks, in order', () => {
    const article = extractHtml(nestedPage(5000, (t) => `<div><p>${t}`));
    expect(article.text.split('\n\n')).toHaveLength(5000);
    expectAllBlocksInOrder(article.text, 5000);
  });

  it('reads the same text from the nested page as from the same blocks closed', () => {
    const nested = extractHtml(nestedPage(3000, (t) => `<div><p>${t}`));
    const flat = extractHtml(nestedPage(3000, (t) => `<div><p>${t}</p></div>`));
    expect(nested.text).toBe(flat.text);
  });

  it('keeps the text of a page nested 60,000 deep in unclosed quotes and inline tags', () => {
    // Deeper than any recursion would survive: such a page used to come out empty.
    const article = extractHtml(nestedPage(30_000, (t) => `<blockquote><span>${t}`));
    expectAllBlocksInOrder(article.text, 30_000);
  });

  it('leaves a deep page to the generic extractor, not to a site override', () => {
    const site: SiteExtractor = { name: 'deep', hosts: ['deep.example'], bodySelectors: ['body'] };
    const html = nestedPage(1000, (t) => `<div><p>${t}`);
    // Site selectors run in cheerio's engine, whose walk costs the depth per element: not past 512 levels.
    expect(extractHtml(html, { url: 'https://deep.example/a', sites: [site], fallback: false }).text).toBe('');
    expectAllBlocksInOrder(extractHtml(html, { url: 'https://deep.example/a', sites: [site] }).text, 1000);
    const shallow = nestedPage(100, (t) => `<div><p>${t}`);
    expectAllBlocksInOrder(extractHtml(shallow, { url: 'https://deep.example/a', sites: [site], fallback: false }).text, 100);
  });
});

describe('parseHtml', () => {
  const options = { xml: { xmlMode: false, decodeEntities: true, withStartIndices: true, withEndIndices: true } };

  it('builds the same tree as htmlparser2 with its own stack, on tag soup', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const html = tagSoup(seed, 300);
      expect(describeTree(parseHtml(html).root()[0]!), `seed ${seed}`).toBe(describeTree(cheerio.load(html, options).root()[0]!));
    }
  });

  it(`cuts a page before its node past ${MAX_NODES}, and parses the part before it whole`, () => {
    const page = parsePage(`<div>${'<br>'.repeat(MAX_NODES)}tail</div>`);
    // The <div> and MAX_NODES - 1 <br>s are kept; the last <br> would be one node too many.
    expect(page.html).toBe(`<div>${'<br>'.repeat(MAX_NODES - 1)}`);
    const root = page.$.root()[0] as unknown as ParentNode;
    expect(descendants(root)).toHaveLength(MAX_NODES);
    // What is open at the cut is closed there, as htmlparser2 closes it at the end of any page.
    expect(describeTree(page.$.root()[0]!)).toBe(describeTree(cheerio.load(page.html, options).root()[0]!));
  });

  it('gives the tree to cheerio whole: serialised as cheerio would', () => {
    const html = tagSoup(7, 500);
    expect(parseHtml(html).html()).toBe(cheerio.load(html, options).html());
  });
});

describe('TopFirstStack', () => {
  it('behaves as a top-first array under the operations the parser uses', () => {
    const stack = new TopFirstStack<string>(['b', 'a']);
    const array = ['b', 'a'];
    let state = 3;
    for (let i = 0; i < 2000; i++) {
      const r = (state = (Math.imul(state, 1103515245) + 12345) >>> 0) % 10;
      const v = 'abcd'[r % 4]!;
      if (r < 5) expect(stack.unshift(v)).toBe(array.unshift(v));
      else if (r < 9) expect(stack.shift()).toBe(array.shift());
      else expect(stack.indexOf(v)).toBe(array.indexOf(v));
      expect(stack[0]).toBe(array[0]);
      expect(stack.length).toBe(array.length);
    }
    expect(stack.toArray()).toEqual(array);
    stack.length = 0;
    expect([stack.length, stack[0], stack.shift()]).toEqual([0, undefined, undefined]);
  });
});

describe('measureSizes', () => {
  it('gives every element the length and commas of its textContent', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const root = parseHtml(tagSoup(seed, 300)).root()[0] as unknown as ParentNode;
      const sizes = measureSizes(root);
      for (const el of descendants(root)) {
        const text = textContent(el);
        expect(sizes.get(el)?.content.length, `seed ${seed}`).toBe(text.length);
        expect(sizes.get(el)?.content.commas, `seed ${seed}`).toBe((text.match(/[,，、،]/g) ?? []).length);
      }
    }
  });
});
