import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../src/store/index.ts';

/**
 * A postgres:// URL that does not parse (a port past 65535, a password with an unencoded "/" or "#") was named in the
 * message as it was given, password and all: the redaction parsed the URL too, and kept it whole when it could not.
 */
async function refusal(target: string, mustExist: boolean): Promise<StoreError> {
  const error = await openStore(target, { mustExist }).then(
    async (store) => {
      await store.close();
      return null;
    },
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(StoreError);
  return error as StoreError;
}

describe('a postgres:// URL that does not parse', () => {
  it.each([
    ['postgres://reader:s3cret@127.0.0.1:99999/news', 'postgres://***@127.0.0.1:99999/news'],
    ['postgres://reader:s3cret/x@127.0.0.1:5432/news', 'postgres://***@127.0.0.1:5432/news'],
    ['postgresql://reader:s3cret#x@127.0.0.1/news', 'postgresql://***@127.0.0.1/news'],
  ])('%s is named without its password, with what to check (for run and for reading)', async (target, shown) => {
    for (const mustExist of [true, false]) {
      const { message } = await refusal(target, mustExist);
      expect(message).not.toContain('s3cret');
      expect(message).toBe(
        `cannot prepare database ${shown}: Invalid URL (check the port, 1 to 65535, and write "@", ":", "/", "?" and "#" in the user name or password percent-encoded, as %40, %3A, %2F, %3F and %23)`,
      );
    }
  });
});
