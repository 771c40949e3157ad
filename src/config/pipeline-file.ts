/**
 * Edits to a pipeline file: `sources add` adds source entries, `sources update-moved` puts a moved feed's new URL in
 * its entry. The file is the user's own TypeScript, so it is edited as text, not regenerated: new entries go at the
 * end of the `sources: [ ... ]` list of the object the file exports, in the list's own layout (one per line at its
 * indentation, or inline), a new URL replaces the old string literal, and everything else (comments, formatting,
 * other code) stays byte for byte. The edited file is loaded and validated before it replaces the old one, so a file
 * this cannot edit correctly is left untouched.
 *
 * Edits of one file are made one at a time, under a lock file beside it: users run `xargs -P4 pausewatch sources add`
 * and cron jobs that overlap, and an edit read before another's rename would otherwise put the file back without the
 * other's entries while both said they had added theirs.
 */
import { randomBytes } from 'node:crypto';
import { accessSync, chmodSync, chownSync, constants, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadPipeline } from './load-pipeline.ts';
import type { Pipeline } from './schema.ts';

/** A string literal in `quote`s (single by default, as pipeline files write them); JSON's escapes are JavaScript's too. */
export function stringLiteral(text: string, quote: Quote = "'"): string {
  const json = JSON.stringify(text);
  return quote === '"' ? json : `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

type Quote = "'" | '"';

/** How a pipeline file writes its sources: the quote its strings take, and whether their keys are quoted (JSON's way). */
interface LiteralStyle {
  quote: Quote;
  quotedKeys: boolean;
}

/** Keys of a source entry, written as a string where the entry quotes its keys. */
const QUOTED_KEY = /^(['"])(?:id|kind|name|url|glob)\1$/;

/**
 * The style of the sources list from `open` to `close`: the quote most of its strings take (single on a tie, and
 * when it has none, then the quote of the definition's strings from `definition`), and whether an entry quotes its
 * keys (or, in an empty list, the definition quotes `"sources"`), so entries added to a file formatted with double
 * quotes, or written as JSON, look like the ones it has.
 */
function literalStyle(text: string, definition: number, open: number, close: number): LiteralStyle {
  const count = (from: number, to: number) => {
    const quotes = { "'": 0, '"': 0 };
    let quotedKeys = false;
    for (let i = from; i < to; ) {
      const skipped = skipNonCode(text, i);
      if (skipped > i) {
        const quote = text[i];
        if (quote === "'" || quote === '"') {
          quotes[quote]++;
          if (QUOTED_KEY.test(text.slice(i, skipped)) && text[skipSpace(text, skipped)] === ':') quotedKeys = true;
        }
        i = skipped;
      } else {
        i++;
      }
    }
    return { quotes, quotedKeys };
  };
  const inList = count(open + 1, close);
  const { quotes } = inList.quotes["'"] + inList.quotes['"'] > 0 ? inList : count(definition, close);
  const listHasEntries = lastCodeBefore(text, open, close) >= 0;
  const quotedKeys = listHasEntries ? inList.quotedKeys : /(['"])sources\1\s*:\s*$/.test(text.slice(definition, open));
  return { quote: quotes['"'] > quotes["'"] ? '"' : "'", quotedKeys };
}

/**
 * Source-entry code written as `stringLiteral` writes it (single quotes, keys unquoted) in `style`: each string in
 * its quote, and each key quoted when the style quotes keys.
 */
function inStyle(code: string, style: LiteralStyle): string {
  if (style.quote === "'" && !style.quotedKeys) return code;
  let out = '';
  for (let i = 0; i < code.length; ) {
    const skipped = skipNonCode(code, i);
    if (skipped > i) {
      const literal = code.slice(i, skipped);
      const value = literal[0] === "'" || literal[0] === '"' ? stringLiteralValue(literal) : null;
      out += value === null ? literal : stringLiteral(value, style.quote);
      i = skipped;
      continue;
    }
    const key = style.quotedKeys ? /^([A-Za-z_$][\w$]*)(\s*:)/.exec(code.slice(i)) : null;
    if (key && !/[\w$.]/.test(code[i - 1] ?? '')) {
      out += stringLiteral(key[1]!, style.quote) + key[2];
      i += key[0].length;
      continue;
    }
    out += code[i];
    i++;
  }
  return out;
}

/** Why a pipeline file could not be edited; the message names the file. */
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
      // a bracket closing another kind: something this scanner misread (a regular expression literal); no guess
      if (!opened || opened.char !== { '}': '{', ']': '[', ')': '(' }[char]) return null;
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

/** The white space that starts the line holding position `at`. */
function indentationAt(text: string, at: number): string {
  return /^[ \t]*/.exec(text.slice(text.lastIndexOf('\n', at) + 1))![0];
}

/**
 * Whether the list from `open` to `close` is the value of a key on a line of its own: only white space before the key
 * (`sources` or `"sources"`), nothing after the list but a comma and a line comment.
 */
function isOwnLine(text: string, open: number, close: number): boolean {
  const lineStart = text.lastIndexOf('\n', open) + 1;
  const lineEnd = text.indexOf('\n', close);
  const before = text.slice(lineStart, open);
  const after = text.slice(close + 1, lineEnd < 0 ? text.length : lineEnd);
  return /^[ \t]*(['"]?)sources\1[ \t]*:[ \t]*$/.test(before) && /^[ \t]*,?[ \t]*(\/\/.*)?\r?$/.test(after);
}

/**
 * `text` with `entries` (object literals, without trailing commas) added at the end of its sources list. A list
 * written over several lines gets one entry per line, at the indentation of its last entry; an inline list gets
 * them inline, but for an empty one on a line of its own (`sources: [],` in a new pipeline), which is opened over
 * lines. Throws PipelineEditError when the file has no `sources: [...]` list to add to.
 */
export function withSourcesAdded(text: string, entries: readonly string[], file: string): string {
  const list = findSourcesList(text);
  if (!list) {
    throw new PipelineEditError(`cannot find a "sources: [ ... ]" list in the definition exported by ${file}, so the feeds were not added to it`);
  }
  const { open, close } = list;
  const style = literalStyle(text, definitionStart(text), open, close);
  const styled = entries.map((entry) => inStyle(entry, style));
  const last = lastCodeBefore(text, open, close);
  const needsComma = last >= 0 && text[last] !== ',';
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const closeLineStart = text.lastIndexOf('\n', close - 1) + 1;
  const multiline = text.slice(open, close).includes('\n') && /^\s*$/.test(text.slice(closeLineStart, close));
  if (!multiline && last < 0 && isOwnLine(text, open, close)) {
    // `sources: [],` on a line of its own, in a definition written one field per line (a new pipeline, its sources
    // to be added): the list is opened over lines, one entry per line, indented a level deeper than its key, and
    // closed at the key's indentation, as the lists the file has are written. A comment in the list stays after `[`.
    const keyIndent = indentationAt(text, open);
    // a level: what the key is indented by within the definition (two spaces for a key at the definition's own column)
    const definitionIndent = indentationAt(text, definitionStart(text));
    const level = keyIndent.startsWith(definitionIndent) && keyIndent.length > definitionIndent.length ? keyIndent.slice(definitionIndent.length) : '  ';
    const indent = `${keyIndent}${level}`;
    const lines = styled.map((entry) => `${indent}${entry},${newline}`).join('');
    return `${text.slice(0, open + 1)}${text.slice(open + 1, close).trimEnd()}${newline}${lines}${keyIndent}${text.slice(close)}`;
  }
  if (!multiline) {
    const inserted = styled.join(', ');
    const before = last < 0 ? '' : needsComma ? ', ' : ' ';
    const at = last < 0 ? close : last + 1;
    return text.slice(0, at) + before + inserted + text.slice(at);
  }
  // the indentation of the line the last entry ends on (a comment line may sit anywhere), else the closing bracket's
  // plus two spaces
  const lastLineStart = text.lastIndexOf('\n', last) + 1;
  const indent = last > open && lastLineStart > open ? /^[ \t]*/.exec(text.slice(lastLineStart))![0] : `${text.slice(closeLineStart, close)}  `;
  const lines = styled.map((entry) => `${indent}${entry},${newline}`).join('');
  const head = needsComma ? `${text.slice(0, last + 1)},${text.slice(last + 1, closeLineStart)}` : text.slice(0, closeLineStart);
  return head + lines + text.slice(closeLineStart);
}

/** A pipeline file as read for an edit: its text, and where it really is (a symlink's target) with its stats. */
interface ReadFile {
  text: string;
  real: string;
  stats: Stats;
}

/** Where `file` really is: a symlink's target is the file to edit, since replacing the link by a copy would leave the user's file as it was. */
function realPathForEdit(file: string, what: string): string {
  try {
    return realpathSync(file);
  } catch (error) {
    throw new PipelineEditError(`cannot read ${file} (${errorCode(error)}), so ${what}`);
  }
}

function readForEdit(file: string, real: string, what: string): ReadFile {
  try {
    return { text: readFileSync(real, 'utf8'), real, stats: statSync(real) };
  } catch (error) {
    throw new PipelineEditError(`cannot read ${file} (${errorCode(error)}), so ${what}`);
  }
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/**
 * A file made read-only is not replaced behind its owner's back, which a rename in a writable folder would do (and
 * root may write anything, so the mode is read too).
 */
function refuseReadOnly(file: string, stats: Stats, what: string): void {
  if ((stats.mode & 0o222) === 0) throw new PipelineEditError(`${file} is read-only, so ${what}`);
}

/**
 * Writes `text` to a new file beside the pipeline file read, with its mode (and owner, when that is allowed), and
 * returns its path: next to the file, so its relative imports resolve as the file's own do; a .ts name, so it loads as
 * TypeScript; a name of its own, so it is a module no earlier load has cached. The caller removes it.
 */
function writeTemporaryCopy(file: string, read: ReadFile, text: string, what: string): string {
  const { real, stats } = read;
  const temporary = path.join(path.dirname(real), `.${path.basename(real, path.extname(real))}.pausewatch-edit-${randomBytes(4).toString('hex')}${path.extname(real) || '.ts'}`);
  try {
    // created with the file's mode, so a file holding feed logins is never readable by others, even for a moment
    writeFileSync(temporary, text, { flag: 'wx', mode: stats.mode & 0o777 });
    chmodSync(temporary, stats.mode & 0o7777);
    if (process.getuid?.() === 0) chownSync(temporary, stats.uid, stats.gid);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new PipelineEditError(`cannot write ${file} (${errorCode(error)}), so ${what}`);
  }
  return temporary;
}

/**
 * The pipeline the file read defines: its text as read, not the file as it may be by now, loaded from a copy
 * (writeTemporaryCopy). For an edit that decides what to change from the pipeline (which ids are taken), under the
 * lock, where the file read is the one that counts. Throws PipelineEditError when it does not load.
 */
async function loadRead(file: string, read: ReadFile, what: string): Promise<Pipeline> {
  const temporary = writeTemporaryCopy(file, read, read.text, what);
  try {
    return (await loadPipeline(temporary)).pipeline;
  } catch (error) {
    throw new PipelineEditError(`${file} does not load, so ${what}: ${(error as Error).message.replaceAll(temporary, file)}`);
  } finally {
    rmSync(temporary, { force: true });
  }
}

/**
 * Replaces the file read with `edited` once the edited definition loads and validates and `check` finds what the
 * edit was for in it (a message when it does not); by rename, keeping the file's mode (and owner, when that is
 * allowed), so a failure leaves the file as it was. False, with the file left as it was, when the file no longer says
 * what was read (something that takes no lock, an editor say, saved it meanwhile): the edit is to be made again.
 * Throws PipelineEditError, whose message names the file and the reason.
 */
async function replaceVerified(file: string, read: ReadFile, edited: string, what: string, check: (pipeline: Pipeline) => string | null): Promise<boolean> {
  const { real, stats } = read;
  refuseReadOnly(file, stats, what);
  try {
    accessSync(real, constants.W_OK);
  } catch (error) {
    throw new PipelineEditError(`cannot write ${file} (${errorCode(error)}), so ${what}`);
  }
  const temporary = writeTemporaryCopy(file, read, edited, what);
  try {
    let loaded;
    try {
      loaded = await loadPipeline(temporary);
    } catch (error) {
      throw new PipelineEditError(`${file} would no longer load after the edit, so it was left as it was: ${(error as Error).message.replaceAll(temporary, file)}`);
    }
    const problem = check(loaded.pipeline);
    if (problem) throw new PipelineEditError(`the list edited is not the sources list of the definition ${file} exports (${problem}), so it was left as it was`);
    // loading took a while; a rename over a file saved meanwhile would undo that save
    if (readFileSync(real, 'utf8') !== read.text) return false;
    renameSync(temporary, real);
    return true;
  } finally {
    rmSync(temporary, { force: true });
  }
}

/** How many times an edit is made again when the file changes under it, before it gives up. */
const EDIT_ATTEMPTS = 3;

/**
 * An edit of a pipeline file's text: the text edited, or null when there is nothing to change. `current` loads the
 * pipeline the text defines (loadRead), for an edit that decides what to change from it.
 */
type TextEdit = (text: string, current: () => Promise<Pipeline>) => string | null | Promise<string | null>;

/**
 * Edits the pipeline in `file`: under its lock (withEditLock), reads it, makes `edit` of its text (null: nothing to
 * change) and replaces it (replaceVerified). When the file changed while the edit was verified, it is read again and
 * the edit made again from what it says now.
 */
async function editPipelineFile(file: string, what: string, edit: TextEdit, check: (pipeline: Pipeline) => string | null, options: PipelineEditOptions): Promise<void> {
  const real = realPathForEdit(file, what);
  // before the lock, so a read-only file in a read-only folder is refused as read-only, not as a lock it cannot make
  refuseReadOnly(file, readForEdit(file, real, what).stats, what);
  await withEditLock(file, real, what, options.lockWaitMs ?? LOCK_WAIT_MS, async () => {
    for (let attempt = 1; ; attempt++) {
      const read = readForEdit(file, real, what);
      const edited = await edit(read.text, () => loadRead(file, read, what));
      if (edited === null || (await replaceVerified(file, read, edited, what, check))) return;
      if (attempt === EDIT_ATTEMPTS) throw new PipelineEditError(`${file} kept changing while it was being edited, so ${what}; try again once it is saved`);
    }
  });
}

/** How an edit of a pipeline file waits for another one. */
export interface PipelineEditOptions {
  /**
   * How long to wait for another pausewatch editing the same file, in milliseconds.
   * @default 60_000
   */
  lockWaitMs?: number;
}

/** An edit takes a second or so (loading the edited file); a minute is many of them queued (`xargs -P`). */
const LOCK_WAIT_MS = 60_000;
/** How often a waiting edit tries the lock again (with as much again at random, so waiters do not try in step). */
const LOCK_RETRY_MS = 50;
/** A lock this old is taken over whoever holds it: no edit takes minutes, and its pid may be another process's by now. */
const LOCK_STALE_MS = 5 * 60_000;
/** A lock file without an owner written in it (one crashed between making it and writing to it), taken over after this. */
const UNREADABLE_LOCK_STALE_MS = 10_000;

/** The lock of a pipeline file: beside the file itself (a symlink's target), so every name of the file finds it. */
export function editLockPath(real: string): string {
  return path.join(path.dirname(real), `.${path.basename(real)}.pausewatch-lock`);
}

/** What a lock file says: who holds it; `token` tells this hold from a later one of the same process. */
interface LockOwner {
  pid: number;
  host: string;
  since: string;
  token: string;
}

/** A lock file as read: its text and when it was made. Null when there is none (released meanwhile). */
function readLock(lock: string): { text: string; owner: LockOwner | null; mtimeMs: number } | null {
  try {
    const text = readFileSync(lock, 'utf8');
    const { mtimeMs } = statSync(lock);
    let owner: LockOwner | null = null;
    try {
      const parsed = JSON.parse(text) as Partial<LockOwner>;
      if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') owner = { pid: parsed.pid, host: parsed.host, since: String(parsed.since), token: String(parsed.token) };
    } catch {
      // no owner written: see UNREADABLE_LOCK_STALE_MS
    }
    return { text, owner, mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Whether process `pid` of this host runs (one of another user's, which may not be signalled, runs too). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a lock was left by an edit that will never release it: its process ended (killed, crashed), or it is too old. */
function isStale(held: NonNullable<ReturnType<typeof readLock>>): boolean {
  const age = Date.now() - held.mtimeMs;
  if (!held.owner) return age > UNREADABLE_LOCK_STALE_MS;
  return (held.owner.host === os.hostname() && !isRunning(held.owner.pid)) || age > LOCK_STALE_MS;
}

/**
 * Removes the lock when it is stale; true when the lock may be tried again at once (removed, or released meanwhile).
 * Two waiters may find one stale lock: a second lock file, held for these few lines only, lets one of them remove it,
 * so that the other, reading the lock again, finds the first one's fresh lock and leaves it alone.
 */
function removeStaleLock(lock: string, ownerText: string): boolean {
  const held = readLock(lock);
  if (!held) return true;
  if (!isStale(held)) return false;
  const takeover = `${lock}-takeover`;
  try {
    writeFileSync(takeover, ownerText, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // one that crashed within these lines left it
    const left = readLock(takeover);
    if (left && isStale(left)) rmSync(takeover, { force: true });
    return false;
  }
  try {
    const again = readLock(lock);
    if (again && again.text === held.text && isStale(again)) rmSync(lock, { force: true });
  } finally {
    rmSync(takeover, { force: true });
  }
  return true;
}

/**
 * Runs `body` holding the edit lock of the pipeline file really at `real` (editLockPath): a file made with `wx`, which
 * only one process can, saying which process holds it. Waits up to `waitMs` for another edit to finish; takes over a
 * lock whose process ended without removing it (isStale). Throws PipelineEditError when the lock cannot be made, or is
 * still held after the wait, naming the lock file.
 */
async function withEditLock<T>(file: string, real: string, what: string, waitMs: number, body: () => Promise<T>): Promise<T> {
  const lock = editLockPath(real);
  const ownerText = JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') } satisfies LockOwner);
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      writeFileSync(lock, ownerText, { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new PipelineEditError(`cannot write ${file} (${errorCode(error)} making its lock file ${lock}), so ${what}`);
    }
    try {
      if (removeStaleLock(lock, ownerText)) continue;
    } catch (error) {
      throw new PipelineEditError(`cannot read the lock file ${lock} of ${file} (${errorCode(error)}), so ${what}`);
    }
    if (Date.now() >= deadline) throw new PipelineEditError(lockHeldMessage(file, lock, what, waitMs));
    await sleep(LOCK_RETRY_MS + Math.random() * LOCK_RETRY_MS);
  }
  try {
    return await body();
  } finally {
    // ours still, unless a wait of LOCK_STALE_MS took it over
    if (readLockQuietly(lock)?.text === ownerText) rmSync(lock, { force: true });
  }
}

function readLockQuietly(lock: string): ReturnType<typeof readLock> {
  try {
    return readLock(lock);
  } catch {
    return null;
  }
}

/** Why an edit gave up waiting: who holds the lock, and what to do when that is no pausewatch any more. */
function lockHeldMessage(file: string, lock: string, what: string, waitMs: number): string {
  const owner = readLockQuietly(lock)?.owner;
  const holder = owner ? ` (process ${owner.pid} on ${owner.host}, since ${owner.since})` : '';
  return (
    `another pausewatch is editing ${file}${holder} and did not finish within ${Number((waitMs / 1000).toFixed(1))} s, so ${what}; ` +
    `try again, or, if no pausewatch is running (one that crashed left its lock), remove the lock file ${lock}`
  );
}

/** A source entry to add to a pipeline file: its id, and its code (an object literal, without a trailing comma). */
export interface SourceEntryCode {
  id: string;
  code: string;
}

/**
 * The entries to add to a pipeline file: the entries, or how to choose them from the pipeline as the file defines it
 * when the edit is made, under its lock (which ids are taken, which feeds it has): another pausewatch may have added
 * sources since the caller read the file. Chosen again when the edit is made again (the file changed under it).
 */
export type SourcesToAdd = readonly SourceEntryCode[] | ((current: Pipeline) => readonly SourceEntryCode[]);

/**
 * Adds entries to the sources of the pipeline in `file` (see editPipelineFile); returns the entries added: those
 * `entries` chose from the file as it was edited, none (and the file unchanged) when it chose none.
 */
export async function addSourcesToPipelineFile(file: string, entries: SourcesToAdd, options: PipelineEditOptions = {}): Promise<SourceEntryCode[]> {
  const what = 'the feeds were not added to it';
  // the entries of the edit of the file as last read (the file read under the lock is the one that counts)
  let chosen: SourceEntryCode[] = [];
  const edit = async (text: string, current: () => Promise<Pipeline>) => {
    chosen = [...(typeof entries === 'function' ? entries(await current()) : entries)];
    return chosen.length === 0 ? null : withSourcesAdded(text, chosen.map((entry) => entry.code), file);
  };
  await editPipelineFile(file, what, edit, (pipeline) => {
    const ids = new Set(pipeline.sources.map((source) => source.id));
    const missing = chosen.filter((entry) => !ids.has(entry.id));
    return missing.length > 0 ? `${missing.map((e) => JSON.stringify(e.id)).join(', ')} missing` : null;
  }, options);
  return chosen;
}

/** A feed source whose URL is to change: its id, the URL the file has, and the new one. */
export interface SourceMove {
  id: string;
  from: string;
  to: string;
}

/** The value of a JavaScript string literal (quotes included), or null for anything this does not read. */
function stringLiteralValue(literal: string): string | null {
  const quote = literal[0];
  if ((quote !== "'" && quote !== '"' && quote !== '`') || literal.at(-1) !== quote || literal.length < 2) return null;
  const body = literal.slice(1, -1);
  if (quote === '`' && body.includes('${')) return null;
  // JSON reads the common escapes; `\x41` and the like are not needed in a URL and are not read
  const asJson = `"${body.replace(/\\(.)|"/g, (match, escaped: string | undefined) => (escaped === undefined ? '\\"' : escaped === "'" || escaped === '`' ? escaped : match))}"`;
  try {
    return JSON.parse(asJson) as string;
  } catch {
    return null;
  }
}

/** `id:` or `url:` (quoted or not) and the white space up to the value, at a position. */
const ENTRY_KEY = /(?:(id|url)|(['"])(id|url)\2)\s*:\s*/y;

/**
 * The entries of the sources list: for each object literal in it, where its `id` and `url` string literals are and
 * what they say. An entry written otherwise (a variable, a spread, a computed URL) has nulls there.
 */
function sourceEntries(text: string, open: number, close: number): { id: string | null; url: { value: string; start: number; end: number } | null }[] {
  const entries: { id: string | null; url: { value: string; start: number; end: number } | null }[] = [];
  let depth = 0;
  let current: (typeof entries)[number] | null = null;
  for (let i = open + 1; i < close; i++) {
    // a key of the entry itself, quoted or not, followed by `:` and a string literal (not `x.url` in a value)
    let key: RegExpExecArray | null = null;
    if (depth === 1 && current && !/[\w$.]/.test(text[i - 1] ?? '')) {
      ENTRY_KEY.lastIndex = i;
      key = ENTRY_KEY.exec(text);
    }
    if (key && current) {
      const valueStart = i + key[0].length;
      const valueEnd = skipNonCode(text, valueStart);
      const value = valueEnd > valueStart && text[valueStart] !== '/' ? stringLiteralValue(text.slice(valueStart, valueEnd)) : null;
      if ((key[1] ?? key[3]) === 'id') current.id = value;
      else current.url = value === null ? null : { value, start: valueStart, end: valueEnd };
      i = valueStart - 1;
      continue;
    }
    const skipped = skipNonCode(text, i);
    if (skipped > i) {
      i = skipped - 1;
      continue;
    }
    const char = text[i]!;
    if (char === '{' || char === '[' || char === '(') {
      depth++;
      if (depth === 1 && char === '{') entries.push((current = { id: null, url: null }));
    } else if (char === '}' || char === ']' || char === ')') {
      depth--;
      if (depth === 0) current = null;
    }
  }
  return entries;
}

/** The pipeline file's text after URL replacements, and the moves it could not make. */
export interface ReplacedUrls {
  text: string;
  /** Moves whose entry has no `url` string literal saying the old URL (built from a variable, say): for the user to make. */
  unfound: SourceMove[];
}

/**
 * `text` with the URL literal of each move it can find replaced by the new URL, in the old one's quotes; the others are
 * returned as `unfound`, since one feed written otherwise is no reason to leave the rest at their old address.
 * Throws PipelineEditError when there is no sources list to edit.
 */
export function withSourceUrlsReplaced(text: string, moves: readonly SourceMove[], file: string): ReplacedUrls {
  const list = findSourcesList(text);
  if (!list) throw new PipelineEditError(`cannot find a "sources: [ ... ]" list in the definition exported by ${file}, so no URL was changed`);
  const entries = sourceEntries(text, list.open, list.close);
  const found: { move: SourceMove; url: { start: number; end: number } }[] = [];
  const unfound: SourceMove[] = [];
  for (const move of moves) {
    // the pipeline has the URL trimmed, as its schema reads it: the file may have it with white space around
    const url = entries.find((entry) => entry.id === move.id && entry.url?.value.trim() === move.from)?.url;
    if (url) found.push({ move, url });
    else unfound.push(move);
  }
  let edited = text;
  // from the end, so earlier positions stay right
  for (const { move, url } of found.sort((a, b) => b.url.start - a.url.start)) {
    // in the quote the old URL was written in
    edited = edited.slice(0, url.start) + stringLiteral(move.to, edited[url.start] === '"' ? '"' : "'") + edited.slice(url.end);
  }
  return { text: edited, unfound };
}

/** Why withSourceUrlsReplaced could not make these moves, for the user who makes them instead. */
export function unfoundMovesMessage(unfound: readonly SourceMove[], file: string): string {
  return `cannot find the URL of ${unfound.map((move) => JSON.stringify(move.id)).join(', ')} written as a string in the sources list of ${file}; change ${unfound.length === 1 ? 'it' : 'them'} by hand`;
}

/**
 * Puts each move's new URL in the pipeline file (see editPipelineFile) where the file writes the old one as a string.
 * Returns the moves it could not make; the file is left as it was when it could make none.
 */
export async function replaceSourceUrlsInPipelineFile(file: string, moves: readonly SourceMove[], options: PipelineEditOptions = {}): Promise<SourceMove[]> {
  const what = 'no URL was changed';
  // what the edit of the file as last read could not make (the file read under the lock is the one that counts)
  let unfound: SourceMove[] = [...moves];
  let made: SourceMove[] = [];
  const edit = (text: string) => {
    const replaced = withSourceUrlsReplaced(text, moves, file);
    unfound = replaced.unfound;
    made = moves.filter((move) => !unfound.includes(move));
    return made.length === 0 ? null : replaced.text;
  };
  await editPipelineFile(file, what, edit, (pipeline) => {
    const wrong = made.filter((move) => !pipeline.sources.some((source) => source.id === move.id && source.kind === 'feed' && source.url === move.to));
    return wrong.length > 0 ? `${wrong.map((m) => JSON.stringify(m.id)).join(', ')} unchanged` : null;
  }, options);
  return unfound;
}
