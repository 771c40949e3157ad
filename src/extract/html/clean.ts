/**
 * Removes page furniture before scoring: things that are never article text (scripts, forms, menus) and blocks
 * whose class/id or ARIA role says they are navigation, sharing, related links, comments, ads and so on.
 */
import type { CheerioAPI } from 'cheerio';
import { classAndId, detachAll, isElement, type AnyNode, type Element, type ParentNode } from './dom.ts';
import { measureSizes, sizeOf, type Sizes } from './sizes.ts';

/** Never article text. Forms and headers are handled separately because some sites wrap the whole page in one. */
const ALWAYS_REMOVE = new Set([
  'script', 'style', 'noscript', 'iframe', 'svg', 'canvas', 'template', 'object', 'embed', 'button', 'select',
  'input', 'textarea', 'nav', 'aside', 'footer', 'figcaption', 'figure', 'picture', 'video', 'audio', 'map',
  'dialog', 'menu', 'link', 'meta', 'head', 'title',
]);

/** ARIA roles of blocks that are not the article. */
const FURNITURE_ROLES = /^(navigation|menu|menubar|complementary|dialog|alertdialog|alert|banner|contentinfo|search|toolbar|tooltip)$/;

// Readability's list of class/id fragments that mark unlikely candidates; kept when the name also looks like
// a content container (MAYBE_CONTENT), because "main-header-content" style names are common on wrappers.
const UNLIKELY = /-ad-|ai2html|banner|breadcrumbs|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote/;
const MAYBE_CONTENT = /and|article|body|column|content|main|shadow/;

// Furniture that sits inside the article container: share bars, captions, bylines, newsletter boxes, tags,
// "read more" teasers, cookie notices. These names rarely sit on real content wrappers, but a wrapper with a
// long text is still kept (see isSmallOrLinky) in case a site names its body "story-share-container".
const FURNITURE = /share|sharing|social|caption|credit|byline|author|dateline|timestamp|newsletter|subscri|signup|sign-up|promo|related|recirc|recommend|popular|most-read|mostread|trending|outbrain|taboola|cookie|consent|gdpr|breadcrumb|toolbar|tags|tag-list|taglist|keywords|print|advert|^ads?[-_ ]|[-_ ]ads?$|[-_ ]ad[-_ ]|ad-slot|adslot|adunit|ad-container|sponsor|read-?more|more-stories|further-reading|also-read|see-also|next-article|prev-article|pagination|comment|disqus|rating|vote|modal|overlay|lightbox|gallery|slideshow|widget|sidebar|infobox|(?:video|audio|media)-?player|player-(?:wrap|container)|rollover|tooltip|popover|hovercard|(?:^|\s)(?:is-)?hidden(?:\s|$)|visually-hidden|sr-only|screen-reader|skip-link|copyright|disclaimer|bio$|author-bio|about-the-author|contributor|playlist|carousel|ticker|masthead|topbar|subnav|site-header|site-footer|skip/;

const TABLE_PARTS = new Set(['tbody', 'thead', 'tfoot', 'tr', 'td', 'th', 'caption', 'colgroup', 'col']);

const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/** Tags that can hold the whole article; never removed by the class/id rules. */
const PROTECTED = new Set(['html', 'body', 'article', 'main']);

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a['hidden'] !== undefined) return true;
  if (a['aria-hidden'] === 'true') return true;
  return a['style'] !== undefined && HIDDEN_STYLE.test(a['style']);
}

/** A block small enough, or link-heavy enough, that removing it cannot cost a real article body. */
function isSmallOrLinky(el: Element, sizes: Sizes): boolean {
  const { text, link } = sizeOf(el, sizes);
  if (text < 600) return true;
  return link / text > 0.35;
}

function isFurniture(el: Element, sizes: Sizes, useClassNames: boolean): boolean {
  const tag = el.name;
  if (ALWAYS_REMOVE.has(tag) || el.type === 'script' || el.type === 'style') return true;
  if (PROTECTED.has(tag)) return false;
  if (isHidden(el)) return true;
  const role = el.attribs['role'];
  if (role && FURNITURE_ROLES.test(role)) return true;
  // ASP.NET pages wrap everything in one <form>; only forms without real paragraphs are furniture.
  if ((tag === 'form' || tag === 'header') && sizeOf(el, sizes).paragraph < 400) return true;
  // Rows and cells carry data-specific classes ("player-2020-580", "row-related") that mean nothing here.
  if (TABLE_PARTS.has(tag)) return false;
  const names = useClassNames ? classAndId(el) : '';
  if (!names) return false;
  if (UNLIKELY.test(names) && !MAYBE_CONTENT.test(names) && isSmallOrLinky(el, sizes)) return true;
  return FURNITURE.test(names) && isSmallOrLinky(el, sizes);
}

/**
 * @param useClassNames judge blocks by class/id names too. The extractor retries without them when the first
 * pass finds almost no text, since an odd naming scheme can make the whole article look like furniture.
 */
export function removeFurniture($: CheerioAPI, useClassNames = true): void {
  const root = $.root()[0] as unknown as ParentNode;
  const sizes = measureSizes(root);
  // Top-down: a parent is judged before its children, and a removed block's subtree is not visited. Removal waits
  // until the end (one pass per parent, see detachAll); no judgement depends on it, since sizes are measured first.
  const removed: AnyNode[] = [];
  const stack: AnyNode[] = [...root.children];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (!isElement(n)) {
      // Comments and processing instructions never carry text.
      if (n.type !== 'text' && n.type !== 'root') removed.push(n);
      continue;
    }
    if (isFurniture(n, sizes, useClassNames)) {
      removed.push(n);
      continue;
    }
    for (const c of n.children) stack.push(c);
  }
  detachAll(removed);
}
