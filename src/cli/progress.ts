import type { Writable } from 'node:stream';
import type { SourceReport } from '../model/index.ts';
import type { RunProgress } from '../run/run-pipeline.ts';

/** A single self-rewriting status line on a terminal; nothing at all when output is not a terminal. */
export function terminalProgress(stream: Writable & { isTTY?: boolean; columns?: number }, total: number): RunProgress & { finish(): void; around(print: () => void): void } {
  let sources = 0;
  let articles = 0;
  let failed = 0;
  const draw = () => {
    const line = `sources ${sources}/${total}${failed ? ` (${failed} failed)` : ''} · articles processed ${articles}`;
    stream.write(`\r${line.slice(0, Math.max(20, (stream.columns || 80) - 1))}\u001b[K`);
  };
  draw();
  return {
    sourceFinished(report: SourceReport, done: number) {
      sources = done;
      if (report.outcome === 'failed') failed += 1;
      draw();
    },
    articleProcessed(count: number) {
      articles = count;
      draw();
    },
    finish() {
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
