import { withUnparsedLoginHidden } from '../model/display-text.ts';

/** `url` with its user name and password replaced by `user` (and no password), or the URL unchanged without any. */
function replaceLogin(url: string, user: string): string | null {
  // cheap test first: most URLs have no "@" at all
  if (!url.includes('@')) return url;
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = user;
    parsed.password = '';
    return parsed.href;
  } catch {
    return null;
  }
}

/**
 * URLs as messages show them. A feed URL may carry a user name and password (`https://reader:secret@host/feed`),
 * and messages end up in digests and reports that are shared: the credentials are replaced by `***`.
 */
export function urlForDisplay(url: string): string {
  return replaceLogin(url, '***') ?? withUnparsedLoginHidden(url);
}

/**
 * `url` without a user name and password, for what is stored and linked: an item link resolved against a feed URL
 * with credentials would otherwise carry them into the digest.
 */
export function withoutCredentials(url: string): string {
  return replaceLogin(url, '') ?? url;
}

/**
 * `url` with the user name and password of `from` when both are on the same origin (scheme, host, port) and `url`
 * has none of its own: the pages of a feed that needs a login are fetched with the feed's login.
 */
export function withCredentialsOf(url: string, from: string | null): string {
  if (!from || !from.includes('@')) return url;
  try {
    const source = new URL(from);
    const target = new URL(url);
    if ((!source.username && !source.password) || target.username || target.password || source.origin !== target.origin) return url;
    target.username = source.username;
    target.password = source.password;
    return target.href;
  } catch {
    return url;
  }
}

/**
 * `url` with its host written as `from` writes it, when that is the same host in other letters: a Unicode name
 * (`bücher.example`), which the URL parser writes as punycode (`xn--bcher-kva.example`). A feed's new address, written
 * into the pipeline file in place of the old, keeps the user's spelling of a host it did not leave.
 */
export function inHostSpellingOf(url: string, from: string): string {
  // the host as written: after the authority's last `@` (a password may hold a raw one), before a port
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(from.trim())?.[1] ?? '';
  const written = /^[^:[\]]+/.exec(authority.slice(authority.lastIndexOf('@') + 1))?.[0];
  if (written === undefined || /^[\x00-\x7f]*$/.test(written)) return url;
  try {
    const target = new URL(url);
    if (new URL(from).hostname !== target.hostname) return url;
    // the host follows the scheme's `//` and the login, if any: replaced there, never in the login or the path
    const start = url.indexOf('//') + 2;
    const end = start + url.slice(start).search(/[/?#]|$/);
    const login = url.lastIndexOf('@', end);
    const at = login >= start ? login + 1 : start;
    return url.startsWith(target.hostname, at) ? `${url.slice(0, at)}${written}${url.slice(at + target.hostname.length)}` : url;
  } catch {
    return url;
  }
}

/** A URL's hostname without the brackets of an IPv6 literal (`[::1]` is `::1`), as addresses are looked up and compared. */
export function unbracketedHost(hostname: string): string {
  return hostname.replace(/^\[|\]$/g, '');
}

/**
 * The host (and port) whose limits a URL's request counts against, and whose Retry-After holds it; '' for a URL that
 * does not parse. A fully qualified name's trailing dot names the same host.
 */
export function hostKeyOf(url: string): string {
  try {
    return new URL(url).host.toLowerCase().replace(/\.(?=:\d+$|$)/, '');
  } catch {
    return '';
  }
}

/**
 * A feed URL as its request goes out: without a fragment (never sent) or an empty query, without the trailing dot of
 * a fully qualified host name, and with percent-escapes as RFC 3986 §6.2.2 normalises them (`%66eed` is `feed`, `%2f`
 * is `%2F`). The URL parser already lowercases the scheme and host, drops a default port and resolves dot segments.
 * Sources whose URLs differ only so are one feed, fetched once. A trailing slash is kept: servers may answer `/feed`
 * and `/feed/` differently.
 */
export function requestAddress(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    if (parsed.search === '') parsed.search = '';
    if (parsed.hostname.endsWith('.')) parsed.hostname = parsed.hostname.slice(0, -1);
    if (parsed.pathname.includes('%')) parsed.pathname = normalisedEscapes(parsed.pathname);
    if (parsed.search.includes('%')) parsed.search = normalisedEscapes(parsed.search);
    return parsed.href;
  } catch {
    return url;
  }
}

/** `text` with its percent-escapes decoded, or as written when they do not decode (a `%` that starts no escape). */
export function decodedEscapes(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Escapes of unreserved characters decoded, the others' hex digits in upper case. */
function normalisedEscapes(text: string): string {
  return text.replace(/%([0-9a-f]{2})/gi, (_escape, hex: string) => {
    const character = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(character) ? character : `%${hex.toUpperCase()}`;
  });
}

/**
 * An address written with the `feed:` scheme some sites use to hand feeds to a reader, as the http(s) address it
 * wraps: `feed:https://site/rss` and `feed://https://site/rss` are `https://site/rss`, `feed://site/rss` is
 * `http://site/rss`.
 */
export function withoutFeedScheme(href: string): string {
  const wrapped = /^feed:(?:(?:\/\/)?(https?:.*)|\/\/(.*))$/is.exec(href);
  if (!wrapped) return href;
  return wrapped[1] ?? `http://${wrapped[2]}`;
}
