import { normalizedWords } from './fingerprint.ts';

const MAX_LABEL_CHARS = 90;
/** Shorter "titles" are usually site names or section furniture ("Ai Mainstream", "Live"), not headlines. */
const MIN_HEADLINE_WORDS = 4;
/** Longer "titles" are first paragraphs a plain-text capture put in the title slot. */
const MAX_HEADLINE_WORDS = 25;
/** " - Reuters", " | The Verge", " :: Site": outlets append their name to the headline. */
const SITE_SUFFIX = /\s+[|–—:-]{1,2}\s+[^|–—]{1,40}$/u;

/**
 * A short label for a story: the headline that shares the most words with the story's other headlines (the one
 * most representative of the coverage, not one outlet's angle), without the outlet's name, cut to about 90
 * characters at a word boundary. Ties go to the earlier title. Falls back to the first non-empty title, then to
 * "Untitled story".
 */
export function storyLabel(titles: readonly string[]): string {
  const cleaned = titles.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
  if (cleaned.length === 0) return 'Untitled story';
  const headlines = cleaned
    .map((title) => stripSiteSuffix(title))
    .filter((title) => {
      const count = normalizedWords(title).length;
      return count >= MIN_HEADLINE_WORDS && count <= MAX_HEADLINE_WORDS;
    });
  if (headlines.length === 0) return truncate(cleaned[0]!);

  // A headline's score is the sum of its cosine overlaps with every other headline: sum over j != i of
  // shared(i, j) / sqrt(|i| |j|). Summed word by word it is (1 / sqrt|i|) * sum over w in i of (weight(w) - 1 / sqrt|i|),
  // where weight(w) sums 1 / sqrt|j| over the headlines j holding w: linear in the words, where comparing every pair
  // made a story of thousands of articles cost minutes to relabel, once per article added.
  const wordSets = headlines.map((h) => new Set(normalizedWords(h).filter((w) => w.length > 2)));
  const weight = new Map<string, number>();
  for (const words of wordSets) for (const w of words) weight.set(w, (weight.get(w) ?? 0) + 1 / Math.sqrt(words.size));
  let bestIndex = 0;
  let bestScore = -1;
  wordSets.forEach((words, i) => {
    const own = words.size === 0 ? 0 : 1 / Math.sqrt(words.size);
    let score = 0;
    for (const w of words) score += weight.get(w)! - own;
    score *= own;
    // sums taken in another order differ in the last bits: a tie within them still goes to the earlier title
    if (score > bestScore + 1e-9) {
      bestScore = score;
      bestIndex = i;
    }
  });
  return truncate(headlines[bestIndex]!);
}

function stripSiteSuffix(title: string): string {
  const stripped = title.replace(SITE_SUFFIX, '');
  // Keep the suffix when removing it would leave too little: then it was part of the headline.
  return normalizedWords(stripped).length >= MIN_HEADLINE_WORDS ? stripped : title;
}

function truncate(text: string): string {
  if (text.length <= MAX_LABEL_CHARS) return text;
  const cut = text.slice(0, MAX_LABEL_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > MAX_LABEL_CHARS / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}
