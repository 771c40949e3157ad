/** The most values one `IN (...)` list is given: SQLite caps the bound parameters of one statement. */
const IN_LIST_MAX = 500;

/** `values` in slices a query's `IN (...)` list can take, in order; none for none. */
export function* inChunks<T>(values: readonly T[]): Generator<T[]> {
  for (let i = 0; i < values.length; i += IN_LIST_MAX) yield values.slice(i, i + IN_LIST_MAX);
}
