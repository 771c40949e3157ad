/**
 * Clause-level polarity of one sentence towards the pause. Lexicon cues are found on tokens, then each is
 * weighed by where it stands:
 * - negation in its clause flips it ("would not be a good thing"), unless the cue carries its own negation
 *   ("not enough", "cannot be verified");
 * - a conceded clause ("While X, ...", "X, but ...") weighs less than the clause that answers it;
 * - hedges ("might", "probably") and conditionals ("if") soften it;
 * - a plain question asserts little; a question of disbelief ("Who believes rivals will stop?") asserts the
 *   opposite of its content; a leading question ("Isn't it time to pause?") asserts its content;
 * - sarcasm flips calls and judgements ("Sure, let's all stop. Brilliant.").
 */

import { CALENDAR_WORDS, WEEKDAYS } from './calendar-words.ts';
import { compilePhrases, type PhraseMatch, type PhraseMatcher } from './phrase-matcher.ts';
import {
  ASSERTIVE_QUESTION, CONCESSION_OPENERS, CONDITIONALS, CONTRAST_MARKERS, DISBELIEF_QUESTION, ENACTING_VERBS, HEDGES,
  NEGATORS, OPPOSING_VERBS, PHRASAL_REJECTIONS, QUESTIONING_VERBS, type StanceCue,
} from './pause-lexicon.ts';
import { isClauseBreak, type Token } from './tokenize.ts';

export interface CueHit {
  /** Token range of the cue. */
  from: number;
  to: number;
  /** Signed contribution after all modifiers: positive supports the pause. */
  value: number;
  cue: StanceCue;
}

const disbeliefQuestion = compilePhrases(DISBELIEF_QUESTION.map((pattern) => ({ pattern, data: true })));
const assertiveQuestion = compilePhrases(ASSERTIVE_QUESTION.map((pattern) => ({ pattern, data: true })));

// Weights of the weaker side of a contrast or concession, and of softened claims.
const CONCEDED_WEIGHT = 0.35;
const SENTENCE_OPENING_CONTRAST_WEIGHT = 1.2;
const HEDGE_WEIGHT = 0.75;
const CONDITIONAL_WEIGHT = 0.5;
const PLAIN_QUESTION_WEIGHT = 0.35;
const EMBEDDED_QUESTION_WEIGHT = 0.3;
const NEGATED_WEIGHT = -0.7;
const NEGATION_REACH = 3;

function isNegator(word: string): boolean {
  return NEGATORS.has(word) || word.endsWith("n't");
}

type QuestionKind = 'none' | 'plain' | 'disbelief' | 'assertive';

function questionKind(tokens: readonly Token[]): QuestionKind {
  if (tokens.at(-1)?.word !== '?' && tokens.at(-2)?.word !== '?') return 'none';
  if (disbeliefQuestion.match(tokens, 0, Math.min(tokens.length, 6)).length > 0) return 'disbelief';
  if (assertiveQuestion.match(tokens, 0, Math.min(tokens.length, 3)).length > 0) return 'assertive';
  return 'plain';
}

/** Weight of each token's clause: conceded clauses weigh less than the ones that answer them. */
function clauseWeights(tokens: readonly Token[], isAnswered: boolean): number[] {
  const weights = new Array<number>(tokens.length).fill(1);
  const first = tokens[0]?.word;
  if (first !== undefined && CONCESSION_OPENERS.has(first) && (first !== 'even' || /^(if|though)$/.test(tokens[1]?.word ?? ''))) {
    for (let i = 0; i < tokens.length && tokens[i]!.word !== ',' && tokens[i]!.word !== ';'; i++) weights[i] = CONCEDED_WEIGHT;
  } else if (first !== undefined && CONTRAST_MARKERS.has(first)) {
    weights.fill(SENTENCE_OPENING_CONTRAST_WEIGHT);
  }
  // "Professor Tremaine is right that the hardest problem for any cartel is detecting cheating. But ...": a point
  // granted to someone else, which the next sentence answers; without the answer it is agreement ("The critics were
  // right that a pause would be unenforceable."), as "X is right to call for a pause" is an endorsement and "It is
  // right that the labs pause" the writer's own call.
  for (let i = 1; isAnswered && i < tokens.length - 1; i++) {
    if (tokens[i]!.word !== 'right' || !/^(is|are|was|were|'s|'re)$/.test(tokens[i - 1]!.word) || tokens[i + 1]!.word !== 'that') continue;
    if (/^(it|this|that)$/.test(tokens[i - 2]?.word ?? '')) continue;
    for (let j = i; j < tokens.length && tokens[j]!.word !== ';'; j++) weights[j] = Math.min(weights[j]!, CONCEDED_WEIGHT);
  }
  const setOff = setOffRelativeClauses(tokens);
  // each token's set-off clause, by index in setOff, or -1
  const clauseAt = new Int32Array(tokens.length).fill(-1);
  setOff.forEach(([from, to], index) => clauseAt.fill(index, from, to));
  for (let i = 1; i < tokens.length; i++) {
    const word = tokens[i]!.word;
    if (!CONTRAST_MARKERS.has(word)) continue;
    const previous = tokens[i - 1]!.word;
    // "yet", "still", "instead" are contrast markers only after a clause break ("no lab has yet said").
    if (word !== 'but' && word !== 'however' && !isClauseBreak(previous)) continue;
    // "not only ... but also" is addition, not contrast.
    if (word === 'but' && tokens[i + 1]?.word === 'also') continue;
    // A relative clause set off by commas is its own statement: a "but" inside it concedes only its words, and one
    // after it none of them ("OpenAI, which said it opposed a fixed-term pause, was invited but declined").
    const inside = clauseAt[i]!;
    for (let j = inside < 0 ? 0 : setOff[inside]![0]; j < i; j++) {
      const clause = clauseAt[j]!;
      if (inside < 0 && clause >= 0 && setOff[clause]![1] <= i) continue;
      weights[j] = Math.min(weights[j]!, CONCEDED_WEIGHT);
    }
  }
  return weights;
}

/** Verbs of a set-off clause that report what its speaker said or did about the proposal. */
const CLAUSE_REPORTS = /^(said|says|has|have|had|told|argued|argues|opposed|opposes|backed|backs|supported|supports|rejected|rejects|welcomed|welcomes|called|calls|warned|warns|signed|urged|urges|endorsed|criticised|criticized|dismissed)$/;

/**
 * Relative clauses set off by commas that say what a speaker said or did (", who co-signed the letter ...,", ", which
 * said ... ,"): [first word, closing comma or end). One that describes a thing (", which would be hard to verify,") is
 * the concession a later "but" answers, and is not listed.
 */
function setOffRelativeClauses(tokens: readonly Token[]): [number, number][] {
  const clauses: [number, number][] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i - 1]!.word !== ',' || !/^(which|who)$/.test(tokens[i]!.word)) continue;
    let end = i + 1;
    while (end < tokens.length && tokens[end]!.word !== ',') end++;
    // a speaker's clause ("who co-signed the letter"), or one that reports within a few words ("which on Monday said")
    if (tokens[i]!.word === 'who' || tokens.slice(i + 1, Math.min(end, i + 5)).some((token) => CLAUSE_REPORTS.test(token.word))) clauses.push([i, end]);
    i = end;
  }
  return clauses;
}

/**
 * "called the pause a cartel", "calls the moratorium \"an overreach\"": a call word with the pause as its object and a
 * name the lexicon weighs against it, which says what the speaker calls the pause, not that they call for one. A name
 * it does not weigh against ("called the moratorium a historic step") leaves the call standing. A name given to "it" or
 * "this" ("called it \"a resolution about a pause that does not exist\"") names something, and calls for nothing.
 */
function namesWithoutCalling(tokens: readonly Token[], match: PhraseMatch<StanceCue>, matches: readonly PhraseMatch<StanceCue>[]): boolean {
  if (!/^call(?:s|ed|ing)?$/.test(tokens[match.from]!.word) || /^(for|on|upon)$/.test(tokens[match.from + 1]?.word ?? '')) return false;
  const nameAt = (at: number) => (tokens[at]?.word === '"' ? at + 1 : at);
  if (/^(it|them|this|that)$/.test(tokens[match.from + 1]?.word ?? '')) return /^(a|an|the)$/.test(tokens[nameAt(match.from + 2)]?.word ?? '');
  const nameStart = nameAt(match.to);
  if (!/^(a|an|the)$/.test(tokens[nameStart]?.word ?? '')) return false;
  // a quoted name ends at its closing mark, one not quoted with its clause
  const isQuoted = tokens[nameStart - 1]?.word === '"';
  let nameEnd = nameStart;
  while (nameEnd < tokens.length && (isQuoted ? tokens[nameEnd]!.word !== '"' : !isClauseBreak(tokens[nameEnd]!.word))) nameEnd++;
  return matches.some((other) => other.data.polarity < 0 && other.from >= nameStart && other.from < nameEnd);
}

/** Words that name the proposal, or its opposite (racing on), as the thing a clause evaluates. */
const PROPOSAL_WORDS = /^(paus|moratori|slowdown|freez|halt|proposal|plan$|letter$|brakes?$|slowing|stopping|stop$|wait|supporters?$|proponents?$|backers?$|advocates?$)/;
// Critics of the pause, and their objections, stand with the race and its backers with the proposal: "the critics are
// wrong" and "a silly objection" support.
const RACE_WORDS = /^(racing|race$|scaling|building|build$|rush|speed|accelerat|deploy|shipping|ship$|critics?$|skeptics?$|sceptics?$|opponents?$|detractors?$|objections?$)/;

/**
 * What an evaluation in a clause is about: the word it qualifies right after it ("a silly objection", "a reckless
 * race", "a reckless pause", "reckless to pause"; not "plan", as "a reckless plan to scale up" is a lab's), else the
 * nearest proposal or race word before it in the clause, with a negated proposal word ("not pausing", "without a
 * pause") counting as the race.
 */
const TARGET_REACH = 7;
const SPEED_LIMITS = new Set(['limit', 'limits', 'bump', 'bumps', 'cap', 'caps', 'brake', 'brakes']);

function evaluatedTarget(tokens: readonly Token[], clauseStart: number, cueFrom: number, cueTo: number): 'proposal' | 'race' | null {
  // ("reckless to pause": the infinitive after it)
  const qualified = (tokens[cueTo]?.word === 'to' ? tokens[cueTo + 1]?.word : tokens[cueTo]?.word) ?? '';
  // "a sensible speed limit" is a limit on the race, the pause's kind of thing
  if (qualified === 'speed' && SPEED_LIMITS.has(tokens[cueTo + 1]?.word ?? '')) return 'proposal';
  if (RACE_WORDS.test(qualified)) return 'race';
  if (PROPOSAL_WORDS.test(qualified) && !/^plans?$/.test(qualified)) return 'proposal';
  const from = Math.max(clauseStart, cueFrom - TARGET_REACH);
  for (let i = cueFrom - 1; i >= from; i--) {
    const word = tokens[i]!.word;
    // "slowing down on the grounds that systems advance too fast": the evaluation is inside its own clause.
    if (/^(that|because|which|who|whom|since|as|grounds)$/.test(word)) return null;
    const isProposal = PROPOSAL_WORDS.test(word);
    if (!isProposal && !RACE_WORDS.test(word)) continue;
    const before = tokens[i - 1]?.word ?? '';
    const before2 = tokens[i - 2]?.word ?? '';
    const isNegated = isNegator(before) || isNegator(before2);
    if (isProposal) return isNegated ? 'race' : 'proposal';
    return isNegated ? 'proposal' : 'race';
  }
  return null;
}

// How far before a predicate noun the "make" of "does not make an agreement a cartel" may stand.
const MAKING_REACH = 10;

/**
 * True for a noun the clause denies something is made into: "does not make an agreement a cartel", "doesn't make it
 * a moat" (a rebuttal's words, beyond the reach of an ordinary negation).
 */
function isDeniedNaming(tokens: readonly Token[], clauseStart: number, cue: number): boolean {
  if (!/^(a|an)$/.test(tokens[cue - 1]?.word ?? '')) return false;
  for (let i = cue - 2; i > Math.max(clauseStart, cue - MAKING_REACH - 1); i--) {
    const word = tokens[i]!.word;
    // "never made a secret that he thought the pause was a mistake": the noun is another clause's
    if (/^(that|which|who|whether|because|is|was|are|were|be)$/.test(word)) return false;
    if (/^(make|makes|made|making)$/.test(word) && isNegator(tokens[i - 1]!.word)) return true;
  }
  return false;
}

function clauseStartOf(tokens: readonly Token[], index: number): number {
  let i = index;
  while (i > 0 && !isClauseBreak(tokens[i - 1]!.word) && !CONTRAST_MARKERS.has(tokens[i - 1]!.word)) i--;
  return i;
}

/**
 * Weighs the stance cues found in a sentence (by sentence-matches.ts). `isSarcastic` is decided per paragraph by the caller,
 * because the marker ("Brilliant.") often stands in a sentence of its own; `isAnswered`, that the next sentence of the
 * paragraph opens with "But", "However" or "Yet".
 */
export function findCueHits(
  tokens: readonly Token[], matches: readonly PhraseMatch<StanceCue>[], isSarcastic: boolean, isAnswered = false,
): CueHit[] {
  if (matches.length === 0) return [];
  const weights = clauseWeights(tokens, isAnswered);
  const question = questionKind(tokens);
  const refusals = refusedSpans(tokens);
  const candidates: CueHit[] = [];
  // Cues turned because they stand in what is refused: their side before the refusal is the refused thing's.
  const refusedMatches = new Set<PhraseMatch<StanceCue>>();
  const refused = new Set<CueHit>();
  // where the particles of phrasal rejections stand (a rejection is its verb and its particle: "beat back")
  const rejectionParticles = new Set(matches.filter((match) => PHRASAL_REJECTIONS.includes(match.data.id)).map((match) => match.from + 1));
  for (const match of matches) {
    const cue = match.data;
    // "has backed away from her call for a pause", "backed down": no backing
    if (/^back(?:s|ed|ing)?$/.test(tokens[match.from]!.word) && /^(?:away|down|off)$/.test(tokens[match.from + 1]?.word ?? '')) continue;
    // "walked back her call for a pause", "scaled back its support": a retreat, no backing (a retreat refused, "refused
    // to walk back his call", is read with its call as before); "pushed back against the pause", resistance
    if (tokens[match.from]!.word === 'back' && /^(?:walk|scal|pull|roll|dial|push)(?:s|ed|ing|e|es)?$/.test(tokens[match.from - 1]?.word ?? '')
      && !isRefusedRetreat(tokens, match.from - 1)) continue;
    // "beat back calls for a pause": the particle of a rejection, no backing
    if (rejectionParticles.has(match.from)) continue;
    if (cue.opensWithVerb && (!readsAsVerb(tokens, match.from) || modifiesNoun(tokens, match.from) || namesWithoutCalling(tokens, match, matches))) continue;
    if (cue.ownPause && isUndoneOwnPause(tokens, match)) continue;
    if (cue.opensWithSubject && (!opensClause(tokens, match.from) || isLimited(tokens, match.to))) continue;
    if (cue.pauseSubject && !isPauseTheSubject(tokens, match)) continue;
    if (cue.pauseObject && !isPauseTheObject(tokens, match)) continue;
    if (cue.undoneOnly && undoingsOf(tokens, match) === 0) continue;
    if (cue.kind === 'call' && cue.polarity > 0 && (callsToDeliberate(tokens, match) || isAskedOfSubject(tokens, match.from) || isForgoneCall(tokens, match))) continue;
    if (cue.asksToPause && !isPauseOfTraining(tokens, match)) continue;
    if (cue.asksFor && isDescribingAsk(tokens, match.from)) continue;
    if (PHRASAL_REJECTIONS.includes(cue.id) && !isPhrasalRejectionOfPause(tokens, match.from)) continue;
    // (not one denied, of few, or asked: "does not question the need", "Few question", "Who would question ...?")
    // a stand only on the pause, or a call or proposal for it; none denied or of few ("never spoke in favour of")
    const standEnd = cue.stand ? standObjectOf(tokens, match) : -1;
    if (cue.stand && (standEnd < 0 || isDeniedInClause(tokens, match.from))) continue;
    // "has been a leading critic of", not "had been" or "would have been", often a view given up or supposed
    if (cue.stand && tokens[match.from]!.word === 'been' && !isPerfectBeen(tokens, match.from)) continue;
    // (a verb's object only: the noun "criticism" is read as before, "accused PauseAI of bad faith criticism")
    if (cue.id === OPPOSING_VERBS && !/^critici[sz]ms?$/.test(tokens[match.from]!.word) && !isPassiveAt(tokens, match.from) && !isOpposingTheDebate(tokens, match.to)) continue;
    const questioned = cue.id === QUESTIONING_VERBS ? questionedMeritOf(tokens, match.to) : null;
    if (cue.id === QUESTIONING_VERBS && (questioned === null || question !== 'none' || isDeniedInClause(tokens, match.from))) continue;
    let value = cue.polarity * cue.weight * weights[match.from]!;
    const clauseStart = clauseStartOf(tokens, match.from);
    if (cue.negatable) {
      // A leading negative auxiliary of an assertive question ("Isn't it time ...?") is not a negation.
      const negationFrom = Math.max(clauseStart, match.from - NEGATION_REACH, question === 'assertive' ? 1 : 0);
      let isNegated = false;
      // ("doesn't just support it": no negation of what follows)
      for (let i = negationFrom; i < match.to; i++) {
        if (isNegator(tokens[i]!.word) && !isNotJustPosition(tokens, i) && !isDeniedDoubt(tokens, i, match.from)) isNegated = !isNegated;
      }
      if (!isNegated && isDeniedNaming(tokens, clauseStart, match.from)) isNegated = true;
      if (!isNegated && isDeniedVerdict(tokens, match.from, cue.opensWithSubject === true || cue.pauseSubject === true) && !isNarrowedCall(tokens, match)) isNegated = true;
      // "refuses to sign the pause letter", "declined to back the call": what is refused is not done.
      const isRefused = refusals.some(([from, to]) => match.from >= from && match.from < to);
      if (isRefused) isNegated = !isNegated;
      if (isNegated) value *= NEGATED_WEIGHT;
      if (isRefused) refusedMatches.add(match);
    }
    let isHedged = false;
    let isConditional = false;
    let isEmbeddedQuestion = false;
    for (let i = clauseStart; i < match.from; i++) {
      const word = tokens[i]!.word;
      if (HEDGES.has(word)) isHedged = true;
      // "Were the risks real, ..." is a conditional only as a clause opener.
      if (CONDITIONALS.has(word) && (word !== 'were' || i === clauseStart)) isConditional = true;
      // "Asked whether a freeze would be sensible, ..." asks; it does not assert.
      if (word === 'whether') isEmbeddedQuestion = true;
    }
    if (isEmbeddedQuestion) value *= EMBEDDED_QUESTION_WEIGHT;
    if (isHedged) value *= HEDGE_WEIGHT;
    if (isConditional) value *= CONDITIONAL_WEIGHT;
    if (question === 'plain') value *= PLAIN_QUESTION_WEIGHT;
    else if (question === 'disbelief') value *= -0.9;
    if (cue.kind === 'judgement' || cue.kind === 'risk') {
      // An evaluation takes the side of what it evaluates: "the proposal is reckless" opposes the pause,
      // "racing ahead is reckless" and "not pausing would be reckless" support it.
      const target = evaluatedTarget(tokens, clauseStart, match.from, match.to);
      const defaultTarget = cue.kind === 'risk' ? 'race' : 'proposal';
      if (target !== null && target !== defaultTarget) value = -value;
    }
    if (isSarcastic && (cue.kind === 'call' || cue.kind === 'judgement')) value = -value;
    // (a stand's undoing is its own, below: "voiced support for ending the pause" turned once)
    if (cue.kind === 'call' && cue.polarity > 0 && !cue.stand && callsToUndo(tokens, match)) value = -value;
    if (cue.kind === 'call' && cue.polarity > 0 && (isPauseOfOther(tokens, match.to) || signsForPauseOfOther(tokens, match))) continue;
    // "questioned the wisdom of lifting the pause", "voted against the proposal to end the pause": a doubt of its
    // undoing, a stand against it, is for it
    if (questioned === 'undoing' || (cue.stand && isUndoingBefore(tokens, match.from + 1, standEnd))) value = -value;
    const candidate = { from: match.from, to: match.to, value, cue };
    if (refusedMatches.has(match)) refused.add(candidate);
    candidates.push(candidate);
  }
  // Overlapping cues describe the same words ("marketing ploy" and "ploy"): keep the strongest.
  candidates.sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const hits: CueHit[] = [];
  for (const candidate of candidates) {
    if (hits.some((hit) => candidate.from < hit.to && hit.from < candidate.to)) continue;
    hits.push(candidate);
  }
  hits.sort((a, b) => a.from - b.from);
  // "Industry groups reject calls to halt AI development", "rejected Anthropic's call to pause": a call for the pause
  // that the clause rejects is the rejecter's opposition, not support. The call reads as one on its own words, so it
  // is turned here: a call cue a few words after a rejection, with the call's noun between them or opening it.
  // A rejected call that undoes the pause ("rejected calls to scrap the moratorium", "fought off calls for the
  // moratorium to lapse") is the other way round: the rejection and the call are both for the pause.
  const turnedRejections = new Set<CueHit>();
  for (const [index, hit] of hits.entries()) {
    const rejection = hits[index - 1];
    if (hit.cue.kind !== 'call' || !rejection || !isRejectedCall(tokens, rejection, { from: hit.from, to: hit.from + 1 })) continue;
    if (hit.value > 0) hit.value = -hit.value;
    else if (hit.cue.polarity > 0) {
      hit.value = -hit.value;
      rejection.value = -rejection.value;
      turnedRejections.add(rejection);
    }
  }
  // "rejected claims that a pause would hand China the lead", "rejected the argument that a pause is necessary": what a
  // rejected claim says is the other side's, the rejection takes the side against it (and no side of its own)
  for (const rejection of [...hits]) {
    const claim = rejectedClaimOf(tokens, rejection);
    if (claim === null) continue;
    const said = hits.filter((hit) => hit.from > claim.noun && hit.from < claim.end);
    // a claim questioned or disputed that says nothing read ("disputed reports that it had violated the moratorium")
    // takes no side; one rejected keeps the rejection's
    if (said.length === 0 && rejection.cue.id === QUESTIONING_VERBS) hits.splice(hits.indexOf(rejection), 1);
    if (said.length === 0) continue;
    for (const hit of said) hit.value = -hit.value;
    // the rejection and the claim's own noun ("criticism") describe it
    hits.splice(0, hits.length, ...hits.filter((hit) => hit !== rejection && !(hit.from <= claim.noun && hit.to > claim.noun)));
  }
  // "mocked researchers who signed the pause letter", "slammed lawmakers who voted to lift the moratorium": a rejection of
  // people is against what the clause describing them says they do, and takes no side of its own
  for (const rejection of [...hits]) {
    const described = rejectedPeopleClauseOf(tokens, rejection);
    if (described === null) continue;
    const done = hits.filter((hit) => hit.from > described.from && hit.from < described.end);
    if (done.length === 0) continue;
    for (const hit of done) hit.value = -hit.value;
    hits.splice(hits.indexOf(rejection), 1);
  }
  // "dismissed the objections to the pause", "rejected criticism of the moratorium": a rejection of what is against the
  // pause is for it, and the cues of what it rejects ("criticism", "that the pause would hand China the lead") describe
  // that, no claim of the clause's
  // So is a rejection of a proposal to undo it ("turned down demands to lift the moratorium", "shot down the idea of
  // ending the pause"), which a call cue has not turned above.
  // A rejection denied of either ("did not oppose the proposal to end the pause") takes no side.
  const rejectedObjections = new Set<CueHit>();
  for (const hit of hits) {
    const isDenied = hit.cue.polarity < 0 && hit.value > 0 && !turnedRejections.has(hit);
    const asRejection = isDenied ? { ...hit, value: -hit.value } : hit;
    const objectionAt = rejectedObjectionOf(tokens, asRejection);
    const objection = objectionAt >= 0 ? objectionAt : rejectedUndoingOf(tokens, asRejection);
    // ("The proposal to end the pause was opposed by Senator Lopez": the proposal its subject, before it)
    const passive = objection < 0 ? passiveRejectedUndoingOf(tokens, asRejection) : -1;
    if (objection < 0 && passive < 0) continue;
    if (isDenied) rejectedObjections.add(hit);
    else hit.value = -hit.value;
    if (passive >= 0) {
      for (const other of hits) if (other !== hit && other.to > passive && other.from < hit.from) rejectedObjections.add(other);
      continue;
    }
    let end = objection;
    while (end < tokens.length && !isClauseBreak(tokens[end]!.word) && !CLAUSE_BREAKS.has(tokens[end]!.word)) end++;
    for (const other of hits) if (other !== hit && other.to > objection && other.from < end) rejectedObjections.add(other);
  }
  if (rejectedObjections.size > 0) hits.splice(0, hits.length, ...hits.filter((hit) => !rejectedObjections.has(hit)));
  // "signed a letter opposing the pause", "refused to sign a letter against the pause": signing a text, or refusing to,
  // takes a side on what the text says. The cue read the text as a call for the pause; where the words after it say
  // the text is against it, the act takes the other side, and those words, which describe the text, are no claim of
  // the clause's own ("refused to sign a letter opposing the pause" is no opposition).
  const described = new Set<CueHit>();
  for (const hit of hits) {
    if (described.has(hit) || !isEndorsingAct(tokens, hit)) continue;
    const content = contentOfSigned(tokens, hits, hit, refused);
    if (content.side >= 0) continue;
    hit.value = -hit.value;
    if (content.hit !== null) described.add(content.hit);
  }
  return described.size === 0 ? hits : hits.filter((hit) => !described.has(hit));
}

/**
 * The index of the against-noun a rejection takes, where that noun is against the pause: "dismissed the objections to
 * the pause", "rejected the industry's criticism of the moratorium", "rejected the criticism that the pause would
 * ..."; -1 otherwise. A rejection is an opposing call cue of a verb of rejecting (isRejection).
 */
function rejectedObjectionOf(tokens: readonly Token[], hit: CueHit): number {
  if (!isRejection(hit)) return -1;
  let noun = hit.to;
  while (noun < hit.to + REJECTED_OBJECTION_WORDS && noun < tokens.length && !AGAINST_NOUNS.has(tokens[noun]!.word)) {
    const word = tokens[noun]!.word;
    if (isClauseBreak(word) || CLAUSE_BREAKS.has(word) || CALL_NOUNS.has(word) || PAUSE_WORDS.test(word)) return -1;
    // (not what is against it undone or lacking: "slammed the lack of exemptions", "opposed the removal of exemptions")
    if (UNDOING_NOUNS.has(word) || LACKING_NOUNS.has(word)) return -1;
    noun++;
  }
  const preposition = tokens[noun + 1]?.word ?? '';
  if (!AGAINST_NOUNS.has(tokens[noun]?.word ?? '') || !/^(?:to|of|against|on|over|about|that)$/.test(preposition)) return -1;
  // the pause the head of what follows, with a determiner and modifiers only before it: not "the objections of pause
  // advocates", "of the pause coalition", "criticism over its pause opposition"
  let pause = noun + 2;
  if (!PAUSE_MODIFIERS.has(tokens[pause]?.word ?? '')) return -1;
  while (pause <= noun + 1 + REJECTED_OBJECTION_WORDS && isPauseModifier(tokens[pause]?.word ?? '')) pause++;
  if (!PAUSE_WORDS.test(tokens[pause]?.word ?? '') || tokens[pause]!.isPossessive) return -1;
  const after = tokens[pause + 1]?.word ?? '.';
  // "criticism that the pause would hand China the lead": what the pause would do, not that it "was lifted too early",
  // "would be lifted too soon", "would end too early"
  if (preposition === 'that') {
    const verb = tokens[pause + 2]?.word ?? '';
    return /^(?:would|will|could|might)$/.test(after) && verb !== 'be' && !ENDING_VERBS.has(verb) && !isUndoingForm(verb) ? noun : -1;
  }
  // and no noun, verb in -ing or undoing after it: not "the pause coalition", "the moratorium being lifted", "the pause
  // ending", "the pause lifted early"
  return isClauseBreak(after) || PAUSE_HEAD_FOLLOWERS.has(after) || (/^\p{L}+ed$/u.test(after) && !UNDONE_PARTICIPLES.has(after)) ? noun : -1;
}
/** Words after a pause noun that leave it the head of its phrase: "objections to the pause from industry lobbyists". */
const PAUSE_HEAD_FOLLOWERS = new Set([
  'from', 'by', 'as', 'out', 'on', 'of', 'in', 'for', 'at', 'with', 'over', 'under', 'since', 'until', 'to', 'she', 'he',
  'they', 'it', 'we', 'i', 'that', 'which', 'who', 'now', 'yesterday', 'today', 'is', 'was', 'are', 'were', 'would',
  'will', 'could', 'has', 'had', 'and', 'but', 'because', 'proposal', 'proposals', 'plan', 'plans', 'idea', 'call', 'calls',
  'during', 'after', 'before',
]);
/** Words at most from a phrasal rejection's verb to the pause it is about: "brushed aside the growing calls for a pause". */
const PHRASAL_REJECTION_REACH = 10;
/** Nouns a reported call is made with ("calls to halt", "the appeal for a moratorium"). */
const CALL_NOUNS = new Set(['call', 'calls', 'appeal', 'appeals', 'plea', 'pleas', 'demand', 'demands']);
/** What a phrasal rejection takes a side by rejecting: calls and proposals for the pause, what is against it. */
const REJECTED_CALL_HEADS = new Set([
  ...CALL_NOUNS, 'proposal', 'proposals', 'idea', 'plan', 'plans', 'letter', 'petition', 'push', 'campaign',
]);
/** What it takes a side by rejecting when the pause is named after it: what is against the pause, a claim about it. */
const REJECTED_AGAINST_HEADS = new Set([
  'objection', 'objections', 'criticism', 'criticisms', 'complaints', 'critics', 'concerns', 'fears', 'worries', 'doubts',
  'warnings', 'claim', 'claims', 'argument', 'arguments', 'suggestion', 'suggestions', 'notion', 'allegations',
  'accusations', 'charges', 'assertion', 'assertions', 'predictions', 'talk', 'reports', 'speculation',
]);
/** Words before a rejected head: "brushed aside the growing calls", "shrugged off the open letter". */
const REJECTED_HEAD_MODIFIERS = new Set([
  'the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'these', 'those', 'any', 'all', 'such', 'growing',
  'renewed', 'repeated', 'latest', 'new', 'fresh', 'mounting', 'urgent', 'public', 'open', 'loud', 'recent', 'earlier',
  'proposed', 'global', 'international', 'verified', 'coordinated', 'temporary', 'industry', 'activists', 'scientists',
]);
/**
 * Whether a phrasal rejection's verb at `verb` is about the pause, by what it takes ("brushed aside calls for a pause",
 * "shrugged off the objections to the moratorium", "laughed off the pause"): the pause itself; a call, a proposal or a
 * letter, for the pause by its noun in the clause, for a halt ("calls to stop training"), or named alone ("brushed aside
 * the calls, saying ..."); what is against the pause, by its noun. Not "turned down a plea from nurses for higher pay",
 * "turned down an invitation to discuss the pause", "fought off a cold before the pause debate".
 */
export function isPhrasalRejectionOfPause(tokens: readonly Token[], verb: number): boolean {
  let head = verb + 2;
  while (head < verb + 5 && (REJECTED_HEAD_MODIFIERS.has(tokens[head]?.word ?? '') || tokens[head]?.isPossessive === true
    || /^\p{L}+-\p{L}+$/u.test(tokens[head]?.word ?? ''))) head++;
  const word = tokens[head]?.word ?? '';
  if (PAUSE_NOUN_EXACT.test(word)) return true;
  const isCall = REJECTED_CALL_HEADS.has(word);
  if (!isCall && !REJECTED_AGAINST_HEADS.has(word)) return false;
  if (isCall && (isClauseBreak(tokens[head + 1]?.word ?? '.') || (tokens[head + 1]?.word === 'to' && PAUSE_VERB_WORDS.test(tokens[head + 2]?.word ?? '')))) return true;
  // a claim, by what it says ("shrugged off criticism that the movement was naive"; see rejectedClaimOf)
  if (!isCall && tokens[head + 1]?.word === 'that') return true;
  for (let i = head + 1; i <= verb + PHRASAL_REJECTION_REACH && i < tokens.length && !isClauseBreak(tokens[i]!.word); i++) {
    if (PAUSE_WORDS.test(tokens[i]!.word)) return true;
  }
  return false;
}
/** Verbs of a halt after a call's "to": "calls to stop training", "to pause", "to slow down". */
const PAUSE_VERB_WORDS = /^(?:pause|halt|stop|freeze|slow|suspend)$/;
/**
 * The index of the proposal a rejection takes, where that proposal undoes the pause: "turned down demands to lift the
 * moratorium", "shot down the idea of ending the pause", "fought off calls to exempt the largest labs from the pause";
 * -1 otherwise.
 */
function rejectedUndoingOf(tokens: readonly Token[], hit: CueHit): number {
  if (!isRejection(hit)) return -1;
  const noun = nounAfterRejection(tokens, hit, PROPOSED_UNDOING_NOUNS);
  if (noun >= 0 && isUndoingProposal(tokens, noun)) return noun;
  // the undoing by its own noun: "opposed the lifting of the moratorium", "criticised the end of the pause"
  const undoing = nounAfterRejection(tokens, hit, UNDOING_NOUNS);
  return undoing >= 0 && /^(?:of|to)$/.test(tokens[undoing + 1]?.word ?? '') && isThisPauseAfterModifiers(tokens, undoing + 2) ? undoing : -1;
}
/**
 * The index of the proposal a passive rejection has as its subject, where that proposal undoes the pause: "The proposal
 * to end the pause was opposed by Senator Lopez", "Calls to let the moratorium expire were rejected"; -1 otherwise.
 */
function passiveRejectedUndoingOf(tokens: readonly Token[], hit: CueHit): number {
  if (!isRejection(hit) || !isPassiveAt(tokens, hit.from)) return -1;
  let noun = clauseStartOf(tokens, hit.from);
  while (noun < hit.from && (REJECTED_HEAD_MODIFIERS.has(tokens[noun]!.word) || tokens[noun]!.isPossessive === true)) noun++;
  return PROPOSED_UNDOING_NOUNS.has(tokens[noun]?.word ?? '') && isUndoingProposal(tokens, noun) ? noun : -1;
}
/** Whether "been" at `been` says what has been so: "has been", "have been", not "had been", "would have been". */
export function isPerfectBeen(tokens: readonly Token[], been: number): boolean {
  // (past one adverb: "has long been")
  const auxiliary = /^(?:long|always|also|now|since|consistently)$/.test(tokens[been - 1]?.word ?? '') ? been - 2 : been - 1;
  return /^(?:has|have)$/.test(tokens[auxiliary]?.word ?? '') && !/^(?:would|could|should|may|might|must|will)$/.test(tokens[auxiliary - 1]?.word ?? '');
}
/** Whether the participle at `verb` is a passive's: "was (widely) opposed", "has been criticised by". */
function isPassiveAt(tokens: readonly Token[], verb: number): boolean {
  let auxiliary = verb - 1;
  while (auxiliary > 0 && /^\p{L}+ly$/u.test(tokens[auxiliary]!.word)) auxiliary--;
  return /^(?:was|were|is|are|been|be)$/.test(tokens[auxiliary]?.word ?? '');
}
/** Whether the proposal's noun at `noun` undoes the pause: "demands to lift the moratorium", "the idea of ending the pause". */
function isUndoingProposal(tokens: readonly Token[], noun: number): boolean {
  const verb = noun + 2;
  const verbWord = tokens[verb]?.word ?? '';
  const isUndoing = tokens[noun + 1]?.word === 'to'
    ? UNDOING_VERBS.has(verbWord) || (UNDOING_PARTICLES.get(verbWord)?.test(tokens[verb + 1]?.word ?? '') ?? false)
      || (verbWord === 'let' && isLetEnd(tokens, pauseNounAfter(tokens, verb + 1)))
    : tokens[noun + 1]?.word === 'of' && UNDOING_GERUNDS.has(verbWord);
  if (!isUndoing) return false;
  // the pause the undoing's object ("to delay the moratorium"; not "to delay its next model until the pause", "to end
  // the debate on the pause"), or what it is exempted from ("to exempt open-source labs from the moratorium"), or let end
  let object = verb + (UNDOING_PARTICLES.has(verbWord) ? 2 : 1);
  if (verbWord === 'exempt') {
    while (object <= verb + UNDONE_REACH && object < tokens.length && tokens[object]!.word !== 'from' && !isClauseBreak(tokens[object]!.word)) object++;
    object++;
  }
  return isThisPauseAfterModifiers(tokens, object);
}

/** The index of the first of `nouns` within a few words after a rejection in its clause ("rejected the growing calls"), or -1. */
function nounAfterRejection(tokens: readonly Token[], hit: CueHit, nouns: ReadonlySet<string>): number {
  let noun = hit.to;
  while (noun < hit.to + REJECTED_OBJECTION_WORDS && noun < tokens.length && !nouns.has(tokens[noun]!.word)) {
    if (isClauseBreak(tokens[noun]!.word) || CLAUSE_BREAKS.has(tokens[noun]!.word)) return -1;
    noun++;
  }
  return nouns.has(tokens[noun]?.word ?? '') ? noun : -1;
}

/** Whether the retreat at `verb` is refused or denied: "refused to walk back", "won't walk back". */
function isRefusedRetreat(tokens: readonly Token[], verb: number): boolean {
  const before = tokens[verb - 1]?.word ?? '';
  if (isNegator(before)) return true;
  return before === 'to' && /^(?:refuse|refuses|refused|refusing|decline|declines|declined|declining)$/.test(tokens[verb - 2]?.word ?? '');
}
/** Nouns of what someone says, whose "that" clause a rejection of them rejects: "rejected claims that ...". */
const REJECTED_CLAIM_NOUNS = new Set([
  'argument', 'arguments', 'claim', 'claims', 'idea', 'notion', 'view', 'suggestion', 'suggestions', 'assertion',
  'assertions', 'allegation', 'allegations', 'accusation', 'accusations', 'charge', 'charges', 'contention', 'premise',
  'prediction', 'predictions', 'warning', 'warnings', 'fear', 'fears', 'concern', 'concerns', 'criticism', 'criticisms',
  'complaint', 'complaints', 'objection', 'objections', 'speculation', 'reports', 'talk',
]);
/**
 * The claim's noun a rejection takes and the end of that noun's "that" clause ("rejected claims that a pause would
 * hand China the lead", "dismissed the argument that a pause is necessary"), or null.
 */
function rejectedClaimOf(tokens: readonly Token[], hit: CueHit): { noun: number; end: number } | null {
  if (!isRejection(hit)) return null;
  const noun = nounAfterRejection(tokens, hit, REJECTED_CLAIM_NOUNS);
  if (noun < 0 || tokens[noun + 1]?.word !== 'that') return null;
  let end = noun + 2;
  while (end < tokens.length && !isClauseBreak(tokens[end]!.word) && !CLAUSE_BREAKS.has(tokens[end]!.word)) end++;
  return { noun, end };
}

/**
 * Whether a hit is a rejection that opposes as read: a call cue of a verb of rejecting, one word ("dismissed", "opposed",
 * "slammed"), a verb and its particle ("brushed aside"), or one of questioning what it takes (questionedMeritOf).
 */
function isRejection(hit: CueHit): boolean {
  if (hit.cue.kind !== 'call' || hit.value >= 0) return false;
  return hit.cue.id === QUESTIONING_VERBS || hit.cue.id === OPPOSING_VERBS || PHRASAL_REJECTIONS.includes(hit.cue.id);
}
/**
 * The relative clause describing the people a rejection takes ("mocked researchers who signed the pause letter",
 * "criticised Senator Cruz, who wants to end the pause"): its "who" and its end, or null.
 */
function rejectedPeopleClauseOf(tokens: readonly Token[], hit: CueHit): { from: number; end: number } | null {
  if (!isRejection(hit)) return null;
  for (let who = hit.to + 1; who <= hit.to + REJECTED_PEOPLE_WORDS && who < tokens.length; who++) {
    const word = tokens[who]!.word;
    if (word !== 'who' && word !== 'whom') {
      // (past a comma: "criticised Senator Cruz, who ...")
      if (word !== ',' && (isClauseBreak(word) || CLAUSE_BREAKS.has(word))) return null;
      continue;
    }
    let end = who + 1;
    while (end < tokens.length && !isClauseBreak(tokens[end]!.word)) end++;
    return { from: who, end };
  }
  return null;
}
/** Words at most from a rejection to the "who" of the people it takes: "mocked the prominent researchers who". */
const REJECTED_PEOPLE_WORDS = 5;
/** Whether a verb is denied or said of few in its clause: "does not question", "Few question", "never spoke in favour". */
function isDeniedInClause(tokens: readonly Token[], verb: number): boolean {
  for (let i = clauseStartOf(tokens, verb); i < verb; i++) {
    const word = tokens[i]!.word;
    if (isNegator(word) || /^(?:few|nobody|none|hardly|scarcely|never)$/.test(word)) return true;
  }
  return false;
}
/**
 * The index of the pause a stand is on (STAND rows): the noun its match ends on, this pause ("voted against the
 * moratorium", "argued against a pause in a widely shared post"; not "a pause in hostilities", "the hiring freeze",
 * "the moratorium on state AI laws", "a halt to fracking", "the pause's critics"); or, where the match ends on a call,
 * proposal, letter, plan or idea, the pause named after it in its clause ("the proposal to end the pause"), or that
 * noun itself where nothing after it says what it is for ("voted against the proposal.", "came out against the
 * proposal on Tuesday", "hailed the proposal as a breakthrough"); -1 otherwise ("the proposal to split the company",
 * "the idea that a pause would be easy", "the plan, which would fund new science labs", "the return-to-office plan").
 */
function standObjectOf(tokens: readonly Token[], match: PhraseMatch<StanceCue>): number {
  const last = match.to - 1;
  const word = tokens[last]!.word;
  const before = tokens[last - 1]?.word ?? '';
  // what the stand is on follows its words with modifiers only: not "pushed back against critics of the pause", "on
  // questions about the pause", "against the idea that a pause is unenforceable", "attacked critics of the moratorium"
  // (nor a relative clause anywhere in it: "is among the models that supporters of the moratorium point to")
  if (tokens.slice(match.from, last).some((token) => RELATIVE_WORDS.has(token.word))) return -1;
  const between = tokens.slice(standWordsEnd(tokens, match), last);
  if (between.some((token) => STAND_PARTICLES.has(token.word) || NOT_STAND_OBJECT_WORDS.has(token.word) || CLAIM_NOUNS.has(token.word) || AGAINST_NOUNS.has(token.word))) return -1;
  if (PAUSE_NOUN_EXACT.test(word) || word === 'moratoria') {
    // not the pause's critics or exemptions by a compound after it ("challenged the pause critics")
    if (AGAINST_NOUNS.has(tokens[match.to]?.word ?? '') || /^carve-outs?$/.test(tokens[match.to]?.word ?? '')) return -1;
    // a compound of another domain's word before the noun ("the hiring freeze"), not an adjective ("a blanket halt")
    return tokens[last]!.isPossessive || isOtherDomainCompound(tokens, last) || isStandOnOther(tokens, match.to) ? -1 : last;
  }
  // a bill only where the pause is named after it ("vetoed a bill to lift the moratorium"; not "vetoed the bill")
  if (/^(?:bill|bills|measure|legislation)$/.test(word) && (pauseInClause(tokens, match.to) ?? -1) < 0) return -1;
  // a plan of something else by a compound before its noun ("the company's return-to-office plan")
  if (last - 1 > match.from && !isPauseModifier(before) && !STAND_PARTICLES.has(before) && !tokens[last - 1]!.isPossessive) return -1;
  const next = tokens[match.to]?.word ?? '.';
  // (a claim's "that" says what someone claims, no proposal: "warned against the idea that a pause would be easy")
  if (next === 'that') return -1;
  if (next === ',' && /^(?:which|that)$/.test(tokens[match.to + 1]?.word ?? '')) {
    // a relative clause says what it is: the pause in it, or nothing of it ("the plan, which would fund science labs")
    return pauseInClause(tokens, match.to + 2) ?? -1;
  }
  // ("on Tuesday" a setting, "on data centres" what it is about)
  const isComplement = STAND_COMPLEMENTS.has(next) || (next === 'on' && !WEEKDAYS.has(tokens[match.to + 1]?.word ?? ''));
  return pauseInClause(tokens, match.to) ?? (isClauseBreak(next) || !isComplement ? last : -1);
}
/** The stand rows' words before what they are on, each compiled once: "voiced opposition to" of "voiced opposition to ~3 ...". */
const standWords = new Map<string, PhraseMatcher<null>>();
/** Where a stand's own words end, before the words it skips to what it is on ("voted against | the proposed | pause"). */
function standWordsEnd(tokens: readonly Token[], match: PhraseMatch<StanceCue>): number {
  let matcher = standWords.get(match.data.id);
  if (matcher === undefined) {
    // (every stand row ends on a skip and what it is on: "~3 pause|moratorium|...|proposal")
    matcher = compilePhrases([{ pattern: match.data.id.trim().split(/\s+/).slice(0, -2).join(' '), data: null }]);
    standWords.set(match.data.id, matcher);
  }
  const ends = matcher.match(tokens, match.from, match.to).filter((words) => words.from === match.from).map((words) => words.to);
  return ends.length === 0 ? match.to - 1 : Math.max(...ends);
}
/** Words that open a relative clause, in which no stand of the sentence's subject is said. */
const RELATIVE_WORDS = new Set(['that', 'who', 'which', 'whose', 'whom']);
/**
 * Whether what a verb of opposing takes from `from` is in the debate, by a word of it before its clause ends: this
 * pause, a call, proposal, plan, framework or decision, a claim by its "that", something pointed at ("dismissed it as
 * naive"), people a clause describes by the pause ("mocked the researchers who asked for a pause"), or nothing
 * ("opposed, saying ..."); not "condemned the attack on the embassy before the pause vote", "condemned Russia's
 * invasion.", "criticised the labs for racing ahead".
 */
function isOpposingTheDebate(tokens: readonly Token[], from: number): boolean {
  for (let i = from; i < from + OPPOSED_OBJECT_WORDS && i < tokens.length; i++) {
    const word = tokens[i]!.word;
    // (nothing taken: "opposed, saying ..."; a clause taken without a word of the debate: "condemned Russia's invasion.";
    // but "opposed both the tariffs and the pause")
    if (word === 'and' && /^(?:the|a|an|its|their|any)$/.test(tokens[i + 1]?.word ?? '')) continue;
    if (isClauseBreak(word) || CLAUSE_BREAKS.has(word)) return i === from;
    // (a setting in time ends what it takes: "the attack on the embassy before the pause vote")
    if (OPPOSED_OBJECT_ENDS.has(word)) return false;
    // this pause, not another domain's ("condemned the moratorium on state AI laws", "the rent freeze")
    if (PAUSE_WORDS.test(word)) return !isOtherDomainPauseAt(tokens, i);
    // what is about it ("mocked the researchers who asked for a pause", "dismissed calls from researchers to stop"), a
    // claim by what it says
    // (and not one on another domain's pause: "denounced the decision to end the humanitarian pause")
    if (word === 'pace' || DEBATE_OBJECTS.has(word) || PROPOSED_UNDOING_NOUNS.has(word) || (CLAIM_NOUNS.has(word) && tokens[i + 1]?.word === 'that')) {
      return !isOnOtherPause(tokens, i + 1);
    }
  }
  return false;
}
/** Whether the first pause named from `from` in its clause is another domain's ("the decision to end the humanitarian pause"). */
function isOnOtherPause(tokens: readonly Token[], from: number): boolean {
  for (let i = from; i < from + OPPOSED_OBJECT_WORDS && i < tokens.length && !isClauseBreak(tokens[i]!.word); i++) {
    if (PAUSE_WORDS.test(tokens[i]!.word)) return isOtherDomainPauseAt(tokens, i);
  }
  return false;
}
/** Whether the pause noun at `noun` is another domain's, by what it is on, of, in or to, or by a compound before it. */
function isOtherDomainPauseAt(tokens: readonly Token[], noun: number): boolean {
  return isPauseOfOther(tokens, noun + 1) || isOtherDomainCompound(tokens, noun);
}
/** Whether the word before the pause noun at `noun` makes it another domain's: "the hiring freeze", "a wage freeze". */
function isOtherDomainCompound(tokens: readonly Token[], noun: number): boolean {
  const before = tokens[noun - 1]?.word ?? '';
  return OTHER_PAUSE_OBJECTS.has(before) || OTHER_PAUSE_COMPOUNDS.has(before);
}
/**
 * Words at most from a verb of opposing to the word that puts what it takes in the debate: "mocked critics who said the
 * pace of AI development must be reduced".
 */
const OPPOSED_OBJECT_WORDS = 12;
/** Words of a setting in time, which end what a verb of opposing takes. */
const OPPOSED_OBJECT_ENDS = new Set(['before', 'after', 'during', 'amid', 'ahead', 'following', 'since', 'until']);
/** Words that name the pause or what is about it in other words than its noun: "dismissed it", "rejected the framework". */
const DEBATE_OBJECTS = new Set([
  'it', 'this', 'that', 'them', 'these', 'those', 'letter', 'petition', 'statement', 'proposal', 'proposals', 'plan',
  'plans', 'idea', 'push', 'campaign', 'initiative', 'treaty', 'agreement', 'scheme', 'approach', 'notion', 'effort',
  'efforts', 'move', 'measure', 'bill', 'signatories', 'advocates', 'proponents', 'supporters', 'backers', 'anthropic',
  'brake', 'suggestion', 'framework', 'accord', 'pact', 'pledge', 'commitment', 'recommendation', 'recommendations',
  'premise', 'exercise', 'regime', 'warning', 'warnings', 'argument', 'arguments', 'case',
  // how rivals frame it: "opposed any attempt by a small number of countries to monopolise the making of rules", "the
  // use of safety as a pretext for containment"
  'attempt', 'attempts', 'pretext', 'containment', 'hegemony',
]);
/** Words between a stand's own words and the pause that make the pause no object of the stand. */
const NOT_STAND_OBJECT_WORDS = new Set([
  'about', 'from', 'over', 'with', 'in', 'that', 'questions', 'question', 'reports', 'report', 'exemptions', 'exemption',
]);
/** Words after a call or proposal that say what it is for: "the proposal to split the company", "the plan for". */
const STAND_COMPLEMENTS = new Set(['to', 'for', 'of', 'that', 'which', 'about', 'calling', 'asking', 'urging', 'demanding']);
/** The index of this pause named within a stand's reach from `from` in its clause (-1 for another's), or null. */
function pauseInClause(tokens: readonly Token[], from: number): number | null {
  for (let i = from; i < from + STAND_OBJECT_REACH && i < tokens.length && !isClauseBreak(tokens[i]!.word); i++) {
    if (PAUSE_NOUN_EXACT.test(tokens[i]!.word)) return tokens[i]!.isPossessive || isStandOnOther(tokens, i + 1) ? -1 : i;
  }
  return null;
}
/**
 * Whether the pause that ends at `end` is of another domain for a stand: as isPauseOfOther, but "in" only before what
 * another pause is in ("a pause in hostilities", "in the talks"), as a stand's "in" is as often its setting ("argued
 * against a pause in a widely shared post", "voiced opposition to the moratorium in a letter"); "a halt to fracking".
 */
function isStandOnOther(tokens: readonly Token[], end: number): boolean {
  const preposition = tokens[end]?.word ?? '';
  if (preposition === 'to') return OTHER_PAUSE_OBJECTS.has(tokens[end + 1]?.word ?? '');
  // "vetoed the freeze on tuition fees": what it is on, with no word of AI's development nor a date ("on Tuesday")
  if (preposition === 'on' && isOnOtherThanAi(tokens, end + 1)) return true;
  if (preposition !== 'in') return isPauseOfOther(tokens, end);
  for (let i = end + 1; i < end + 4 && i < tokens.length && !isClauseBreak(tokens[i]!.word); i++) {
    if (OTHER_PAUSE_IN.has(tokens[i]!.word)) return true;
  }
  return false;
}
/** Whether what a pause is "on" from `from` names nothing of AI's development ("tuition fees"), nor a date. */
function isOnOtherThanAi(tokens: readonly Token[], from: number): boolean {
  const first = tokens[from]?.word ?? '.';
  const date = /^(?:the|a|an)$/.test(first) ? tokens[from + 1]?.word ?? '' : first;
  if (isClauseBreak(first) || CALENDAR_WORDS.has(date) || /^\d/.test(date)) return false;
  for (let i = from; i < from + PAUSE_OBJECT_WORDS && i < tokens.length; i++) {
    const word = tokens[i]!.word;
    if (isClauseBreak(word) || CLAUSE_BREAKS.has(word) || PAUSE_OBJECT_ENDS.has(word)) break;
    if (AI_DEVELOPMENT_WORDS.has(word) || /^a\.?i\.?$/.test(word) || RACE_OBJECT_WORDS.has(word) || word === 'technology') return false;
  }
  return true;
}
/** Words before a pause's noun that make it another domain's, besides what other pauses are on: "a wage freeze". */
const OTHER_PAUSE_COMPOUNDS = new Set(['wage', 'pay', 'price', 'rent', 'budget', 'trade', 'construction', 'testing', 'humanitarian', 'eviction']);
/** What another pause is "in": "a pause in hostilities", "a pause in the peace talks", "a slowdown in orders". */
const OTHER_PAUSE_IN = new Set([
  'hostilities', 'fighting', 'talks', 'negotiations', 'strikes', 'bombing', 'attacks', 'violence', 'orders', 'sales',
  'growth', 'hiring', 'production', 'construction', 'lending', 'spending', 'trading', 'payments', 'executions', 'rate',
  'rates', 'hikes',
]);
/** Words at most from a stand's call or proposal to the pause it is for: "the proposal for a verified global pause". */
const STAND_OBJECT_REACH = 6;
/** The last words of a stand's verb before its object: "voted against the pause", "took aim at a moratorium". */
const STAND_PARTICLES = new Set(['against', 'for', 'of', 'to', 'on', 'at', 'behind', 'by']);
/** Whether the pause's undoing stands in [from, to): "against lifting the moratorium", "the proposal to end the pause". */
function isUndoingBefore(tokens: readonly Token[], from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const word = tokens[i]!.word;
    if (UNDOING_GERUNDS.has(word) || (UNDOING_VERBS.has(word) && tokens[i - 1]?.word === 'to')) return true;
    // "warned against letting the pause expire"
    if (LETTING.test(word) && isLetEnd(tokens, pauseNounAfter(tokens, i + 1))) return true;
    if (UNDOING_NOUNS.has(word) && /^(?:of|to)$/.test(tokens[i + 1]?.word ?? '')) return true;
  }
  return false;
}
/** What a verb of questioning rejects: the merit of a thing ("the need for", "the wisdom of"), or a claim. */
const QUESTIONED_MERITS = new Set([
  'need', 'necessity', 'wisdom', 'merits', 'merit', 'point', 'feasibility', 'value', 'case', 'logic', 'rationale',
  'usefulness',
]);
/**
 * What a verb of questioning takes right after it: the merit of the pause ("questioned the need for a pause", "the
 * wisdom of a moratorium"), the merit of its undoing ("the wisdom of lifting the pause", "the need for an exemption
 * from the pause"), or a claim with its "that" ("disputed claims that ..."); null for anything else ("the need for new
 * chip export rules", "the need for the hearing on the pause").
 */
export function questionedMeritOf(tokens: readonly Token[], after: number): 'pause' | 'undoing' | 'claim' | null {
  const head = /^(?:the|a|an|this|its|their)$/.test(tokens[after]?.word ?? '') ? after + 1 : after;
  const word = tokens[head]?.word ?? '';
  if (REJECTED_CLAIM_NOUNS.has(word) && tokens[head + 1]?.word === 'that') return 'claim';
  if (!QUESTIONED_MERITS.has(word) || !/^(?:for|of|behind)$/.test(tokens[head + 1]?.word ?? '')) return null;
  let object = head + 2;
  while (isPauseModifier(tokens[object]?.word ?? '') || tokens[object]?.word === 'further') object++;
  const objectWord = tokens[object]?.word ?? '';
  if (PAUSE_NOUN_EXACT.test(objectWord) || objectWord === 'moratoria') return tokens[object]!.isPossessive || isPauseOfOther(tokens, object + 1) ? null : 'pause';
  if (!UNDOING_MERIT_NOUNS.has(objectWord) && !UNDOING_GERUNDS.has(objectWord)) return null;
  for (let i = object + 1; i <= object + 4 && i < tokens.length && !isClauseBreak(tokens[i]!.word); i++) {
    if (PAUSE_NOUN_EXACT.test(tokens[i]!.word)) return tokens[i]!.isPossessive || isPauseOfOther(tokens, i + 1) ? null : 'undoing';
  }
  return null;
}
/** Words at most between a rejection and its against-noun, and between that noun's "to" and the pause. */
const REJECTED_OBJECTION_WORDS = 3;
/** Nouns of what is lacking or lessened, whose "of" takes what is against the pause ("the lack of exemptions"). */
const LACKING_NOUNS = new Set([
  'lack', 'absence', 'shortage', 'dearth', 'narrowing', 'elimination', 'loss', 'limiting', 'curbing', 'removal', 'scrapping',
]);

/** Verbs that undo what they take: a call "to reject the proposed pause" is a call against it. */
const UNDOING_VERBS = new Set([
  'reject', 'block', 'scrap', 'drop', 'kill', 'oppose', 'abandon', 'defeat', 'resist', 'shelve', 'ditch', 'scuttle',
  'overturn', 'repeal', 'lift', 'end', 'stop', 'derail', 'torpedo', 'bury', 'sink', 'weaken', 'gut', 'undermine',
  'dilute', 'ignore', 'disregard', 'dismiss', 'veto', 'rescind', 'revoke', 'reverse', 'quit', 'exit', 'delay', 'postpone',
  'exempt', 'fight', 'challenge', 'narrow',
]);
/** The undoing verbs' forms in -ing, which a further undoing takes: "to block the labs from lifting the moratorium". */
const UNDOING_GERUNDS = new Set([...UNDOING_VERBS].flatMap((verb) => [`${verb}ing`, `${verb}${verb.at(-1)}ing`, `${verb.replace(/e$/, '')}ing`]));
/** Their third person, which a further undoing takes too: "to veto any bill that weakens the moratorium". */
const UNDOING_THIRD_PERSON = new Set([...UNDOING_VERBS].map((verb) => (/(?:s|sh|ch|x|z)$/.test(verb) ? `${verb}es` : `${verb}s`)));
/** Whether a word undoes what it takes as a further undoing, in any of its forms ("lift", "lifting", "lifts"). */
function isUndoingForm(word: string): boolean {
  return UNDOING_VERBS.has(word) || UNDOING_GERUNDS.has(word) || UNDOING_THIRD_PERSON.has(word);
}
/** Verbs that undo what they take only with their particle: "vote down", "throw out", "strike down". */
const UNDOING_PARTICLES = new Map([['vote', /^(?:down|against)$/], ['throw', /^out$/], ['strike', /^down$/], ['water', /^down$/]]);
/**
 * Verbs of deliberation, which a call may ask for without taking the pause's side: "asked lawmakers to debate the
 * proposed slowdown", "should study the pause", "urged the council to examine the proposal for a pause".
 */
const DELIBERATING_VERBS = new Set([
  'debate', 'discuss', 'study', 'consider', 'examine', 'review', 'weigh', 'assess', 'evaluate', 'investigate',
  'explore', 'hear', 'analyse', 'analyze', 'scrutinise', 'scrutinize', 'revisit', 'clarify', 'explain',
]);
/** Words that make the pause after an undoing verb no object of it: "to end the race with a pause". */
const NOT_THE_OBJECT = new Set([
  'or', 'with', 'through', 'by', 'via', 'using', 'into', 'until', 'before', 'after', 'while', 'so', 'because', 'than',
  'unless', 'if', 'instead', 'without',
]);
/** Nouns of the pause's undoing: "the repeal of the moratorium", "an end to the pause". */
const UNDOING_NOUNS = new Set([
  'repeal', 'lifting', 'end', 'scrapping', 'withdrawal', 'abolition', 'removal', 'rollback', 'reversal', 'cancellation',
  'expiry', 'expiration', 'termination', 'dismantling', 'weakening', 'abandonment', 'rescinding', 'revocation',
]);
/** Undoings of the pause by their nouns, whose merit questioned is the pause's defence: "the need for an exemption". */
const UNDOING_MERIT_NOUNS = new Set([
  ...UNDOING_NOUNS, 'delay', 'delays', 'exemption', 'exemptions', 'waiver', 'waivers', 'loophole', 'loopholes',
]);
/** Words between the call's "for" and an undoing noun: "for the swift repeal of", "for an immediate end to". */
const UNDOING_NOUN_MODIFIERS = new Set([
  'the', 'a', 'an', 'its', 'immediate', 'swift', 'quick', 'full', 'complete', 'early', 'outright', 'total', 'prompt',
  'rapid',
]);
/**
 * Whether the word at `index` is the pause's undoing called for by its noun or its form in -ing: "for the repeal of the
 * moratorium", "for an end to the pause", "demanded the lifting of the freeze", "for scrapping the moratorium"; the
 * pause its object, no other noun ("an end to frontier training under a moratorium" is none).
 */
function isCalledUndoingNoun(tokens: readonly Token[], index: number): boolean {
  const word = tokens[index]!.word;
  const preposition = tokens[index + 1]?.word ?? '';
  const isNoun = UNDOING_NOUNS.has(word) && (preposition === 'of' || (word === 'end' && preposition === 'to'));
  if (!isNoun && !UNDOING_GERUNDS.has(word)) return false;
  if (!isThisPauseAfterModifiers(tokens, isNoun ? index + 2 : index + 1)) return false;
  let before = index - 1;
  while (isNoun && before > 0 && UNDOING_NOUN_MODIFIERS.has(tokens[before]!.word)) before--;
  return /^(?:for|demanded|demand|demands|demanding|urged|urge|urges|urging|sought|seek|seeks|seeking|want|wants|wanted)$/.test(tokens[before]?.word ?? '');
}
/** The pause undone in the passive after a call's pause: "called for the proposed pause to be scrapped". */
const UNDONE_PARTICIPLES = new Set([
  'rejected', 'blocked', 'scrapped', 'dropped', 'killed', 'abandoned', 'defeated', 'shelved', 'ditched', 'scuttled',
  'overturned', 'repealed', 'lifted', 'ended', 'stopped', 'halted', 'derailed', 'torpedoed', 'buried', 'withdrawn',
  'vetoed', 'rescinded', 'revoked', 'reversed', 'thrown', 'ignored', 'dismissed',
]);
/** Verbs of a pause's own ending, after "to" with nothing they take: "for the pause to end". */
const ENDING_VERBS = new Set(['end', 'expire', 'lapse', 'die']);

/** "let" in its forms: "let the moratorium expire", "letting the pause lapse". */
const LETTING = /^(?:let|let's|lets|letting)$/;
/**
 * Whether the pause's noun at `noun` is let end by the verb after it: "let the moratorium expire", "lapse quietly";
 * not "let the pause end the race" (its "end" takes an object), not another domain's ("let the wage freeze expire").
 */
function isLetEnd(tokens: readonly Token[], noun: number): boolean {
  if (!ENDING_VERBS.has(tokens[noun + 1]?.word ?? '') || isOtherDomainCompound(tokens, noun)) return false;
  // (a time it ends at is no object: "let the moratorium end this summer")
  return !/^(?:the|a|an|its|their|this|that|any|all)$/.test(tokens[noun + 2]?.word ?? '') || isTimeWord(tokens[noun + 3]?.word ?? '');
}
/** Whether a word names a time ("summer", "June"), as after "let the moratorium end this". */
function isTimeWord(word: string): boolean {
  return CALENDAR_WORDS.has(word) || /^(?:summer|winter|spring|autumn|fall|year|month|week|quarter|term|session)$/.test(word);
}
/** Whether the "to" at `to` opens the pause's own ending: "for the moratorium to end." ("for", a determiner, the noun). */
function isEndingOfThePause(tokens: readonly Token[], to: number): boolean {
  if (!ENDING_VERBS.has(tokens[to + 1]?.word ?? '') || !isClauseBreak(tokens[to + 2]?.word ?? '.')) return false;
  if (!PAUSE_NOUN_EXACT.test(tokens[to - 1]?.word ?? '')) return false;
  const determiner = /^(?:the|a|its|this|their)$/.test(tokens[to - 2]?.word ?? '') ? to - 2 : to - 1;
  return tokens[determiner - 1]?.word === 'for';
}
/** Words at most between a call's pause and "to be scrapped" ("the pause on frontier training to be scrapped"). */
const UNDONE_REACH = 6;

/** Nouns that are themselves against what they take: "drop its objections to a pause" undoes the objection. */
const AGAINST_NOUNS = new Set([
  'objection', 'objections', 'opposition', 'resistance', 'hostility', 'challenge', 'challenges', 'attack', 'attacks',
  'criticism', 'criticisms', 'complaint', 'complaints', 'veto', 'boycott', 'blockade', 'withdrawal', 'exemption',
  'exemptions', 'loophole', 'loopholes', 'exception', 'exceptions', 'waiver', 'waivers', 'carve-out', 'carve-outs',
  // its critics and their misgivings ("waved aside critics of the moratorium", "dismissed concerns about the pause")
  'critic', 'critics', 'fears', 'concerns', 'worries', 'doubts',
  // acts against it ("to quit mocking the idea of a moratorium", "to drop the bill opposing the moratorium")
  'mocking', 'attacking', 'criticising', 'criticizing', 'opposing', 'fighting', 'resisting', 'obstructing', 'ridiculing',
]);
/** Words between a pause and "to be scrapped" that make the pause no subject of it ("for", "too ... to be stopped"). */
const NOT_UNDONE_SUBJECT = new Set(['for', 'too', 'order', 'enough', 'so']);
/** Words after "to be lifted" that make the undoing a condition the pause holds until: "only once", "not until". */
const HELD_UNTIL = new Set(['only', 'until', 'once', 'when', 'unless']);

/**
 * Whether a call for the pause (its cue ending on the pause's word) calls for it to be undone: "urged Congress to
 * reject the proposed pause", "should vote down the moratorium", "called for the pause to be scrapped". The first
 * undoing verb after "to" or a modal, with no clause or preposition before the pause; each further undoing word
 * undoes it again ("to block any attempt to lift the moratorium", "to drop its objections to a pause", "to reject
 * amendments that would gut it"). Not "urged the labs to stop racing and pause" or "to end the race with a pause",
 * where the pause is what is called for, nor the pause "to be lifted only once inspectors can verify".
 */
function callsToUndo(tokens: readonly Token[], match: PhraseMatch<StanceCue>): boolean {
  return undoingsOf(tokens, match) % 2 === 1;
}

/** Whether the undoing verb at `index` is what an against-noun right before it does ("exemptions that undermine"). */
function isAgainstNounsAct(tokens: readonly Token[], index: number): boolean {
  let i = index - 1;
  if (/^(?:would|could|will|might|may)$/.test(tokens[i]?.word ?? '')) i--;
  if (/^(?:that|which)$/.test(tokens[i]?.word ?? '')) i--;
  return AGAINST_NOUNS.has(tokens[i]?.word ?? '');
}

/** How many times a call's words undo the pause it ends on (callsToUndo): 0 where they do not undo it at all. */
function undoingsOf(tokens: readonly Token[], match: PhraseMatch<StanceCue>): number {
  const last = match.to - 1;
  let undoings = 0;
  for (let i = match.from + 1; i < last; i++) {
    const word = tokens[i]!.word;
    if (undoings > 0 && (isClauseBreak(word) || CLAUSE_BREAKS.has(word) || NOT_THE_OBJECT.has(word))) return 0;
    const hasParticle = UNDOING_PARTICLES.get(word)?.test(tokens[i + 1]?.word ?? '') ?? false;
    if (undoings === 0) {
      // the first undoing is the verb called for ("to reject", "should vote down"); a call not to undo, in a question,
      // asks for the undoing ("asked why the labs should not abandon the pause")
      if ((UNDOING_VERBS.has(word) || hasParticle) && isCalledVerb(tokens, i) && !isNegatedCallAsked(tokens, match.from, i)) undoings++;
      // or its noun, or its form in -ing, called for ("called for the repeal of the moratorium", "for an end to the
      // pause", "called for scrapping the moratorium")
      else if (isCalledUndoingNoun(tokens, i)) undoings++;
    } else if (isUndoingForm(word) || hasParticle) {
      // "exemptions that undermine the moratorium", "loopholes weakening it": the noun's own act, counted with it
      if (!isAgainstNounsAct(tokens, i)) undoings++;
    } else if (AGAINST_NOUNS.has(word)) undoings++;
  }
  // "to approve the moratorium's repeal", "to block the moratorium's repeal": the pause's own undoing after it
  if (tokens[last]!.isPossessive && UNDOING_NOUNS.has(tokens[match.to]?.word ?? '')) undoings++;
  if (undoings > 0) return undoings;
  // "let the pause expire", "urged lawmakers to let the moratorium lapse": the pause let end
  if (isLetEnd(tokens, last) && tokens.slice(match.from, last).some((token) => LETTING.test(token.word))) return 1;
  for (let i = match.to; i < tokens.length - 2 && i <= match.to + UNDONE_REACH; i++) {
    const word = tokens[i]!.word;
    if (isClauseBreak(word) || CLAUSE_BREAKS.has(word) || NOT_UNDONE_SUBJECT.has(word)) return 0;
    if (word === 'to' && tokens[i + 1]!.word === 'be' && UNDONE_PARTICIPLES.has(tokens[i + 2]!.word)) return HELD_UNTIL.has(tokens[i + 3]?.word ?? '') ? 0 : 1;
    // "his call for the pause to end.": the pause the subject of its ending, its clause's last words; not "a pause to
    // stop and think", "the moratorium set to expire in June", "a moratorium to end in 2027"
    if (word === 'to' && isEndingOfThePause(tokens, i)) return 1;
  }
  return 0;
}

/** The pause's nouns, exactly: not "the moratorium's critics". */
const PAUSE_NOUN_EXACT = /^(?:pause|pauses|moratorium|moratoriums|freeze|halt|slowdown|slowdowns)$/;
/** Words that may stand between a verb and the pause it takes: "the proposed global pause", "a six-month halt". */
const PAUSE_MODIFIERS = new Set([
  'the', 'a', 'an', 'its', 'their', 'this', 'that', 'any', 'our', 'his', 'her', 'proposed', 'global', 'verified',
  'planned', 'international', 'worldwide', 'coordinated', 'frontier', 'ai', 'a.i.', 'voluntary', 'temporary',
  'current', 'new', 'mandatory', 'binding', 'whole', 'entire', 'so-called', 'verifiable', 'brief', 'limited', 'full',
  'partial', 'indefinite', 'multilateral', 'existing', 'agreed', 'industry-wide', 'june', "anthropic's", "labs'",
  'immediate', 'federal', 'national', 'strict', 'such', 'enforceable', 'legally', 'six', 'month', 'one', 'year',
  'two', 'real', 'meaningful', 'genuine', 'broad', 'sweeping', 'proper', 'formal', 'long', 'short',
]);
/**
 * Whether the words from `from`, past a pause's modifiers, are this pause by its noun: not a possessive ("the
 * moratorium's critics"), nor one of another domain ("the moratorium on state AI laws").
 */
function isThisPauseAfterModifiers(tokens: readonly Token[], from: number): boolean {
  const noun = pauseNounAfter(tokens, from);
  return PAUSE_NOUN_EXACT.test(tokens[noun]?.word ?? '') && !tokens[noun]!.isPossessive && !isPauseOfOther(tokens, noun + 1);
}
/** The index of the word after a pause's modifiers from `from` ("the proposed six-month | moratorium"). */
function pauseNounAfter(tokens: readonly Token[], from: number): number {
  let noun = from;
  while (isPauseModifier(tokens[noun]?.word ?? '')) noun++;
  return noun;
}
/** Whether a word may stand between a verb and the pause it takes: PAUSE_MODIFIERS, or a length ("six-month"). */
function isPauseModifier(word: string): boolean {
  return PAUSE_MODIFIERS.has(word) || /^\w+-(?:month|year|week)$/.test(word);
}
/** Nouns of a plan or a call, whose "for" or "of" takes the pause ("scrap plans for a moratorium"). */
const PLAN_NOUNS = new Set(['plans', 'plan', 'calls', 'call', 'push', 'proposal', 'proposals', 'idea', 'bid', 'efforts', 'effort', 'attempt', 'attempts', 'talk', 'talks', 'support']);
/** The verbs an enacting or wanting pause-object row takes its noun by (undoing ones: see isUndoingForm). */
const ENACTING_WORDS = new Set([...ENACTING_VERBS.split('|'), 'want', 'wants', 'wanted', 'wanting']);

/**
 * Whether the pause a pause-object row names is its verb's object, and this pause: only modifiers between the verb (an
 * enacting, wanting or undoing one, or what is against it and its "to": "its objections to the moratorium") and the
 * noun, and the noun not one of another domain ("its data-centre moratorium", "the moratorium on state AI laws",
 * "the slowdown in orders") nor a possessive ("the moratorium's critics").
 */
function isPauseTheObject(tokens: readonly Token[], match: PhraseMatch<StanceCue>): boolean {
  let noun = match.to - 1;
  while (noun >= match.from && !PAUSE_NOUN_EXACT.test(tokens[noun]!.word)) noun--;
  if (noun < match.from || tokens[noun]!.isPossessive) return false;
  // "should allow the moratorium to be lifted": the undoing after the noun, which it is the subject of
  if (match.data.undoneOnly && tokens[noun + 1]?.word === 'to' && tokens[noun + 2]?.word === 'be' && UNDONE_PARTICIPLES.has(tokens[noun + 3]?.word ?? '')) return true;
  const i = pauseGovernorOf(tokens, noun, match.from);
  const word = tokens[i]!.word;
  // "should let the moratorium lapse": the pause let end
  if (match.data.undoneOnly && LETTING.test(word) && isLetEnd(tokens, noun)) return true;
  // a row that enacts takes its noun by an enacting verb only ("should pass amendments weakening the moratorium" no),
  // a request by its "for" ("asked for a pause"; not "asked for comment on the pause")
  if (!match.data.undoneOnly) {
    if (word === 'for' && ASK_WORDS.test(tokens[match.from]!.word)) return isRequestedPause(tokens, i, noun);
    return ENACTING_WORDS.has(word) && !isPauseOfOther(tokens, noun + 1);
  }
  const isGovernor = isUndoingForm(word)
    || (/^(?:down|out|against)$/.test(word) && UNDOING_PARTICLES.has(tokens[i - 1]?.word ?? ''))
    || (/^(?:to|of|against|on|from|in)$/.test(word) && AGAINST_NOUNS.has(tokens[i - 1]?.word ?? ''))
    || (/^(?:for|of)$/.test(word) && PLAN_NOUNS.has(tokens[i - 1]?.word ?? ''));
  return isGovernor && !isPauseOfOther(tokens, noun + 1);
}

/** The index of the word before a pause noun's modifiers ("for a six-month pause": "for"), not before `from`. */
function pauseGovernorOf(tokens: readonly Token[], noun: number, from: number): number {
  let i = noun - 1;
  while (i > from && isPauseModifier(tokens[i]!.word)) i--;
  return i;
}

/**
 * Whether the words from `index` on name this pause by its noun, as what "for" asks ("asked for a six-month pause"):
 * only modifiers before the noun, not a possessive, and this pause (isRequestedPause).
 */
export function namesThisPauseAt(tokens: readonly Token[], index: number): boolean {
  let noun = index;
  while (noun < tokens.length && noun < index + PAUSE_MODIFIER_REACH && !PAUSE_NOUN_EXACT.test(tokens[noun]!.word)) noun++;
  if (!PAUSE_NOUN_EXACT.test(tokens[noun]?.word ?? '') || tokens[noun]!.isPossessive) return false;
  return pauseGovernorOf(tokens, noun, index - 1) === index - 1 && isRequestedPause(tokens, index - 1, noun);
}

/**
 * Whether the pause a request's "for" (at `governor`) takes is this one, as the everyday sense of "asked for a
 * pause" is a procedural one ("for lunch", "because his microphone had stopped working", "a pause, citing safety
 * concerns"): only with an object of AI development after it ("a pause in frontier training"), or at its clause's end
 * asked of the labs or with a modifier that makes it this one ("asked the labs for a six-month pause", "a verified
 * pause"), and no rules' pause near it ("a pause of two years in the AI Act's implementation").
 */
function isRequestedPause(tokens: readonly Token[], governor: number, noun: number): boolean {
  if (tokens.slice(noun + 1, noun + 1 + RULES_PAUSE_REACH).some((token) => RULE_OBJECTS.has(token.word))) return false;
  const next = tokens[noun + 1]?.word ?? '.';
  if (/^(?:on|of|in|to)$/.test(next)) {
    // of frontier development, not of AI elsewhere ("a pause on AI in classrooms", "on AI chatbots for children")
    const object = tokens.slice(noun + 2, noun + 2 + TRAINED_REACH).map((token) => token.word);
    return !isPauseOfOther(tokens, noun + 1) && object.some((word) => REQUESTED_OBJECT_WORDS.has(word) || RACE_OBJECT_WORDS.has(word));
  }
  if (!(isClauseBreak(next) && next !== ':') && !/^(?:and|but)$/.test(next)) return false;
  // at its clause's end: asked of the labs ("asked the labs for a six-month pause"), or of this pause by its words ("a
  // verified pause"); not "Residents asked for a moratorium", "The union asked for a one-year pause"
  const isAskedOfLabs = tokens.slice(Math.max(0, governor - ASKED_FOR_REACH), governor).some((token) => ASKED_LABS.has(token.word));
  return isAskedOfLabs || tokens.slice(governor + 1, noun).some((token) => THIS_PAUSE_MODIFIERS.has(token.word));
}
/** Modifiers that make a requested pause this one: "a verified pause", "a frontier AI pause". */
const THIS_PAUSE_MODIFIERS = new Set(['verified', 'verifiable', 'frontier', 'ai', 'a.i.', 'industry-wide']);
/** Words of what a requested pause is of that make it this one: "a pause on frontier AI training". */
const REQUESTED_OBJECT_WORDS = new Set([
  'training', 'runs', 'models', 'development', 'frontier', 'scaling', 'race', 'racing', 'research', 'experiments',
  'superintelligence', 'agi', 'compute',
]);
/** How far before a request's "for" whom it asks is read: "asked the leading labs for". */
const ASKED_FOR_REACH = 4;
/** How far after a requested pause the rules it may be a pause of are read. */
const RULES_PAUSE_REACH = 8;
/** The most modifiers read before a pause noun: "a verified global six-month pause". */
const PAUSE_MODIFIER_REACH = 4;

/**
 * Whether a call for the pause asks first for it to be deliberated, or asks a question: the first verb called for ("to
 * debate", "should study") one of deliberation ("asked lawmakers to debate the proposed slowdown"), or a question word
 * before it ("asked whether to pause", "asked Altman about the proposal to pause"); not a call that deliberation only
 * comes after ("urged the labs to pause and review their safety plans").
 */
function callsToDeliberate(tokens: readonly Token[], match: PhraseMatch<StanceCue>): boolean {
  const isRequest = ASK_WORDS.test(tokens[match.from]!.word);
  for (let i = match.from + 1; i < match.to; i++) {
    if (QUESTION_OPENERS.has(tokens[i]!.word) || (isRequest && ASKED_QUESTION_OPENERS.has(tokens[i]!.word))) return true;
    if (isCalledVerb(tokens, i)) return DELIBERATING_VERBS.has(tokens[i]!.word);
  }
  return false;
}
const ASK_WORDS = /^(?:ask|asks|asked|asking)$/;

/**
 * Whether a request describes someone the clause speaks of rather than be its speaker's call: in a relative clause
 * ("the researchers who asked for a pause were wrong", "the letter, which asked for a six-month pause,") or a
 * participle after a noun ("the campaigners asking for a pause", "ridiculed the letter asking for a pause"); not "We
 * are openly asking for a pause", "by asking", "Anthropic, asking for a pause, said", "Senator Lopez, who has asked
 * for a pause, said". (It may still be the speaker's own, "I am one of the scientists who asked for a pause": it is
 * then left to the speaker's other words.)
 */
export function isDescribingAsk(tokens: readonly Token[], from: number): boolean {
  // a relative pronoun a few words before it ("who last year asked", "whose signatories asked", "who are still
  // asking"), but for a named subject's own, set off at the sentence's opening ("Senator Lopez, who has asked ...,")
  for (let i = from - 1; i >= 0 && i >= from - RELATIVE_ASK_REACH && !isClauseBreak(tokens[i]!.word); i--) {
    if (!/^(?:who|which|that|whose)$/.test(tokens[i]!.word)) continue;
    return !(tokens[i]!.word === 'who' && tokens[i - 1]?.word === ',' && i <= SUBJECT_OPENING_WORDS);
  }
  if (tokens[from]!.word !== 'asking') return false;
  // a participle after a noun, past its adverbs ("the campaigners constantly asking", "those now asking"); not a
  // verb's ("she was openly asking"), a preposition's ("by asking") nor a conjunction's ("and asking")
  let before = from - 1;
  while (before > 0 && (isMannerAdverb(tokens[before]!.word) || ASKING_ADVERBS.has(tokens[before]!.word))) before--;
  const word = tokens[before]?.word ?? '';
  return /^[\p{L}\d]/u.test(word) && !ASKING_AUXILIARIES.has(word) && !PRONOUN_SUBJECTS.has(word) && !NOT_ASKING_NOUNS.has(word);
}
/** How far before a request its relative pronoun is read: "who in 2023 asked". */
const RELATIVE_ASK_REACH = 4;
/** How far into a sentence its subject's set-off relative clause opens: "Senator Maria Lopez, who ...". */
const SUBJECT_OPENING_WORDS = 6;
/** Adverbs between a noun or auxiliary and "asking": "constantly asking", "now asking". */
const ASKING_ADVERBS = new Set(['now', 'still', 'also', 'again', 'already', 'repeatedly', 'today', 'just', 'even']);
/** Words before "asking" that are no noun it describes: "by asking", "and asking", "since asking". */
const NOT_ASKING_NOUNS = new Set([
  'by', 'of', 'for', 'in', 'on', 'with', 'without', 'from', 'since', 'after', 'before', 'and', 'or', 'but', 'that',
  'than', 'as', 'while', 'about', 'at', 'to', 'when', 'far', 'simply', 'merely', 'only',
]);
/** Words before "asking" that make it a verb of its own: "are asking", "keep asking", "now asking". */
const ASKING_AUXILIARIES = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'am', "'s", "'re", "'m", "we're", "they're", "i'm", "it's", "he's", "she's",
  'keep', 'keeps', 'kept', 'started', 'start', 'starts', 'began', 'begin', 'begun', 'not',
]);
/** Pronouns, after which "asking" is their own verb, no participle describing a noun. */
const PRONOUN_SUBJECTS = new Set(['i', 'we', 'they', 'he', 'she', 'it', 'you']);
export const QUESTION_OPENERS: ReadonlySet<string> = new Set(['whether', 'how', 'why', 'if']);
/** And after "asked", what a question asks about: "asked Altman about the plan to pause", "asked when ...". */
export const ASKED_QUESTION_OPENERS: ReadonlySet<string> = new Set(['about', 'when', 'what', 'which', 'who', 'where']);

/**
 * Whether a call's "ask" is no request of its subject's: "respondents were asked to slow down", "When asked to pause,
 * ...", "Asked to halt, the labs ..." report a question put to someone; "nobody asked the labs to stop" no request.
 */
function isAskedOfSubject(tokens: readonly Token[], from: number): boolean {
  const ask = tokens[from]!.word;
  if (!ASK_WORDS.test(ask)) return false;
  const before = tokens[from - 1]?.word;
  // "Asked to halt, the labs ...", but not "Senator Ruiz, a Democrat, asked the labs to pause", "and asked them to"
  const opensClause = before === undefined || isClauseBreak(before) || CLAUSE_BREAKS.has(before);
  if (opensClause && (ask === 'asked' || ask === 'asking') && ASKED_PARTICIPLE_NEXT.has(tokens[from + 1]?.word ?? '')) return true;
  if (opensClause && before === undefined) return true;
  // "were asked to", but "are asking the labs to" is the subject's request
  if (before !== undefined && ASKED_OF_SUBJECT_BEFORE.has(before) && (ask === 'asked' || !/^(?:is|are|was|were|be|been)$/.test(before))) return true;
  // "nobody had asked the labs to stop", "never asked anyone to slow down", "declined to ask its rivals to pause",
  // "asks no lab to pause", "asks the labs nothing": no request made, so no call either way (unlike "asked the labs
  // not to pause", a request against it)
  for (let i = from - 1; i >= 0 && i >= from - NEGATION_REACH && !isClauseBreak(tokens[i]!.word); i--) if (isNegator(tokens[i]!.word)) return true;
  if (before === 'to' && NOT_ASKING_VERBS.has(tokens[from - 2]?.word ?? '')) return true;
  for (let i = from + 1; i < tokens.length && tokens[i]!.word !== 'to' && !isClauseBreak(tokens[i]!.word); i++) {
    const isNegatedInfinitive = tokens[i + 1]?.word === 'to' && /^(?:not|never)$/.test(tokens[i]!.word);
    if (isNegator(tokens[i]!.word) && !isNegatedInfinitive) return true;
  }
  return false;
}
const NOT_ASKING_VERBS = new Set(['declined', 'declines', 'decline', 'refused', 'refuses', 'refuse', 'failed', 'fails', 'fail']);
/**
 * Whether a call is one forgone right before it: "stops short of asking the labs to pause", "Instead of urging the
 * labs to pause, the pledge asks ...", "rather than calling for a moratorium", "far from calling for a halt", "a far
 * cry from calling for a moratorium", "without calling for a pause".
 */
function isForgoneCall(tokens: readonly Token[], match: PhraseMatch<StanceCue>): boolean {
  const isForgoneAt = (at: number) => FORGOING_WORDS.has(`${tokens[at - 2]?.word ?? ''} ${tokens[at - 1]?.word ?? ''}`)
    || tokens[at - 1]?.word === 'without';
  if (isForgoneAt(match.from)) return true;
  // and inside a longer call's words: "urged restraint without calling for a pause"
  for (let i = match.from + 1; i < match.to; i++) if (CALLING_WORDS.test(tokens[i]!.word) && isForgoneAt(i)) return true;
  return false;
}
const FORGOING_WORDS = new Set(['short of', 'instead of', 'rather than', 'far from', 'cry from']);
const CALLING_WORDS = /^(?:call|calling|urging|asking|demanding|seeking|endorsing|backing|supporting)$/;
/** Words after a pause verb that leave it this pause: "asked the labs to pause", "to slow down", "to pause now". */
const PAUSE_VERB_ENDS = new Set(['down', 'now', 'too', 'immediately', 'voluntarily', 'together', 'first', 'temporarily', 'for', 'until']);
/** Words of what is paused, a few words after the verb, that make the pause this one ("to halt their training runs"). */
const TRAINED_WORDS = new Set([
  'training', 'runs', 'run', 'models', 'model', 'development', 'ai', 'a.i.', 'frontier', 'scaling', 'race', 'racing',
  'research', 'systems', 'work', 'experiments', 'releases', 'deployment',
]);
/** Who a request to pause asks that makes it this pause: "asked its rivals to stop", "asked the labs to halt". */
const ASKED_LABS = new Set(['rivals', 'labs', 'lab', 'competitors', 'developers', 'companies', 'industry', 'firms', 'peers']);
/** How far after the pause verb its object's words are read. */
const TRAINED_REACH = 4;

/**
 * Whether a request's pause verb pauses AI development: the labs asked, nothing after it in its clause, a word that
 * keeps it this pause, or training among the next words ("asked its rivals to pause their largest training runs"); not
 * "asked its engineers to stop using chatbots", "asked the court to halt the lawsuit".
 */
function isPauseOfTraining(tokens: readonly Token[], match: PhraseMatch<StanceCue>): boolean {
  // "asked its rivals to stop - at least at the very top of the market": the labs asked are the pause's
  for (let i = match.from + 1; i < match.to; i++) if (ASKED_LABS.has(tokens[i]!.word)) return true;
  const end = match.to;
  const next = tokens[end]?.word;
  if (next === undefined || isClauseBreak(next) || CLAUSE_BREAKS.has(next) || PAUSE_VERB_ENDS.has(next)) return true;
  for (let i = end; i < tokens.length && i < end + TRAINED_REACH; i++) {
    if (isClauseBreak(tokens[i]!.word)) return false;
    if (TRAINED_WORDS.has(tokens[i]!.word)) return true;
  }
  return false;
}

/** Words after a participle "asked" that opens its clause: "Asked to halt, ...", "Asked whether ...". */
const ASKED_PARTICIPLE_NEXT = new Set(['to', 'by', 'about', 'whether', 'if', 'for', 'how', 'why', 'what', 'when']);
const ASKED_OF_SUBJECT_BEFORE = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'get', 'gets', 'got', 'when', 'if', 'once', 'after', 'before',
  'unless', 'until', 'while',
]);

/** The pause's own nouns, which a call's match may end on ("a moratorium", "the freeze"). */
const PAUSE_WORDS = /^(?:pauses?|moratori\w*|halts?|freezes?|slowdowns?|brakes?)$/;
/**
 * Things other than AI development a pause is called for on or of, in the news beside it: "a moratorium on new chip
 * plants", "a pause on facial recognition procurement", "a moratorium on new data centres", "on heritable human genome
 * editing". A list of what it is not, as what AI development is called is open ("the technology", "neural networks",
 * "the race to build ever more powerful chatbots", "at least six months").
 */
const OTHER_PAUSE_OBJECTS = new Set([
  'plants', 'plant', 'factories', 'fabs', 'recognition', 'procurement', 'hiring', 'recruitment', 'exports', 'export',
  'editing', 'genome', 'germline', 'mining', 'drilling', 'fracking', 'evictions', 'deportations', 'weapons', 'centres',
  'centers', 'crypto', 'bitcoin', 'tariffs', 'logging', 'fishing', 'whaling', 'layoffs', 'buybacks', 'dividends',
  'rents', 'pipelines', 'mines', 'gain-of-function', 'vaccines', 'surveillance', 'spending', 'immigration', 'licences',
  'licenses', 'permits',
]);
/** Words that keep a pause's object AI development whatever else it names: "a pause on AI data centres". */
const AI_OBJECT_WORDS = new Set(['ai', 'a.i.', 'frontier', 'training', 'models', 'model', 'superintelligence', 'agi', 'compute']);
/** Words that end what a pause is "on": a clause of its own ("a moratorium on new plants until the review ends"). */
const PAUSE_OBJECT_ENDS = new Set(['until', 'unless', 'if', 'while', 'because', 'so', 'before', 'after', 'or', 'pending', 'under', 'backed', 'by', 'enforced', 'verified']);
/** The most words read of what a pause is "on" ("a moratorium on new data centres in the county"). */
const PAUSE_OBJECT_WORDS = 6;

/**
 * Whether the pause a call ends on (at `end` - 1) is one of something other than AI development, by what it is "on",
 * "of", "in" or "to" ("a halt to fracking"): "a moratorium on new chip plants", "a pause on facial recognition procurement", "a moratorium on state
 * AI laws", "the slowdown in orders"; not "a pause on frontier AI training", "a pause of at least six months", "a
 * moratorium on the technology", "a pause in frontier development".
 */
function isPauseOfOther(tokens: readonly Token[], end: number): boolean {
  const preposition = tokens[end]?.word ?? '';
  // "a halt to fracking"
  if (preposition === 'to' && PAUSE_WORDS.test(tokens[end - 1]?.word ?? '')) return OTHER_PAUSE_OBJECTS.has(tokens[end + 1]?.word ?? '');
  if (!PAUSE_WORDS.test(tokens[end - 1]?.word ?? '') || !/^(?:on|of|in)$/.test(preposition)) return false;
  const object: string[] = [];
  for (let i = end + 1; i < tokens.length && object.length < PAUSE_OBJECT_WORDS; i++) {
    const word = tokens[i]!.word;
    if (isClauseBreak(word) || CLAUSE_BREAKS.has(word) || PAUSE_OBJECT_ENDS.has(word)) break;
    object.push(word);
  }
  // "a moratorium on state AI laws": a pause of others' rules, AI's or not
  if (object.some((word) => RULE_OBJECTS.has(word))) return true;
  // "a slowdown in orders", "in safety research": what a slowdown is "in" is the race only by its words
  if (preposition === 'in') {
    // a place the pause is in, as the object's opening words ("a pause in the United States and Europe"; not "in arms
    // sales to China")
    const openingAt = object.findIndex((word) => !/^(?:the|a|an|both)$/.test(word));
    const opening = object[openingAt] ?? '';
    // where or how it is fought or kept, no domain of its own: "to fight the moratorium in court", "in place"
    if (PAUSE_SETTINGS.has(opening) && object.length === openingAt + 1) return false;
    // not a place's own thing ("a pause in Washington's tariff war")
    if (PLACE_WORDS.has(opening) && !tokens[end + 1 + openingAt]?.isPossessive) {
      // "a moratorium in California on new gas plants": the place, then what it is on
      const on = object.indexOf('on');
      return on >= 0 && object.slice(on + 1).some((word) => OTHER_PAUSE_OBJECTS.has(word)) && !object.some((word) => AI_OBJECT_WORDS.has(word));
    }
    return object.length > 0 && !object.some((word) => AI_OBJECT_WORDS.has(word) || RACE_OBJECT_WORDS.has(word));
  }
  return object.some((word) => OTHER_PAUSE_OBJECTS.has(word)) && !object.some((word) => AI_OBJECT_WORDS.has(word));
}
/** What follows a pause's "in" as a setting, not what it pauses: "in court", "in Congress", "in place", "in full". */
const PAUSE_SETTINGS = new Set([
  'court', 'courts', 'congress', 'parliament', 'committee', 'senate', 'house', 'place', 'force', 'effect', 'full',
  'principle', 'public', 'private', 'writing', 'theory', 'practice',
]);
/** Rules a moratorium may be on, which is no pause of AI development: "a moratorium on state AI laws". */
const RULE_OBJECTS = new Set([
  'laws', 'law', 'regulation', 'regulations', 'rules', 'legislation', 'rulemaking', 'act', 'enforcement', 'implementation',
  'obligations', 'compliance',
]);
/** What a pause "in" is of the race: "a pause in development", "a slowdown in the race", "in scaling". */
const RACE_OBJECT_WORDS = new Set([
  'development', 'race', 'racing', 'progress', 'scaling', 'capabilities', 'capability', 'systems', 'labs', 'technology',
  'pace', 'innovation',
]);
const PLACE_WORDS = new Set(['united', 'europe', 'america', 'britain', 'china', 'us', 'u.s.', 'uk', 'eu', 'world', 'west', 'every', 'california', 'washington', 'brussels']);

/** The most words from a signed text to the pause it calls for ("a letter calling for a moratorium"). */
const SIGNED_CALL_REACH = 6;

/**
 * Whether a signing's text calls for a pause of something else: "signed a letter calling for a moratorium on new data
 * centres"; the call's own cue is dropped (isPauseOfOther), the signing would otherwise read as backing the pause.
 */
function signsForPauseOfOther(tokens: readonly Token[], match: PhraseMatch<StanceCue>): boolean {
  if (!ENDORSING_VERBS.test(tokens[match.from]!.word)) return false;
  for (let i = match.to; i < tokens.length && i < match.to + SIGNED_CALL_REACH; i++) {
    if (isClauseBreak(tokens[i]!.word)) return false;
    if (PAUSE_WORDS.test(tokens[i]!.word)) return isPauseOfOther(tokens, i + 1);
  }
  return false;
}

/** Whether the verb called for at `verb` is negated ("should not abandon") in a question the clause asks ("why ..."). */
function isNegatedCallAsked(tokens: readonly Token[], from: number, verb: number): boolean {
  if (!tokens.slice(from, verb).some((token) => /^(?:not|never)$/.test(token.word))) return false;
  // "asked (reporters) why", "wondered whether", "hard to see why", "no reason why": not "explained why", "even if"
  const start = clauseStartOf(tokens, from);
  for (let i = start + 1; i < from; i++) {
    if (/^(?:why|whether|how)$/.test(tokens[i]!.word) && tokens.slice(start, i).some((token) => ASKING_VERBS.test(token.word))) return true;
  }
  return tokens.at(-1)?.word === '?' || tokens.at(-2)?.word === '?';
}
const ASKING_VERBS = /^(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering|question|questions|questioned|queried|see|understand|reason)$/;

/** An adverb in -ly between a subject or modal and its verb: "should seriously consider", "to quickly vote down". */
function isMannerAdverb(word: string): boolean {
  return /^\p{L}{2,}ly$/u.test(word) && word !== 'only';
}

/** A verb called for: after "to" or a modal ("urged them to reject", "should reject"). */
function isCalledVerb(tokens: readonly Token[], index: number): boolean {
  // "should not vote down the moratorium": a call not to, which the clause's negation then turns; "should seriously
  // consider", "to quickly vote down": an adverb of manner
  if (isMannerAdverb(tokens[index]!.word)) return false;
  let before = index - 1;
  if (isMannerAdverb(tokens[before]?.word ?? '')) before--;
  if (/^(?:not|never)$/.test(tokens[before]?.word ?? '')) before--;
  return /^(to|should|must|ought|need|needs|needed)$/.test(tokens[before]?.word ?? '');
}

/**
 * Words of a fault or a repair: a lab's training stopped for one is no pause taken up ("while engineers replace faulty
 * pumps", "for maintenance"); a failure only of a machine ("a power failure", not "the failure of the talks").
 */
const FAULT_WORDS = new Set([
  'faulty', 'fault', 'faults', 'maintenance', 'repairs', 'outage', 'outages', 'bug', 'bugs', 'glitch', 'glitches',
  'malfunction', 'malfunctions', 'malfunctioning', 'leak', 'leaks', 'overheating', 'flooding', 'accident', 'explosion',
  'blackout',
]);
/** Disasters that are also idioms: a fault only as "a fire", "the flood" (not "under fire", "a flood of criticism"). */
const DISASTER_WORDS = new Set(['fire', 'flood']);
/**
 * Words of a halt imposed, read in the condition the halt is under (CONDITION_WORDS): "only if a court ordered it to",
 * "if regulators forced us to" take no pause up; "and we call on governments to force every lab" does.
 */
const IMPOSING_WORDS = new Set([
  'forced', 'force', 'forces', 'ordered', 'orders', 'compelled', 'compel', 'court', 'courts', 'injunction',
]);
const CONDITION_WORDS = new Set(['if', 'unless', 'until', 'when', 'once']);
const FAILING_MACHINES = new Set(['power', 'hardware', 'equipment', 'cooling', 'network', 'chip', 'cluster', 'grid', 'server', 'disk']);
/** A rumour the speaker calls false ("Rumours that we are halting our training runs are false"), not one confirmed. */
const RUMOUR_WORDS = new Set(['rumour', 'rumours', 'rumor', 'rumors', 'speculation', 'claims', 'reports']);
const DENIALS = new Set(['false', 'untrue', 'baseless', 'inaccurate', 'unfounded', 'wrong', 'nonsense', 'deny', 'denies', 'denied']);
/** A subject that is any company's, not the speaker's own ("each company would halt", "every signatory company"). */
const QUANTIFIERS = new Set(['each', 'every', 'any', 'no', 'whichever']);
/** A rule is the "it" that would halt a lab's training ("the rule was so broad that it would halt all of its training runs"). */
const RULE_NOUNS = new Set(['rule', 'rules', 'bill', 'law', 'regulation', 'regulations', 'legislation', 'measure', 'mandate', 'order']);

/**
 * A lab's own pause that is none: its training stopped for a fault, a repair or an order, or owed ("would have to"), a
 * rumour of it denied, a company that is any company (as a proposal describes what it would ask), or an "it" that is a
 * rule named before it.
 */
function isUndoneOwnPause(tokens: readonly Token[], match: PhraseMatch<StanceCue>): boolean {
  const words = tokens.map((token) => token.word);
  // a halt kept up is the pause's only beside its checks or its talks ("grateful to the inspectors ... would keep the
  // run suspended"), and not one a regulator or a court imposes ("in compliance with the regulator's order"); kept for
  // a heatwave, a chip delivery or a funding round it is none
  if (words.slice(match.from, match.to).includes('keep')) {
    // (not one denied: "even though no regulator requires it")
    const isImposed = words.some((word, i) => IMPOSED_HALT_WORDS.has(word) && !isNegator(words[i - 1] ?? '') && !isNegator(words[i - 2] ?? ''));
    if (!words.some((word) => PAUSE_CONTEXT_WORDS.has(word)) || isImposed) return true;
  }
  const isFault = (word: string, i: number) => FAULT_WORDS.has(word)
    || (/^failures?$/.test(word) && FAILING_MACHINES.has(words[i - 1] ?? ''))
    || (DISASTER_WORDS.has(word) && /^(?:a|the)$/.test(words[i - 1] ?? '') && words[i + 1] !== 'of');
  if (words.some(isFault)) return true;
  const condition = words.findIndex((word, i) => i >= match.to && CONDITION_WORDS.has(word));
  if (condition >= 0 && words.slice(condition).some((word) => IMPOSING_WORDS.has(word))) return true;
  // a halt owed, not offered: "a developer would have to halt a training run", "must halt"
  const owed = words.slice(match.from, match.to);
  if (owed.includes('must') || owed.some((word, i) => /^(?:have|has|had)$/.test(word) && owed[i + 1] === 'to')) return true;
  const clauseStart = clauseStartOf(tokens, match.from);
  if (words.slice(Math.max(clauseStart, match.from - 2), match.from).some((word) => QUANTIFIERS.has(word))) return true;
  if (words.slice(clauseStart, match.from).some((word) => RUMOUR_WORDS.has(word)) && words.some((word) => DENIALS.has(word))) return true;
  return words[match.from] === 'it' && words.slice(0, match.from).some((word) => RULE_NOUNS.has(word));
}

/** Words of the pause's checks or talks, beside which a halt kept up is the pause's. */
const PAUSE_CONTEXT_WORDS = new Set([
  'inspectors', 'inspector', 'inspection', 'inspections', 'verification', 'verified', 'verify', 'pause', 'moratorium',
  'agreement', 'statement', 'pledge', 'treaty', 'talks', 'summit', 'accord',
]);
/** Words of a halt imposed on a lab, anywhere in its sentence: a regulator's, a court's. */
const IMPOSED_HALT_WORDS = new Set([
  'regulator', 'regulators', "regulator's", 'order', 'ordered', 'orders', 'injunction', 'court', 'ruling', 'required',
  'requires', 'compliance', 'comply',
]);

/**
 * Whether a cue is the verdict a denied belief frames right before it: "I do not think it is a silly objection", "did
 * not think it was high time the pace ... was reduced", "don't believe that this is necessary". Only the frame itself,
 * negation, belief verb, "it", "this" or "that" and its verb, with an article at most before the cue: a denial further
 * back is of something else ("I don't expect Congress to act, so ...", "I don't think anyone disputes that ...").
 */
function isDeniedVerdict(tokens: readonly Token[], cue: number, opensWithSubject = false): boolean {
  if (CALL_MODALS.has(tokens[cue]?.word ?? '') || opensWithSubject) return isDeniedCall(tokens, cue);
  let i = cue - 1;
  if (/^(?:a|an)$/.test(tokens[i]?.word ?? '')) i--;
  if (!/^(?:is|was|'s|be)$/.test(tokens[i]?.word ?? '')) return false;
  i--;
  if (/^(?:would|will)$/.test(tokens[i]?.word ?? '') && tokens[i + 1]!.word === 'be') i--;
  if (!/^(?:it|this|that)$/.test(tokens[i]?.word ?? '')) return false;
  i--;
  if (tokens[i]?.word === 'that') i--;
  if (!/^(?:think|believe)$/.test(tokens[i]?.word ?? '')) return false;
  return isNegator(tokens[i - 1]?.word ?? '') || (isNegator(tokens[i - 2]?.word ?? '') && /^(?:really|honestly)$/.test(tokens[i - 1]?.word ?? ''));
}

const CALL_MODALS = new Set(['should', 'must', 'ought', 'need', 'needs']);
/** Words after a negator that make it no negation of a position after them: "doesn't just support", "not only". */
const NOT_JUST = new Set(['just', 'only', 'merely', 'simply']);
const POSITION_VERBS = /^(?:support|supports|supported|back|backs|backed|endorse|endorses|endorsed|want|wants|favour|favours|favor|favors|agree|agrees|call|calls|called|sign|signed)$/;
/**
 * Whether the negator at `index` only says a position goes further: "doesn't just support it", "not only pause but also
 * open their data centres"; not "can't just halt training runs and hope China follows".
 */
function isNotJustPosition(tokens: readonly Token[], index: number): boolean {
  if (!NOT_JUST.has(tokens[index + 1]?.word ?? '')) return false;
  if (POSITION_VERBS.test(tokens[index + 2]?.word ?? '') || /^(?:has|have|had)$/.test(tokens[index - 1]?.word ?? '')) return true;
  // "not only pause but also ...", not "not simply pause but instead invest ..."
  for (let i = index + 2; i < tokens.length && i < index + NOT_ONLY_BUT_REACH && !isClauseBreak(tokens[i]!.word); i++) {
    if (tokens[i]!.word !== 'but') continue;
    for (let j = i + 1; j < tokens.length && !isClauseBreak(tokens[j]!.word); j++) if (/^(?:instead|rather)$/.test(tokens[j]!.word)) return false;
    return true;
  }
  return false;
}
/** Verbs of doubting what they take, whose denial leaves it standing: "has never questioned the need for a pause". */
const DOUBTING_VERBS = new Set([...QUESTIONING_VERBS.split('|'), 'doubt', 'doubts', 'doubted', 'doubting']);
/**
 * Whether the negator at `index` denies a doubt before the cue at `cue` ("has never questioned the need for a pause",
 * "does not dispute the case for a moratorium"): what is not doubted is the cue's own claim, not its negation.
 */
function isDeniedDoubt(tokens: readonly Token[], index: number, cue: number): boolean {
  let verb = index + 1;
  while (verb < cue && /^(?:really|seriously|once|ever|even|have|has|been)$/.test(tokens[verb]!.word)) verb++;
  return verb < cue && DOUBTING_VERBS.has(tokens[verb]!.word);
}
/** How far "not only ... but" reaches. */
const NOT_ONLY_BUT_REACH = 10;
/**
 * Words that make a call narrower than the pause, within it or right after it: what a denied belief then denies is
 * the narrower point ("I don't think the labs should wait any longer to pause", "should pause voluntarily", "should
 * only pause", "any single lab should pause on its own").
 */
const NARROWING_WORDS = new Set([
  'wait', 'hesitate', 'delay', 'afraid', 'only', 'alone', 'unilaterally', 'voluntarily', 'forever', 'indefinitely',
  'unless', 'until', 'without', 'own', 'permanently',
]);
/** Words of a call's subject that make it few: "the US alone", "only America" (and "on its own"). */
const FEW_SUBJECT_WORDS = new Set(['alone', 'only', 'solely', 'unilaterally']);
/** How far after a call its narrowing words are read. */
const NARROWING_REACH = 4;

/**
 * Whether a call has a narrowing word (NARROWING_WORDS) in it or right after it, in its clause, or its subject one of
 * few ("the US alone", "a single company", "one country on its own"): not the frame before the subject ("I just don't
 * think the labs should pause").
 */
function isNarrowedCall(tokens: readonly Token[], match: PhraseMatch<StanceCue>): boolean {
  for (let i = match.from - 1; i >= 0 && i >= match.from - DENIED_CALL_SUBJECT_WORDS; i--) {
    const word = tokens[i]!.word;
    if (BELIEF_VERBS.has(word) || word === 'that' || isClauseBreak(word)) break;
    if (FEW_SUBJECT_WORDS.has(word)) return true;
    if (word === 'own' && tokens[i - 2]?.word === 'on') return true;
  }
  for (let i = match.from; i < tokens.length && i < match.to + NARROWING_REACH; i++) {
    if (i >= match.to && isClauseBreak(tokens[i]!.word)) break;
    if (NARROWING_WORDS.has(tokens[i]!.word)) return true;
  }
  return false;
}
/** The most words of a denied call's subject: "the labs", "any of them", "the pace of AI development". */
const DENIED_CALL_SUBJECT_WORDS = 6;

/**
 * Whether a call that opens with its modal, or with its subject, is one a denied belief frames right before it: "he
 * did not think the labs should pause", "doesn't believe that America should halt training", "Nobody in Washington
 * thinks the pace of AI development should be slowed". The frame itself, with a subject of a few words between it and
 * the modal; not a denial further back or across a clause ("I don't think so, and the labs should pause").
 */
function isDeniedCall(tokens: readonly Token[], cue: number): boolean {
  let i = cue - 1;
  for (let words = 0; words < DENIED_CALL_SUBJECT_WORDS && i >= 0; words++, i--) {
    const word = tokens[i]!.word;
    if (BELIEF_VERBS.has(word) || UNCONVINCED_WORDS.has(word) || word === 'that') break;
    if (isClauseBreak(word) || CLAUSE_BREAKS.has(word) || isNegator(word) || SUBORDINATORS.has(word) || NOT_IN_SUBJECT.has(word)) return false;
  }
  if (i === cue - 1 && CALL_MODALS.has(tokens[cue]!.word)) return false;
  if (tokens[i]?.word === 'that') i--;
  const frame = tokens[i]?.word ?? '';
  // "I'm not convinced the labs should pause", "isn't sure that ...", "unconvinced" (a doubt, "I doubt the labs should
  // pause", is not read: reported doubts are as often others', "Only cynics doubt ...")
  if (UNCONVINCED_WORDS.has(frame)) return frame === 'unconvinced' || isNegator(tokens[i - 1]?.word ?? '');
  if (!BELIEF_VERBS.has(tokens[i]?.word ?? '')) return false;
  if (isNegator(tokens[i - 1]?.word ?? '') || (isNegator(tokens[i - 2]?.word ?? '') && /^(?:really|honestly)$/.test(tokens[i - 1]?.word ?? ''))) return true;
  // a subject that is no one, opening the belief's clause: "Nobody in Washington thinks ...", "No lab thinks ..."; not
  // "No fewer than 40 senators believe", "sees no sign of restraint and thinks", "states with no AI labs think"
  let start = i;
  while (start > 0 && i - start < DENIED_CALL_SUBJECT_WORDS && !isClauseBreak(tokens[start - 1]!.word) && !CLAUSE_BREAKS.has(tokens[start - 1]!.word)
    && !/^(?:said|says|that)$/.test(tokens[start - 1]!.word)) start--;
  // its opener, after an opening adverb at most ("These days nobody in Congress thinks"; not "in no uncertain terms she
  // believes", "voters with no stake in the industry think")
  let opener = start;
  while (opener < i && opener < start + NO_ONE_OPENING_WORDS && OPENING_ADVERBS.has(tokens[opener]!.word)) opener++;
  const word = tokens[opener]?.word ?? '';
  if (opener >= i || !NO_ONE.has(word) || (word === 'no' && NOT_NO_ONE.has(tokens[opener + 1]?.word ?? ''))) return false;
  // no verb of its own before the belief ("No one doubts Senator Ruiz thinks")
  for (let j = opener + 1; j < i; j++) if (/^(?:doubts?|denies|questions|disputes|says|said)$/.test(tokens[j]!.word)) return false;
  return true;
}
/** How far into a belief's clause its no-one subject may open, after adverbs of these: "These days nobody ...". */
const NO_ONE_OPENING_WORDS = 2;
const OPENING_ADVERBS = new Set([
  'these', 'days', 'today', 'now', 'right', 'frankly', 'honestly', 'still', 'yet', 'really', 'simply', 'almost',
  'virtually', 'practically', 'nearly', 'basically', 'so', 'far', 'absolutely', 'literally',
]);
const NO_ONE = new Set(['nobody', 'no', 'none', 'noone']);
/** "no" that is no subject's: "there is no doubt he thinks ...". */
const NOT_NO_ONE = new Set(['doubt', 'question', 'wonder', 'surprise', 'secret', 'longer', 'matter', 'fewer', 'more', 'less']);
const BELIEF_VERBS = new Set(['think', 'thinks', 'thought', 'believe', 'believes', 'believed']);
/** Words of a belief only when negated ("not convinced", "isn't sure") or by their own prefix ("unconvinced"). */
const UNCONVINCED_WORDS = new Set(['convinced', 'sure', 'persuaded', 'certain', 'unconvinced']);
/** Words no subject has, a verb's or an infinitive's: "I don't think it's crazy to say the labs should slow down". */
const NOT_IN_SUBJECT = new Set(['to', 'is', 'was', 'are', 'were', 'be', 'been', "it's", "that's", 'say', 'says', 'said']);
const SUBORDINATORS = new Set(['if', 'unless', 'because', 'when', 'so', 'or', 'who', 'which', 'whether', 'why', 'how', 'what', 'where']);

/** Verbs of refusing an act: what follows "to" is not done ("refuses to sign", "declined to back"). */
const REFUSAL_WORDS = new Set([
  'refuse', 'refuses', 'refused', 'refusing', 'refusal', 'refusals', 'decline', 'declines', 'declined', 'declining',
]);
/**
 * Acts whose refusal is no position ("refused to comment", "refused to be drawn", "declined to give details"): one who
 * declines to comment or to say whether they back the pause says nothing of it. Their clause is left as it reads
 * ("declined to say whether it would back the pause" stays a question).
 */
export const UNSAID_ACTS: ReadonlySet<string> = new Set([
  'comment', 'say', 'discuss', 'answer', 'respond', 'elaborate', 'confirm', 'be', 'speculate', 'specify', 'disclose',
  'reveal', 'name', 'identify', 'detail', 'give', 'provide', 'share', 'release', 'explain', 'state',
]);
/** Words that end what is refused: a new clause begins ("refused to sign and called the letter naive"). */
const REFUSAL_SCOPE_ENDS = new Set([
  'and', 'but', 'while', 'whereas', 'because', 'since', 'although', 'though', 'so', 'yet', 'as', 'citing', 'saying', 'arguing',
]);

/** Token spans of what a sentence says is refused: from the verb after "refuse(s) to" or "declined to" to its clause's end. */
function refusedSpans(tokens: readonly Token[]): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    if (!REFUSAL_WORDS.has(tokens[i]!.word) || tokens[i + 1]!.word !== 'to' || UNSAID_ACTS.has(tokens[i + 2]!.word)) continue;
    let end = i + 2;
    while (end < tokens.length && !isClauseBreak(tokens[end]!.word) && !REFUSAL_SCOPE_ENDS.has(tokens[end]!.word)) end++;
    spans.push([i + 2, end]);
  }
  return spans;
}

/** Verbs of taking a text or a cause up: signing, backing, endorsing, joining, supporting it. */
const ENDORSING_VERBS = /^(sign|signs|signed|signing|back|backs|backed|backing|endorse|endorses|endorsed|endorsing|join|joins|joined|joining|support|supports|supported|supporting)$/;
/** Texts and causes one signs or joins, whose words may say which side they take ("a letter opposing the pause"). */
const SIGNED_TEXTS = new Set([
  'letter', 'letters', 'pledge', 'statement', 'petition', 'declaration', 'appeal', 'call', 'calls', 'campaign',
  'coalition', 'motion', 'resolution', 'manifesto',
]);
// Words at most between the act's cue and the text it signs ("refused to sign [an open letter] opposing ...").
const SIGNED_TEXT_REACH = 4;
const RELATIVE_OPENERS = new Set(['that', 'which']);
const AGAINST_REACH = 3;

/** Whether a cue is an act of taking a text up or refusing to ("signed a letter", "refuses to sign"). */
function isEndorsingAct(tokens: readonly Token[], hit: CueHit): boolean {
  for (let i = hit.from; i < hit.to; i++) {
    if (ENDORSING_VERBS.test(tokens[i]!.word) || REFUSAL_WORDS.has(tokens[i]!.word)) return true;
  }
  return false;
}

/**
 * The side the text that `act` signs, backs or refuses takes by its own words, as they stand after its noun, and the cue
 * that says it: side -1 for a text against the pause ("a letter opposing the pause", "a petition against the
 * moratorium", "the statement, which rejects the pause"), +1 for one for it, 0 when its words say nothing. A cue read
 * inside a refusal ("refused to sign a letter opposing ...") is read as the text says it, before the refusal turned it.
 */
function contentOfSigned(
  tokens: readonly Token[], hits: readonly CueHit[], act: CueHit, refused: ReadonlySet<CueHit>,
): { side: number; hit: CueHit | null } {
  const none = { side: 0, hit: null };
  let noun = -1;
  for (let i = act.from; i < act.to + SIGNED_TEXT_REACH && i < tokens.length; i++) {
    const word = tokens[i]!.word;
    if (i >= act.to && (isClauseBreak(word) || REFUSAL_SCOPE_ENDS.has(word))) break;
    if (SIGNED_TEXTS.has(word)) noun = i;
  }
  if (noun < 0) return none;
  let content = noun + 1;
  if (tokens[content]?.word === ',' && RELATIVE_OPENERS.has(tokens[content + 1]?.word ?? '')) content++;
  if (RELATIVE_OPENERS.has(tokens[content]?.word ?? '')) content++;
  const said = hits.find((hit) => hit !== act && hit.from >= noun + 1 && hit.from <= content);
  if (said !== undefined) return { side: Math.sign(said.value) * (refused.has(said) ? -1 : 1), hit: said };
  if (tokens[content]?.word !== 'against') return none;
  // "against the pause", "against a six-month moratorium"
  for (let i = content + 1; i <= content + AGAINST_REACH && i < tokens.length; i++) {
    if (PROPOSAL_WORDS.test(tokens[i]!.word)) return { side: -1, hit: null };
  }
  return none;
}

/**
 * Whether `call` (a call cue after it) is the call that the rejection `rejection` turns down: a few words after it,
 * with the call's noun between them or among the call's first words ("rejects calls to halt", "rejected renewed calls
 * for a pause"), and no clause break between them.
 */
export function isRejectedCall(tokens: readonly Token[], rejection: CueHit, call: { from: number; to: number }): boolean {
  if (rejection.cue.kind !== 'call' || rejection.value >= 0 || rejection.to > call.from) return false;
  if (call.from - rejection.to > REJECTED_CALL_REACH) return false;
  const between = tokens.slice(rejection.to, call.from).map((token) => token.word);
  const opening = tokens.slice(call.from, Math.min(call.to, call.from + 2)).map((token) => token.word);
  return [...between, ...opening].some((word) => CALL_NOUNS.has(word) || CALLING_TEXTS.has(word)) && !between.some((word) => CLAUSE_BREAKS.has(word));
}

/**
 * Texts that make a call, and a call's need, rejected as a call is: "dismissed the open letter calling for a pause",
 * "rejected the need for a pause".
 */
const CALLING_TEXTS = new Set(['letter', 'petition', 'statement', 'declaration', 'need', 'necessity']);
/** Nouns of a proposal, a rejection of which to undo the pause is for it: "rejected demands to lift the moratorium". */
const PROPOSED_UNDOING_NOUNS = new Set([
  ...CALL_NOUNS, 'plan', 'plans', 'proposal', 'proposals', 'idea', 'bid', 'bids', 'push', 'effort', 'efforts', 'attempt',
  'attempts', 'move', 'moves', 'amendment', 'amendments', 'motion', 'motions', 'bill', 'bills', 'measure', 'measures',
  'request', 'requests', 'decision', 'decisions', 'vote', 'votes', 'ruling', 'order',
]);
const CLAUSE_BREAKS = new Set([',', ';', ':', 'and', 'but', 'while', 'whereas']);
/** Words at most between a rejection and the call it rejects ("rejected the growing calls to ..."). */
const REJECTED_CALL_REACH = 4;

/**
 * Words before "call" or "calls" that make it the noun: determiners, quantifiers and adjectives ("the call", "renewed
 * calls", "growing calls"), and prepositions ("amid calls for a pause", "despite the call").
 */
const NOUN_OPENERS = new Set([
  'the', 'a', 'an', 'this', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'whose', 'any', 'no',
  'every', 'each', 'such', 'one', 'another', 'either', 'neither', 'what', 'many', 'some', 'several', 'few', 'numerous',
  'more', 'fewer', 'further', 'other', 'similar', 'growing', 'renewed', 'repeated', 'urgent', 'recent', 'new', 'fresh',
  'latest', 'earlier', 'loud', 'louder', 'public', 'mounting', 'increasing', 'widespread', 'frequent', 'global',
  'international', 'joint', 'original', 'initial', 'formal', 'open', 'first', 'last', 'of', 'to',
  'for', 'amid', 'amidst', 'despite', 'after', 'against', 'about', 'over', 'by', 'from', 'with', 'in', 'on', 'at',
  'into', 'behind', 'like', 'than', 'among', 'following',
]);
/**
 * Words after which a verb's form is a noun or an adjective: "the renewed call", "its push for", "their appeal". Not
 * "that", which is as often a relative pronoun ("the letter that called for").
 */
const DETERMINERS = new Set([
  'the', 'a', 'an', 'this', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'whose', 'any',
  'no', 'every', 'each', 'such', 'another',
]);
/** Prepositions after which a participle is an adjective: "amid renewed calls", "despite repeated appeals". */
const PARTICIPLE_PREPOSITIONS = new Set(['amid', 'amidst', 'despite', 'after', 'following', 'with', 'by', 'from', 'over', 'against', 'among', 'of']);

/**
 * Whether the word at `index`, a verb's form that opens a report of advocacy ("renewed its call", "pushed for"), stands
 * here as a noun or as an adjective of the call's noun: after a determiner or a possessive ("the renewed call for a
 * pause", "its push for a halt", "Anthropic's appeal for a moratorium"), or a participle after a preposition ("amid
 * renewed calls"). Then it reports nobody's act: the call is the object or the setting of the clause ("China rejected
 * the renewed call for a pause"). A form in -ing stays a verb's ("those calling for", "Anthropic's pushing for"), and
 * "call" and "calls" are left to isCallNoun.
 */
export function modifiesNoun(tokens: readonly Token[], index: number): boolean {
  const word = tokens[index]!.word;
  if (word === 'call' || word === 'calls' || /ing$/.test(word)) return false;
  // "renewed calls", "repeated appeals": a past form right before the call's noun is the verb only after its subject.
  if (/ed$/.test(word) && CALL_NOUNS.has(tokens[index + 1]?.word ?? '')) return !followsSubject(tokens, index);
  const previous = tokens[index - 1];
  if (previous === undefined) return false;
  if (DETERMINERS.has(previous.word) || previous.isPossessive) return true;
  return /ed$/.test(word) && PARTICIPLE_PREPOSITIONS.has(previous.word);
}

/** Words after which a verb's form is its subject's: a perfect's auxiliary, a relative or a personal pronoun. */
const SUBJECT_ENDS = new Set(['has', 'have', 'had', "'ve", 'who', 'that', 'which', 'he', 'she', 'they', 'it', 'we', 'i']);
/** Words after which a verb's form is no finite verb: forms of "be", conjunctions, modals and "to". */
const NO_SUBJECT_BEFORE = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", "'re", 'and', 'or', 'but', 'nor', 'to', 'will', 'would',
  'should', 'must', 'can', 'could', 'may', 'might', 'shall', 'not', 'there',
]);
/** Present forms of verbs that take a call as their object ("backs renewed calls", "rejects repeated appeals"). */
const CALL_OBJECT_VERBS = /^(rejects|backs|supports|endorses|welcomes|dismisses|opposes|joins|signs|echoes|amplifies|answers|heeds|hears|fuels|prompts|sparks|faces|draws|renews|repeats|makes|issues)$/;

/**
 * Whether the verb's form at `index` follows its subject ("China renewed calls", "Unions on Tuesday renewed calls",
 * "China has renewed calls"), not a verb that takes the phrase as its object ("China rejected renewed calls"), a
 * preposition ("amid renewed calls"), a form of "be" ("there were renewed calls") or the sentence's start ("Renewed
 * calls for a pause are naive").
 */
function followsSubject(tokens: readonly Token[], index: number): boolean {
  const k = previousWordIndex(tokens, index);
  const previous = tokens[k];
  if (previous === undefined || !/^[\p{L}\p{N}]/u.test(previous.word)) return false;
  if (SUBJECT_ENDS.has(previous.word)) return true;
  if (previous.isPossessive || DETERMINERS.has(previous.word) || NOUN_OPENERS.has(previous.word) || NO_SUBJECT_BEFORE.has(previous.word)) return false;
  return !/ed$/.test(previous.word) && !CALL_OBJECT_VERBS.test(previous.word) && !NEUTRAL_CALL_OBJECT_VERBS.test(previous.word);
}

/** Verbs that take a call as their object without taking its side ("Lab ignores call for pause", "weighs calls"). */
const NEUTRAL_CALL_OBJECT_VERBS = /^(ignor|question|examin|weigh|consider|discuss|debat|studies|studied|review|explor|assess|resist|defy|defies|defied|spurn|snub|rebuff)/;
/** Adverbs between a subject and "call" ("Researchers now call for", "Unions jointly call on"). */
const ADVERBS_BEFORE_VERB = new Set(['also', 'now', 'again', 'still', 'today', 'all', 'both', 'together', 'too', 'once', 'themselves', 'instead']);
/** Quantifiers that stand for a plural subject ("Some call it a moat", "Many call for a pause"). */
const QUANTIFIER_SUBJECTS = new Set(['some', 'many', 'several', 'few', 'most', 'others', 'both', 'all']);
/** Plural subjects that do not end in "s" ("People call for a pause"). */
const PLURALS_WITHOUT_S = new Set(['people', 'staff', 'men', 'women', 'children', 'workers', 'parents', 'we', 'they', 'you', 'i', 'who']);

/** Whether a word is a plural noun by its form ("researchers", "unions", "ethicists"), not "this", "its" or "us". */
function looksPlural(word: string): boolean {
  return word.length > 3 && /s$/.test(word) && !/(ss|us|is|'s)$/.test(word) && !/^(its|this|has|was|does|yes|thus|perhaps|always|sometimes|whereas)$/.test(word);
}

/** Words after which "call" is a verb with its subject before them ("will call for", "plan to call for", "and call it"). */
const VERB_OPENERS = new Set(['will', 'would', 'should', 'must', 'can', 'could', 'may', 'might', 'shall', "'ll", "'d", 'to', 'and', 'or', 'not', 'never', "don't", "didn't", "won't", "wouldn't"]);
/** Prepositions between a plural subject and "call" ("Critics in Europe call", "Backers of the pause call"). */
const SUBJECT_PREPOSITIONS = new Set(['of', 'in', 'at', 'from', 'across', 'around', 'on', 'inside', 'within']);

function previousWordIndex(tokens: readonly Token[], index: number): number {
  let k = index - 1;
  while (k >= 0 && (ADVERBS_BEFORE_VERB.has(tokens[k]!.word) || /^\p{L}{3,}ly$/u.test(tokens[k]!.word))) k--;
  return k;
}

/**
 * Whether "call" or "calls" at `index` is clearly the noun: after a determiner, an adjective, a preposition or a
 * possessive ("the call", "renewed calls", "amid calls", "Anthropic's call", "the researchers' call"), after a verb that
 * takes it as object without taking its side ("ignores calls"), and at a sentence's start ("Calls for a pause grow").
 * After a comma it is the verb ("Dozens of academics, including X, call for a pause").
 */
export function isCallNoun(tokens: readonly Token[], index: number): boolean {
  const word = tokens[index]!.word;
  if (word !== 'call' && word !== 'calls') return false;
  const k = previousWordIndex(tokens, index);
  const previous = tokens[k];
  if (previous?.word === ',') return false;
  if (previous === undefined || !/^[\p{L}\p{N}]/u.test(previous.word)) return true;
  // "Some call it a moat", "plan to call for": a quantifier before "call" is its subject and "to" its infinitive.
  if (word === 'call' && (QUANTIFIER_SUBJECTS.has(previous.word) || VERB_OPENERS.has(previous.word))) return false;
  return previous.isPossessive || NOUN_OPENERS.has(previous.word) || NEUTRAL_CALL_OBJECT_VERBS.test(previous.word);
}

/**
 * Whether "call" or "calls" at `index` is the verb, for cues that open with it: "Anthropic calls for ...", and "call"
 * with a plural subject ("Researchers call for a pause", "Scientists and ethicists call", "Critics in Europe call",
 * "They call") or after a modal, "to" or "and" ("will call for", "and call for"); not the noun (isCallNoun), nor "call"
 * after a singular noun ("The Anthropic call for a pause"). A verb that rejects or backs the call ("Minister rejects
 * call for pause") is left to read it, as "rejects calls" is read (findCueHits). Other words ("called", "urges") are
 * verbs.
 */
export function readsAsVerb(tokens: readonly Token[], index: number): boolean {
  const word = tokens[index]!.word;
  if (word !== 'call' && word !== 'calls') return true;
  if (isCallNoun(tokens, index)) return false;
  if (word === 'calls') return true;
  const k = previousWordIndex(tokens, index);
  const previous = tokens[k]!.word;
  if (previous === ',' || QUANTIFIER_SUBJECTS.has(previous) || VERB_OPENERS.has(previous) || PLURALS_WITHOUT_S.has(previous) || looksPlural(previous)) return true;
  // "that" and "which" are relative pronouns after a plural ("scientists that call for").
  if (previous === 'that' || previous === 'which') return looksPlural(tokens[k - 1]?.word ?? '');
  // "Critics in Europe call", "Backers of the pause call": the subject is the plural before the preposition.
  for (let i = k - 1; i > 0 && i >= k - 5 && !isClauseBreak(tokens[i]!.word); i--) {
    if (SUBJECT_PREPOSITIONS.has(tokens[i]!.word)) return looksPlural(tokens[i - 1]!.word) || PLURALS_WITHOUT_S.has(tokens[i - 1]!.word);
  }
  return false;
}

/** Words after which a noun phrase opens a clause as its subject: a report's verb, a conjunction ("said the pace"). */
const BEFORE_A_SUBJECT = new Set([
  'that', 'and', 'but', 'so', 'because', 'while', 'said', 'says', 'argued', 'argues', 'believes', 'believe', 'thinks',
  'think', 'insisted', 'insists', 'warned', 'warns', 'agreed', 'agree', 'agrees', 'wrote', 'writes', 'added', 'adds',
  'noted', 'notes', 'stressed', 'feel', 'feels', 'felt', 'say', 'contend', 'contends', 'contended', 'maintains',
  'maintained',
]);
/** Marks a clause opens after: a quote's, a colon's, a dash's (not a comma, which may set off words in a phrase). */
const CLAUSE_OPENING_MARKS = new Set(['"', ':', ';', '—', '–', '(']);
/** Nouns whose "that" clause is what they name, not the speaker's own: "rejected the argument that ...". */
const CLAIM_NOUNS = new Set([
  'argument', 'arguments', 'claim', 'claims', 'idea', 'notion', 'view', 'suggestion', 'suggestions', 'warning',
  'warnings', 'call', 'calls', 'demand', 'demands', 'case', 'assertion', 'belief', 'fear', 'fears',
]);

/**
 * Whether tokens[index] opens a clause, as its subject, not as a verb's or a preposition's object ("hold back, rather
 * than speed up, the pace"), nor in a clause a claim's noun names ("the argument that") or another's report does
 * ("critics who said"). A weekday after the report's verb is passed over ("said Tuesday the pace").
 */
function opensClause(tokens: readonly Token[], index: number, claimed = false, described = false): boolean {
  let before = index - 1;
  if (WEEKDAYS.has(tokens[before]?.word ?? '')) before--;
  const previous = tokens[before]?.word;
  if (previous === undefined || CLAUSE_OPENING_MARKS.has(previous)) return true;
  if (!BEFORE_A_SUBJECT.has(previous)) return false;
  const earlier = tokens[before - 1]?.word ?? '';
  // (`claimed`: a claim's clause a rejection takes; `described`: the report of one a relative clause describes, "Senator
  // Lopez, who says the pause should be lifted, ...")
  return previous === 'that' ? claimed || !CLAIM_NOUNS.has(earlier) : described || !/^(?:who|which|that)$/.test(earlier);
}

/** What a pause is on that makes it AI's development, "ai" aside ("the pause on AI development", not "on AI use in schools"). */
const AI_DEVELOPMENT_WORDS = new Set([
  ...[...AI_OBJECT_WORDS].filter((word) => !/^a\.?i\.?$/.test(word)),
  'development', 'research', 'progress', 'labs', 'experiments', 'runs', 'scaling',
]);
/** Words that open a pause's phrase as a subject: "the", "its", "this" (not past them: "that" may open the clause). */
const SUBJECT_DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'their', 'our', 'his', 'her', 'any']);
/** Words after what should be done with the pause that bound it in time or by a condition: "should be lifted once ...". */
const PAUSE_SUBJECT_LIMITS = new Set(['once', 'when', 'after', 'until']);
/** The modals a pause-subject row opens its predicate with: "the moratorium should", "the pause has to". */
const SUBJECT_MODALS = /^(?:should|must|shouldn't|mustn't|needn't|need|ought|needs|has|have|had)$/;
/**
 * The index of a pause-subject row's modal, found back from its "be", "been" or verb of ending ("should (not) be",
 * "has to be", "must have been", "needs to end"), not a word of what the pause is on ("on labs that have ignored
 * safety"); -1 where there is none.
 */
function subjectModalOf(tokens: readonly Token[], match: PhraseMatch<StanceCue>): number {
  let verb = match.from + 1;
  while (verb < match.to && !/^(?:be|been|end|expire|lapse)$/.test(tokens[verb]!.word)) verb++;
  let modal = verb - 1;
  if (tokens[modal]?.word === 'have') modal--;
  if (tokens[modal]?.word === 'to') modal--;
  if (modal > match.from && !SUBJECT_MODALS.test(tokens[modal]!.word)) modal--;
  return modal > match.from && SUBJECT_MODALS.test(tokens[modal]!.word) ? modal : -1;
}
/** Verbs before a clause in the speaker's words: "said the halt had to be overturned". */
const REPORT_OPENERS = new Set(['said', 'told', 'says', 'argued', 'insisted', 'warned', 'stressed', 'added', 'noted', 'wrote', 'believed', 'thought']);
/** What "as soon as" may end on without a condition: "should be lifted as soon as possible". */
const AS_SOON_AS_ENDS = new Set(['possible', 'practicable', 'feasible', 'practical', 'can']);
/**
 * Whether the pause a pause-subject cue opens with is this pause as its clause's subject: past its modifiers ("the
 * proposed six-month moratorium", "Anthropic's pause", "the Anthropic-backed moratorium"), and what it is on if
 * anything, AI's ("the moratorium on frontier AI training"), the phrase opens a clause (after "told reporters", "said in
 * a statement", an opening adverb, in the report of one a relative clause describes: "Senator Lopez, who says ..."), or
 * a claim's that a rejection takes ("rejected the idea that the pause should be lifted", turned there; see
 * rejectedClaimOf, not "called the argument that ... absurd"); and nothing after bounds its undoing, unless denied ("should be lifted once the labs
 * comply", "as soon as the treaty is signed", "only if"; "should not be lifted until ..." keeps it). Not "exemptions
 * from the pause", "the hiring freeze", "the moratorium on evictions".
 */
function isPauseTheSubject(tokens: readonly Token[], match: PhraseMatch<StanceCue>): boolean {
  // back over its modifiers to its determiner or possessive, which opens the phrase ("that" may open the clause too)
  let start = match.from;
  const isModifier = (token: Token) => isPauseModifier(token.word) || token.isPossessive === true || /^\p{L}+-(?:backed|led|proposed)$/u.test(token.word);
  while (start > 0 && isModifier(tokens[start - 1]!) && !tokens[start]!.isPossessive && !SUBJECT_DETERMINERS.has(tokens[start]!.word)) start--;
  if (!opensClause(tokens, start, isRejectedClaimNoun(tokens, start - 2), true) && !isToldSubject(tokens, start) && !isAfterOpeningAdverb(tokens, start)) return false;
  // a modal of having only before "to" ("has to be lifted"; not "has been lifted", a report), and "had to be extended"
  // a report of what was done but in the speaker's words ("said the halt had to be overturned")
  const modal = subjectModalOf(tokens, match);
  if (modal < 0 || (/^(?:has|have|had)$/.test(tokens[modal]!.word) && tokens[modal + 1]?.word !== 'to')) return false;
  const report = tokens[start - 1]?.word === 'that' ? start - 2 : start - 1;
  if (tokens.slice(match.from, match.to).some((token) => token.word === 'had') && !REPORT_OPENERS.has(tokens[report]?.word ?? '')) return false;
  if (isOthersReport(tokens, start - 1)) return false;
  if (/^(?:on|of)$/.test(tokens[match.from + 1]!.word)) {
    const object = tokens.slice(match.from + 2, modal);
    // (AI's development, not "AI use in classrooms", "AI in schools": "ai" only as the object's last word)
    const isDevelopment = object.some((token, i) => AI_DEVELOPMENT_WORDS.has(token.word) || (token.word === 'systems' && /^(?:a\.?i\.?|frontier)$/.test(object[i - 1]?.word ?? '')))
      || /^a\.?i\.?$/.test(object.at(-1)?.word ?? '');
    if (isPauseOfOther(tokens, match.from + 1) || !isDevelopment || object.some((token) => isClauseBreak(token.word))) return false;
  }
  // (a pause kept "until" or "once" something holds is kept all the same: "should be extended until auditors are in place")
  if (match.data.polarity > 0 || tokens.slice(match.from, match.to).some((token) => isNegator(token.word))) return true;
  // (past an adverb: "should be lifted early when ...")
  const after = /^(?:early|quickly|soon|again|later|immediately|promptly)$/.test(tokens[match.to]?.word ?? '') ? match.to + 1 : match.to;
  const next = tokens[after]?.word ?? '';
  const isAsSoonAs = next === 'as' && tokens[after + 1]?.word === 'soon' && tokens[after + 2]?.word === 'as'
    && !AS_SOON_AS_ENDS.has(tokens[after + 3]?.word ?? '');
  const isOnceForAll = next === 'once' && tokens[after + 1]?.word === 'and';
  return !isLimited(tokens, after) && (!PAUSE_SUBJECT_LIMITS.has(next) || isOnceForAll) && !isAsSoonAs;
}
/** Whether the word at `noun` is a claim's noun a rejection takes: "rejected the idea", "brushed aside claims". */
function isRejectedClaimNoun(tokens: readonly Token[], noun: number): boolean {
  if (!CLAIM_NOUNS.has(tokens[noun]?.word ?? '')) return false;
  let verb = noun - 1;
  while (verb > 0 && (REJECTED_HEAD_MODIFIERS.has(tokens[verb]!.word) || tokens[verb]!.isPossessive === true)) verb--;
  const word = tokens[verb]?.word ?? '';
  return OPPOSING_WORD.test(word) || QUESTIONING_WORDS.has(word) || /^(?:aside|off|away|down)$/.test(word);
}
/** The lexicon's verbs of opposing and questioning as words ("criticis*" any word it opens). */
const OPPOSING_WORD = new RegExp(`^(?:${OPPOSING_VERBS.replaceAll('*', '\\p{L}*')})$`, 'u');
const QUESTIONING_WORDS = new Set(QUESTIONING_VERBS.split('|'));
/**
 * Whether the verb at `verb` reports what others say or think inside the speaker's report: "said many executives say
 * the pause should be lifted", "noted that many in the industry think ..." (not "said she thinks ...").
 */
function isOthersReport(tokens: readonly Token[], verb: number): boolean {
  if (!/^(?:say|says|believe|believes|think|thinks|feel|feels|argue|argues|want|wants)$/.test(tokens[verb]?.word ?? '')) return false;
  let i = verb - 1;
  if (/^(?:he|she|they|we|i|it)$/.test(tokens[i]?.word ?? '')) return false;
  for (; i > verb - 1 - OTHERS_SUBJECT_WORDS && i >= 0 && !isClauseBreak(tokens[i]!.word); i--) {
    if (/^(?:said|says|noted|told|added|argued|warned|insisted|acknowledged|conceded)$/.test(tokens[i]!.word)) return true;
  }
  return false;
}
/** Words at most in another's subject within a report: "said | many in the industry | think". */
const OTHERS_SUBJECT_WORDS = 6;
/**
 * Whether the phrase at `start` opens a report to its hearers or in its medium: "told reporters the moratorium should be
 * scrapped", "said in a statement the pause must end".
 */
function isToldSubject(tokens: readonly Token[], start: number): boolean {
  const hearers = /^(?:reporters|journalists|lawmakers|senators|delegates|parliament|congress)$/.test(tokens[start - 1]?.word ?? '')
    && /^(?:told|tells|tell)$/.test(tokens[start - 2]?.word ?? '');
  const medium = /^(?:statement|interview|letter|post|op-ed|speech)$/.test(tokens[start - 1]?.word ?? '')
    && /^(?:a|an|the|her|his|their|its)$/.test(tokens[start - 2]?.word ?? '') && /^(?:in|on)$/.test(tokens[start - 3]?.word ?? '')
    && /^(?:said|says|wrote|writes|argued|argues)$/.test(tokens[start - 4]?.word ?? '');
  return hearers || medium;
}
/** Whether the phrase at `start` follows an adverb and a comma that open its sentence or quote: "Frankly, this moratorium ...". */
function isAfterOpeningAdverb(tokens: readonly Token[], start: number): boolean {
  if (tokens[start - 1]?.word !== ',' || !/^\p{L}+ly$/u.test(tokens[start - 2]?.word ?? '')) return false;
  const opener = tokens[start - 3]?.word;
  return opener === undefined || CLAUSE_OPENING_MARKS.has(opener);
}

/** Causes that curb a pace by themselves: "curbed by power shortages" forecasts, it calls for nothing. */
const CURBING_CAUSES = new Set(['shortage', 'shortages', 'constraints', 'bottlenecks', 'scarcity', 'costs', 'prices']);
/** The most words from "by" to the cause ("by a shortage", "by chronic power shortages"). */
const CAUSE_REACH = 3;

/**
 * Whether what follows a call at `end` makes it conditional or partial, or a forecast of a cause: "must be reduced
 * only if it can be shown to be dangerous", "unless", "has to be slowed in some places and not others", "should be
 * curbed by power shortages" (not "must be reduced by half", "by governments acting together", "by next year").
 */
function isLimited(tokens: readonly Token[], end: number): boolean {
  const next = tokens[end]?.word;
  const isByCause = next === 'by' && tokens.slice(end + 1, end + 1 + CAUSE_REACH).some((token) => CURBING_CAUSES.has(token.word));
  return next === 'only' || next === 'unless' || next === 'if' || next === 'selectively'
    || ((next === 'in' || next === 'for') && tokens[end + 1]?.word === 'some') || isByCause;
}
