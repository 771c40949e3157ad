import { describe, expect, it } from 'vitest';
import { table, terminalText } from '../../src/cli/views.ts';

describe('text for the terminal', () => {
  it('cuts a table cell between characters as a reader counts them, never inside an emoji or a flag', () => {
    const out = table(['title'], [[`${'A'.repeat(8)}😀 more`]], [10]);
    expect(out.split('\n')[1]).toBe(`${'A'.repeat(8)}😀…`);
    expect(out).not.toContain('\ufffd');
    expect(table(['t'], [[`${'a'.repeat(8)}🇺🇸🇫🇷`]], [10]).split('\n')[1]).toBe(`${'a'.repeat(8)}🇺🇸🇫🇷`);
    expect(table(['t'], [[`${'a'.repeat(8)}🇺🇸🇫🇷x`]], [10]).split('\n')[1]).toBe(`${'a'.repeat(8)}🇺🇸…`);
    expect(table(['t'], [['a\rb']], [5]).split('\n')[1]).toBe('a b');
  });

  it('drops escape sequences and bidirectional overrides, and keeps the marks right-to-left text needs', () => {
    expect(terminalText('a\u001b[31mb\u009bc \u202ereversed\u202c \u2067x\u2069 \u05e9\u200f\u05dc')).toBe('a[31mbc reversed x \u05e9\u200f\u05dc');
  });
});
