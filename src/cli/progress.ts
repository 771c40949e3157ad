import type { Writable } from 'node:stream';
import type { HostWait, HostWaitWatcher } from '../ingest/request-queue.ts';
import type { SourceReport } from '../model/index.ts';
import { fitColumns, oneLine, shortenText } from '../model/display-text.ts';
import type { RunProgress } from '../run/run-pipeline.ts';
import { steadyNow } from '../ingest/steady-clock.ts';

/** A wait this long or longer is named on the status line: shorter ones (the per-host gap, 500 ms by default) pass unseen. */
const SHOWN_WAIT_MIN_MS = 900;
/** The most characters of a host name on the status line; fewer when the terminal is narrow, never fewer than the least. */
const HOST_MAX = 40;
const HOST_LEAST = 12;

/**
 * "waiting 4 s for news.example.org (asked by 429)": the wait of `waits` that ends last, with why, and how many other
 * hosts are waited on; the host cut to what `room` characters leave it; '' for no wait. Host names are feed data (a
 * link, a redirect): they lose their control characters.
 */
export function hostWaitPhrase(waits: Iterable<HostWait>, room: number, now = steadyNow()): string {
  const all = [...waits];
  const shown = all.reduce<HostWait | null>((latest, wait) => (latest && latest.until >= wait.until ? latest : wait), null);
  if (!shown) return '';
  const others = new Set(all.map((wait) => wait.host)).size - 1;
  const seconds = Math.max(1, Math.ceil((shown.until - now) / 1000));
  const why = `${shown.askedBy === null ? 'fetch.perHostGapMs' : `asked by ${shown.askedBy}`}${others > 0 ? `; ${others} more host${others === 1 ? '' : 's'} waiting` : ''}`;
  const head = `waiting ${seconds} s for `;
  const host = shortenText(oneLine(shown.host), Math.max(HOST_LEAST, Math.min(HOST_MAX, room - head.length - why.length - 3)));
  return `${head}${host} (${why})`;
}

/**
 * The request queue's waits as a status line shows them (`run`'s and `sources add`'s): those long enough to name, the
 * line redrawn as each starts and ends and twice a second while one lasts, so its seconds count down. After stop(),
 * reports are ignored and nothing is redrawn.
 */
export function statusLineWaits(redraw: () => void): HostWaitWatcher & { phrase(room: number): string; stop(): void } {
  /** Waits long enough to name, in progress. */
  const waits = new Set<HostWait>();
  let ticker: NodeJS.Timeout | null = null;
  let stopped = false;
  const stopTicker = () => {
    if (ticker) clearInterval(ticker);
    ticker = null;
  };
  return {
    waitStarted(wait) {
      if (stopped || wait.until - wait.from < SHOWN_WAIT_MIN_MS) return;
      waits.add(wait);
      // an interval that does not hold the process open: the command's own work does
      ticker ??= setInterval(redraw, 500).unref();
      redraw();
    },
    waitEnded(wait) {
      if (!waits.delete(wait)) return;
      if (waits.size === 0) stopTicker();
      redraw();
    },
    phrase: (room) => hostWaitPhrase(waits, room),
    stop() {
      stopped = true;
      waits.clear();
      stopTicker();
    },
  };
}

/** A single self-rewriting status line on a terminal; nothing at all when output is not a terminal. */
export function terminalProgress(
  stream: Writable & { isTTY?: boolean; columns?: number },
  total: number,
): RunProgress & { waits: HostWaitWatcher; finish(): void; around(print: () => void): void } {
  let sources = 0;
  let articles = 0;
  let failed = 0;
  // sources read and waiting for their turn to store: while the first sources are fetched, the others pile up here,
  // and without them the line would count only the failed ones as done
  const waitingToStore = new Set<string>();
  let finished = false;
  const width = () => Math.max(20, (stream.columns || 80) - 1);
  const draw = () => {
    if (finished) return;
    // short: on an 80-column terminal the line is cut at its end, where the articles count is
    const fetched = waitingToStore.size > 0 ? ` · ${waitingToStore.size} fetched, to store` : '';
    const counts = `sources ${sources}/${total}${failed ? ` (${failed} failed)` : ''}${fetched} · articles processed ${articles}`;
    // The wait first: it is why the counts stand still, and a narrow terminal cuts the end of the line.
    const wait = waits.phrase(width());
    const line = wait ? `${wait} · ${counts}` : counts;
    stream.write(`\r${fitColumns(line, width(), '').text}\u001b[K`);
  };
  const waits = statusLineWaits(draw);
  draw();
  return {
    sourceWaitingToStore(report: SourceReport) {
      waitingToStore.add(report.sourceId);
      draw();
    },
    sourceFinished(report: SourceReport, done: number) {
      waitingToStore.delete(report.sourceId);
      sources = done;
      if (report.outcome === 'failed') failed += 1;
      draw();
    },
    articleProcessed(count: number) {
      articles = count;
      draw();
    },
    waits,
    finish() {
      finished = true;
      waits.stop();
      stream.write('\r\u001b[K');
    },
    /** Prints other output (an alert) on its own line, then puts the status line back. */
    around(print: () => void) {
      stream.write('\r\u001b[K');
      print();
      draw();
    },
  };
}
