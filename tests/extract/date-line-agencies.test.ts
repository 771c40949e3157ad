import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/index.ts';
import { parseFeedDate } from '../../src/ingest/feed/normalise.ts';

/**
 * A date line whose time is followed by a news agency's credit ("June 5, 2026 10:19 AFP") or by a word in capitals
 * ("10:19 AM BY JANE DOE") keeps its time: the word looks like a zone's name but is known to be none, so the time has
 * no zone and is UTC, as any time without one. A word that may be a zone nobody knows still leaves the date alone.
 */

const BODY =
  'Leading AI labs should coordinate a verified global pause of frontier AI development, Anthropic said on Friday. ' +
  'Critics called the pause unworkable.\n\nThe moratorium would apply to training runs above a compute threshold, the company said.\n';

const captureDate = (dateLine: string) =>
  extractArticle(`Labs Weigh a Global Pause on Frontier AI\nBy Jane Doe\n${dateLine}\n\n${BODY}`, 'text', 'caps/story.txt').publishedAt;

describe('a date line whose time is followed by a word that is no zone', () => {
  it.each([
    ['June 5, 2026 10:19 AFP', '2026-06-05T10:19:00.000Z'],
    ['June 5, 2026 10:19 AM AP', '2026-06-05T10:19:00.000Z'],
    ['5 June 2026, 22:05 DPA', '2026-06-05T22:05:00.000Z'],
    ['June 5, 2026 9:30 pm (AFP)', '2026-06-05T21:30:00.000Z'],
    ['2026-06-05 10:19 ANSA', '2026-06-05T10:19:00.000Z'],
    ['Published June 5, 2026 10:19 AM PTI', '2026-06-05T10:19:00.000Z'],
    ['June 5, 2026 10:19 AM BY JANE DOE', '2026-06-05T10:19:00.000Z'],
  ])('keeps the time of %s', (line, expected) => {
    expect(captureDate(line)).toBe(expected);
  });

  it('keeps the time of a wire dateline that credits an agency', () => {
    const text = `Labs Weigh a Global Pause on Frontier AI\n\nPARIS, June 5, 2026 10:19 AFP — ${BODY}`;
    expect(extractArticle(text, 'text', 'caps/wire.txt').publishedAt).toBe('2026-06-05T10:19:00.000Z');
  });

  it('still reads the zones it knows, and an agency after a zone does not hide it', () => {
    expect(captureDate('June 5, 2026 9:30 pm ET')).toBe('2026-06-06T01:30:00.000Z');
    expect(captureDate('June 5, 2026 11:00 PM IST')).toBe('2026-06-05T17:30:00.000Z');
    expect(captureDate('5 June 2026, 21:30 HKT')).toBe(parseFeedDate('Fri, 05 Jun 2026 21:30:00 HKT'));
    expect(captureDate('5 June 2026, 21:30 AEST')).toBe(parseFeedDate('Fri, 05 Jun 2026 21:30:00 AEST'));
    expect(captureDate('June 5, 2026 10:19 GMT')).toBe('2026-06-05T10:19:00.000Z');
  });

  it('leaves the date alone after a word that may be a zone it does not know', () => {
    // "ChST" (Chamorro, +10:00) or a misprint: read as UTC, 9:30 pm could be on another day
    expect(captureDate('June 5, 2026 9:30 pm XYZ')).toBe('2026-06-05');
    expect(captureDate('June 5, 2026 9:30 pm CHST')).toBe('2026-06-05');
  });

  it('takes no agency for a zone: none of the credits is a zone name the feed reader knows', () => {
    for (const agency of ['AFP', 'AP', 'UPI', 'DPA', 'EFE', 'ANSA', 'PTI', 'TASS', 'KYODO', 'CNA', 'MAP', 'TT']) {
      expect(parseFeedDate(`Fri, 05 Jun 2026 10:19:00 ${agency}`)).toBeNull();
      expect(captureDate(`June 5, 2026 10:19 ${agency}`)).toBe('2026-06-05T10:19:00.000Z');
    }
  });
});
