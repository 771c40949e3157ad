/**
 * A value with its NUL characters removed. A feed may carry one (JSON's "\u0000", a broken encoder), and an error
 * message may quote it; no article or message means one, and PostgreSQL refuses to store text that holds it: the
 * item would fail on every run, and a failed fetch could not be recorded.
 */
export function withoutNul<T>(value: T): T {
  return typeof value === 'string' && value.includes('\0') ? (value.replaceAll('\0', '') as T) : value;
}
