/**
 * URLs as messages show them. A feed URL may carry a user name and password (`https://reader:secret@host/feed`),
 * and messages end up in digests and reports that are shared: the credentials are replaced by `***`.
 */
export function urlForDisplay(url: string): string {
  // cheap test first: most URLs have no "@" at all
  if (!url.includes('@')) return url;
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = '***';
    parsed.password = '';
    return parsed.href;
  } catch {
    // not a URL: hide everything from "//" to the last "@" (a password may hold "/" or "?" when it does not parse)
    return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^\s]*@/i, '$1***@');
  }
}
