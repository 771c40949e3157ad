/**
 * Several people, as a byline prints them: "A", "A and B", "A, B and C" ("Doe, Jane; Roe, John" when a name holds a
 * comma), each name once whatever its case. One format for every place names come from (a page's JSON-LD or one
 * `<meta name="author">` each, a feed item's `<dc:creator>`s or JSON Feed `authors`), so the same people give the
 * same byline wherever they were read.
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
  // names written "Doe, Jane" are kept apart by semicolons, or "Doe, Jane and Roe, John" reads as three people
  if (unique.some((name) => name.includes(','))) return unique.join('; ');
  return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]!}`;
}
