import { describe, expect, it } from 'vitest';
import { commandLine, table, terminalText } from '../../src/cli/views.ts';
import { shortenText, signedTwoDecimals, twoDecimals } from '../../src/model/display-text.ts';
import { formatScore } from '../../src/digest/render-markdown.ts';
import { alertText } from '../../src/alert/channels/alert-text.ts';

describe('text for the terminal', () => {
  it('cuts a table cell between characters as a reader counts them, never inside an emoji or a flag', () => {
    // an emoji and a flag take two columns, as a terminal draws them
    const out = table(['title'], [[`${'A'.repeat(7)}😀 more`]], [10]);
    expect(out.split('\n')[1]).toBe(`${'A'.repeat(7)}😀…`);
    expect(out).not.toContain('\ufffd');
    expect(table(['t'], [[`${'a'.repeat(6)}🇺🇸🇫🇷`]], [10]).split('\n')[1]).toBe(`${'a'.repeat(6)}🇺🇸🇫🇷`);
    expect(table(['t'], [[`${'a'.repeat(6)}🇺🇸🇫🇷x`]], [10]).split('\n')[1]).toBe(`${'a'.repeat(6)}🇺🇸…`);
    // no room for a wide character beside the "…": the column is padded instead
    expect(table(['t', 'u'], [[`${'a'.repeat(8)}😀x`, 'next']], [10, 4]).split('\n')[1]).toBe(`${'a'.repeat(8)}…   next`);
    expect(table(['t'], [['a\rb']], [5]).split('\n')[1]).toBe('a b');
    // characters that take no column (zero-width spaces a CMS left in) take no room
    expect(table(['t'], [[`${'\u200b'.repeat(30)}Pause vote`]], [20]).split('\n')[1]).toBe(`${'\u200b'.repeat(30)}Pause vote`);
  });

  it('keeps the columns after titles in a wide script (Chinese, Japanese, Korean) where they are after Latin ones', () => {
    const out = table(
      ['title', 'outlet'],
      [['暂停前沿人工智能开发的提议', 'Xinhua'], ['A pause of frontier AI', 'Reuters'], ['フロンティアAIの一時停止', 'NHK'], ['프런티어 AI 중단', 'KBS']],
      [16, 8],
    ).split('\n');
    // each outlet starts at column 18 as a terminal counts them: CJK characters take two
    const columnOf = (line: string, word: string) => [...line.slice(0, line.indexOf(word))].reduce((sum, char) => sum + (/[\u1100-\uffdc]/.test(char) && !/[\u2026]/.test(char) ? 2 : 1), 0);
    expect(out.slice(1).map((line, i) => columnOf(line, ['Xinhua', 'Reuters', 'NHK', 'KBS'][i]!))).toEqual([18, 18, 18, 18]);
    expect(out[1]).toBe('暂停前沿人工智…   Xinhua');
  });

  it('cuts a megabyte of text as fast as a line of it, still between characters as a reader counts them', () => {
    // Segmenting the whole text took minutes for a title of a few hundred thousand characters (a broken feed's).
    const started = Date.now();
    const letters = 'x'.repeat(1_000_000);
    expect(shortenText(letters, 10)).toBe(`${'x'.repeat(9)}…`);
    expect(shortenText(`${'word '.repeat(200_000)}`, 12)).toBe('word word…');
    expect(table(['t'], [[letters]], [5]).split('\n')[1]).toBe('xxxx…');
    // characters of many code points each (a flag, an accented letter, a long emoji sequence) count as one
    expect(shortenText(`${'🇺🇸'.repeat(300_000)}`, 3)).toBe('🇺🇸🇺🇸…');
    expect(shortenText(`${'e\u0301'.repeat(300_000)}`, 3)).toBe('e\u0301e\u0301…');
    const zalgo = `a${'\u0301'.repeat(100)}`;
    expect(shortenText(zalgo.repeat(3), 2)).toBe(`${zalgo}…`);
    expect(shortenText(zalgo.repeat(2), 2)).toBe(zalgo.repeat(2));
    expect(table(['t'], [[zalgo.repeat(2)]], [2]).split('\n')[1]).toBe(zalgo.repeat(2));
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);

  it('drops escape sequences and bidirectional overrides, and keeps the marks right-to-left text needs', () => {
    expect(terminalText('a\u001b[31mb\u009bc \u202ereversed\u202c \u2067x\u2069 \u05e9\u200f\u05dc')).toBe('a[31mbc reversed x \u05e9\u200f\u05dc');
  });
});

describe('commandLine', () => {
  it('names the pipeline and database a command was given, as given, quoted for a shell, without a password', () => {
    expect(commandLine('sources update-moved', {})).toBe('pausewatch sources update-moved');
    expect(commandLine('sources recheck a', { database: 'data/x.db' })).toBe('pausewatch sources recheck a --database data/x.db');
    expect(commandLine('sources recheck a', { pipeline: '/srv/pw/pipelines/ai-pause.ts' })).toBe('pausewatch sources recheck a --pipeline /srv/pw/pipelines/ai-pause.ts');
    expect(commandLine('sources update-moved', { pipeline: "pipelines/my topic's.ts", database: 'postgres://pw:s3cret@db.example/pw' })).toBe(
      `pausewatch sources update-moved --pipeline 'pipelines/my topic'\\''s.ts' --database postgres://pw@db.example/pw`,
    );
    // a user name without a password stays; a URL that does not parse loses everything up to its "@"
    expect(commandLine('stories', { database: 'postgres://pw@db.example/pw' })).toBe('pausewatch stories --database postgres://pw@db.example/pw');
    expect(commandLine('stories', { database: 'postgres://pw:s3cret@db:port/pw' })).toBe("pausewatch stories --database 'postgres://***@db:port/pw'");
  });
});

describe('scores to two decimals', () => {
  it('show a value that rounds to zero as 0.00, never -0.00, in the trends table, the digest, alerts and `score`', () => {
    expect([-0.004, 0.004, -0.005, 0.42, -0.42, 0].map(twoDecimals)).toEqual(['0.00', '0.00', '-0.01', '0.42', '-0.42', '0.00']);
    expect([-0.004, 0.42, -0.42].map(signedTwoDecimals)).toEqual(['+0.00', '+0.42', '-0.42']);
    expect(formatScore(-0.004)).toBe('+0.00');
    expect(alertText({ articleId: 1, title: 'T', url: 'https://a.example/1', outlet: 'A', publishedAt: null, relevance: 0.9, stance: 'neutral', score: -0.001, evidence: null })).toContain('neutral +0.00');
  });
});
