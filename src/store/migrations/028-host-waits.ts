import type { Kysely } from 'kysely';

// Frozen. The pauses hosts asked for (a 429, or a 503 with Retry-After) that outlast the run answered so, one row per
// pipeline and host: the next runs ask such a host nothing until then, for feeds and article pages alike. A feed's
// row kept only its own wait, and a page's answer was forgotten with the run. Seeded with the feeds' waits stored
// before, each for the host that answered, as the feed's error names it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('host_waits')
    .addColumn('pipeline_id', 'text', (c) => c.notNull())
    .addColumn('host', 'text', (c) => c.notNull())
    .addColumn('wait_until', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('asked_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('host_waits_pkey', ['pipeline_id', 'host'])
    .execute();
  const rows: { pipeline_id: string; location: string; moved_to: string | null; server_wait_until: string; last_error_code: string; last_error: string | null }[] = await db
    .selectFrom('sources')
    .select(['pipeline_id', 'location', 'moved_to', 'server_wait_until', 'last_error_code', 'last_error'])
    .where('kind', '=', 'feed')
    .where('server_wait_until', 'is not', null)
    .where('last_error_code', 'in', ['http_429', 'http_503'])
    .execute();
  const waits = new Map<string, { pipeline_id: string; host: string; wait_until: string; status: number; asked_by: string }>();
  for (const row of rows) {
    // The host that answered, as the error names it: the feed's own, or one a redirect led to ("HTTP 429 from <url>"),
    // or the host that held the feed unsent ("not requested: <host> answered HTTP 429 to ...").
    const answeredBy = /^HTTP \d{3} from (\S+)/.exec(row.last_error ?? '')?.[1];
    const heldBy = /^not requested: (\S+) answered HTTP/.exec(row.last_error ?? '')?.[1];
    const address = answeredBy ?? (heldBy === undefined ? (row.moved_to ?? row.location) : `http://${heldBy}/`);
    let host: string;
    try {
      // as the request queue keys hosts (hostKeyOf), written out: a migration runs as written whatever the code becomes
      host = new URL(address).host.toLowerCase().replace(/\.(?=:\d+$|$)/, '');
    } catch {
      continue;
    }
    const key = JSON.stringify([row.pipeline_id, host]);
    const known = waits.get(key);
    if (known && known.wait_until >= row.server_wait_until) continue;
    waits.set(key, { pipeline_id: row.pipeline_id, host, wait_until: row.server_wait_until, status: row.last_error_code === 'http_503' ? 503 : 429, asked_by: address });
  }
  for (const wait of waits.values()) await db.insertInto('host_waits').values(wait).execute();
}
