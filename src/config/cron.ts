/**
 * Checks a five-field cron expression as crontab(5) reads it: minute, hour, day of month, month, day of week, each a
 * comma-separated list of `*`, a value or a range `a-b`, any of them with a step `/n`. Months and days of the week may
 * be given by their English three-letter names (`jan`, `mon`); day of week 0 and 7 are both Sunday.
 */

interface CronField {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'] },
  { name: 'day of week', min: 0, max: 7, names: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] },
];

/** The number a value of the field stands for, or null when it is none. */
function valueOf(text: string, field: CronField): number | null {
  if (/^\d{1,2}$/.test(text)) {
    const value = Number(text);
    return value >= field.min && value <= field.max ? value : null;
  }
  const index = field.names?.indexOf(text.toLowerCase()) ?? -1;
  // month names count from 1 (jan), day names from 0 (sun)
  return index < 0 ? null : index + field.min;
}

/** Whether one comma-separated item (`*`, `5`, `1-5`, `*\/15`, `0-30/10`) is valid for the field. */
function itemIsValid(item: string, field: CronField): boolean {
  const [range, step, ...rest] = item.split('/');
  if (rest.length > 0 || range === undefined) return false;
  if (step !== undefined && (!/^\d{1,2}$/.test(step) || Number(step) < 1 || Number(step) > field.max)) return false;
  if (range === '*') return true;
  const bounds = range.split('-');
  if (bounds.length === 1) return valueOf(bounds[0]!, field) !== null;
  if (bounds.length !== 2) return false;
  const from = valueOf(bounds[0]!, field);
  const to = valueOf(bounds[1]!, field);
  return from !== null && to !== null && from <= to;
}

function describeRange(field: CronField): string {
  const names = field.names ? ` or ${field.names[0]}-${field.names.at(-1)}` : '';
  return `${field.min}-${field.max}${names}`;
}

/**
 * What is wrong with a cron expression, one entry per wrong field (`minute "99" is not a value or ascending range within 0-59`); empty when it is
 * valid. `@daily` and the like are not accepted: they are not five fields.
 */
export function cronProblems(expression: string): string[] {
  const parts = expression.trim() === '' ? [] : expression.trim().split(/\s+/);
  if (parts.length !== 5) return [`minute, hour, day of month, month and day of week, not ${parts.length} field${parts.length === 1 ? '' : 's'}`];
  const problems: string[] = [];
  parts.forEach((part, index) => {
    const field = FIELDS[index]!;
    if (part.split(',').every((item) => itemIsValid(item, field))) return;
    // a plain value or range of the right form, out of range; else the form is wrong
    const plain = /^[a-z0-9]+(-[a-z0-9]+)?(,[a-z0-9]+(-[a-z0-9]+)?)*$/i.test(part);
    problems.push(plain
      ? `${field.name} ${JSON.stringify(part)} is not a value or ascending range within ${describeRange(field)}`
      : `${field.name} ${JSON.stringify(part)} is not *, a value (${describeRange(field)}), a range a-b or a list of them, each with an optional /step`);
  });
  return problems;
}
