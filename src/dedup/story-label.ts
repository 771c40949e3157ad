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

  const wordSets = headlines.map((h) => new Set(normalizedWords(h).filter((w) => w.length > 2)));
  let bestIndex = 0;
  let bestScore = -1;
  wordSets.forEach((words, i) => {
    let score = 0;
    wordSets.forEach((other, j) => {
      if (i === j || words.size === 0 || other.size === 0) return;
      let shared = 0;
      for (const w of words) if (other.has(w)) shared++;
      score += shared / Math.sqrt(words.size * other.size);
    });
    if (score > bestScore) {
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
