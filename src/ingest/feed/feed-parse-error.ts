/** Why a feed body yielded nothing usable. */
export type FeedParseErrorCode = 'empty' | 'not_a_feed' | 'parse' | 'timeout' | 'too_large';

/** Thrown by parseFeed when nothing usable could be read; `message` says why in one line. */
export class FeedParseError extends Error {
  override readonly name = 'FeedParseError';
  constructor(
    readonly code: FeedParseErrorCode,
    message: string,
  ) {
    super(message);
  }
}
