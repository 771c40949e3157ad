import { describe, expect, it } from 'vitest';
import { charsetInContent, metaCharsets } from '../../src/ingest/meta-prescan.ts';

describe('metaCharsets: the labels of <meta> tags, found as the WHATWG prescan finds them', () => {
  it.each([
    ['<meta charset="UTF-8">', ['utf-8']],
    ["<META CHARSET='Windows-1251'/>", ['windows-1251']],
    ['<meta charset = " koi8-r " >', ['koi8-r']],
    ['<meta http-equiv=Content-Type content=text/html;charset=Shift_JIS>', ['shift_jis']],
    ['<meta content="text/html; charset=iso-8859-2" http-equiv="content-type">', ['iso-8859-2']],
    ['<?xml version="1.0"?><!DOCTYPE html><html lang=fr><meta charset="utf-8">', ['utf-8']],
    ['<meta charset="x-bogus"><meta charset="utf-8">', ['x-bogus', 'utf-8']],
    // "<!-->" is a whole comment
    ['<!--><meta charset="gbk">', ['gbk']],
    // the first of two charset attributes counts
    ['<meta charset="utf-8" charset="iso-8859-1">', ['utf-8']],
    // and the first charset a tag names, whichever attribute names it
    ['<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2" charset="utf-8">', ['iso-8859-2']],
  ])('%s declares %j', (head, labels) => {
    expect(metaCharsets(head)).toEqual(labels);
  });

  it.each([
    ['a comment', '<!-- <meta charset="iso-8859-1"> -->'],
    ['a content charset without http-equiv', '<meta name="description" content="charset=iso-8859-1">'],
    ['an http-equiv other than Content-Type', '<meta http-equiv="refresh" content="0; charset=iso-8859-1">'],
    ['another tag\'s quoted attribute', '<div title="<meta charset=iso-8859-1>">'],
    ['a tag cut off by the end of the prefix', '<meta http-equiv="Content-Type" content="text/html; charset=utf-8"'],
  ])('finds nothing in %s', (_case, head) => {
    expect(metaCharsets(head)).toEqual([]);
  });
});

describe('charsetInContent: the charset of a meta content attribute', () => {
  it.each([
    ['text/html; charset=utf-8', 'utf-8'],
    ['text/html;charset = "big5" ', 'big5'],
    ["text/html; CHARSET='euc-jp'", 'euc-jp'],
    ['text/html; charset=iso-8859-1; x=y', 'iso-8859-1'],
    ['text/html; charsetx; charset=koi8-r', 'koi8-r'],
    ['text/html', null],
    ['text/html; charset="utf-8', null],
  ])('%j → %j', (content, charset) => {
    expect(charsetInContent(content)).toBe(charset);
  });
});
