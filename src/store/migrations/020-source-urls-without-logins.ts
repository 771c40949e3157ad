import { randomBytes, scrypt } from 'node:crypto';
import type { Kysely } from 'kysely';

// Frozen. A feed URL's login (`https://reader:secret@host/feed` in the pipeline file) was stored with it: in the
// source's location, in the address a permanent redirect relative to it led to (moved_to), and in the log of fetch
// attempts (010 took it out of those stored until then; runs went on writing it). The pipeline file has the login and
// runs take it from there; the database keeps only a salted scrypt digest of it (login_digest), so a run still notices
// a new login. The format, `scrypt:<N>:<r>:<p>:<salt base64>:<hash base64>`, carries its parameters.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').addColumn('login_digest', 'text').execute();
  const sources: { id: string; pipeline_id: string; kind: string; location: string; moved_to: string | null }[] = await db
    .selectFrom('sources')
    .select(['id', 'pipeline_id', 'kind', 'location', 'moved_to'])
    .where((eb) => eb.or([eb('location', 'like', '%@%'), eb('moved_to', 'like', '%@%')]))
    .execute();
  for (const source of sources) {
    const login = source.kind === 'feed' ? loginOf(source.location) : null;
    const location = login === null ? source.location : withoutLogin(source.location);
    const movedTo = source.moved_to === null ? null : withoutLogin(source.moved_to);
    if (login === null && movedTo === source.moved_to) continue;
    await db
      .updateTable('sources')
      .set({ location, moved_to: movedTo, ...(login === null ? {} : { login_digest: await digest(login) }) })
      .where('pipeline_id', '=', source.pipeline_id)
      .where('id', '=', source.id)
      .execute();
  }
  const attempts: { id: number; url: string }[] = await db.selectFrom('fetch_attempts').select(['id', 'url']).where('url', 'like', '%@%').execute();
  for (const attempt of attempts) {
    const url = withoutLogin(attempt.url);
    if (url !== attempt.url) await db.updateTable('fetch_attempts').set({ url }).where('id', '=', attempt.id).execute();
  }
}

/** The user name and password of an http(s) URL as written (`reader:secret`); null when it has none. */
function loginOf(value: string): string | null {
  if (!/^https?:\/\//i.test(value)) return null;
  try {
    const parsed = new URL(value);
    return parsed.username || parsed.password ? `${parsed.username}:${parsed.password}` : null;
  } catch {
    return null;
  }
}

/** An http(s) URL without user name and password; anything else (a glob, a path with "@") as it is. */
function withoutLogin(value: string): string {
  if (!/^https?:\/\//i.test(value)) return value;
  try {
    const parsed = new URL(value);
    if (!parsed.username && !parsed.password) return value;
    parsed.username = '';
    parsed.password = '';
    return parsed.href;
  } catch {
    return value;
  }
}

function digest(login: string): Promise<string> {
  const [N, r, p] = [16_384, 8, 1];
  const salt = randomBytes(16);
  return new Promise((resolve, reject) =>
    scrypt(login, salt, 32, { N, r, p, maxmem: 256 * N * r }, (error, hash) =>
      error ? reject(error) : resolve(`scrypt:${N}:${r}:${p}:${salt.toString('base64')}:${hash.toString('base64')}`),
    ),
  );
}
