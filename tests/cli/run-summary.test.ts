import { describe, expect, it } from 'vitest';
import { formatRunSummary } from '../../src/cli/commands/run.ts';
import type { RunReport, SourceReport } from '../../src/model/index.ts';

const source = (sourceId: string, outcome: SourceReport['outcome'], nextAt?: string): SourceReport => ({
  sourceId, name: sourceId, kind: 'feed', outcome, nextCheck: nextAt ? { at: nextAt, reason: 'scheduled' } : null,
  error: outcome === 'failed' ? { code: 'http_500', message: 'HTTP 500 from https://x/feed' } : null,
  itemsSeen: 0, articlesAdded: 0, duplicates: 0, itemErrors: [], warnings: [],
});
const report = (sources: SourceReport[]): RunReport => ({
  runId: 1, pipelineId: 'p', startedAt: '2026-06-10T06:00:00.000Z', finishedAt: '2026-06-10T06:01:00.000Z', sources,
  articlesAdded: 0, alertsSent: 0, alertsFailed: [], digestPaths: ['/tmp/d.md'],
});
const lastLineButOne = (text: string) => text.split('\n').at(-2);

describe('the run summary line', () => {
  it('counts the sources that were checked, and does not call healthy sources that were not due "not ok"', () => {
    const notDue = report([source('a', 'not_due', '2026-06-10T09:00:00.000Z'), source('b', 'not_due', '2026-06-10T07:30:00.000Z')]);
    expect(lastLineButOne(formatRunSummary(notDue, '/', false))).toBe('0 new articles (0 duplicates), 0 alerts sent; 0 of 2 sources checked, 2 not due yet (the first at 2026-06-10 07:30 UTC).');
    const mixed = report([source('a', 'ok'), source('b', 'failed'), source('c', 'not_due', '2026-06-10T09:00:00.000Z')]);
    expect(lastLineButOne(formatRunSummary(mixed, '/', false))).toBe('0 new articles (0 duplicates), 0 alerts sent; 2 of 3 sources checked (1 ok, 1 failed), 1 not due yet (the first at 2026-06-10 09:00 UTC).');
    const allChecked = report([source('a', 'ok'), source('b', 'failed')]);
    expect(lastLineButOne(formatRunSummary(allChecked, '/', false))).toBe('0 new articles (0 duplicates), 0 alerts sent; 1 of 2 sources ok, 1 failed.');
  });
});
