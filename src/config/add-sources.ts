/**
 * Adds source entries to a pipeline file, for `sources add`. The file is the user's own TypeScript, so it is edited
 * as text, not regenerated: the entries go at the end of the `sources: [ ... ]` list of the object the file
 * exports, in the list's own layout (one per line at its indentation, or inline), and everything else (comments,
 * formatting, other code) stays byte for byte. The edited file is loaded and validated before it replaces the old
 * one, so a file this cannot edit correctly is left untouched.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, constants, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadPipeline } from './load-pipeline.ts';

/** Why a pipeline file could not be given the new sources; the message names the file. */
export class PipelineEditError extends Error {
  override name = 'PipelineEditError';
}

interface Bracket {
  char: '{' | '[' | '(';
  at: number;
}

/**
 * Where the exported definition's `sources` list opens and closes: the `[` and `]` of `sources: [...]` directly in
 * the object passed to definePipeline (or exported as is). Strings, template literals and comments are skipped, so
 * brackets in them do not count. Null when there is no such list (a list built elsewhere, a spread, a variable).
 */
export function findSourcesList(text: string): { open: number; close: number } | null {
  const start = definitionStart(text);
  if (start < 0) return null;
  const stack: Bracket[] = [];
  let listOpen = -1;
  for (let i = start; i < text.length; i++) {
    const char = text[i]!;
    const skipped = skipNonCode(text, i);
    if (skipped > i) {
      // a quoted key: "sources": [ ... ] in a definition written as JSON
      if (stack.length === 1 && listOpen < 0 && /^(['"])sources\1$/.test(text.slice(i, skipped))) listOpen = listAfterColon(text, skipped);
      i = skipped - 1;
      continue;
    }
    if (char === '{' || char === '[' || char === '(') {
      stack.push({ char, at: i });
      continue;
    }
    if (char === '}' || char === ']' || char === ')') {
      const opened = stack.pop();
      if (!opened) return null;
      if (opened.at === listOpen) return { open: listOpen, close: i };
      if (stack.length === 0) return null;
      continue;
    }
    // an unquoted key at the definition's own level, not `sourcesExtra` or `x.sources`
    if (stack.length === 1 && listOpen < 0 && text.startsWith('sources', i) && !/[\w$.]/.test(text[i - 1] ?? '') && !/[\w$]/.test(text[i + 7] ?? '')) {
      listOpen = listAfterColon(text, i + 7);
      i += 6;
    }
  }
  return null;
}

/** The `{` of the exported definition: the first after `definePipeline(`, else after `export default`. */
function definitionStart(text: string): number {
  for (const marker of [/\bdefinePipeline\s*\(\s*\{/g, /\bexport\s+default\s*\{/g]) {
    for (const match of text.matchAll(marker)) {
      // the marker must be code, not a word in a comment or a string before it
      if (isCodeAt(text, match.index)) return match.index + match[0].length - 1;
    }
  }
  return -1;
}

/** Whether position `at` is in code, outside strings, template literals and comments. */
function isCodeAt(text: string, at: number): boolean {
  for (let i = 0; i < at; ) {
    const skipped = skipNonCode(text, i);
    if (skipped > at) return false;
    i = skipped > i ? skipped : i + 1;
  }
  return true;
}

/** The `[` after `:` (white space and comments allowed between), or -1 when the value is not a list literal. */
function listAfterColon(text: string, from: number): number {
  let i = skipSpace(text, from);
  if (text[i] !== ':') return -1;
  i = skipSpace(text, i + 1);
  return text[i] === '[' ? i : -1;
}

function skipSpace(text: string, from: number): number {
  let i = from;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    const skipped = text.startsWith('//', i) || text.startsWith('/*', i) ? skipNonCode(text, i) : i;
    if (skipped === i) return i;
    i = skipped;
  }
}

/**
 * The end of the string, template literal or comment starting at `i`, or `i` when none starts there. A template
 * literal's `${...}` holds code, which may hold strings and templates of its own.
 */
function skipNonCode(text: string, i: number): number {
  const char = text[i];
  if (char === '/' && text[i + 1] === '/') {
    const end = text.indexOf('\n', i);
    return end < 0 ? text.length : end;
  }
  if (char === '/' && text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2);
    return end < 0 ? text.length : end + 2;
  }
  if (char === '"' || char === "'") {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === char || text[j] === '\n') return j + 1;
    }
    return text.length;
  }
  if (char === '`') {
    for (let j = i + 1; j < text.length; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === '`') return j + 1;
      else if (text[j] === '$' && text[j + 1] === '{') j = endOfCode(text, j + 2) - 1;
    }
    return text.length;
  }
  return i;
}

/** The position after the `}` that closes code opened just before `from` (a template literal's `${`). */
function endOfCode(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const skipped = skipNonCode(text, i);
    if (skipped > i) {
      i = skipped - 1;
    } else if (text[i] === '{') {
      depth++;
    } else if (text[i] === '}' && --depth === 0) {
      return i + 1;
    }
  }
  return text.length;
}

/** The last position before `close` that is neither white space nor inside a comment, or -1. */
function lastCodeBefore(text: string, open: number, close: number): number {
  let last = -1;
  for (let i = open + 1; i < close; ) {
    const skipped = skipNonCode(text, i);
    const isComment = skipped > i && text[i] === '/';
    if (skipped > i) {
      if (!isComment) last = skipped - 1;
      i = skipped;
    } else {
      if (!/\s/.test(text[i]!)) last = i;
      i++;
    }
  }
  return last;
}

/**
 * `text` with `entries` (object literals, without trailing commas) added at the end of its sources list. A list
 * written over several lines gets one entry per line, at the indentation of its first line; an inline list gets
 * them inline. Throws PipelineEditError when the file has no `sources: [...]` list to add to.
 */
export function withSourcesAdded(text: string, entries: readonly string[], file: string): string {
  const list = findSourcesList(text);
  if (!list) {
    throw new PipelineEditError(`cannot find a "sources: [ ... ]" list in the definition exported by ${file}, so the feeds were not added to it`);
  }
  const { open, close } = list;
  const last = lastCodeBefore(text, open, close);
  const needsComma = last >= 0 && text[last] !== ',';
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const closeLineStart = text.lastIndexOf('\n', close - 1) + 1;
  const multiline = text.slice(open, close).includes('\n') && /^\s*$/.test(text.slice(closeLineStart, close));
  if (!multiline) {
    const inserted = entries.join(', ');
    const before = last < 0 ? '' : needsComma ? ', ' : ' ';
    const at = last < 0 ? close : last + 1;
    return text.slice(0, at) + before + inserted + text.slice(at);
  }
  // the indentation of the list's first line, else the closing bracket's plus two spaces
  const indent = /\n([ \t]*)\S/.exec(text.slice(open, close))?.[1] ?? `${text.slice(closeLineStart, close)}  `;
  const lines = entries.map((entry) => `${indent}${entry},${newline}`).join('');
  const head = needsComma ? `${text.slice(0, last + 1)},${text.slice(last + 1, closeLineStart)}` : text.slice(0, closeLineStart);
  return head + lines + text.slice(closeLineStart);
}

/**
 * Adds `entries` to the sources of the pipeline in `file`, which must then still load and validate with every new
 * id among its sources; only then does the edited text replace the file (by rename, keeping its mode), so a failure
 * leaves the file as it was. Throws PipelineEditError, whose message names the file and the reason.
 */
export async function addSourcesToPipelineFile(file: string, entries: readonly { id: string; code: string }[]): Promise<void> {
  const text = readFileSync(file, 'utf8');
  const edited = withSourcesAdded(text, entries.map((entry) => entry.code), file);
  // Next to the file, so its relative imports resolve as the file's own do; a .ts name, so it loads as TypeScript.
  const temporary = path.join(path.dirname(file), `.${path.basename(file, path.extname(file))}.sources-add-${randomBytes(4).toString('hex')}${path.extname(file) || '.ts'}`);
  // A file made read-only is not replaced behind its owner's back, which a rename in a writable folder would do (and
  // root may write anything, so the mode is read too).
  if ((statSync(file).mode & 0o222) === 0) throw new PipelineEditError(`${file} is read-only, so the feeds were not added to it`);
  try {
    accessSync(file, constants.W_OK);
    writeFileSync(temporary, edited, { flag: 'wx' });
  } catch (error) {
    throw new PipelineEditError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}), so the feeds were not added to it`);
  }
  try {
    chmodSync(temporary, statSync(file).mode);
    let loaded;
    try {
      loaded = await loadPipeline(temporary);
    } catch (error) {
      throw new PipelineEditError(`${file} would no longer load with the feeds added, so it was left as it was: ${(error as Error).message.replaceAll(temporary, file)}`);
    }
    const ids = new Set(loaded.pipeline.sources.map((source) => source.id));
    const missing = entries.filter((entry) => !ids.has(entry.id));
    if (missing.length > 0) {
      throw new PipelineEditError(`the sources list edited in ${file} is not the one the pipeline uses (${missing.map((e) => JSON.stringify(e.id)).join(', ')} missing), so it was left as it was`);
    }
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}
