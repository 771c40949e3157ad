/**
 * Several people, as a byline prints them: "A", "A and B", "A, B and C", each name once whatever its case. One
 * format for every place names come from (a page's JSON-LD or one `<meta name="author">` each, a feed item's
 * `<dc:creator>`s or JSON Feed `authors`), so the same people give the same byline wherever they were read.
 */
export function formatNames(names: readonly string[]): string | null {
  const seen = new Set<string>();
  const unique = names.filter((n) => {
    const key = n.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (unique.length === 0) return null;
  if (unique.length === 1) return unique[0]!;
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]!}`;
}
