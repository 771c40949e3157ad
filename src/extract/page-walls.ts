import { decodeEntities } from '../ingest/feed/normalise.ts';
import { oneLine, shortenText } from '../model/display-text.ts';
import { articleWordCount } from './article-words.ts';

/**
 * Pages that answer a reader who is not a browser in place of the article: the challenge or block page of the CDN or
 * anti-bot service in front of an outlet, a "page not found" or maintenance notice served as 200, a region's refusal.
 * With words enough, such a page was stored as the article: its text scored (an Imperva page's "this support article"
 * read as support), alerted, a Cloudflare page's "Ray ID" a voice, and every item of an outlet behind one wall a copy
 * of the first.
 */
export interface PageWall {
  /** What answered, for the message: "a Cloudflare challenge". */
  what: string;
  /**
   * Known by what an article may say too: its title ("Access Denied", "Page not found"), or a sentence of the
   * vendor's page an article may quote. The caller takes it for a wall only when the page's title says nothing of the
   * item's headline.
   */
  weak: boolean;
}

/**
 * Marks of the vendors' challenge and block pages in their markup, never in the scripts the same vendors add to every
 * page they protect (Cloudflare's bot detection, `/cdn-cgi/challenge-platform/h/b/scripts/jsd/…`, PerimeterX's
 * `_pxAppId`, Imperva's `_Incapsula_Resource`, DataDome's tags.js).
 */
const WALL_MARKS: readonly (readonly [RegExp, string])[] = [
  [/\b_cf_chl_opt\b|\/cdn-cgi\/challenge-platform\/h\/[a-z]\/orchestrate\/|\bid=["']?challenge-running\b/, 'a Cloudflare challenge'],
  [/\bid=["']?cf-error-details\b/, 'a Cloudflare block page'],
  [/\bid=["']?px-captcha\b/, 'a PerimeterX (HUMAN) challenge'],
  [/\bcaptcha-delivery\.com\b/, 'a DataDome challenge'],
  // the frame of Imperva's block page (the script it adds to pages it lets through asks `?SWJIYLWA=`)
  [/\b_Incapsula_Resource\?CWUDNSAI=/, 'an Imperva (Incapsula) block page'],
  // written with entities in Akamai's page (`errors&#46;edgesuite&#46;net`)
  [/\berrors(?:\.|&#46;)edgesuite(?:\.|&#46;)net\b/, 'an Akamai block page'],
];

/** Sentences of such pages, which an article about them may quote: weak marks (see PageWall.weak). */
const WALL_SENTENCES: readonly (readonly [RegExp, string])[] = [
  [/\bIncapsula incident ID\b/, 'an Imperva (Incapsula) block page'],
  [/\bdetected unusual traffic from your computer network\b/, 'an "unusual traffic" block page'],
];

/** Titles of such pages, whole, or one part of a title its site's name is added to ("Page not found | Outlet"). */
const WALL_TITLE =
  /^(?:just a moment|attention required!?|access denied|access to this page has been denied|pardon our interruption|are you a (?:robot|human)|robot or human|human verification|verify(?:ing)? (?:that )?you are (?:a )?human|security check(?:point)?|one more step|request (?:rejected|blocked)|(?:403 )?forbidden|(?:error )?40[34](?: error)?|(?:404 )?(?:page |article )?not found|(?:site |website )?(?:(?:is )?(?:under|down for) )?maintenance|we(?:'|’)?ll be (?:right )?back(?: soon)?|service (?:temporarily )?unavailable|unavailable (?:due to|for) legal reasons|(?:this )?(?:content|page|site|website) is (?:not |un)available in your (?:country|region|location))[.!?…]*$/i;

/** A title's parts, split at the separators that add a site's name. */
const TITLE_PARTS = /\s+[|–—·:-]\s+|\s*\|\s*/;

/** More words than a wall says: a page this long is an article, whatever it quotes of one (a story on bot blocking). */
const MAX_WALL_WORDS = 250;

/**
 * The wall a fetched page is, or null: by a mark of the vendor's page in its markup, else by a sentence of one in its
 * text or by its title (see PageWall.weak); never a page of more than MAX_WALL_WORDS words. (Cloudflare also marks its challenge with a
 * `cf-mitigated: challenge` header, which the caller reads.)
 * @param html the page as fetched and decoded
 * @param text its extracted text
 */
export function pageWall(page: { html: string; text: string; title: string | null }): PageWall | null {
  if (articleWordCount(page.text) > MAX_WALL_WORDS) return null;
  for (const [mark, what] of WALL_MARKS) if (mark.test(page.html)) return { what, weak: false };
  for (const [sentence, what] of WALL_SENTENCES) if (sentence.test(page.text)) return { what, weak: true };
  // the extracted title may be the page's heading ("Sorry, we could not find that page"), its <title> the wall's
  for (const title of [page.title, documentTitle(page.html)]) {
    if (title && title.split(TITLE_PARTS).some((part) => WALL_TITLE.test(part.trim()))) return { what: `a page titled "${shortenText(oneLine(title), 100)}"`, weak: true };
  }
  return null;
}

/** The text of a page's first `<title>`, its entities decoded, or null. */
function documentTitle(html: string): string | null {
  const title = /<title\b[^>]*>([^<]{1,300})<\/title/i.exec(html.slice(0, 65_536))?.[1];
  return title === undefined ? null : decodeEntities(title).replace(/\s+/g, ' ').trim();
}
