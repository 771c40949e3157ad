import { describe, expect, it } from 'vitest';
import { cutTrailingArea, isTimestampLine, opensTrailingArea } from '../../src/extract/furniture-lines.ts';

describe('isTimestampLine', () => {
  it.each(['17.42 BST', '10:19 GMT', '9.05pm', '10:19', '2 min ago', 'Updated 3 hours ago', 'Updated: Fri 5 Jun 2026 10.19 BST', 'June 5, 2026', 'Posted: 06/05/2026', '5 June 2026, 10:19 ET'])(
    '"%s" is a time stamp',
    (line) => expect(isTimestampLine(line)).toBe(true),
  );

  it.each(['2018.04.05 ~ OPEN RUN', 'The vote is at 10:19 GMT on Friday.', 'Talks resume on June 5, 2026, in Geneva', 'Route 66'])(
    '"%s" is not',
    (line) => expect(isTimestampLine(line)).toBe(false),
  );
});

describe('the trailing area', () => {
  it.each(['Read next', 'Related:', 'More from The Ledger', '24 comments', 'Comments (3)', 'Leave a reply', 'Lesen Sie auch', 'À lire aussi', 'Kommentare'])(
    '"%s" opens it',
    (line) => expect(opensTrailingArea(line)).toBe(true),
  );

  it.each(['Commentary: why the pause matters', 'Related costs rose by a third over the year, the report said.', 'Reading the proposal'])(
    '"%s" does not',
    (line) => expect(opensTrailingArea(line)).toBe(false),
  );

  it('is cut only past the middle of the text: earlier, what follows the heading is still the article', () => {
    const prose = 'A paragraph of the article, long enough to weigh something in the position count. '.repeat(3);
    expect(cutTrailingArea([prose, prose, 'Comments', 'A reader wrote this.'])).toEqual([prose, prose]);
    expect(cutTrailingArea(['Comments', prose, prose])).toEqual(['Comments', prose, prose]);
  });
});
