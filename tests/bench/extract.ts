/**
 * `npm run bench:extract [-- --blocks 1000,5000,20000 --runs 3 --budget 60]`: article extraction on pages whose
 * markup never closes (`<div><p>sentence` × N: every block one level deeper than the last) next to the same blocks
 * closed (`<div><p>sentence</p></div>` × N: a flat page of the same text), at several sizes. Extraction that is
 * linear in the page costs about the same on both, whatever N; one that walks each block's subtree or ancestors
 * costs the nested page N times more per block, and the nested/flat ratio grows with N.
 *
 * Then the same comparison for other elements left open (inline, quotes, tables, lists) at one size (--shape-blocks).
 * Times are medians of --runs runs after one warm-up, the nested and flat page taking turns so both see the same
 * machine; the ratio is the median of the run-by-run ratios. The machine's load shows in the milliseconds: compare
 * the ratios. A size whose nested page took longer than --budget seconds ends the table (for runs against old code).
 */
import { extractHtml } from '../../src/extract/html.ts';

const args = process.argv.slice(2);
const option = (name: string, fallback: string): string => {
  const index = args.indexOf(name);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1]! : fallback;
};
// 50,000 closed blocks are about 4.6 MB, near the most of a page the extractor reads (5,000,000 characters).
const blockCounts = option('--blocks', '1000,2500,5000,10000,20000,40000,50000').split(',').map(Number);
const runs = Number(option('--runs', '3'));
const budgetMs = Number(option('--budget', '60')) * 1000;
const shapeBlocks = Number(option('--shape-blocks', '15000'));

// Every block scores alike (same commas, under 100 characters), so the nested page's article is all of its blocks,
// as the flat page's is: the paragraph counts show that both pages were read whole.
const sentence = (i: number): string => `Block ${i} says a verified pause needs compute audits, which labs debate.`;

interface Shape {
  name: string;
  open: (text: string) => string;
  closed: (text: string) => string;
}

const SHAPES: Shape[] = [
  { name: '<div><p>', open: (t) => `<div><p>${t}`, closed: (t) => `<div><p>${t}</p></div>` },
  { name: '<span> (inline)', open: (t) => `<span>${t} `, closed: (t) => `<span>${t} </span>` },
  { name: '<blockquote>', open: (t) => `<blockquote>${t}`, closed: (t) => `<blockquote>${t}</blockquote>` },
  { name: '<table><tr><td>', open: (t) => `<table><tr><td>${t}`, closed: (t) => `<table><tr><td>${t}</td></tr></table>` },
  { name: '<ul><li>+link', open: (t) => `<ul><li>${t} <a href="/more">More</a>`, closed: (t) => `<ul><li>${t} <a href="/more">More</a></li></ul>` },
];

function page(blocks: number, unit: (text: string) => string): string {
  const parts = ['<html><head><title>Bench page</title></head><body><h1>Bench page</h1>'];
  for (let i = 0; i < blocks; i++) parts.push(unit(sentence(i)));
  parts.push('</body></html>');
  return parts.join('');
}

function timeOnce(html: string): { ms: number; paragraphs: number } {
  const start = performance.now();
  const { text } = extractHtml(html);
  const ms = performance.now() - start;
  return { ms, paragraphs: text ? text.split('\n\n').length : 0 };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Compared {
  nestedMs: number;
  flatMs: number;
  ratio: number;
  nestedParagraphs: number;
  flatParagraphs: number;
}

function compare(blocks: number, shape: Shape, runCount: number): Compared {
  const nested = page(blocks, shape.open);
  const flat = page(blocks, shape.closed);
  // Warm-up (compilation), once per shape and size; a page that takes long is not run again.
  const warm = timeOnce(nested);
  const count = warm.ms > budgetMs / 4 ? 1 : runCount;
  const n: number[] = [];
  const f: number[] = [];
  let nestedParagraphs = warm.paragraphs;
  let flatParagraphs = timeOnce(flat).paragraphs;
  for (let i = 0; i < count; i++) {
    const a = count === 1 && i === 0 ? warm : timeOnce(nested);
    const b = timeOnce(flat);
    n.push(a.ms);
    f.push(b.ms);
    nestedParagraphs = a.paragraphs;
    flatParagraphs = b.paragraphs;
  }
  return { nestedMs: median(n), flatMs: median(f), ratio: median(n.map((x, i) => x / f[i]!)), nestedParagraphs, flatParagraphs };
}

const row = (cells: (string | number)[], widths: number[]): string =>
  cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]!) : String(c).padStart(widths[i]!))).join('  ');

const widths = [18, 12, 10, 10, 12, 20];
const kb = (blocks: number, shape: Shape): string =>
  `${Math.round(page(blocks, shape.closed).length / 1024)}/${Math.round(page(blocks, shape.open).length / 1024)}`;

// Compile the extractor's hot paths before the first figure.
for (let i = 0; i < 3; i++) for (const shape of SHAPES) compare(200, shape, 1);

console.log(`Extraction of unclosed (nested) vs closed (flat) markup; medians of ${runs} runs\n`);
console.log(row(['<div><p> blocks', 'KB flat/nes', 'flat ms', 'nested ms', 'nested/flat', 'paragraphs flat/nes'], widths));
for (const blocks of blockCounts) {
  const r = compare(blocks, SHAPES[0]!, runs);
  console.log(row([blocks, kb(blocks, SHAPES[0]!), r.flatMs.toFixed(0), r.nestedMs.toFixed(0), `${r.ratio.toFixed(2)}x`, `${r.flatParagraphs}/${r.nestedParagraphs}`], widths));
  if (r.nestedMs > budgetMs) {
    console.log(`(stopped: the nested page took over ${budgetMs / 1000} s)`);
    break;
  }
}

console.log(`\nOther elements left open, ${shapeBlocks} blocks each\n`);
console.log(row(['shape', 'KB flat/nes', 'flat ms', 'nested ms', 'nested/flat', 'paragraphs flat/nes'], widths));
for (const shape of SHAPES) {
  const r = compare(shapeBlocks, shape, runs);
  console.log(row([shape.name, kb(shapeBlocks, shape), r.flatMs.toFixed(0), r.nestedMs.toFixed(0), `${r.ratio.toFixed(2)}x`, `${r.flatParagraphs}/${r.nestedParagraphs}`], widths));
}
