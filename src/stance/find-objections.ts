/**
 * Objections stated in order to be answered: "Critics say a pause hands Beijing the lead. Nonsense.", "The
 * 'capture' take would be more convincing if ...", "Q: Isn't a pause a gift to China? A: ...". The words of such a
 * sentence are the other camp's, not the author's: the learned layer reads them apart (as `obj:` features), so
 * "hands Beijing the lead" in a refuted objection does not count as the author's opposition.
 */

import { isClauseBreak, type Token } from './tokenize.ts';

/** Speakers named only by their camp: what they say is a view the author reports, usually to answer it. */
const CAMP_WORDS = new Set([
  'critics', 'critic', 'skeptics', 'sceptics', 'skeptic', 'sceptic', 'opponents', 'detractors', 'naysayers', 'doubters',
  'cynics', 'colleagues', 'accelerationists', 'doomers', 'pundits', 'commentators',
  // Supporters' arguments are named to be dismissed in the same way.
  'supporters', 'proponents', 'advocates', 'backers', 'signatories', 'pausers', 'boosters', 'enthusiasts',
]);

/** Nouns that name an argument as a thing ("the overhang argument", "the open-weights crowd"). */
const ARGUMENT_NOUNS = new Set([
  'argument', 'arguments', 'take', 'line', 'objection', 'objections', 'crowd', 'camp', 'claim', 'claims', 'narrative',
  'critique', 'charge', 'brigade', 'trope', 'framing', 'talking', 'myth', 'complaint', 'retort', 'refrain', 'premise',
  'analogy', 'logic', 'comparison', 'metaphor', 'slogan', 'mantra', 'excuse',
]);

/** Vague subjects of a reported view: "some say", "they argue", "people claim", "you'll hear". */
const VAGUE_SPEAKERS = new Set(['some', 'they', 'people', 'many', 'others', 'you', "you'll", 'everyone', 'folks', 'someone', 'somebody']);
const SPEECH_VERBS = new Set([
  'say', 'says', 'said', 'claim', 'claims', 'argue', 'argues', 'insist', 'insists', 'tell', 'told', 'hear', 'warn', 'warns',
  'worry', 'worries', 'fear', 'fears', 'object', 'objects', 'complain', 'complains', 'call', 'calls', 'think', 'believe',
  'suggest', 'suggests', 'contend', 'contends', 'retort', 'scoff', 'sneer', 'note', 'notes', 'point', 'points', 'claiming',
  'saying', 'insisting', 'arguing', 'yelling', 'shouting', 'love', 'like',
]);

/** Words that answer a view just stated: "But ...", "Nonsense.", "That's wrong", "Read the proposal". */
const REBUTTAL_WORDS = new Set([
  'but', 'yet', 'however', 'wrong', 'nonsense', 'rubbish', 'lazy', 'weak', 'decoy', 'myth', 'actually', 'fact', 'nobody',
  'untrue', 'false', 'backwards', 'misses', 'miss', 'ignores', 'ignore', 'forgets', 'read', 'except', 'until', 'convincing',
  'pick', 'really', 'funny', 'odd', 'curious', 'strange', 'truth', 'reality', 'misread', 'misreads', 'overlooks', 'never',
  'collapses', 'fails', 'tired', 'sounds', 'except', 'unless', 'neither', 'nor',
]);

function hasCue(tokens: readonly Token[]): number {
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i]!.word;
    const next = tokens[i + 1]?.word ?? '';
    if (CAMP_WORDS.has(word)) return i + 1;
    if (ARGUMENT_NOUNS.has(word) && i > 0) return i + 1;
    if (VAGUE_SPEAKERS.has(word) && (SPEECH_VERBS.has(next) || SPEECH_VERBS.has(tokens[i + 2]?.word ?? ''))) return i + 2;
    // "we are told", "we're told": a view pressed on the author.
    if ((word === 'told' || word === 'hear') && ['are', "we're", 'keep', 'often', 'always', 'constantly'].includes(tokens[i - 1]?.word ?? '')) return i + 1;
    // "Fine, call it a publicity exercise." — a charge granted for the sake of argument.
    if (i === 0 && (word === 'fine' || word === 'granted' || word === 'okay' || word === 'ok') && next === ',') return i + 2;
    if (word === 'call' && i <= 2 && next === 'it') return i + 2;
  }
  // A sentence that opens on a short quoted slogan: "'But China' — ...".
  if (tokens[0]?.word === '"' && tokens.findIndex((t, i) => i > 0 && t.word === '"') <= 5 && tokens.length > 5) return 1;
  return -1;
}

function hasRebuttal(tokens: readonly Token[], from: number): boolean {
  for (let i = from; i < tokens.length; i++) {
    const word = tokens[i]!.word;
    if (REBUTTAL_WORDS.has(word)) return true;
    // A negated copula answering the view: "that isn't so", "it is not a gift".
    if ((word === "isn't" || word === "aren't" || word === "doesn't" || word === "won't") && i > from) return true;
  }
  return false;
}

/**
 * For each sentence, whether it states a view the passage goes on to answer: a camp's or a vague speaker's view
 * (or an interviewer's question) followed, in the same sentence or the next, by a rebuttal.
 */
export function findObjections(sentences: readonly (readonly Token[])[]): boolean[] {
  return sentences.map((tokens, index) => {
    // An interviewer's question is answered by definition; its words are not the passage's position.
    if (tokens[0]?.word === 'q' && tokens[1]?.word === ':') return true;
    const cueEnd = hasCue(tokens);
    if (cueEnd < 0) return false;
    // The rebuttal: after the cue's clause in this sentence, or in the next sentence.
    let clauseEnd = cueEnd;
    while (clauseEnd < tokens.length && !isClauseBreak(tokens[clauseEnd]!.word)) clauseEnd++;
    const next = sentences[index + 1];
    return hasRebuttal(tokens, clauseEnd) || (next !== undefined && hasRebuttal(next.slice(0, 8), 0));
  });
}
