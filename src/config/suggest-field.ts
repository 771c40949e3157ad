import type { z } from 'zod';

/**
 * A hint for an unknown field of a pipeline definition: the field of the same object it is most likely a typo of
 * (`fromat`: did you mean "format"?), or the field that does what a habit from another tool names otherwise
 * (nodemailer's `secure`).
 */

/** Names other tools give to fields of ours, with what to say. */
const HABITS: Record<string, { field: string; note?: string }> = {
  secure: { field: 'security', note: '"tls" for port 465, "starttls" for 587' },
  password: { field: 'passwordEnv', note: 'the name of the environment variable that holds the password, not the password' },
  pass: { field: 'passwordEnv', note: 'the name of the environment variable that holds the password, not the password' },
  username: { field: 'user' },
  timezone: { field: 'timeZone' },
  tz: { field: 'timeZone' },
};

type AnySchema = z.core.$ZodType;

interface Def {
  type: string;
  shape?: Record<string, AnySchema>;
  element?: AnySchema;
  innerType?: AnySchema;
  in?: AnySchema;
  options?: AnySchema[];
  discriminator?: string;
}

const defOf = (schema: AnySchema): Def => schema._zod.def as unknown as Def;

/** The schema itself, without the wrappers that give it a default or make it optional. */
function unwrap(schema: AnySchema): AnySchema {
  for (let current = schema; ; ) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** The option of a discriminated union that the value's discriminator picks, or null. */
function optionFor(def: Def, value: unknown): AnySchema | null {
  if (!def.discriminator || typeof value !== 'object' || value === null) return null;
  const tag = (value as Record<string, unknown>)[def.discriminator];
  for (const option of def.options ?? []) {
    const values = (option._zod as { propValues?: Record<string, Set<unknown>> }).propValues?.[def.discriminator];
    if (values?.has(tag)) return option;
  }
  return null;
}

/** The field names of the object schema at `path`, following the input through arrays and unions; null if none. */
export function fieldsAt(schema: AnySchema, path: readonly PropertyKey[], input: unknown): string[] | null {
  let current = unwrap(schema);
  let value = input;
  for (let i = 0; ; ) {
    const def = defOf(current);
    if (def.type === 'union') {
      const option = optionFor(def, value);
      if (!option) return null;
      current = unwrap(option);
      continue;
    }
    if (i === path.length) return def.type === 'object' && def.shape ? Object.keys(def.shape) : null;
    const key = path[i++]!;
    if (def.type === 'object' && def.shape && typeof key === 'string' && def.shape[key]) current = unwrap(def.shape[key]);
    else if (def.type === 'array' && def.element && typeof key === 'number') current = unwrap(def.element);
    else return null;
    value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
}

/** Edit distance counting a swap of two neighbouring letters as one edit (`fromat` is one from `format`). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * `did you mean "format"?` for an unknown field `key` of the object at `path`, when one of its fields is at most two
 * edits away (one, for a name of four letters or fewer), ignoring case; null when none is that close.
 */
export function unknownFieldHint(schema: AnySchema, path: readonly PropertyKey[], key: string, input: unknown): string | null {
  const fields = fieldsAt(schema, path, input);
  if (!fields) return null;
  const habit = HABITS[key.toLowerCase()];
  if (habit && fields.includes(habit.field)) return `did you mean ${JSON.stringify(habit.field)}?${habit.note ? ` It takes ${habit.note}` : ''}`;
  const limit = key.length <= 4 ? 1 : 2;
  let best: { field: string; distance: number } | null = null;
  for (const field of fields) {
    const distance = editDistance(key.toLowerCase(), field.toLowerCase());
    if (distance <= limit && (!best || distance < best.distance)) best = { field, distance };
  }
  return best ? `did you mean ${JSON.stringify(best.field)}?` : null;
}
