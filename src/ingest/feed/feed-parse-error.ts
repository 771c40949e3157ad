/** Why a feed body yielded nothing usable. */
export type FeedParseErrorCode = 'empty' | 'not_a_feed' | 'parse' | 'timeout' | 'too_large';

/**
 * Thrown by parseFeed when nothing usable could be read; `message` says why in one line, and what a user checking the
 * address may do about it (`hint`, in parentheses), `reason` why alone.
 */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
  constructor(
    readonly code: FeedParseErrorCode,
    readonly reason: string,
    hint: string | null = null,
  ) {
    super(hint === null ? reason : `${reason} (${hint})`);
  }
}
