import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { definePipeline } from '../../src/config/index.ts';
import { extractArticle } from '../../src/extract/index.ts';
import { parseFeedDate } from '../../src/ingest/feed/normalise.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { openStore } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';

/**
 * A capture's date line ending in a zone name ("June 5, 2026 9:30 pm ET", as WSJ, Barron's and MarketWatch print it)
 * is read with that zone, as the feed reader reads the same name in a pubDate: one zone table for both. A word after
 * the time that looks like a zone's name but is none leaves the date alone, not the time taken as UTC.
 */

const BODY =
  'Leading AI labs should coordinate a verified global pause of frontier AI development, Anthropic said on Friday. ' +
  'Critics called the pause unworkable.\n\nThe moratorium would apply to training runs above a compute threshold, the company said.\n';

/** A capture as a reader saves it: headline, byline, the date line, the text. */
const capture = (dateLine: string) => `Labs Weigh a Global Pause on Frontier AI\nBy Jane Doe\n${dateLine}\n\n${BODY}`;
const captureDate = (dateLine: string) => extractArticle(capture(dateLine), 'text', 'caps/story.txt').publishedAt;

describe('a capture date line with a zone name', () => {
  it('reads ET, CT, MT and PT in US daylight time by the date, as a feed pubDate is read', () => {
    // June: daylight time (EDT, UTC-4), so 9:30 pm ET is 01:30 UTC the next day, where it was stored as 21:30 UTC
    expect(captureDate('June 5, 2026 9:30 pm ET')).toBe('2026-06-06T01:30:00.000Z');
    expect(captureDate('Jun 5, 2026, 3:04 PM ET')).toBe('2026-06-05T19:04:00.000Z');
    expect(captureDate('June 5, 2026 3:04 p.m. ET')).toBe('2026-06-05T19:04:00.000Z');
    expect(captureDate('Friday, June 5, 2026 at 3:04 PM PT')).toBe('2026-06-05T22:04:00.000Z');
    // January: standard time (EST, UTC-5)
    expect(captureDate('January 15, 2026 9:30 pm ET')).toBe('2026-01-16T02:30:00.000Z');
    // the day before US daylight time starts (second Sunday of March 2026: the 8th), and that day
    expect(captureDate('March 7, 2026 10:00 AM CT')).toBe('2026-03-07T16:00:00.000Z');
    expect(captureDate('March 8, 2026 10:00 AM CT')).toBe('2026-03-08T15:00:00.000Z');
    expect(captureDate('November 1, 2026 10:00 AM MT')).toBe('2026-11-01T17:00:00.000Z');
    // the same instants the feed reader gives, and the same as the explicit EDT the capture already read
    expect(captureDate('June 5, 2026 9:30 pm ET')).toBe(parseFeedDate('Fri, 05 Jun 2026 21:30:00 ET'));
    expect(captureDate('June 5, 2026 9:30 pm ET')).toBe(captureDate('June 5, 2026 9:30 pm EDT'));
  });

  it('reads IST as India Standard Time (+05:30), the news meaning, as the feed reader does', () => {
    expect(captureDate('June 5, 2026 11:00 PM IST')).toBe('2026-06-05T17:30:00.000Z');
    expect(captureDate('June 5, 2026 11:00 PM IST')).toBe(parseFeedDate('Fri, 05 Jun 2026 23:00:00 IST'));
  });

  it.each(['HKT', 'SGT', 'AEST', 'AEDT', 'NZST', 'KST', 'MSK', 'SAST', 'WIB', 'WITA', 'MESZ', 'MST', 'AKDT', 'HST'])(
    'reads %s as the feed reader reads it',
    (zone) => {
      const fromFeed = parseFeedDate(`Fri, 05 Jun 2026 21:30:00 ${zone}`);
      expect(fromFeed).not.toBe('2026-06-05T21:30:00.000Z'); // a zone away from UTC, which the feed reader knows
      expect(captureDate(`5 June 2026, 21:30 ${zone}`)).toBe(fromFeed);
      expect(captureDate(`June 5, 2026 9:30 PM (${zone})`)).toBe(fromFeed);
      expect(captureDate(`2026-06-05 21:30 ${zone}`)).toBe(fromFeed);
    },
  );

  it('keeps only the date when the word after the time looks like a zone name but is none known', () => {
    expect(captureDate('June 5, 2026 9:30 pm XYZ')).toBe('2026-06-05');
    expect(captureDate('2026-06-05 21:30 QQT')).toBe('2026-06-05');
    // unlike a time with no zone, a UTC time as the README says, and one with a numeric offset, both as before
    expect(captureDate('June 5, 2026 9:30 pm')).toBe('2026-06-05T21:30:00.000Z');
    expect(captureDate('June 5, 2026 9:30 pm GMT')).toBe('2026-06-05T21:30:00.000Z');
    expect(captureDate('June 5, 2026 9:30 pm +0200')).toBe('2026-06-05T19:30:00.000Z');
    // a word in small letters after the time is text, not a zone ("et", "cat" are words): the time without a zone
    expect(captureDate('June 5, 2026 9:30 pm et')).toBe('2026-06-05T21:30:00.000Z');
  });

  it('reads the half of the day after an ISO-form time, as a feed date is read, and a zone after it', () => {
    // "2026-06-05 10:19 PM" was read as 10:19 UTC, twelve hours early
    expect(captureDate('2026-06-05 10:19 PM')).toBe('2026-06-05T22:19:00.000Z');
    expect(captureDate('2026-06-05 12:05 a.m.')).toBe('2026-06-05T00:05:00.000Z');
    expect(captureDate('2026-06-05 9:30 pm ET')).toBe(parseFeedDate('2026-06-05 9:30 PM EDT'));
  });

  it('reads the zone of a wire dateline, an "Updated" line, and a page meta date alike', () => {
    const read = (text: string) => extractArticle(text, 'text', 'caps/a.txt');
    expect(read(`Labs Weigh a Global Pause on Frontier AI\n\nWASHINGTON, June 5, 2026 9:30 pm ET — ${BODY}`).publishedAt).toBe('2026-06-06T01:30:00.000Z');
    expect(read(`Labs Weigh a Global Pause on Frontier AI\n\nUpdated June 5, 2026 9:30 pm ET\n\n${BODY}`).modifiedAt).toBe('2026-06-06T01:30:00.000Z');
    const page =
      '<!doctype html><html><head><title>Labs weigh a pause</title><meta name="date" content="June 5, 2026 9:30 PM ET"></head>' +
      `<body><article><h1>Labs weigh a pause</h1><p>${BODY}</p></article></body></html>`;
    expect(extractArticle(page, 'html', 'https://outlet.example/a').publishedAt).toBe('2026-06-06T01:30:00.000Z');
  });
});

describe('a run over a folder of captures', () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('stores the instant of a date line in ET or IST, and the date alone for an unknown zone', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-date-line-zones-'));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const database = await freshSqlite();
    cleanups.push(() => database.drop());
    const store = await openStore(database.target);
    cleanups.push(() => store.close());
    const pipeline = definePipeline({
      id: 'date-line-zones',
      name: 'Date line zones',
      sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }],
      topic: { description: 'The proposed pause of frontier AI development', proposalTerms: ['pause', 'moratorium', 'halt'], contextTerms: ['frontier AI', 'AI labs'] },
      digest: { timeZone: 'UTC' },
      alerts: { channels: [] },
    });
    mkdirSync(path.join(root, 'caps'));
    writeFileSync(path.join(root, 'caps', 'wsj.txt'), capture('June 5, 2026 9:30 pm ET'));
    writeFileSync(
      path.join(root, 'caps', 'delhi.txt'),
      `Delhi Weighs In on an AI Pause\nJune 5, 2026 11:00 PM IST\n\nIndia's officials discussed a verified global pause of frontier AI development. Critics called the pause unworkable.\n`,
    );
    writeFileSync(
      path.join(root, 'caps', 'unknown.txt'),
      `Brussels Weighs a Moratorium\nJune 5, 2026 9:30 pm XYZ\n\nEuropean officials weighed a moratorium on frontier AI development. AI labs said a halt was premature.\n`,
    );
    const channels = createChannels(pipeline.alerts, root, new PassThrough().resume());
    const at = new Date('2026-06-10T06:00:00.000Z');
    const result = await runPipeline({ loaded: { file: path.join(root, 'p.ts'), rootDir: root, pipeline }, store, channels, now: () => at, random: () => 0.5 });
    expect(result.sources[0]).toMatchObject({ articlesAdded: 3 });

    const rows = await store.db.selectFrom('articles').select(['item_key', 'published_at']).execute();
    const stored = Object.fromEntries(rows.map((row) => [path.basename(row.item_key), row.published_at]));
    expect(stored).toEqual({
      'wsj.txt': '2026-06-06T01:30:00.000Z', // 9:30 pm EDT, not 21:30 UTC
      'delhi.txt': '2026-06-05T17:30:00.000Z', // 11 pm India time, not 23:00 UTC
      'unknown.txt': '2026-06-05', // the date alone, not 21:30 UTC
    });
  });
});
