import { normalizedWords } from './fingerprint.ts';

const MAX_LABEL_CHARS = 90;
/** Shorter "titles" are usually site names or section furniture ("Ai Mainstream", "Live"), not headlines. */
const MIN_HEADLINE_WORDS = 4;
/** Longer "titles" are first paragraphs a plain-text capture put in the title slot. */
const MAX_HEADLINE_WORDS = 25;
/** " - Reuters", " | The Verge", " :: Site": outlets append their name to the headline. */
const SITE_SUFFIX = /\s+[|–—:-]{1,2}\s+[^|–—]{1,40}$/u;

/** Stories of up to this many titles are relabelled on every article added. */
const ALWAYS_RELABEL_UP_TO = 8;
/**
 * A larger story is relabelled again once one in this many of its headlines is new or retitled since it was last
 * labelled: a fifth, so its label always comes from four fifths of them (growth alone: once it has grown by a quarter).
 */
const RELABEL_ONE_IN = 5;

/**
 * Whether a story that has `titles` headlines, and whose stored label was worked out from `labelledFrom` of them with
 * `retitled` of those changed since, is relabelled as an article joins it (or is retitled) rather than once the run's
 * articles are stored. Each relabelling reads every title, so doing it on every article made a story of n articles
 * cost n² title readings; relabelling at each change of a fifth of its headlines costs a constant per article (a
 * geometric series), and a label read meanwhile (or left by an interrupted run) is worked out from at least four
 * fifths of the story's headlines as they are.
 */
export function relabelsNow(titles: number, labelledFrom: number, retitled = 0): boolean {
  return titles <= ALWAYS_RELABEL_UP_TO || (titles - labelledFrom + retitled) * RELABEL_ONE_IN >= titles;
}

/**
 * A short label for a story: the headline that shares the most words with the story's other headlines (the one
 * most representative of the coverage, not one outlet's angle), without the outlet's name, cut to about 90
 * characters at a word boundary. Ties go to the earlier title. Falls back to the first non-empty title, then to
 * "Untitled story".
 */
export function storyLabel(titles: readonly string[]): string {
  const cleaned = titles.map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t !== '');
  if (cleaned.length === 0) return 'Untitled story';
  // Outlets carrying one wire headline repeat it word for word: each distinct title is read once.
  const readings = new Map<string, Headline | null>();
  const headlines: Headline[] = [];
  for (const title of cleaned) {
    let reading = readings.get(title);
    if (reading === undefined) {
      reading = readHeadline(title);
      readings.set(title, reading);
    }
    if (reading !== null) headlines.push(reading);
  }
  if (headlines.length === 0) return truncate(cleaned[0]!);

  // A headline's score is the sum of its cosine overlaps with every other headline: sum over j != i of
  // shared(i, j) / sqrt(|i| |j|). Summed word by word it is (1 / sqrt|i|) * sum over w in i of (weight(w) - 1 / sqrt|i|),
  // where weight(w) sums 1 / sqrt|j| over the headlines j holding w: linear in the words, where comparing every pair
  // made a story of thousands of articles cost minutes to relabel.
  const weight = new Map<string, number>();
  for (const { words } of headlines) for (const w of words) weight.set(w, (weight.get(w) ?? 0) + 1 / Math.sqrt(words.size));
  let best: Headline = headlines[0]!;
  let bestScore = -1;
  const scored = new Set<Headline>();
  for (const headline of headlines) {
    // A repeat scores exactly as its first occurrence did, which it could not beat: only the earlier one may win.
    if (scored.has(headline)) continue;
    scored.add(headline);
    const { words } = headline;
    const own = words.size === 0 ? 0 : 1 / Math.sqrt(words.size);
    let score = 0;
    for (const w of words) score += weight.get(w)! - own;
    score *= own;
    // sums taken in another order differ in the last bits: a tie within them still goes to the earlier title
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = headline;
    }
  }
  return truncate(best.text);
}

/** A title read as a headline: without the outlet's name, and its words of more than two letters. */
interface Headline {
  text: string;
  words: Set<string>;
}

/** The title as a headline, or null when its word count says it is site furniture or a first paragraph. */
function readHeadline(title: string): Headline | null {
  const { text, words } = stripSiteSuffix(title);
  if (words.length < MIN_HEADLINE_WORDS || words.length > MAX_HEADLINE_WORDS) return null;
  return { text, words: new Set(words.filter((w) => w.length > 2)) };
}

/** The title without an outlet's name appended, and its words. */
function stripSiteSuffix(title: string): { text: string; words: string[] } {
  const stripped = title.replace(SITE_SUFFIX, '');
  if (stripped !== title) {
    const words = normalizedWords(stripped);
    // Keep the suffix when removing it would leave too little: then it was part of the headline.
    if (words.length >= MIN_HEADLINE_WORDS) return { text: stripped, words };
  }
  return { text: title, words: normalizedWords(title) };
}

function truncate(text: string): string {
  if (text.length <= MAX_LABEL_CHARS) return text;
  const cut = text.slice(0, MAX_LABEL_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > MAX_LABEL_CHARS / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:–—-]+$/u, '')}…`;
}
