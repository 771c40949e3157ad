import type { z } from 'zod';
import { pipelineSchema, pipelineSchemaFor, type Pipeline, type PipelineInput } from './schema.ts';
import { unknownFieldHint } from './suggest-field.ts';
import { urlForDisplay } from '../ingest/url-display.ts';

/** One problem in a pipeline definition: which field, what it should be, what it is. */
export interface ConfigProblem {
  field: string;
  expected: string;
  found: string;
}

/** How many of a definition's problems its error lists. */
const PROBLEMS_SHOWN = 50;

/** A pipeline definition that does not validate. Lists every problem at once, not just the first. */
export class PipelineConfigError extends Error {
  constructor(
    readonly problems: readonly ConfigProblem[],
    readonly file: string | null = null,
  ) {
    const where = file ? ` in ${file}` : '';
    // the first ones, which say what is wrong: a generated file's 5,000 problems printed 373 KB
    const lines = problems.slice(0, PROBLEMS_SHOWN).map((p) => `  - ${p.field}: expected ${p.expected}, found ${p.found}`);
    if (problems.length > PROBLEMS_SHOWN) lines.push(`  … and ${problems.length - PROBLEMS_SHOWN} more`);
    super(`invalid pipeline definition${where} (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
    this.name = 'PipelineConfigError';
  }
}

/** `sources[2].url` rather than zod's `["sources", 2, "url"]`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(the definition)';
}

function describeValue(value: unknown, secret: boolean): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  // JSON has neither: NaN and Infinity would be shown as null, and a BigInt would not be shown at all
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (typeof value === 'bigint') return `${value}n (a BigInt)`;
  if (typeof value === 'object') return 'an object';
  if (secret) return `${withArticle(typeof value)} (not shown)`;
  // a URL's login is not repeated (a feed's `https://reader:secret@host/feed` that does not parse, say)
  const text = JSON.stringify(typeof value === 'string' ? urlForDisplay(value) : value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** "an array", "an object", "an int", "a string": zod names the expected type bare. */
function withArticle(typeName: string): string {
  return `${/^[aeiou]/i.test(typeName) ? 'an' : 'a'} ${typeName}`;
}

function describeExpected(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'undefined' ? 'no such field' : withArticle(issue.expected);
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `no field named ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `at least ${issue.minimum} item(s)` : issue.origin === 'string' ? 'a non-empty string' : `a value >= ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `at most ${issue.maximum} item(s)` : `a value <= ${issue.maximum}`;
    case 'invalid_union': {
      // A discriminated union ("kind" of a source, "type" of a channel) says which values it accepts.
      const options = (issue as { options?: unknown[] }).options;
      return options ? `one of ${options.map((o) => JSON.stringify(o)).join(', ')}` : 'a valid variant';
    }
    case 'invalid_key':
      // a record's key (a language code of topic.otherLanguages): what its own check says, not "Invalid key in record"
      return issue.issues[0]?.message ?? issue.message;
    default:
      return issue.message;
  }
}

/** Validates a pipeline definition, fills in defaults and freezes the result. Throws PipelineConfigError. */
export function definePipeline(input: PipelineInput): Pipeline {
  return validatePipeline(input, null);
}

/**
 * definePipeline for a pipeline file whose project root is known (loadPipeline): alert files are then compared by
 * the path they resolve to, so `data/a.jsonl` and the same file written as an absolute path are one destination.
 */
export function validatePipeline(input: PipelineInput, rootDir: string | null): Pipeline {
  const schema = rootDir === null ? pipelineSchema : pipelineSchemaFor(rootDir);
  const result = schema.safeParse(input, { reportInput: true });
  const problems: ConfigProblem[] = result.success ? [] : result.error.issues.flatMap((issue) => problemsOf(issue, input));
  problems.push(...duplicateSourceIds(input), ...unexpandedVariables(input));
  if (problems.length > 0 || !result.success) throw new PipelineConfigError(problems);
  return deepFreeze(result.data);
}

/** The problems one zod issue stands for: one per unknown field, so each is named, else one. */
function problemsOf(issue: z.core.$ZodIssue, input: unknown): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const hint = unknownFieldHint(pipelineSchema, issue.path, key, input);
      return { field: formatPath([...issue.path, key]), expected: `no field named ${JSON.stringify(key)}${hint ? ` (${hint})` : ''}`, found: 'an unknown field' };
    });
  }
  const discriminator = issue.code === 'invalid_union' ? (issue as { discriminator?: string }).discriminator : undefined;
  const value = discriminator ? (issue.input as Record<string, unknown> | undefined)?.[discriminator] : issue.input;
  // a check may say what it found in words of its own, for a value not to be repeated (a password, a token); a
  // header's value is often a token, so what is wrong with one is said by its type alone
  const secret = issue.path.includes('headers');
  const found = issue.code === 'custom' && typeof issue.params?.found === 'string' ? issue.params.found : describeValue(value, secret);
  return [{ field: formatPath(issue.path), expected: describeExpected(issue), found }];
}

/** `${NAME}` as a shell or a .env file writes a variable: in a string of the definition it is not one. */
const SHELL_VARIABLE = /\$\{[A-Za-z_][A-Za-z0-9_]*\}/;

/**
 * Strings that name a variable the way a shell does (`https://host/feed?token=${TOKEN}`): nothing expands them, so a
 * feed was fetched with the text as written and a folder named `${DIGEST_DIR}` was made. The file is code: it reads
 * the environment itself (`process.env.TOKEN`).
 */
function unexpandedVariables(input: unknown): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const walk = (value: unknown, at: PropertyKey[], depth: number): void => {
    if (depth > 8 || problems.length >= PROBLEMS_SHOWN) return;
    if (typeof value === 'string') {
      const name = SHELL_VARIABLE.exec(value)?.[0];
      if (name) problems.push({ field: formatPath(at), expected: `a value, not a shell variable (nothing expands ${name}: read it with process.env.${name.slice(2, -1)} in the file)`, found: `${name} in the text` });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...at, index], depth + 1));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) walk(item, [...at, key], depth + 1);
    }
  };
  walk(input, [], 0);
  return problems;
}

/** Checked on the raw input so it is reported together with every other problem, not only once they are fixed. */
function duplicateSourceIds(input: PipelineInput): ConfigProblem[] {
  const sources: unknown = (input as { sources?: unknown } | null)?.sources;
  if (!Array.isArray(sources)) return [];
  const firstIndex = new Map<string, number>();
  const problems: ConfigProblem[] = [];
  sources.forEach((source: unknown, index) => {
    const id = (source as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else problems.push({ field: `sources[${index}].id`, expected: `a unique source id (sources[${first}] already uses it)`, found: JSON.stringify(id) });
  });
  return problems;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export type { Pipeline, PipelineInput } from './schema.ts';
