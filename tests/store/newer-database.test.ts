import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.ts';
import { openStore, StoreError } from '../../src/store/index.ts';
import { dialects, type TestDatabase } from '../helpers/databases.ts';

/**
 * A database a newer pausewatch has migrated records migrations this version does not have. It is refused with a
 * message that says so, not kysely's "corrupted migrations", by every command, as a set-up problem (exit 2).
 */
describe.each(dialects)('a database written by a newer pausewatch, on $name', ({ name, fresh }) => {
  let database: TestDatabase | undefined;
  afterEach(async () => {
    await database?.drop();
    database = undefined;
  });

  it('is refused, naming the migration this version does not know, by run and by the commands that read', async () => {
    database = await fresh();
    const store = await openStore(database.target);
    const location = store.location;
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_future_feature', '2030-01-01T00:00:00.000Z')`.execute(store.db);
    await store.close();

    const expected = `${location} was written by a newer pausewatch (migration 9999_future_feature is unknown to this version): upgrade pausewatch to use it (or check --database and DATABASE_URL)`;
    for (const mustExist of [false, true]) {
      const error = await openStore(database.target, { mustExist }).then(
        async (opened) => {
          await opened.close();
          return null;
        },
        (error: unknown) => error,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect((error as Error).message).toBe(expected);
    }

    if (name === 'sqlite') {
      // as a user sees it: exit 2, the message alone
      let stderr = '';
      const write = process.stderr.write;
      process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
      let code: number;
      try {
        code = await main(['articles', '--database', database.target]);
      } finally {
        process.stderr.write = write;
      }
      expect(code).toBe(2);
      expect(stderr).toBe(`pausewatch: ${expected}\n`);
    }
  });
});
