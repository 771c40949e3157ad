import path from 'node:path';
import { fitColumns, oneLine, shortenText, withoutDisplayControls } from '../model/display-text.ts';
import type { Evidence, Voice } from '../model/index.ts';
import { urlForDisplay } from '../ingest/url-display.ts';
import type { ArticleRow, SourceRow, AnalystLabelRow, StanceScoreRow } from '../store/index.ts';
import { effectiveStance, type EffectiveStance } from '../trends/index.ts';

/** The Article shape of CLI.md: field names and meanings are a public contract. */
export interface ArticleJson {
  id: number;
  url: string;
  canonicalUrl: string;
  source: { id: string; name: string; kind: string };
  title: string | null;
  byline: string | null;
  publishedAt: string | null;
  fetchedAt: string;
  lang: string | null;
  wordCount: number;
  duplicateOf: number | null;
  duplicateReason: string | null;
  storyId: number | null;
  relevance: number | null;
  /**
   * Whether it counts as coverage of the topic, by what counts: an analyst's label, else the newest score. With
   * `stance.label` null, it tells an article in a language the scorer does not read (`stance.unreadLanguage`) found
   * by its words from one off topic.
   */
  onTopic: boolean;
  /** What counts: the analyst's label when there is one (`override`), else the newest score. */
  stance: Omit<EffectiveStance, 'relevant' | 'trendScore'>;
  evidence: Evidence[];
  voices: Voice[];
}

export function articleJson(row: ArticleRow, source: SourceRow | undefined, score: StanceScoreRow | undefined, label?: AnalystLabelRow): ArticleJson {
  const { relevant, trendScore: _trendScore, ...stance } = effectiveStance(score, label);
  return {
    id: row.id,
    url: row.url,
    canonicalUrl: row.canonical_url,
    source: { id: row.source_id, name: source?.name ?? row.source_id, kind: source?.kind ?? 'feed' },
    title: row.title,
    byline: row.byline,
    publishedAt: row.published_at,
    fetchedAt: row.fetched_at,
    lang: row.lang,
    wordCount: row.word_count,
    duplicateOf: row.duplicate_of,
    duplicateReason: row.duplicate_reason,
    storyId: row.story_id,
    relevance: score?.relevance ?? null,
    onTopic: relevant,
    stance,
    evidence: score ? (JSON.parse(score.evidence) as { stance: Evidence[] }).stance : [],
    voices: score ? (JSON.parse(score.voices) as Voice[]) : [],
  };
}

/**
 * Text from feeds and pages, made safe for a terminal: control characters other than line feeds and tabs, and
 * bidirectional overrides, are dropped (withoutDisplayControls), so a title cannot carry escape sequences that
 * recolour, retitle or rewrite the user's terminal, nor reverse the line it is on.
 */
export function terminalText(text: string): string {
  return withoutDisplayControls(text);
}

/** A file as the commands name it: relative to the folder pausewatch was started in. */
export function shownPath(file: string, cwd = process.cwd()): string {
  return path.relative(cwd, file) || file;
}

/** The global flags that pick what a command works on, as given on its command line. */
export interface TargetFlags {
  pipeline?: string | undefined;
  database?: string | undefined;
}

/**
 * A pausewatch command for the pipeline and database a command was given, as a hint prints it (`sources
 * update-moved`, `sources recheck <id>`): run as printed, from the same folder, it must act on that pipeline and
 * database, not the default ones. Each flag is written as it was given, quoted for a shell, but a database URL
 * without its password, which is for PGPASSWORD or ~/.pgpass to give (printed as `***`, the command would fail).
 */
export function commandLine(words: string, flags: TargetFlags): string {
  const quoted = (value: string) => (/^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);
  const pipeline = flags.pipeline === undefined ? '' : ` --pipeline ${quoted(flags.pipeline)}`;
  const database = flags.database === undefined ? '' : ` --database ${quoted(withoutPassword(flags.database))}`;
  return `pausewatch ${words}${pipeline}${database}`;
}

/** A database URL without its password (the user name stays: it says who connects); a file path as it is. */
function withoutPassword(database: string): string {
  if (!database.includes('@')) return database;
  try {
    const url = new URL(database);
    if (!url.password) return database;
    url.password = '';
    return url.href;
  } catch {
    // not a URL that parses: hide everything from "//" to the last "@", as messages do
    return urlForDisplay(database);
  }
}

/** Writes human-readable output (never JSON) to a terminal or a pipe, with terminalText's cleaning. */
export function writeText(stream: NodeJS.WritableStream, text: string): void {
  stream.write(terminalText(text));
}

/**
 * Fixed-width table for terminals; cells are cut, never wrapped. Control characters from feeds are dropped. Widths
 * are terminal columns (a Chinese character or an emoji takes two), and a cut never splits an emoji or a letter from
 * its accents.
 * @param notes per row, text too long for a column (an error, which often starts with a long URL and ends with the
 *   reason), printed on one line of its own under the row, indented, and not cut here: see noteText
 */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], widths: readonly number[], notes: readonly (string | null)[] = []): string {
  const cell = (text: string, width: number) => {
    const fitted = fitColumns(oneLine(text), width);
    return fitted.text + ' '.repeat(Math.max(0, width - fitted.width));
  };
  const line = (cells: readonly string[]) => cells.map((c, i) => cell(c, widths[i] ?? 20)).join('  ').trimEnd();
  const below = (index: number) => {
    const note = notes[index];
    return note ? [`    ${oneLine(note)}`] : [];
  };
  return [line(headers), ...rows.flatMap((row, index) => [line(row), ...below(index)])].join('\n');
}

/**
 * Writes a table a page of rows at a time, as a long history is read (see table): the header once, above the first
 * page, and alone when there is no row. Returns how many rows it wrote.
 */
export async function writeTablePages(headers: readonly string[], widths: readonly number[], pages: AsyncIterable<readonly (readonly string[])[]>): Promise<number> {
  let shown = 0;
  for await (const rows of pages) {
    const lines = table(headers, rows, widths).split('\n');
    process.stdout.write(`${(shown === 0 ? lines : lines.slice(1)).join('\n')}\n`);
    shown += rows.length;
  }
  if (shown === 0) process.stdout.write(`${table(headers, [], widths)}\n`);
  return shown;
}

/** The most characters of a table's note on a terminal: a real error with a long URL and its hint is well under. */
export const NOTE_MAX_ON_TERMINAL = 500;

/**
 * A table's note (a source's error) as `stream` takes it: whole when it is not a terminal (cron mail, a file, a pipe),
 * where a cut loses the reason and nobody scrolls; on a terminal, which wraps it, cut at NOTE_MAX_ON_TERMINAL, so
 * that a feed that puts kilobytes into an error message does not fill the screen (`--json` has it whole).
 */
export function noteText(text: string, stream: { isTTY?: boolean }): string {
  return stream.isTTY ? shortenText(oneLine(text), NOTE_MAX_ON_TERMINAL) : text;
}
