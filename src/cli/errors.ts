/** Exit codes are part of the public contract (CLI.md). */
export const ExitCode = {
  ok: 0,
  /** Finished, but some source or item failed; the report says which. */
  partial: 1,
  /** Usage or configuration error; the message names the flag or field. */
  usage: 2,
  internal: 3,
} as const;

/** A usage error the user can fix: bad flag value, missing file. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Where a command leaves its exit code for `main` to return. */
export interface CliState {
  exitCode: number;
}

/** Why a file named on the command line could not be read, in words rather than an errno code. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = { ENOENT: 'no such file', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a directory' };
  return (code && words[code]) ?? code ?? (error as Error).message;
}
