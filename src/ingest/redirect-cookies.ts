import { CookieJar } from 'tough-cookie';

/** Set-Cookie lines read from one answer, and the length of one: a browser's limits, against a hostile server. */
const MAX_COOKIES_PER_ANSWER = 50;
const MAX_COOKIE_CHARS = 4_096;

/**
 * The cookies of one chain of redirects, and of nothing else: a site that sets a cookie on a consent or cookie-check
 * page and sends the reader back to the article (the article's address again, now with the cookie) is followed as a
 * browser follows it, where without the cookie the article's address led back to the check until it was taken for a
 * loop. Nothing is kept past the chain: each page and feed is asked for afresh, as before, and no outlet can follow
 * pausewatch from page to page. Which host a cookie is sent to is RFC 6265's (tough-cookie: its Domain must be the
 * setting host's or one above it that is no public suffix; Secure only over https; Path).
 */
export class RedirectCookies {
  /** Made at the first Set-Cookie: most chains carry none. */
  private jar: CookieJar | null = null;

  /** Keeps the cookies a redirect answer at `url` sets; one that is malformed or not the host's to set is dropped. */
  take(setCookies: readonly string[], url: string): void {
    for (const line of setCookies.slice(0, MAX_COOKIES_PER_ANSWER)) {
      if (line.length > MAX_COOKIE_CHARS) continue;
      this.jar ??= new CookieJar();
      this.jar.setCookieSync(line, url, { ignoreError: true });
    }
  }

  /** The Cookie header for a request to `url` ('' for none). */
  for(url: string): string {
    return this.jar === null ? '' : this.jar.getCookieStringSync(url);
  }
}
