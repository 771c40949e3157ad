/**
 * `npm run bench:hostile [-- --mb 10]`: what a hostile feed costs the feed parser (parseFeed: decode, scan, rewrite
 * when needed, rss-parser, normalise), next to an ordinary feed of the same size in the same run. Each shape is a
 * feed built so that what the parser keeps or does for each tag grows with the depth, the count or the length of
 * something; each once held a run for minutes or filled its heap. A feed at the size cap (`--mb`, default 10, the
 * default `maxBytes`) must cost one feed, at most, never the run.
 *
 * Each shape is parsed in a child process of its own, so its peak memory is its own: the child's maximum resident
 * set (the kernel's figure) less its maximum before the parse, with the document built (so a parse that peaks below
 * what building the document reached counts less than it holds). The shapes come out between about 0.65 and 1.15
 * times `--mb`, by their repeating units; the size cap is lifted so each is read whole. A child that runs out of
 * memory or past the time limit says so instead of figures. Compare the ratios to the ordinary feed, not the
 * absolute figures, across machines.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseFeed } from '../../src/ingest/feed/index.ts';

const args = process.argv.slice(2);
const option = (name: string) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const MEGABYTES = Number(option('--mb') ?? 10);
const CHILD_TIME_LIMIT_MS = 300_000;

const rssFeed = (items: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Wire</title><link>https://news.example/</link>\n${items}</channel></rss>\n`;
const item = (i: number, description: string) =>
  `<item><title>Labs weigh a pause, part ${i}</title><link>https://news.example/${i}</link><guid>urn:wire:${i}</guid><description>${description}</description></item>\n`;
/** `unit` repeated to fill about `bytes`, at least once. */
const fill = (bytes: number, unit: string) => unit.repeat(Math.max(1, Math.floor(bytes / unit.length)));
const paragraph = 'Frontier labs weigh a coordinated pause; <a href="/2026/06/story.html">analysts</a> argue over verification &amp; compute.';

/** Each shape: a document of about `bytes`, and what it is. */
const SHAPES: Record<string, { what: string; build: (bytes: number) => string }> = {
  ordinary: {
    what: 'ordinary RSS 2.0, HTML content in CDATA (the reference)',
    build: (bytes) => rssFeed(Array.from({ length: Math.max(1, Math.floor(bytes / 1400)) }, (_v, i) => item(i, `<![CDATA[${`<p>${paragraph}</p>`.repeat(10)}]]>`)).join('')),
  },
  'ordinary-xhtml': {
    what: 'ordinary RSS 2.0, HTML content as unescaped, well-formed markup',
    build: (bytes) => rssFeed(Array.from({ length: Math.max(1, Math.floor(bytes / 1400)) }, (_v, i) => item(i, `<p>${paragraph}</p>`.repeat(10))).join('')),
  },
  'unclosed-nest': {
    what: 'a description of <x> never closed, all the way down',
    build: (bytes) => rssFeed(item(0, fill(bytes, '<x>')) + item(1, 'after')),
  },
  'closed-nest': {
    what: 'a description of <x> nested all the way down, then closed (well-formed)',
    build: (bytes) => {
      const depth = Math.floor(bytes / 7);
      return rssFeed(item(0, `${'<x>'.repeat(depth)}deep${'</x>'.repeat(depth)}`) + item(1, 'after'));
    },
  },
  'prefix-nest': {
    what: 'nested elements each binding a namespace prefix of its own (well-formed)',
    build: (bytes) => {
      const depth = Math.floor(bytes / 30);
      const open = Array.from({ length: depth }, (_v, level) => `<x xmlns:p${level}="urn:p">`).join('');
      return rssFeed(item(0, `${open}deep${'</x>'.repeat(depth)}`) + item(1, 'after'));
    },
  },
  'base-nest': {
    what: 'Atom XHTML content of <div xml:base="a/"> nested all the way down (well-formed)',
    build: (bytes) => {
      const depth = Math.floor(bytes / 32);
      return `<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/"><title>Wire</title><id>urn:wire</id>\n<entry><id>urn:wire:0</id><title>Labs weigh a pause</title><link href="0"/><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${'<div xml:base="a/">'.repeat(depth)}<a href="x">deep</a>${'</div>'.repeat(depth)}</div></content></entry>\n</feed>\n`;
    },
  },
  'repeated-attribute': {
    what: 'one start tag repeating one attribute',
    build: (bytes) => rssFeed(item(0, `<p${fill(bytes, ' a="1"')}>text</p>`) + item(1, 'after')),
  },
  'stray-close': {
    what: 'stray close tags under 60 unclosed elements',
    build: (bytes) => rssFeed(item(0, 'before') + '<a><b><c><d><e><f><g><h><i><j>'.repeat(6) + fill(bytes, '</y>') + '\n' + item(1, 'after')),
  },
  'unclosed-items': {
    what: 'items never closed, each nesting the next',
    build: (bytes) => rssFeed(Array.from({ length: Math.max(1, Math.floor(bytes / 60)) }, (_v, i) => `<item><title>Pause, part ${i}</title>`).join('\n')),
  },
  'bare-lt': {
    what: 'a bare < in every item (broken all over)',
    build: (bytes) => rssFeed(Array.from({ length: Math.max(1, Math.floor(bytes / 150)) }, (_v, i) => item(i, 'compute < verification')).join('')),
  },
  'entity-bomb': {
    what: 'internal entities nested ten deep, ten references each, referenced throughout',
    build: (bytes) => {
      const declarations = Array.from({ length: 10 }, (_v, level) => `<!ENTITY e${level + 1} "${`&e${level};`.repeat(10)}">`).join('\n');
      return `<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY e0 "pause">\n${declarations}\n]>\n${rssFeed(item(0, fill(bytes, '&e10; ')) + item(1, 'after'))}`;
    },
  },
};

interface ChildReport {
  bytes: number;
  ms: number;
  items: number;
  warnings: number;
  addedMb: number;
  maxRssMb: number;
}

/** In the child: builds the shape, parses it once, prints the report as JSON. */
async function runChild(shape: string): Promise<void> {
  const text = SHAPES[shape]!.build(MEGABYTES * 1_000_000);
  const bytes = Buffer.from(text, 'utf8');
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.resourceUsage().maxRSS;
  const started = performance.now();
  const feed = await parseFeed(bytes, { url: 'https://news.example/feed.xml', headers: { 'content-type': 'application/rss+xml' }, maxBytes: bytes.length + 1 });
  const ms = performance.now() - started;
  const after = process.resourceUsage().maxRSS;
  const report: ChildReport = { bytes: bytes.length, ms, items: feed.items.length, warnings: feed.warnings.length, addedMb: (after - before) / 1024, maxRssMb: after / 1024 };
  process.stdout.write(JSON.stringify(report));
}

function measure(shape: string): ChildReport | string {
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', shape, '--mb', String(MEGABYTES)], {
    encoding: 'utf8',
    timeout: CHILD_TIME_LIMIT_MS,
    maxBuffer: 1024 * 1024,
  });
  if (child.error && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return `held past ${CHILD_TIME_LIMIT_MS / 1000} s`;
  if (child.status !== 0) {
    const heap = /heap out of memory|Allocation failed/.test(child.stderr) ? 'out of memory' : `exit ${child.status ?? child.signal}`;
    return `${heap}: ${child.stderr.trim().split('\n').at(-1) ?? ''}`;
  }
  return JSON.parse(child.stdout) as ChildReport;
}

const childShape = option('--child');
if (childShape !== undefined) {
  await runChild(childShape);
} else {
  console.log(`hostile feeds of about ${MEGABYTES} MB through parseFeed, each in a child process (node ${process.version})\n`);
  console.log(`${'shape'.padEnd(20)} ${'MB'.padStart(5)} ${'ms'.padStart(7)} ${'x ordinary'.padStart(10)} ${'+MB RSS'.padStart(8)} ${'per MB'.padStart(7)} ${'items'.padStart(7)}  what`);
  let reference: ChildReport | null = null;
  for (const [shape, { what }] of Object.entries(SHAPES)) {
    const report = measure(shape);
    if (typeof report === 'string') {
      console.log(`${shape.padEnd(20)} ${report}  (${what})`);
      // without the reference there is nothing to compare with
      if (reference === null) process.exit(1);
      continue;
    }
    reference ??= report;
    const mb = report.bytes / 1_000_000;
    console.log(
      `${shape.padEnd(20)} ${mb.toFixed(1).padStart(5)} ${report.ms.toFixed(0).padStart(7)} ${`${(report.ms / mb / (reference.ms / (reference.bytes / 1_000_000))).toFixed(1)}x`.padStart(10)} ` +
        `${report.addedMb.toFixed(0).padStart(8)} ${(report.addedMb / mb).toFixed(0).padStart(7)} ${String(report.items).padStart(7)}  ${what}`,
    );
  }
  console.log('\nx ordinary: time per MB against the ordinary feed\'s; +MB RSS: the peak resident set the parse added; per MB: that per MB of feed');
}
