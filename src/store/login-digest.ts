import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * A feed URL's login (`https://reader:secret@host/feed`) is never stored: the pipeline file has it, and the run takes it
 * from there. What is stored is a salted scrypt digest of it, so a run still notices that the file's login changed (a
 * new password, another account: the feed's state does not carry over, as for a new URL) while a reader of the
 * database, or of a backup, cannot read the password back, nor test guesses cheaply. Format:
 * `scrypt:<N>:<r>:<p>:<salt base64>:<hash base64>`; the parameters are read back from it.
 */

const COST = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;
/** The most scrypt work (N·r·p) a stored digest may ask for: four times COST's. */
const MAX_WORK = 4 * COST.N * COST.r * COST.p;

/** The user name and password of an http(s) URL as written (`reader:secret`); null when it has none. */
export function loginOf(url: string): string | null {
  if (!url.includes('@') || !/^https?:\/\//i.test(url)) return null;
  try {
    const parsed = new URL(url);
    return parsed.username || parsed.password ? `${parsed.username}:${parsed.password}` : null;
  } catch {
    return null;
  }
}

function derive(login: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(login, salt, KEY_LENGTH, { ...cost, maxmem: 256 * cost.N * cost.r }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

export async function loginDigest(login: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(login, salt, COST);
  return `scrypt:${COST.N}:${COST.r}:${COST.p}:${salt.toString('base64')}:${hash.toString('base64')}`;
}

/** Whether `login` (null: none) is the one `digest` (null: none) was made of. A digest it cannot read matches nothing. */
export async function sameLogin(login: string | null, digest: string | null): Promise<boolean> {
  if (login === null || digest === null) return login === null && digest === null;
  const parts = digest.split(':');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // a digest asking for far more work than COST was not written by pausewatch: its check would hold every run for minutes
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N * r * p > MAX_WORK) return false;
  const expected = Buffer.from(parts[5]!, 'base64');
  if (expected.length !== KEY_LENGTH) return false;
  try {
    return timingSafeEqual(await derive(login, Buffer.from(parts[4]!, 'base64'), { N, r, p }), expected);
  } catch {
    return false;
  }
}
