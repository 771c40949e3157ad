/**
 * Per-site overrides, looked up by hostname. The generic extractor (src/extract/html.ts) is always the last
 * resort: an override only says where a site keeps its article body and which blocks inside it to drop, and
 * when its selectors find nothing (the site changed its markup) the generic extractor takes over.
 *
 * Each override must be tested on a saved page with the generic fallback switched off, so the test proves the
 * override itself works.
 */

export interface SiteExtractor {
  /** Short name for logs and tests. */
  name: string;
  /** Hostnames served; a name also serves its subdomains ("example.com" serves "www.example.com"). */
  hosts: readonly string[];
  /** CSS selectors of the article body container(s); the first that matches with text wins. */
  bodySelectors: readonly string[];
  /** CSS selectors of blocks to drop inside the body (inline ads, share bars the generic rules miss). */
  removeSelectors?: readonly string[];
}

/** Registered overrides. Empty for now: the generic extractor handles the evaluated sites. */
export const SITE_EXTRACTORS: readonly SiteExtractor[] = [];

function hostnameOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return null;
  }
}

/** The override for a page URL, or null when the generic extractor should handle it alone. */
export function findSiteExtractor(
  url: string | null | undefined,
  registry: readonly SiteExtractor[] = SITE_EXTRACTORS,
): SiteExtractor | null {
  const host = hostnameOf(url);
  if (!host) return null;
  for (const site of registry) {
    if (site.hosts.some((h) => host === h || host.endsWith(`.${h}`))) return site;
  }
  return null;
}
