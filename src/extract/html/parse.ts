/**
 * HTML to a cheerio document, in time linear in the size of the page however deep its markup nests.
 *
 * htmlparser2 rather than parse5: 5-10x faster on big pages, and parse5's spec-exact tree building is quadratic on
 * deeply nested markup. It does not invent <html>/<body>, so callers must cope with fragments. Source offsets let
 * the two parses of a page (see extractGeneric in ../html.ts) be compared (see article-time.ts).
 *
 * htmlparser2's Parser is quadratic on deep markup too: it keeps the open elements top-first (`stack[0]`) and grows
 * the stack with unshift/shift, which copy the whole array (30,000 unclosed `<div><b>`: 4 s; 100,000: 100 s). The
 * tree is built by the same Parser with a TopFirstStack in place of that array: the same tree, in linear time.
 *
 * The tree keeps its full depth, so the extractor's walks over it must not cost the depth per node: no selector
 * queries (css-select's walk does, see dom.ts findElements), no recursion, no walks up to the root per node.
 *
 * Each node still costs a few microseconds over the extractor's passes, so a page is cut before its MAX_NODES+1-th
 * node, as the extractor cuts it at MAX_HTML_CHARS.
 */
import * as cheerio from 'cheerio';
import type { CheerioAPI } from 'cheerio';
// cheerio's own parser (cheerio depends on it), used directly to swap its stack.
import { DomHandler, Parser, type parseDocument } from 'htmlparser2';

const OPTIONS = { xmlMode: false, decodeEntities: true, withStartIndices: true, withEndIndices: true } as const;

/**
 * Nodes (elements, text, comments) of a page beyond this are cut off. Real pages stay well below it within the
 * characters the extractor reads: the densest pages of the extraction benchmark have a node per 26-29 characters,
 * 190,000 nodes in 5,000,000 characters. At the limit, a page of nothing but tags (`<br>` after `<br>`, or a stray
 * `</p>` after another, which each make an element) takes a few seconds rather than a minute.
 */
export const MAX_NODES = 300_000;

type HandlerNode = ReturnType<typeof parseDocument>['children'][number];

/**
 * A stack with the interface htmlparser2's Parser uses on its `stack` and `foreignContext` arrays (top at index 0:
 * `[0]`, `length`, `unshift`, `shift`, `indexOf`), in constant time per push and pop. Only index 0 is readable:
 * the Parser reads other indices in `onend` alone, which gets a plain array (see LinearStackParser).
 */
export class TopFirstStack<T> {
  [index: number]: T | undefined;
  /** Bottom first; `this[0]` always mirrors the last item. */
  private readonly items: T[] = [];
  /** How many of each value are on the stack, so that a closing tag nobody opened is not a search of the stack. */
  private readonly counts = new Map<T, number>();

  constructor(initial: readonly T[] = []) {
    for (let i = initial.length - 1; i >= 0; i--) this.unshift(initial[i]!);
    this[0] = this.items.at(-1);
  }

  get length(): number {
    return this.items.length;
  }

  /** The Parser's reset() empties its stacks by setting the length to 0. */
  set length(n: number) {
    while (this.items.length > n) this.shift();
  }

  unshift(value: T): number {
    this.items.push(value);
    this.counts.set(value, (this.counts.get(value) ?? 0) + 1);
    this[0] = value;
    return this.items.length;
  }

  shift(): T | undefined {
    if (this.items.length === 0) return undefined;
    const value = this.items.pop()!;
    this.counts.set(value, this.counts.get(value)! - 1);
    this[0] = this.items.at(-1);
    return value;
  }

  /** Position from the top, as Array.prototype.indexOf gives on a top-first array. */
  indexOf(value: T): number {
    if (!this.counts.get(value)) return -1;
    for (let i = this.items.length - 1; i >= 0; i--) if (this.items[i] === value) return this.items.length - 1 - i;
    return -1;
  }

  toArray(): T[] {
    return this.items.slice().reverse();
  }
}

/** The Parser's private stacks, as this module reaches them. */
interface ParserStacks {
  stack: unknown;
  foreignContext: unknown;
}

class LinearStackParser extends Parser {
  constructor(handler: DomHandler) {
    super(handler, OPTIONS);
    const self = this as unknown as ParserStacks;
    // Left alone if a future htmlparser2 keeps these differently (tests compare the trees with its own parser's).
    if (Array.isArray(self.stack) && self.stack.length === 0) self.stack = new TopFirstStack<string>();
    if (Array.isArray(self.foreignContext)) self.foreignContext = new TopFirstStack<boolean>(self.foreignContext as boolean[]);
  }

  override onend(): void {
    // onend closes what is still open by reading stack[i] for every i: one copy, once.
    const self = this as unknown as ParserStacks;
    if (self.stack instanceof TopFirstStack) self.stack = self.stack.toArray();
    super.onend();
  }
}

/** Thrown by CountingHandler to stop the parse; `at` is where the first node past the limit starts. */
class NodeLimitReached extends Error {
  constructor(readonly at: number) {
    super(`more than ${MAX_NODES} nodes`);
  }
}

class CountingHandler extends DomHandler {
  private nodes = 0;
  private source: { startIndex: number | null } | null = null;

  constructor(private readonly maxNodes: number) {
    super(undefined, OPTIONS);
  }

  override onparserinit(parser: Parameters<DomHandler['onparserinit']>[0]): void {
    super.onparserinit(parser);
    this.source = parser;
  }

  protected override addNode(node: HandlerNode): void {
    if (++this.nodes > this.maxNodes) throw new NodeLimitReached(this.source?.startIndex ?? 0);
    super.addNode(node);
  }
}

export interface ParsedPage {
  $: CheerioAPI;
  /** The HTML the document was built from: all of it, or the part before the node past MAX_NODES. */
  html: string;
}

export function parsePage(html: string): ParsedPage {
  let source = html;
  let handler = new CountingHandler(MAX_NODES);
  try {
    new LinearStackParser(handler).end(source);
  } catch (err) {
    if (!(err instanceof NodeLimitReached)) throw err;
    // Parsed afresh up to there, so that what is still open there is closed there.
    source = html.slice(0, err.at);
    handler = new CountingHandler(Infinity);
    new LinearStackParser(handler).end(source);
  }
  // The options cheerio would have parsed with, so it serialises and queries the document as it did before.
  return { $: cheerio.load(handler.root, { xml: OPTIONS }), html: source };
}

export function parseHtml(html: string): CheerioAPI {
  return parsePage(html).$;
}
