/**
 * Topic signature: the salient terms of an article's title and lead, weighted, so that two outlets covering the
 * same event in different words land close together, and two events that merely share the vocabulary of AI news
 * ("AI", "model", "company") do not.
 *
 * How a term earns weight:
 * - Only the title and the first {@link LEAD_WORDS} words count: news puts the who/what of the event first, and a
 *   long body drifts into background that other events share.
 * - Earlier words weigh more (linear decay over the lead); repetition counts sub-linearly (square root); title
 *   words get a bonus of {@link TITLE_WEIGHT}, reduced when the body never repeats them (site names in captures).
 * - A word written with a capital inside a sentence is probably a name (Anthropic, Nvidia, Garante), and names are
 *   what separate events best, so it weighs {@link NAME_BOOST}× more.
 * - Stop words and news furniture ("said", "updated", month names) are dropped; words every AI story uses
 *   ({@link GENERIC_TERMS}) are kept but weigh {@link GENERIC_WEIGHT}× so they cannot carry a match on their own.
 * - Words are lightly stemmed (plural, -ed, -ing, final e) so "pause", "paused", "pausing" are one term.
 *
 * The top {@link TOPIC_TERMS} terms, L2-normalised, are serialised as `ts1:term=weight,term=weight,...`
 * (weights to 3 decimals). Similarity is the cosine of the two weight vectors with the largest single shared term
 * discounted (see {@link topicSimilarity}), 0..1. What a signature cannot know is which of its terms the whole
 * pipeline's coverage shares; story clustering weighs that at comparison time (story-clustering.ts).
 */

/**
 * 48 since story clustering weighs terms by how specific they are to an event: in a single-topic pipeline the
 * debate's own words (pause, frontier, labs) take many of the top places, and the extra places keep the names and
 * details further down the lead that tell one event from the next. Signatures stored with 32 terms by older releases
 * parse and compare as they are (their 32 terms are these 48's heaviest).
 */
export const TOPIC_TERMS = 48;
/** Short pieces are read whole; long ones stop before the background sections most events share. */
const LEAD_WORDS = 400;
const TITLE_WEIGHT = 2.5;
const NAME_BOOST = 1.3;
const UNREPEATED_TITLE_FACTOR = 0.4;
const GENERIC_WEIGHT = 0.3;
/** A "title" longer than this is a first paragraph the extractor took for a title (plain-text captures do that). */
const MAX_TITLE_WORDS = 25;
const SIGNATURE_VERSION = 'ts1';

const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all almost also although always am among an and another any are around as at ' +
    'be because been before being below between both but by can cannot could did do does doing done down during each ' +
    'either else enough even ever every few for from further get gets getting given go goes going got had has have ' +
    'having he her here hers herself him himself his how however i if in into is it its itself just least less like ' +
    'likely made make makes many may me might more most much must my myself neither never no nor not now of off often ' +
    'on once one only onto or other others otherwise our ours ourselves out over own per perhaps quite rather really ' +
    'same several shall she should since so some such than that the their theirs them themselves then there these ' +
    'they this those though through thus to too toward towards under until up upon us use used using very via was we ' +
    'well were what whatever when whenever where whether which while who whom whose why will with within without ' +
    'would yet you your yours yourself ' +
    // news furniture and reporting verbs: present in every article, about none
    'said says say saying told tell tells according report reports reported reporting news article story stories ' +
    'read more updated update ago published share click subscribe newsletter advertisement photo image illustration ' +
    'video copyright reserved rights editor editorial staff reporter reuters ap afp associated press ' +
    'new week weeks today yesterday tomorrow day days month months year years time times recent recently ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april june july ' +
    'august september october november december jan feb mar apr jun jul aug sep sept oct nov dec ' +
    'mr mrs ms dr first second third last next two three four five percent www com http https ' +
    'including include includes among across part still already whose another way ways thing things lot ' +
    // common English verbs, adverbs and abstract nouns: frequent in every kind of story, so they say nothing about
    // which event this one is (a stand-in for the IDF weighting a corpus would give)
    'ability able accord act action actually add added address affect agree allow allowed allows alone along ' +
    'amid amount announce answer anyone anything appear appears approach area argue argued argues around ask asked ' +
    'available away back base based basic become becomes begin behind believe best better beyond bring broad build ' +
    'came case cause certain chance change changes clear clearly come comes coming concern concerns consider ' +
    'considered continue continues could current currently deal decide decided describe described despite detail ' +
    'different difficult direct directly discuss early easy effect effort efforts else emerge end ensure entire ' +
    'especially essential even event eventually evidence example expect expected explain face fact far fast ' +
    'feel felt find finds focus focused follow following form forward found full fully future general generally give ' +
    'gives good great greater group groups grow growing grows hand happen happening happens hard help high higher ' +
    'highlight highlights hold hope huge idea important impact increase increased increasing increasingly instead ' +
    'issue issues keep key kind know known large larger late later lead leader leaders leads learn leave left level ' +
    'likely line little long look looking low main mainly matter matters mean means meanwhile measure meet mention ' +
    'might move moves moving need needed needs number offer open order particular particularly past pay place ' +
    'point points pose possible potential potentially probably problem process provide put question raise raised ' +
    'range reach real reality reason recent regard regarding remain remains require required requires result ' +
    'results return right rise role run running see seek seeking seem seems seen set show shows side sign ' +
    'significant significantly similar simply small soon sort source speak specific stand start started state ' +
    'states step strong suggest suggested suggests support sure take taken takes taking talk term terms thought ' +
    'together top total toward try trying turn type understand unlike usually value various view want wants ' +
    'warn warned warns whole wide widely word words worked working works yes'
  ).split(/\s+/),
);

/**
 * Words that nearly every article in an AI news feed uses whatever its event. Kept at low weight rather than dropped
 * because two articles sharing only these are not the same story, but they do nudge close cases.
 */
const GENERIC_TERMS: ReadonlySet<string> = new Set(
  (
    'ai artificial intelligence model models system systems technology technologies tech company companies firm ' +
    'firms industry developer developers development develop data lab labs research researcher researchers ' +
    'tool tools capability capabilities advanced powerful new government governments people world global user users ' +
    'launch launched chief executive ceo startup startups big major leading top market billion million work public ' +
    'announced announce announcement statement plan plans move call calls called'
  )
    .split(/\s+/)
    .map(stemTerm),
);

/** Words of the text with their offset in the text; apostrophe-s possessives folded into the word. */
// a run of a \p{…} class is bounded: V8 runs out of stack on one of millions (a hostile page's 4 MB of '!')
const TOKEN = /[\p{L}\p{N}]{1,1000}(?:['’][\p{L}]{1,1000})*/gu;

interface Token {
  word: string;
  isCapitalizedMidSentence: boolean;
}

/** Characters after which a capitalised word starts a sentence or a line, so its capital says nothing about names. */
const SENTENCE_OPENERS = new Set(['.', '!', '?', ':', ';', '\n', '\r', '"', '“', '‘', '(', '-', '–', '—', '•']);

/** The first `limit` tokens of `text`. */
function tokenize(text: string, limit = Number.POSITIVE_INFINITY): Token[] {
  const tokens: Token[] = [];
  const normalized = text.normalize('NFKC');
  for (const match of normalized.matchAll(TOKEN)) {
    if (tokens.length >= limit) break;
    const raw = match[0];
    const start = match.index ?? 0;
    let before = start - 1;
    while (before >= 0 && (normalized[before] === ' ' || normalized[before] === '\t')) before--;
    const isSentenceStart = before < 0 || SENTENCE_OPENERS.has(normalized[before]!);
    const first = raw.charAt(0);
    const upper = raw.toUpperCase();
    const isCapitalized = first !== first.toLowerCase() && raw !== upper;
    const isAcronym = raw.length >= 2 && raw.length <= 6 && raw === upper && raw !== raw.toLowerCase();
    const lower = raw.toLowerCase();
    tokens.push({
      word: lower.includes("'") || lower.includes('’') ? lower.replace(/['’](?:s)?$/u, '').replace(/['’]/gu, '') : lower,
      isCapitalizedMidSentence: (isCapitalized && !isSentenceStart) || isAcronym,
    });
  }
  return tokens;
}

/** Light English stemmer: enough to merge inflections of one word, never so aggressive it merges distinct words. */
export function stemTerm(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 6) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('ation') && w.length > 8) w = w.slice(0, -3); // coordination -> coordinat(e)
  else if (w.endsWith('ment') && w.length > 8) w = w.slice(0, -4); // improvement -> improv(e)
  else if (w.endsWith('ly') && w.length > 6) w = w.slice(0, -2); // rapidly -> rapid
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Stop words stemmed, so that "warning" and "highlighted" are caught as well as "warn" and "highlight". */
const STOP_STEMS: ReadonlySet<string> = new Set([...STOP_WORDS].map(stemTerm));

function isContentWord(word: string, stem: string): boolean {
  if (word.length < 2 || STOP_WORDS.has(word) || STOP_STEMS.has(stem)) return false;
  // Bare numbers (dates, counts) are not topics; "gpt4"/"h20" style names keep their letters and stay.
  return !/^\d+$/.test(word);
}

export type TopicVector = ReadonlyMap<string, number>;

export function computeTopicVector(title: string | null, text: string): TopicVector {
  // Per term: summed position weight in the lead, whether the title has it, whether it is written like a name.
  const stats = new Map<string, { lead: number; inTitle: boolean; nameVotes: number; mentions: number }>();
  const statsOf = (term: string) => {
    let entry = stats.get(term);
    if (!entry) stats.set(term, (entry = { lead: 0, inTitle: false, nameVotes: 0, mentions: 0 }));
    return entry;
  };

  const titleTokens = title ? tokenize(title) : [];
  const isRealTitle = titleTokens.length > 0 && titleTokens.length <= MAX_TITLE_WORDS;
  // Headline capitals say nothing about names (headlines are title-cased); only the body votes on names.
  if (isRealTitle) {
    for (const token of titleTokens) {
      const stem = stemTerm(token.word);
      if (isContentWord(token.word, stem)) statsOf(stem).inTitle = true;
    }
  }

  const body = isRealTitle || !title ? text : `${title}\n${text}`;
  const lead = tokenize(body, LEAD_WORDS);
  lead.forEach((token, position) => {
    const stem = stemTerm(token.word);
    if (!isContentWord(token.word, stem)) return;
    const entry = statsOf(stem);
    entry.lead += 1 - (0.5 * position) / LEAD_WORDS;
    entry.mentions += 1;
    if (token.isCapitalizedMidSentence) entry.nameVotes += 1;
  });

  const weights: [string, number][] = [];
  for (const [term, entry] of stats) {
    // Square root: a name repeated ten times is salient, but not ten times more than the event's other terms;
    // otherwise one shared entity (the company) would carry a match between two of its unrelated stories.
    // A headline word the lead never repeats is often furniture (a site name, "Live updates"), so it earns less.
    const titleBonus = entry.inTitle ? (entry.mentions > 0 ? TITLE_WEIGHT : TITLE_WEIGHT * UNREPEATED_TITLE_FACTOR) : 0;
    let weight = Math.sqrt(entry.lead) + titleBonus;
    if (GENERIC_TERMS.has(term)) weight *= GENERIC_WEIGHT;
    else if (entry.nameVotes * 2 > entry.mentions) weight *= NAME_BOOST;
    weights.push([term, weight]);
  }
  const top = weights.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, TOPIC_TERMS);
  const norm = Math.sqrt(top.reduce((sum, [, w]) => sum + w * w, 0));
  return new Map(top.map(([term, w]) => [term, norm === 0 ? 0 : w / norm]));
}

export function serializeTopicVector(vector: TopicVector): string {
  const parts = [...vector].map(([term, weight]) => `${term}=${weight.toFixed(3)}`);
  return `${SIGNATURE_VERSION}:${parts.join(',')}`;
}

export function computeTopicSignature(title: string | null, text: string): string {
  return serializeTopicVector(computeTopicVector(title, text));
}

/**
 * A topic vector prepared for fast comparison: term ids (interned, ascending) and their weights, so that two
 * vectors compare by a merge of two short sorted arrays instead of hash lookups.
 */
export interface ParsedTopic {
  termIds: Int32Array;
  weights: Float64Array;
}

/**
 * Term -> small integer id, shared by all parsed signatures. Grows with the vocabulary seen (tens of thousands of
 * terms at most for a news pipeline); ids are only compared within one process, never stored.
 */
const termIds = new Map<string, number>();

function internTerm(term: string): number {
  let id = termIds.get(term);
  if (id === undefined) termIds.set(term, (id = termIds.size));
  return id;
}

/** How many terms have an id: every id of a parsed signature is below this, so arrays indexed by id can be sized. */
export function internedTermCount(): number {
  return termIds.size;
}

/** Decoded topic signatures, keyed by their text (as for the near signatures, entries never change a result). */
const decodedTopics = new Map<string, ParsedTopic | null>();
const DECODED_CACHE_LIMIT = 40_000;

/** Null when the text is not a topic signature of the current version. */
export function parseTopicSignature(serialized: string): ParsedTopic | null {
  const cached = decodedTopics.get(serialized);
  if (cached !== undefined) return cached;
  let parsed: ParsedTopic | null = null;
  if (serialized.startsWith(`${SIGNATURE_VERSION}:`)) {
    const entries: [number, number][] = [];
    const body = serialized.slice(SIGNATURE_VERSION.length + 1);
    for (const part of body === '' ? [] : body.split(',')) {
      const eq = part.lastIndexOf('=');
      const weight = Number(part.slice(eq + 1));
      if (eq > 0 && Number.isFinite(weight)) entries.push([internTerm(part.slice(0, eq)), weight]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    parsed = { termIds: Int32Array.from(entries, (e) => e[0]), weights: Float64Array.from(entries, (e) => e[1]) };
  }
  if (decodedTopics.size >= DECODED_CACHE_LIMIT) decodedTopics.clear();
  decodedTopics.set(serialized, parsed);
  return parsed;
}

/**
 * Share of a single term's contribution that is discounted. Two unrelated stories about one company share its name,
 * strongly weighted in both; a story match should rest on several shared terms (the event's words), not one.
 */
const SINGLE_TERM_DISCOUNT = 0.5;

/**
 * Cosine similarity of two topic vectors (both L2-normalised) with half of the largest single-term contribution
 * discounted, rescaled so identical vectors score 1; 0..1. O(terms): a merge of two sorted arrays.
 */
export function topicSimilarity(a: ParsedTopic, b: ParsedTopic): number {
  let dot = 0;
  let largest = 0;
  let i = 0;
  let j = 0;
  const aIds = a.termIds;
  const bIds = b.termIds;
  while (i < aIds.length && j < bIds.length) {
    const aId = aIds[i]!;
    const bId = bIds[j]!;
    if (aId < bId) i++;
    else if (aId > bId) j++;
    else {
      const contribution = a.weights[i]! * b.weights[j]!;
      dot += contribution;
      if (contribution > largest) largest = contribution;
      i++;
      j++;
    }
  }
  return discountSingleTerm(dot, largest);
}

/**
 * A cosine `dot` of two unit vectors with {@link SINGLE_TERM_DISCOUNT} of its `largest` single-term contribution
 * taken off, renormalised so that identical vectors still score 1; 0..1.
 */
export function discountSingleTerm(dot: number, largest: number): number {
  const discounted = SINGLE_TERM_DISCOUNT * largest;
  return discounted >= 1 ? 0 : Math.max(0, Math.min(1, (dot - discounted) / (1 - discounted)));
}
