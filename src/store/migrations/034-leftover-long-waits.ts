import type { Kysely } from 'kysely';

// Frozen. Waits earlier releases stored longer than runs now keep them, which would hold feeds for days after the
// upgrade: a host's wait for its other feeds (runs hold those six hours at most since a Retry-After asked; before, up to
// the week the answer asked), here held to six hours from the upgrade, with the copy each feed it held unsent keeps
// ("not requested: ..."), while the feed that was answered so keeps its own; and a next check a 200's Retry-After put
// off (runs ignore it on a good answer), forgotten, the feed due at once.
export async function up(db: Kysely<any>): Promise<void> {
  const sixHoursOn = new Date(Date.now() + 6 * 3_600_000).toISOString();
  await db.updateTable('host_waits').set({ wait_until: sixHoursOn }).where('wait_until', '>', sixHoursOn).execute();
  for (const column of ['server_wait_until', 'next_check_at']) {
    await db
      .updateTable('sources')
      .set({ [column]: sixHoursOn })
      .where(column, '>', sixHoursOn)
      .where('last_error', 'like', 'not requested:%')
      .execute();
  }
  await db
    .updateTable('sources')
    .set({ next_check_at: null, next_check_reason: null })
    .where('server_wait_until', 'is', null)
    .where('last_error_code', 'is', null)
    .where('next_check_reason', 'like', '%by Retry-After%')
    .execute();
}
