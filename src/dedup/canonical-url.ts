/**
 * Canonical form of an article URL, used as the first (cheapest, surest) duplicate key.
 *
 * Decisions:
 * - Scheme and host are lower-cased (they are case-insensitive); paths are NOT (servers may treat them as distinct).
 * - "www." is KEPT. The canonical URL is also the link we show and re-fetch; some sites do not serve the bare domain
 *   (or serve another site there), so stripping it could produce a dead or wrong link. A www/bare-domain pair of
 *   the same article is still caught by the content hash or the near-duplicate signature.
 * - http vs https is kept for the same reason.
 * - A trailing slash is removed from non-root paths: CMSs answer both forms with the same page (or a redirect), and
 *   feeds mix them. `index.html`/`index.htm`/`index.php` at the end of the path are dropped for the same reason.
 * - AMP variants point at the same article as the regular page: `amp.` host prefix, `/amp` path segment (first or
 *   last), `.amp.html` / `.amp` suffix, `amp=1`/`amp`/`outputType=amp` query params, and Google AMP cache URLs
 *   (`*.cdn.ampproject.org/c/s/...`, `www.google.com/amp/s/...`) are unwrapped to the publisher's URL.
 * - The fragment and credentials never identify an article; they are dropped.
 * - Tracking parameters (see {@link TRACKING_PARAMS}) are dropped; the remaining params are sorted so that the order a
 *   feed happens to write them in does not matter.
 * - Anything that is not an absolute http(s) URL (a project-relative file path such as `seeds/000_x.txt`, a `mailto:`
 *   link, garbage) is returned unchanged: it is an identity in its own right, not something to normalise.
 */

/**
 * Query parameters that only record where a click came from. Matched case-insensitively on the parameter name.
 * Sources: Google Analytics/Ads, Meta, Microsoft, Mailchimp, HubSpot, Marketo, Instagram, Twitter/X, Adobe,
 * and the referral params common news sites (NYT `smid`, MSN `ocid`, CNN `cmpid`, BBC `at_*`) add to shared links.
 */
export const TRACKING_PARAMS: ReadonlySet<string> = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'mc_cid', 'mc_eid', 'igshid', 'igsh', '_ga', '_gl', '_hsenc', '_hsmi', '__hstc', '__hssc', '__hsfp', 'hsctatracking',
  'mkt_tok', 'vero_id', 'vero_conv', 'oly_anon_id', 'oly_enc_id', 'rb_clickid', 's_cid', 's_kwcid', 'wt.mc_id',
  'wt_mc_id', 'ito', 'ref', 'ref_src', 'ref_url', 'referrer', 'cmpid', 'ocid', 'smid', 'smtyp', 'sr_share',
  'soc_src', 'soc_trk', 'share_id', 'spm', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3',
  'at_custom4', 'guccounter', 'guce_referrer', 'guce_referrer_sig', 'cid_source', 'taid', 'mbid', 'ncid', 'sref',
  'xtor', 'dicbo', 'trk', 'trkcampaign', 'src_trk',
]);

/** Parameter-name prefixes that are always tracking (`utm_source`, `utm_medium`, `pk_campaign`, `mtm_kwd`, ...). */
export const TRACKING_PARAM_PREFIXES: readonly string[] = ['utm_', 'pk_', 'mtm_', 'hsa_', 'vgo_'];

/** Query params whose only job is to request the AMP rendering of the same article. */
const AMP_PARAMS: ReadonlySet<string> = new Set(['amp', 'outputtype', 'amp_js_v', 'usqp', 'amp_gsa']);

/** True when `name` is a query parameter that only records where a click came from. */
export function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PARAM_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

const ABSOLUTE_HTTP = /^https?:\/\//i;
const DIRECTORY_INDEX = /\/(?:index\.html?|index\.php)$/i;

export function canonicalizeUrl(url: string): string {
  const trimmed = url.trim();
  if (!ABSOLUTE_HTTP.test(trimmed)) return url;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return url;
  }
  const unwrapped = unwrapAmpCache(parsed);
  if (unwrapped) parsed = unwrapped;

  // WHATWG URL already lower-cases scheme and host, drops default ports and resolves dot segments.
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  let host = parsed.hostname.replace(/\.$/, ''); // "example.com." is the same host as "example.com"
  if (host.startsWith('amp.') && host.split('.').length > 2) host = host.slice('amp.'.length);
  parsed.hostname = host;

  parsed.pathname = canonicalPath(parsed.pathname);

  // Each parameter as URLSearchParams writes it, but one whose escapes are not UTF-8 (a query a page in windows-1251
  // or Shift_JIS wrote in its encoding: `cat=%CD%EE...`) as it is: decoded, its bytes would all be U+FFFD, and
  // `?cat=Спорт` and `?cat=Наука` one URL.
  const kept: { name: string; value: string; written: string }[] = [];
  for (const piece of parsed.search.slice(1).split('&')) {
    if (piece === '') continue;
    const [[name, value] = ['', '']] = new URLSearchParams(piece);
    if (isTrackingParam(name)) continue;
    if (isAmpParam(name, value)) continue;
    const notUtf8 = `${name}${value}`.includes('\ufffd') && !piece.includes('\ufffd') && !/%EF%BF%BD/i.test(piece);
    const written = notUtf8 ? piece : new URLSearchParams([[name, value]]).toString();
    kept.push({ name, value, written });
  }
  // Sort by name then value; code-unit order, so the result does not depend on the locale.
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  kept.sort((a, b) => order(a.name, b.name) || order(a.value, b.value) || order(a.written, b.written));
  parsed.search = kept.length === 0 ? '' : kept.map((param) => param.written).join('&');

  return parsed.toString();
}

function isAmpParam(name: string, value: string): boolean {
  const lower = name.toLowerCase();
  if (!AMP_PARAMS.has(lower)) return false;
  // `outputType=amp` is AMP; `outputType=json` is a different resource.
  if (lower === 'outputtype') return value.toLowerCase() === 'amp';
  return true;
}

function canonicalPath(pathname: string): string {
  let path = pathname.replace(/%[0-9a-f]{2}/gi, decodeUnreserved);
  path = path.replace(DIRECTORY_INDEX, '/');
  // AMP renderings: "/amp/2026/06/x", "/2026/06/x/amp/", "/x.amp.html", "/x.amp".
  path = path.replace(/^\/amp(?=\/)/i, '');
  path = path.replace(/\/amp\/?$/i, '/');
  path = path.replace(/\.amp\.html$/i, '.html');
  path = path.replace(/\.amp$/i, '');
  path = path.replace(/\/{2,}/g, '/');
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path === '' ? '/' : path;
}

/** `%7E` and `~` are the same URL (RFC 3986 §6.2.2.2): decode percent-encoded unreserved characters. */
function decodeUnreserved(escape: string): string {
  const char = String.fromCharCode(parseInt(escape.slice(1), 16));
  return /[A-Za-z0-9\-._~]/.test(char) ? char : escape.toUpperCase();
}

/**
 * Google serves cached AMP pages from its own hosts with the publisher URL inside the path:
 * `https://www-example-com.cdn.ampproject.org/c/s/www.example.com/a.amp.html` and
 * `https://www.google.com/amp/s/www.example.com/a`. The `/s/` segment marks https.
 */
function unwrapAmpCache(url: URL): URL | null {
  const host = url.hostname;
  let rest: string | null = null;
  if (host.endsWith('.cdn.ampproject.org')) {
    const match = /^\/(?:c|v|i)\/(s\/)?(.+)$/.exec(url.pathname);
    if (match) rest = `${match[1] ? 'https' : 'http'}://${match[2]}`;
  } else if (/^(?:www\.)?google\.[a-z.]+$/.test(host)) {
    const match = /^\/amp\/(s\/)?(.+)$/.exec(url.pathname);
    if (match) rest = `${match[1] ? 'https' : 'http'}://${match[2]}`;
  }
  if (rest === null) return null;
  try {
    return new URL(rest + url.search);
  } catch {
    return null;
  }
}
