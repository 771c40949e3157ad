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
    // not a URL: hide anything between "//" and an "@" before the path
    return url.replace(/\/\/[^/?#@\s]*@/g, '//***@');
  }
}

/** `text` with the credentials of every http(s) URL in it hidden, for messages built elsewhere. */
export function hideUrlCredentials(text: string): string {
  return text.includes('@') ? text.replace(/\bhttps?:\/\/[^\s/?#@]*@/gi, (match) => match.replace(/\/\/[^@]*@/, '//***@')) : text;
}
