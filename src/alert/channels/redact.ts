import { decodedEscapes } from '../../ingest/url-display.ts';

/**
 * Error text as delivery reports it: stored in the outbox (`last_error`), printed, and in `run --json`. A channel's
 * secrets (a webhook's path, the password of a URL with a login, a header's token) must not reach any of them, and
 * error text from libraries does quote them: fetch names the whole URL of a request it refuses to build, Headers names
 * the value it refuses. So the secrets a channel knows are cut out, and so is every URL: it is shown by its origin,
 * with no login, path or query.
 */
export function withoutSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  // the longest first, so a URL is cut whole before its path is cut out of it; short ones would cut ordinary words
  // (a URL among them stands for itself by its origin)
  for (const secret of [...new Set(secrets)].filter((s) => s.length >= 4).sort((a, b) => b.length - a.length)) {
    out = out.split(secret).join(/^[a-z][a-z0-9+.-]*:\/\//i.test(secret) ? shownOrigin(secret) : '…');
  }
  return out.replace(URL_IN_TEXT, (found) => {
    // punctuation that ends a sentence or a clause ("http://host:8080: refused") is the text's, not the URL's
    const trailing = /[.,;:!?]+$/.exec(found)?.[0] ?? '';
    return shownOrigin(found.slice(0, found.length - trailing.length)) + trailing;
  });
}

/** A URL in text: a scheme, "://", and what follows up to white space or a quote or bracket that closes it. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>()[\]{}`]+/gi;

/** `url` by its origin, "/…" standing for a path or query it had; a login is dropped (an origin has none). */
export function shownOrigin(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.origin === 'null') return `${parsed.protocol}//…`;
    return `${parsed.origin}${parsed.pathname.length > 1 || parsed.search || parsed.hash ? '/…' : ''}`;
  } catch {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url)?.[0] ?? '';
    return `${scheme}…`;
  }
}

/** What of `url` is secret: the URL, its password, its path and query, in the forms error text may quote them. */
export function urlSecrets(url: string): string[] {
  const secrets = [url];
  try {
    const parsed = new URL(url);
    secrets.push(parsed.href);
    const pathAndQuery = `${parsed.pathname}${parsed.search}`;
    if (pathAndQuery.length > 1) secrets.push(pathAndQuery, decodedEscapes(pathAndQuery));
    if (parsed.password) secrets.push(parsed.password, decodedEscapes(parsed.password));
    // a token alone, as a receiver's error echoes it ("token secret-token-123 expired"): the path's segments and the
    // query's values that look like one
    const rawValues = parsed.search.slice(1).split('&').map((pair) => pair.slice(pair.indexOf('=') + 1));
    const parts = [...parsed.pathname.split('/'), ...rawValues, ...parsed.searchParams.values()];
    // as sent, and as a receiver may echo it decoded (`%2B` as `+`, `+` as a space)
    secrets.push(...parts.flatMap((part) => [part, decodedEscapes(part), part.replace(/\+/g, ' ')]).filter(looksLikeToken));
  } catch {
    // not a URL: cut out as given
  }
  return secrets;
}

/**
 * A part of a URL that may be a secret: of eight characters or more with a digit, of sixteen or more in letters of
 * both cases or in one run, or of twenty or more; not a word or words joined by hyphens ("hooks", "services",
 * "Notifications-Receiver").
 */
function looksLikeToken(part: string): boolean {
  if (part.length < 8 || /^\p{L}+(?:-\p{L}+)*$/u.test(part) && /-/.test(part)) return false;
  return /\d/.test(part) || part.length >= 20 || (part.length >= 16 && ((/[a-z]/.test(part) && /[A-Z]/.test(part)) || !/[-_ ]/.test(part)));
}
