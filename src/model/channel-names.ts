/**
 * The names the alert outbox knows channels without an `id` by: they key the stored alerts and digest records, so
 * the configuration's checks (a name too long for a database key) and the alert stage use these same ones.
 */

/** A webhook without an `id` is known by its URL. */
export function webhookChannelName(url: string): string {
  return `webhook:${url}`;
}

/**
 * An email channel without an `id` is known by its recipients as a set, lower-cased and sorted, so listing them in
 * another order or case is the same channel (as the check for two channels to one destination has it), and the day's
 * digest or waiting alerts do not go again. Migration 017 gave the names stored before this form it.
 */
export function emailChannelName(to: readonly string[]): string {
  return `email:${[...new Set(to.map((address) => address.toLowerCase()))].sort().join(',')}`;
}
