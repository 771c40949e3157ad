/**
 * Failures of a database that pass: SQLite's file locked by another process beyond the busy timeout, a PostgreSQL
 * connection the server cut (a restart, an administrator's terminate), which the pool replaces with a fresh one, or
 * one it refused while other clients held all it takes. A write that must not be lost for such a moment (an alert the
 * channel already took, marked sent) is tried again.
 */

/** PostgreSQL's SQLSTATEs of a cut or refused connection: admin_shutdown, crash_shutdown, cannot_connect_now, connection_exception, connection_does_not_exist, connection_failure. */
const LOST_CONNECTION_STATES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006']);

/**
 * What Node or the pg driver says of a connection lost under a query: a reset or refused socket, or pg's own words (no
 * code). Not EPIPE: a reader that stops reading a command's output (`articles --json | head -1`) raises that one.
 */
const LOST_CONNECTION_ERRNOS = new Set(['ECONNRESET', 'ECONNREFUSED']);

/** Whether `error` is a PostgreSQL connection cut or refused, as LOST_CONNECTION_STATES and the driver say it. */
export function isLostConnection(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (LOST_CONNECTION_STATES.has(code) || LOST_CONNECTION_ERRNOS.has(code))) return true;
  return typeof message === 'string' && /^(?:Connection terminated(?: unexpectedly| due to connection timeout)?|Client has encountered a connection error and is not queryable)$/.test(message);
}

/** Whether `error` is a failure that passes (see above). */
export function isPassingFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code === TOO_MANY_CONNECTIONS)) || isLostConnection(error);
}

/** PostgreSQL's too_many_connections: a server whose every connection other clients hold, as a while later they may not. */
const TOO_MANY_CONNECTIONS = '53300';

/** The pauses before each new try: about a minute in all, beside SQLite's own busy wait in each try. */
const RETRY_PAUSES_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

/**
 * `write`, tried again after a pause while it fails with a passing failure; any other failure, or the last, is thrown,
 * as is one after which `givenUp` says to try no more (a stop asked: the process is ending).
 */
export async function retryPassingFailures<T>(write: () => Promise<T>, pausesMs: readonly number[] = RETRY_PAUSES_MS, givenUp: () => boolean = () => false): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= pausesMs.length || !isPassingFailure(error) || givenUp()) throw error;
      await new Promise((resolve) => setTimeout(resolve, pausesMs[attempt]));
    }
  }
}
