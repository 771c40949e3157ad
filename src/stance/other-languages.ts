/**
 * Relevance of a text in a language the scorer does not read (it reads English): whether its own words name the
 * topic, by the pipeline's word lists for that language (`topic.otherLanguages`). No stance is judged: a lexicon and
 * model of one language say nothing true of another, and an invented "neutral" would count in the tallies.
 *
 * A sentence names the topic when it holds a proposal term and a context term and no exclude term, as the English
 * rules ask at their simplest ("KI-Moratorium" holds both). Terms are matched case-folded, as whole words in scripts
 * that space their words and anywhere in those that do not, or glue particles to them (Chinese, Japanese, Thai,
 * Korean); a `*` at a word's start or end stands for more letters, for the compounds and inflections of languages that
 * glue words ("*pause" matches "Entwicklungspause" and "KI-Pause"; "pausier*" matches "pausieren").
 */

import type { OtherLanguageTerms, RelevanceResult } from '../model/index.ts';
import { languagesOfScript, scriptOfLanguage } from '../model/language.ts';
// a run without a sentence end is read, and shown as evidence, in pieces of this length at most, as the English rules read
import { MAX_SENTENCE_CHARS } from './split-sentences.ts';

// Letters a `*` between two words of a term stands for: within a word, or across the hyphens of a compound. A `*` at
// the term's start or end needs none: it only lifts the word bound there, so a pattern costs one pass of the text.
const MORE_LETTERS = "[\\p{L}\\p{N}\\p{M}'’-]{0,40}";
/**
 * What continues a word, for a term's bounds: letters of the scripts that space their words whole (a Latin term beside
 * Han or Hangul is a word of its own: "AI開発", "AI의"), digits, marks.
 */
const WORD_CHAR = '[\\p{Script=Latin}\\p{Script=Cyrillic}\\p{Script=Greek}\\p{Script=Arabic}\\p{Script=Hebrew}\\p{Script=Devanagari}\\p{N}\\p{M}]';
/**
 * Scripts whose terms match anywhere: written without spaces (Chinese, Japanese, Thai), or gluing particles to words
 * (Korean's "인공지능이").
 */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Hangul}]/u;
/** Evidence sentences kept, as the English rules keep. */
const MAX_EVIDENCE = 3;
/** Sentences read: a text longer than this names its topic well before. */
const MAX_SENTENCES = 400;
// A proposal word's sentence takes its domain from the sentences this close, as the English rules' neighbourhood does.
const CONTEXT_NEIGHBOURHOOD = 2;
/**
 * An acronym written in capitals ("KI", "IA", "AI", "ИИ") matches only in capitals: folded, it is a common word of
 * some language (Italian "ai", "to the"; Spanish and Portuguese "ia", "was going").
 */
const ACRONYM = /^(\p{Lu}[\p{Lu}.]{0,5})$/u;

/**
 * A sentence (or a term) as written and folded, each once, after Unicode compatibility folding: acronyms are matched
 * in the one, the other terms in the other.
 */
interface Sentence {
  text: string;
  folded: string;
}

function sentenceOf(text: string): Sentence {
  const normalised = text.normalize('NFKC');
  return { text: normalised, folded: normalised.toLowerCase() };
}

/**
 * A term as a pattern: words separated by any spacing, `*` ends for more letters, word bounds where words are
 * spaced. Folded to lower case unless `exact` (an acronym's pattern, matched against the text as written).
 */
function termPattern(term: string, exact = false): string | null {
  const { text: written, folded } = sentenceOf(term);
  const text = exact ? written : folded;
  const words = text.trim().split(/\s+/).filter((w) => w.replace(/\*/g, '') !== '');
  if (words.length === 0) return null;
  const last = words.length - 1;
  return words
    .map((word, index) => {
      const core = word.replace(/^\*|\*$/g, '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      const openEnd = (star: boolean, atEnd: boolean) => (star ? (atEnd ? '' : MORE_LETTERS) : null);
      const start = openEnd(word.startsWith('*'), index === 0) ?? (UNSPACED.test(core[0]!) ? '' : `(?<!${WORD_CHAR})`);
      const end = openEnd(word.endsWith('*'), index === last) ?? (UNSPACED.test(core.at(-1)!) ? '' : `(?!${WORD_CHAR})`);
      return `${start}${core}${end}`;
    })
    .join('[\\s\\u00a0]{1,3}');
}

function isAcronym(term: string): boolean {
  return ACRONYM.test(term.normalize('NFKC').trim());
}

/** What a term matches, as the scorer's settings digest names it: the same for terms that match the same. */
export function termKey(term: string): string | null {
  const pattern = termPattern(term, isAcronym(term));
  return pattern === null || !isAcronym(term) ? pattern : `exact:${pattern}`;
}

/** A list of terms as one test of a sentence: acronyms as written, the rest folded. */
function termsTest(terms: readonly string[]): ((sentence: Sentence) => boolean) | null {
  const regex = (list: readonly string[], exact: boolean) => {
    const patterns = [...new Set(list.map((term) => termPattern(term, exact)).filter((p): p is string => p !== null))];
    return patterns.length === 0 ? null : new RegExp(patterns.join('|'), 'u');
  };
  const exact = regex(terms.filter(isAcronym), true);
  const folded = regex(terms.filter((term) => !isAcronym(term)), false);
  if (exact === null && folded === null) return null;
  return (sentence) => (exact?.test(sentence.text) ?? false) || (folded?.test(sentence.folded) ?? false);
}

interface CompiledTerms {
  proposal: ((sentence: Sentence) => boolean) | null;
  context: ((sentence: Sentence) => boolean) | null;
  exclude: ((sentence: Sentence) => boolean) | null;
}

/**
 * Sentences of any script: after a full stop, question or exclamation mark and space, after their CJK forms, at line
 * ends; a longer run than MAX_SENTENCE_CHARS in pieces, cut at a space where there is one.
 */
function sentencesOf(text: string): string[] {
  const sentences: string[] = [];
  for (const part of text.split(/(?<=[.!?؟])\s+|(?<=[。！？])|\n+/u)) {
    let rest = part.trim();
    while (rest !== '' && sentences.length < MAX_SENTENCES) {
      const space = rest.length > MAX_SENTENCE_CHARS ? rest.lastIndexOf(' ', MAX_SENTENCE_CHARS) : -1;
      const cut = rest.length <= MAX_SENTENCE_CHARS ? rest.length : space > 0 ? space : MAX_SENTENCE_CHARS;
      sentences.push(rest.slice(0, cut).trim());
      rest = rest.slice(cut).trim();
    }
    if (sentences.length >= MAX_SENTENCES) break;
  }
  return sentences.filter((s) => s !== '');
}

/**
 * Relevance by a language's word lists: a sentence names the topic when it holds a proposal term, a context term
 * stands in it, within CONTEXT_NEIGHBOURHOOD sentences of it or in the headline, and it holds no exclude term. One
 * such sentence makes a text relevant, more make it surer; a headline naming the topic counts twice.
 */
export function createOtherLanguageRelevance(languages: Readonly<Record<string, OtherLanguageTerms>>, threshold: number) {
  const compiled = new Map<string, CompiledTerms>(
    Object.entries(languages).map(([lang, terms]) => [lang.toLowerCase(), {
      proposal: termsTest(terms.proposalTerms),
      context: termsTest(terms.contextTerms),
      exclude: termsTest(terms.excludeTerms ?? []),
    }]),
  );

  /**
   * The word lists for a text's language code: those under the code, under any code of the same language (a text in
   * `pt` takes the lists of `pt` and `pt-BR`), and under its script's code (`ru`: `und-Cyrl`); for a script's code
   * (`und-Cyrl`: the text did not say which of the languages written in Cyrillic), the lists of each of those too.
   */
  function termsOf(lang: string): CompiledTerms[] {
    const code = lang.toLowerCase();
    const primaryOf = (tag: string) => tag.split('-')[0]!;
    const written = languagesOfScript(lang);
    const script = scriptOfLanguage(code)?.toLowerCase();
    const matches = (key: string) =>
      key === code || key === script || (written === null ? primaryOf(key) === primaryOf(code) : written.test(primaryOf(key)));
    return [...compiled].filter(([key]) => matches(key)).map(([, terms]) => terms);
  }

  return function relevanceIn(lang: string, title: string | null, text: string): RelevanceResult {
    const found = termsOf(lang).map((terms) => relevanceBy(terms, title, text));
    return found.sort((a, b) => b.score - a.score)[0] ?? { score: 0, relevant: false, evidence: [] };
  };

  function relevanceBy({ proposal, context, exclude }: CompiledTerms, title: string | null, text: string): RelevanceResult {
    if (proposal === null || context === null) return { score: 0, relevant: false, evidence: [] };
    const excluded = (s: Sentence) => exclude?.(s) ?? false;
    const evidence: string[] = [];
    let weight = 0;
    // a headline of another sense ("AI chatbot stops sign-ups") lends the body no domain either
    const headline = title === null ? null : sentenceOf(title.slice(0, MAX_SENTENCE_CHARS));
    const titleHasContext = headline !== null && context(headline) && !excluded(headline);
    if (headline !== null && titleHasContext && proposal(headline)) {
      weight += 2;
      evidence.push(title!.trim().slice(0, MAX_SENTENCE_CHARS));
    }
    const sentences = sentencesOf(text).map(sentenceOf);
    const hasContext = sentences.map((s) => context(s));
    sentences.forEach((s, index) => {
      if (!proposal(s) || excluded(s)) return;
      const near = hasContext.slice(Math.max(0, index - CONTEXT_NEIGHBOURHOOD), index + CONTEXT_NEIGHBOURHOOD + 1).some(Boolean);
      if (!near && !titleHasContext) return;
      weight += 1;
      if (evidence.length < MAX_EVIDENCE && !evidence.includes(s.text)) evidence.push(s.text);
    });
    const score = weight === 0 ? 0 : Math.round((1 - 0.5 ** (weight + 1)) * 100) / 100;
    return { score, relevant: score >= threshold, evidence };
  }
}
