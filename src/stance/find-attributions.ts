/**
 * Attributed statements inside a sentence: who says what. Finds quotes and reported speech —
 * "X said (that) ...", "'...,' X said", "..., said X: ...", "according to X, ...", "critics argue ...",
 * "X has accused Y of ...", "X backs the call ...", "X, a nurse, testified: ...", "NAME (role): ..." — and returns
 * the speaker's surface form with the token ranges of what is attributed to them, so the article's own voice can
 * be scored apart. A clause the speaker reports ("X said its members would back ...") stays the speaker's.
 */

import { CALENDAR_WORDS, WEEKDAYS } from './calendar-words.ts';
import {
  ASKED_QUESTION_OPENERS, isDescribingAsk, isPerfectBeen, isPhrasalRejectionOfPause, modifiesNoun, namesThisPauseAt,
  QUESTION_OPENERS, questionedMeritOf, readsAsVerb, UNSAID_ACTS,
} from './clause-polarity.ts';
import { NEGATIVE_WORDS, POSITIVE_WORDS, RISK_WORDS } from './evaluative-lexicon.ts';
import { DISPUTING_VERBS, EFFORT_ADVERB, NAMED_PROPOSERS, PHRASAL_REJECTIONS, STAND_ADVERB, STAND_OBJECT } from './pause-lexicon.ts';
import { isClauseBreak, tokenize, type Token } from './tokenize.ts';

const PROPOSER_NAMES = new Set(NAMED_PROPOSERS);

/** Verbs of putting a proposal out: "Anthropic made the proposal public", "published", "unveiled". */
const PUBLISHING_VERBS = new Set([
  'made', 'published', 'released', 'unveiled', 'announced', 'issued', 'proposed', 'outlined', 'launched', 'presented', 'set',
  'laid', 'put',
]);

/** The proposer by name ("Anthropic", "Dario Amodei"), not by a description ("the company"). */
function isProposerName(surfaceText: string): boolean {
  return PROPOSER_NAMES.has(surfaceText.toLowerCase());
}

export interface Attribution {
  /** The speaker as written ("David Sacks", "the trade group's spokeswoman", "critics"). */
  actor: string;
  /** Token ranges [from, to) of the attributed words, including a stance-bearing verb ("backs", "accused"). */
  ranges: [number, number][];
  /** True when the actor was a pronoun or a continuing quote and was resolved from the sentence before. */
  isResolved: boolean;
  /**
   * The actor is the agent of a passive in a relative clause or a participle phrase ("OpenAI, backed by Microsoft,"):
   * the ranges are the phrase the agent backs, not the agent's words.
   */
  backsPhrase?: true;
  /**
   * A relative clause about the speaker inside `ranges` ("Researchers [who signed the open letter] disagreed",
   * "Researchers [who signed the open letter] said ..."): it tells who the speaker is, not what they state. Its side is
   * the speaker's only where the statement takes none of its own (see statementRanges); it is never the passage's.
   */
  description?: [number, number];
  /** The pronoun the actor was resolved from ("he", "she", "they", "it"), when it was one. */
  pronoun?: string;
}

/** The ranges of what a speaker states: without the description of the speaker unless `withDescription`. */
export function statementRanges(attribution: Attribution, withDescription: boolean): [number, number][] {
  const description = attribution.description;
  if (description === undefined || withDescription) return attribution.ranges;
  const [cutFrom, cutTo] = description;
  return attribution.ranges.flatMap(([from, to]): [number, number][] => {
    const parts: [number, number][] = [];
    if (from < cutFrom) parts.push([from, Math.min(to, cutFrom)]);
    if (to > cutTo) parts.push([Math.max(from, cutTo), to]);
    return parts;
  });
}

/**
 * Verbs of a main clause that take a position of their own without a stance cue: dissent and second thoughts
 * ("Researchers who signed the open letter disagreed", "... have since changed their minds", "... were split"). After
 * one, the side of the relative clause describing the speaker is no longer the speaker's.
 */
const DISSENT_VERBS = new Set([
  'disagree', 'disagrees', 'disagreed', 'differ', 'differs', 'differed', 'dissent', 'dissents', 'dissented', 'object',
  'objects', 'objected', 'demur', 'demurs', 'demurred', 'balk', 'balks', 'balked', 'baulk', 'baulks', 'baulked',
  'hesitate', 'hesitates', 'hesitated', 'waver', 'wavers', 'wavered', 'recant', 'recants', 'recanted', 'backtrack',
  'backtracks', 'backtracked', 'reconsider', 'reconsiders', 'reconsidered', 'changed', 'change', 'changes', 'split',
  'divided', 'broke', 'break', 'breaks', 'doubt', 'doubts', 'doubted',
]);

/**
 * Whether the statement of an attribution with a description takes a position without a stance cue: its first verb,
 * past auxiliaries and adverbs, is one of dissent (DISSENT_VERBS).
 */
export function dissentsFromDescription(tokens: readonly Token[], attribution: Attribution): boolean {
  const description = attribution.description;
  if (description === undefined) return false;
  for (let i = description[1]; i < tokens.length && i < description[1] + 4; i++) {
    const word = tokens[i]!.word;
    if (DISSENT_VERBS.has(word)) return true;
    if (!AUXILIARY_VERBS.has(word) && !ADVERBS_AFTER_SUBJECT.has(word) && !/^(since|then|later|not)$/.test(word)) return false;
  }
  return false;
}

/**
 * Verbs of rejecting that take a side only with their particle ("brushed aside calls for a pause", "shrugged off the
 * proposal"), from the lexicon's rows: their finite forms and the particles each takes.
 */
const PHRASAL_REJECTING_VERBS: Record<string, ReadonlySet<string>> = Object.fromEntries(PHRASAL_REJECTIONS.flatMap((pattern) => {
  const [verbs = '', particles = ''] = pattern.split(' ');
  return verbs.split('|').filter((verb) => !verb.endsWith('ing')).map((verb) => [verb, new Set(particles.split('|'))]);
}));

/** Verbs of disputing, a report only of a merit or a claim (questionedMeritOf). */
const DISPUTING_FINITE_VERBS: ReadonlySet<string> = new Set(DISPUTING_VERBS.split('|').filter((verb) => !verb.endsWith('ing')));

/**
 * Copulas a stand is said with after its subject: "Senator Ruiz is firmly against the pause" (not "was against the
 * pause", as often a view since given up: "I was against the pause. I was wrong.").
 */
const STAND_COPULAS = new Set(['is', 'are', 'remains', 'remain', 'remained', 'been']);
/** Adverbs between a copula and its stand, the lexicon's, and "not" ("is not opposed to", its side the lexicon's). */
const STAND_ADVERBS = new Set([...STAND_ADVERB.split('|'), 'not']);
/** A stand's words after its copula: "against", "opposed to", "skeptical of", "in favour of", "a vocal critic of". */
const STAND_WORDS = new Set(['against', 'opposed', 'skeptical', 'sceptical', 'wary', 'dismissive', 'critical', 'supportive']);
/** And its nouns after "a" or "an" and a word: "a vocal critic of", "a longtime supporter of". */
const STAND_NOUNS = new Set([
  'proponent', 'advocate', 'supporter', 'champion', 'backer', 'critic', 'opponent', 'skeptic', 'sceptic', 'detractor',
]);
/** A stand's noun, singular or plural: "a critic of", "one of the critics of". */
function isStandNoun(word: string): boolean {
  return STAND_NOUNS.has(word) || STAND_NOUNS.has(word.replace(/s$/, ''));
}
/** Words that name what a stand is on, the lexicon's: the pause, a call or a proposal for it ("hailed the proposal"). */
const STAND_OBJECT_WORDS: ReadonlySet<string> = new Set(STAND_OBJECT.split('|'));
/** How hard one works for or against something, after the verb: "pushed hard for", "lobbied aggressively against". */
const EFFORT_ADVERBS = EFFORT_ADVERB.split('|');
/**
 * Whether a copula at `v` says its subject's stand on the pause, which makes it a report of that stand ("Senator Ruiz
 * is firmly against the pause", "remains skeptical of the moratorium", "is in favour of a pause", "is a vocal critic
 * of the proposal"); not "is a Democrat", "is critical of the labs".
 */
function isCopulaStand(tokens: readonly Token[], v: number): boolean {
  if (!STAND_COPULAS.has(tokens[v]!.word)) return false;
  // "has been a critic of", not "had been", "would have been"
  if (tokens[v]!.word === 'been' && !isPerfectBeen(tokens, v)) return false;
  let next = v + 1;
  while (STAND_ADVERBS.has(tokens[next]?.word ?? '')) next++;
  const word = tokens[next]?.word ?? '';
  let object = next + 1;
  if (word === 'in' && /^(?:favour|favor)$/.test(tokens[next + 1]?.word ?? '')) object = next + 3;
  else if (/^(?:a|an|one|among)$/.test(word)) {
    // "a vocal critic of", "one of the leading critics of", "among the most vocal supporters of"
    let noun = next + 1;
    const reach = /^(?:a|an)$/.test(word) ? 2 : 6;
    while (noun < next + reach && !isStandNoun(tokens[noun]?.word ?? '') && !/^(?:that|who|which|whose|whom)$/.test(tokens[noun]?.word ?? '')) noun++;
    if (!isStandNoun(tokens[noun]?.word ?? '') || tokens[noun + 1]?.word !== 'of') return false;
    object = noun + 2;
  } else if (!STAND_WORDS.has(word)) return false;
  for (let i = object; i < object + NEAR_WORDS && isWordAt(tokens, i); i++) if (STAND_OBJECT_WORDS.has(tokens[i]!.word)) return true;
  return false;
}

/** Verbs of praise or attack, a report only of the pause, a call or a proposal near after them ("hailed the proposal"). */
const PRAISING_OR_ATTACKING_VERBS = [
  'hailed', 'hails', 'applauded', 'applauds', 'embraced', 'embraces', 'lauded', 'lauds', 'commended', 'commends',
  'attacked', 'attacks', 'panned', 'pans', 'trashed', 'trashes', 'savaged', 'savages', 'assailed', 'assails',
  'excoriated', 'excoriates', 'skewered', 'skewers', 'rubbished', 'rubbishes', 'vetoed', 'vetoes', 'challenged', 'challenges',
];

/** Verbs of setting out to do something, a report only before "to": "sought to block", "is trying to extend". */
const AIMING_VERBS = [
  'sought', 'seeks', 'seeking', 'tried', 'tries', 'trying', 'sued', 'sues', 'suing', 'threatened', 'threatens', 'threatening',
  'moved', 'moves', 'hopes', 'hoped', 'hoping', 'planned', 'planning', 'promised', 'promises', 'worked', 'working', 'fought',
  'fighting', 'intends', 'intended', 'aims', 'aimed', 'aiming',
];
/** Verbs of filing a bill, a report only of one on the pause: "introduced a bill to repeal the moratorium". */
const BILL_FILING_VERBS = ['introduced', 'introduces', 'filed', 'tabled', 'sponsored', 'unveiled', 'unveils'];
/** The pause by its noun, which an aim's report names near its verb ("tried to block the moratorium"). */
const AIMED_PAUSE_WORDS: ReadonlySet<string> = new Set(['pause', 'moratorium', 'freeze', 'halt', 'slowdown']);

/** Verbs that introduce what someone says, writes, believes or does about a proposal. */
export const SPEECH_VERBS = new Set([
  'said', 'says', 'say', 'told', 'tells', 'tell', 'wrote', 'writes', 'write', 'argued', 'argues', 'argue', 'warned',
  'warns', 'warn', 'added', 'adds', 'claimed', 'claims', 'claim', 'contended', 'contends', 'contend', 'insisted',
  'insists', 'insist', 'believes', 'believe', 'believed', 'stated', 'states', 'noted', 'notes', 'explained',
  'explains', 'suggested', 'suggests', 'suggest', 'maintained', 'maintains', 'maintain', 'countered', 'counters',
  'counter', 'accused', 'accuses', 'accuse', 'urged', 'urges', 'urge', 'stressed', 'stresses', 'emphasized',
  'emphasised', 'acknowledged', 'admitted', 'predicted', 'replied', 'responded', 'posted', 'tweeted', 'commented',
  'declared', 'cautioned', 'questioned', 'question', 'asked', 'called', 'calls', 'call', 'backs', 'backed', 'back',
  'endorsed', 'endorses', 'endorse', 'supports', 'support', 'opposes', 'oppose', 'opposed', 'rejected', 'rejects',
  'reject', ...DISPUTING_FINITE_VERBS, 'welcomed', 'welcomes', 'welcome', 'dismissed', 'dismisses', 'dismiss', 'criticized', 'criticised',
  'criticizes', 'criticises', 'criticize', 'criticise', 'praised', 'praises', 'slammed', 'slams', 'mocked', 'mocks',
  'point', 'points', 'pointed', 'fear', 'fears', 'feared', 'worry', 'worries', 'worried', 'think', 'thinks',
  'described', 'describes', 'describe', 'signed', 'sign', 'signs', 'testified', 'testifies', 'pledged', 'pledges',
  'voted', 'votes', 'vowed', 'vows', 'agreed', 'refused', 'refuses', 'refuse', 'declined', 'declines', 'decline',
  'passed', 'adopted', 'approved', 'issued', 'issues', 'published', 'released', 'delivered', 'deliver', 'submitted',
  'presented', 'joined', 'joins',
  // Advocacy: "has advocated for a pause", "would push for a treaty", "renewed its call for", "made an appeal for",
  // "proposed a moratorium".
  'advocate', 'advocated', 'push', 'pushes', 'pushed', 'pressed', 'lobby', 'lobbies', 'lobbied', 'campaigned',
  'made', 'makes', 'renewed', 'renews', 'repeated', 'repeats', 'reiterated', 'reiterates', 'restated', 'echoed',
  'echoes', 'voiced', 'proposed', 'recommends', 'recommended',
  // A stand reported by its words: "came out against", "threw her weight behind", "spoke in favour of", "expressed
  // support for", "poured cold water on".
  'came', 'comes', 'threw', 'throws', 'thrown', 'spoke', 'speaks', 'spoken', 'voices', 'expressed', 'expresses', 'poured', 'pours',
  // and by a verb of praise or attack of the pause: "hailed the proposal", "attacked the moratorium"
  ...PRAISING_OR_ATTACKING_VERBS, 'took', 'takes', 'hit', 'hits', 'lashed', 'lashes', 'stands', 'stood', 'signalled', 'signaled', 'signals',
  ...Object.keys(PHRASAL_REJECTING_VERBS),
  // What an actor sets out to do: "sought to block the moratorium", "sued to block it", "introduced a bill to repeal it".
  ...AIMING_VERBS.filter((verb) => !verb.endsWith('ing')), ...BILL_FILING_VERBS,
  // the rest of the lexicon's verbs of opposing: "blasted the decision to lift the moratorium", "scoffed at claims"
  'blasted', 'blasts', 'denounced', 'denounces', 'denounce', 'ridiculed', 'ridicules', 'derided', 'derides', 'lambasted',
  'lambasts', 'decried', 'decries', 'condemned', 'condemns', 'condemn', 'scoffed', 'scoffs',
]);

/**
 * Verbs that report that someone spoke without saying what ("said", "argued", "told"): a statement's frame, not its
 * claim. Verbs that say something by themselves are not listed: those that take a side ("backs", "opposed",
 * "signed"), warn of a danger ("warned of an accident") or hold a view ("think it strangles them").
 */
export const REPORTING_VERBS = new Set([
  'said', 'says', 'say', 'told', 'tells', 'tell', 'wrote', 'writes', 'write', 'argued', 'argues', 'argue', 'added',
  'adds', 'claimed', 'claims', 'claim', 'contended', 'contends', 'contend', 'insisted', 'insists', 'insist', 'stated',
  'states', 'state', 'noted', 'notes', 'explained', 'explains', 'suggested', 'suggests', 'maintained', 'maintains',
  'countered', 'counters', 'stressed', 'stresses', 'emphasized', 'emphasised', 'acknowledged', 'admitted', 'predicted',
  'replied', 'responded', 'posted', 'tweeted', 'commented', 'declared', 'testified', 'testifies', 'asked',
]);
/** Verbs of a commitment ("agreed to", "voted to"): after "who" they describe a group, not report it. */
/** Verbs of refusing an act ("refuses to sign", "declined to back"): a position, unless what is refused is speech. */
const REFUSAL_VERBS = new Set(['refused', 'refuses', 'refuse', 'declined', 'declines', 'decline']);
const COMMITMENT_VERBS = new Set(['voted', 'votes', 'vowed', 'vows', 'agreed', 'pledged', 'pledges', ...REFUSAL_VERBS]);

/**
 * Words after which a subject and its verb are supposed or asked, not reported ("declined to say whether X would back
 * it", "if any major developer refuses to join, ...").
 */
const HYPOTHETICAL_OPENERS = new Set(['unless', 'until', 'lest', 'whether', 'if']);
/**
 * Verbs after which a "that" clause says what someone ought to do, not what they did ("We recommend that member states
 * decline to endorse it", "urged that labs sign the letter"): its subject and verb report no one.
 */
const RECOMMENDING_VERBS = new Set([
  'recommend', 'recommends', 'recommended', 'urge', 'urges', 'urged', 'propose', 'proposes', 'proposed', 'suggest',
  'suggests', 'suggested', 'ask', 'asks', 'asked', 'demand', 'demands', 'demanded', 'insist', 'insists', 'insisted',
  'request', 'requests', 'requested', 'require', 'requires', 'required', 'advise', 'advises', 'advised',
]);
/** Words that make a subject nobody ("no inspector could tell", "neither lab has said"). */
const NEGATIVE_QUANTIFIERS = new Set(['no', 'neither']);

/** What one refuses to do when one says nothing ("refused to comment", "declined to give details"). */
const NON_STATEMENTS = UNSAID_ACTS;

/** "the people who agreed to freeze", "states that have vowed to": the verb describes its subject. */
function isRelativeClauseVerb(tokens: readonly Token[], verb: number): boolean {
  let k = verb - 1;
  while (k >= 0 && /^(has|have|had)$/.test(tokens[k]!.word)) k--;
  return /^(who|that|which)$/.test(tokens[k]?.word ?? '');
}

/** What a headline says was signed, without its article ("Four AI labs sign statement backing verified pause"). */
const SIGNED_TEXTS = ['statement', 'letter', 'pledge', 'petition', 'declaration', 'joint', 'open', 'pact', 'accord'];

/** Verbs that mark speech only with a particle after them ("point to", "call for", "call it"). */
const VERB_NEEDS_NEXT: Record<string, ReadonlySet<string>> = {
  point: new Set(['to', 'out']), points: new Set(['to', 'out']), pointed: new Set(['to', 'out']),
  call: new Set(['it', 'this', 'that', 'the', 'for', 'on', 'them']), calls: new Set(['it', 'this', 'that', 'the', 'for', 'on']),
  called: new Set(['it', 'this', 'that', 'the', 'for', 'on', 'them', 'a']),
  // "won't back down from her call" (its side the lexicon's kept call's)
  back: new Set(['the', 'a', 'it', 'this', 'down', 'away', 'off']), support: new Set(['the', 'a', 'it', 'this']),
  welcome: new Set(['the', 'a', 'it', 'this']), sign: new Set(['the', 'a', 'it', 'this', ...SIGNED_TEXTS]),
  signs: new Set(['the', 'a', ...SIGNED_TEXTS]), signed: new Set(['the', 'a', 'an', ...SIGNED_TEXTS]), think: new Set(['that', 'the', 'a', 'it', 'this']), thinks: new Set(['that', 'the', 'a', 'it', 'this']),
  fear: new Set(['that', 'the', 'a']), worry: new Set(['that', 'the', 'a']),
  question: new Set(['whether', 'the', 'why', 'how']),
  vowed: new Set(['to']), vows: new Set(['to']), agreed: new Set(['to']), scoffed: new Set(['at']), scoffs: new Set(['at']),
  ...Object.fromEntries(AIMING_VERBS.map((verb) => [verb, new Set(['to'])])),
  ...Object.fromEntries([...REFUSAL_VERBS].map((verb) => [verb, new Set(['to'])])),
  ...Object.fromEntries(['advocate', 'advocated', 'advocating', 'pressed', 'pressing'].map((verb) => [verb, new Set(['for'])])),
  // "pushed (hard) for a pause", "pushed back against the moratorium"
  // (not "to" after "push" or "pushes", as often the noun: "resisted a European push to let inspectors in")
  ...Object.fromEntries(['push', 'pushes'].map((verb) => [verb, new Set(['for', 'back', ...EFFORT_ADVERBS])])),
  ...Object.fromEntries(['pushed', 'pushing'].map((verb) => [verb, new Set(['for', 'back', 'to', ...EFFORT_ADVERBS])])),
  // "lobbied for a pause", "campaigned against the moratorium"
  ...Object.fromEntries(['lobby', 'lobbies', 'lobbied', 'lobbying', 'campaigned', 'campaigning'].map((verb) => [verb, new Set(['for', 'against', 'in', ...EFFORT_ADVERBS, ...(/(?:ed|ing)$/.test(verb) ? ['to'] : [])])])),
  // "came out against the moratorium", "came out in favour of a pause"
  came: new Set(['out']), comes: new Set(['out']),
  // "took aim at the moratorium", "hit out at the proposal", "lashed out at", "stands behind the pause"
  took: new Set(['aim']), takes: new Set(['aim']), hit: new Set(['out']), hits: new Set(['out']), lashed: new Set(['out']),
  lashes: new Set(['out']), stands: new Set(['behind', 'by']), stood: new Set(['behind', 'by']),
  // "proposed a six-month moratorium", "recommends that ...", but not "the proposed pause" or "Anthropic's proposed rules".
  ...Object.fromEntries(['proposed', 'recommends', 'recommended'].map((verb) => [verb, new Set(['a', 'an', 'that'])])),
  // "renewed its call", "made an appeal": a determiner, where "repeated calls" and "renewed appeals" are adjectives
  // ("voiced" by the words near it: "voiced support for", "voiced its call").
  ...Object.fromEntries(['made', 'makes', 'renewed', 'renews', 'repeated', 'repeats', 'reiterated', 'reiterates', 'restated',
    'echoed', 'echoes'].map((verb) => [verb, new Set(['a', 'an', 'the', 'its', 'their', 'his', 'her', 'our', 'this', 'that'])])),
  ...PHRASAL_REJECTING_VERBS,
  // "fought off calls for a pause", "fought to preserve the moratorium", "fought the moratorium in court"
  fought: new Set(['off', 'to', 'the', 'a', 'this', 'against']),
};

/**
 * Verbs that report a position only with a telling word among the next few ("passed a motion", "issued a joint
 * statement", "asked the minister whether"): "passed the exam" or "issued shares" say nothing.
 */
const VERB_NEEDS_NEAR: Record<string, ReadonlySet<string>> = (() => {
  const ask = new Set(['whether', 'why', 'how', 'if']);
  // "voted overwhelmingly to campaign against", "voted 212 to 31 to endorse".
  const vote = new Set(['to', 'for', 'against', 'favour', 'favor']);
  const motion = new Set(['motion', 'resolution']);
  const statement = new Set(['statement', 'letter', 'declaration', 'appeal', 'petition', 'call']);
  const submission = new Set(['petition', 'letter', 'statement', 'evidence', 'declaration']);
  const cause = new Set(['call', 'calls', 'campaign', 'letter', 'coalition', 'signatories', 'appeal']);
  // "made an urgent appeal for", "renewed its call for" (but "made a call on the launch" decides, and is left out).
  const appeal = new Set(['appeal', 'appeals', 'plea', 'pleas', 'case']);
  const renewedCall = new Set(['call', 'calls', 'appeal', 'appeals', 'plea', 'pleas', 'demand', 'demands', 'warning', 'warnings']);
  // "declined to sign", "refuses to join the pause": refusing an act of taking a side, not "declined to poll the audience".
  const refusal = new Set([
    'sign', 'join', 'back', 'endorse', 'support', 'comply', 'honour', 'honor', 'accept', 'adopt', 'ratify', 'commit',
    'participate', 'pause', 'halt', 'stop', 'freeze', 'slow', 'agree', 'abide', 'observe',
  ]);
  return {
    refuses: refusal, refuse: refusal, declined: refusal, declines: refusal, decline: refusal,
    asked: ask, voted: vote, votes: vote, passed: motion, adopted: motion, approved: motion, issued: statement,
    issues: statement, published: statement, released: statement, delivered: submission, deliver: submission, submitted: submission,
    presented: submission, joined: cause, joins: cause, made: appeal, makes: appeal,
    ...Object.fromEntries(['renewed', 'renews', 'repeated', 'repeats', 'reiterated', 'reiterates', 'restated', 'echoed', 'echoes']
      .map((verb) => [verb, renewedCall])),
    // "voiced support for the pause", "expressed opposition to the moratorium", "threw her weight behind", "spoke in
    // favour of", "poured cold water on the proposal"
    ...Object.fromEntries(['voiced', 'voices', 'expressed', 'expresses'].map((verb) => [verb, new Set([...renewedCall, 'support', 'opposition', 'backing', 'objections'])])),
    ...Object.fromEntries(['threw', 'throws', 'thrown'].map((verb) => [verb, new Set(['weight', 'support', 'backing'])])),
    ...Object.fromEntries(['spoke', 'speaks', 'spoken'].map((verb) => [verb, new Set(['favour', 'favor', 'support', 'against'])])),
    // "campaigned in favour of", not "campaigned in Ohio"
    ...Object.fromEntries(['lobby', 'lobbies', 'lobbied', 'lobbying', 'campaigned', 'campaigning'].map((verb) => [verb, new Set(['for', 'against', 'favour', 'favor', 'to'])])),
    ...Object.fromEntries(['poured', 'pours'].map((verb) => [verb, new Set(['water'])])),
    // "pushed back against the moratorium", "pushed back on the proposal", not "pushed back its timeline"
    ...Object.fromEntries(['push', 'pushes', 'pushed', 'pushing'].map((verb) => [verb, new Set(['for', 'against', 'on', 'to'])])),
    // "came out against the moratorium", not "When the letter came out I mocked it"
    ...Object.fromEntries(['came', 'comes'].map((verb) => [verb, new Set(['against', 'for', 'favour', 'favor', 'support', 'behind'])])),
    ...Object.fromEntries(PRAISING_OR_ATTACKING_VERBS.map((verb) => [verb, STAND_OBJECT_WORDS])),
    // "vetoed a bill to lift the moratorium"
    ...Object.fromEntries(['vetoed', 'vetoes'].map((verb) => [verb, new Set([...STAND_OBJECT_WORDS, 'bill', 'bills', 'measure', 'legislation'])])),
    ...Object.fromEntries(['signalled', 'signaled', 'signals'].map((verb) => [verb, new Set(['support', 'backing'])])),
  };
})();
const NEAR_WORDS = 5;
/** Nouns of a call that a verb of renewal takes without a determiner ("renewed calls", "repeated appeals"). */
const RENEWED_CALLS = new Set(['call', 'calls', 'appeal', 'appeals', 'plea', 'pleas', 'demand', 'demands']);

/**
 * Negated auxiliaries and "never", which a subject's walk skips and its statement keeps ("Senator Ruiz doesn't support
 * ...", "Senator Ruiz never backed away from her call").
 */
const NEGATED_AUXILIARIES = new Set([
  "don't", "doesn't", "didn't", "won't", "wouldn't", "can't", "cannot", "couldn't", "shouldn't", "mustn't", "isn't",
  "wasn't", "aren't", "weren't", "hasn't", "haven't", "hadn't", 'never',
]);
/**
 * Verbs of a side that a full "do not" before them denies as "doesn't" does ("Senator Ruiz does not support the
 * moratorium", "did not think the labs should pause"); not others ("The lab did not refuse to sign", "did not reject
 * the proposal", which is no support).
 */
const DENIABLE_SIDE_VERBS = new Set(['support', 'back', 'endorse', 'oppose', 'sign', 'welcome', 'think', 'believe']);
/** The index of the "not" of "do not", "does not", "did not" right before a verb of a side (DENIABLE_SIDE_VERBS), or -1. */
function deniedByDo(tokens: readonly Token[], verb: number): number {
  const isDenied = tokens[verb - 1]?.word === 'not' && /^(?:do|does|did)$/.test(tokens[verb - 2]?.word ?? '')
    && DENIABLE_SIDE_VERBS.has(tokens[verb]?.word ?? '');
  return isDenied ? verb - 1 : -1;
}
/** Words between a subject and its verb that are not part of the subject ("X has long argued"). */
const SKIPPABLE_BEFORE_VERB = new Set([
  ...NEGATED_AUXILIARIES, 'just', 'really', 'simply', 'merely',
  'has', 'have', 'had', 'also', 'recently', 'repeatedly', 'publicly', 'previously', 'once', 'again', 'later', 'long',
  'been', 'reportedly', 'often', 'frequently', 'now', 'already', 'openly', 'flatly', 'separately', 'privately',
  'earlier', 'then', 'further', 'quickly', 'will', 'would', 'may', 'might', 'could', 'did', 'do', 'does', 'all',
  'likewise', 'similarly', 'immediately', 'loudly', 'strongly', 'still', 'even', 'explicitly', 'sharply', 'bluntly',
  'who', 'only', 'today', 'yesterday', 'tonight', 'this', 'week', 'morning', 'afternoon', 'evening',
  'formally', 'officially', 'firmly', 'vocally', 'consistently', 'actively', 'increasingly', 'forcefully',
  'urgently', 'personally', 'jointly', 'collectively', 'instead', 'initially', 'originally', 'subsequently',
  'ultimately', 'finally', 'unanimously', 'overwhelmingly', 'narrowly',
]);

/** Words that end a subject when walking back from its verb. */
const SUBJECT_STOP = new Set([
  'that', 'which', 'whom', 'whose', 'when', 'where', 'while', 'because', 'since', 'as', 'after', 'before', 'than',
  'if', 'whether', 'though', 'although', 'but', 'so', 'or', 'then', 'is', 'was', 'are', 'were', 'be', 'being',
  'it\'s', 'to', 'in', 'on', 'by', 'with', 'from', 'into', 'about', 'over', 'under', 'during', 'said', 'says',
  'also', 'has', 'have', 'had', 'not', 'would', 'will', 'could', 'should', 'can', 'may', 'might', 'must', 'why',
  'how', 'what', 'yet', 'however', 'and', 'we', 'i', 'you', "i'd", "i'm", "i've", "i'll", "we'd", "we're", "we've",
  "we'll", "you'd", "you're", "you've", 'unless', 'until', 'lest', 'nobody', 'none', 'whereas',
]);

const PRONOUNS = new Set(['he', 'she', 'they', 'it']);
/** Subjects that are no one, which a walk back from the verb stops at ("Nobody in Washington thinks"). */
const NO_ONE_SUBJECTS = new Set(['nobody', 'none', 'noone']);
/** Words that start a noun phrase after an inverted verb ("..., said the founder"). */
const NP_OPENERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'one', 'two', 'several', 'many', 'some', 'another', 'others', 'critics', 'supporters']);
/** Words that end a noun phrase after an inverted verb ("said the founder in an interview"). */
const NP_END_AFTER = new Set(['in', 'on', 'at', 'during', 'last', 'this', 'who', 'which', 'that', 'when', 'told', 'to', 'after', 'before', 'on']);

const MAX_SUBJECT_WORDS = 9;
/** Verbs whose object does what the bare verb after it says: "lets both companies claim", "made them say". */
const CAUSATIVE_VERBS = new Set(['let', 'lets', 'letting', 'make', 'makes', 'made', 'help', 'helps', 'helped']);
/** Auxiliaries that are also names ("Will MacAskill:", "Theresa May:"); "Must", "Are" or "Have" capitalised are a headline's. */
const NAME_AUXILIARIES = new Set(['will', 'may', 'can']);
/** Words that open a sentence before its subject ("In Geneva, ...", "Elsewhere ..."), not part of a name. */
const OPENING_PREPOSITIONS = new Set(['in', 'on', 'at', 'with', 'from', 'by', 'for', 'during', 'after', 'before', 'to']);
const OPENING_ADVERBS = new Set([
  'elsewhere', 'meanwhile', 'likewise', 'similarly', 'separately', 'earlier', 'later', 'still', 'also', 'now',
  'then', 'instead', 'however', 'moreover', 'yesterday', 'today', 'tonight', 'additionally', 'finally', 'notably',
  'accordingly', 'consequently', 'subsequently',
]);
/** Speech verbs in the bare form, as a causative makes them happen ("lets both companies claim"). */
const BARE_SPEECH_VERBS = new Set([
  'say', 'claim', 'argue', 'insist', 'warn', 'tell', 'add', 'note', 'contend', 'suggest', 'predict', 'declare', 'state',
  'explain', 'think', 'believe', 'admit', 'acknowledge', 'concede', 'agree', 'announce', 'assert',
]);
// After the verb, this few words ("told the hearing.") do not make a statement: the quote is the statement.
const MIN_STATEMENT_WORDS = 4;

function isWord(token: Token | undefined): boolean {
  return token !== undefined && !isClauseBreak(token.word) && token.word !== '"';
}

/** Titles whose period belongs to the name ("Dr. Fiona McGrath", "PROF. KENJI WATANABE", "Gen. (ret.)"). */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'dr', 'mr', 'mrs', 'ms', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'st', 'jr', 'sr', 'ret',
  'hon', 'rev',
]);

/** True when tokens[index] directly touches both neighbours. */
function isJoined(tokens: readonly Token[], index: number): boolean {
  const before = tokens[index - 1];
  const after = tokens[index + 1];
  return before !== undefined && after !== undefined && before.end === tokens[index]!.start && tokens[index]!.end === after.start;
}

/**
 * A word of a name or a noun phrase: also the period of a title or an initial ("Dr.", "C.") and the comma
 * inside a number ("40,000 members"), which the tokenizer splits off.
 */
function isWordAt(tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  if (token === undefined) return false;
  if (token.word === '.') {
    const before = tokens[index - 1];
    return before !== undefined && before.end === token.start && index + 1 < tokens.length
      && (TITLE_ABBREVIATIONS.has(before.word) || /^\p{L}$/u.test(before.word));
  }
  if (token.word === ',') return isJoined(tokens, index) && /^\d+$/.test(tokens[index - 1]!.word) && /^\d+$/.test(tokens[index + 1]!.word);
  return isWord(token);
}

/**
 * Token ranges inside double quotation marks. In a sentence that opens inside a quotation begun in the sentence before
 * ('"We fixed it. We flew," he said.'), the first mark closes it.
 */
function doubleQuoteRanges(tokens: readonly Token[], opensInsideQuote: boolean): [number, number][] {
  const ranges: [number, number][] = [];
  let open = opensInsideQuote ? -1 : -2;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.word !== '"') continue;
    if (open < -1) open = i;
    else {
      ranges.push([open + 1, i]);
      open = -2;
    }
  }
  // An unclosed quote runs to the end of the sentence (a quote continued over sentences).
  if (open >= -1) ranges.push([open + 1, tokens.length]);
  return ranges;
}

/**
 * Single quotation marks ('...', ‘...’) are no tokens, since the same character is an apostrophe ("don't",
 * "the labs' plans"), so they are read from the text: a mark opens a quote after a space or a bracket and before a
 * letter, and closes one after a word or a punctuation mark and before a space or a punctuation mark.
 */
function singleQuoteMarks(text: string): { opens: number[]; closes: number[] } {
  const opens: number[] = [];
  const closes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const mark = text[i];
    if (mark !== "'" && mark !== '‘' && mark !== '’') continue;
    const before = text[i - 1] ?? ' ';
    const after = text[i + 1] ?? ' ';
    if (mark !== '’' && /[\s(\[—–"“:]/u.test(before) && /\p{L}/u.test(after)) opens.push(i);
    else if (mark !== '‘' && /[\p{L}\p{N}.,!?…]/u.test(before) && /[\s.,;:!?)\]—–"”]/u.test(after)) closes.push(i);
  }
  return { opens, closes };
}

/** A closing mark after an "s" and before a word may be a plural possessive ("the labs' plans"), not a quote's end. */
function mayBePossessive(text: string, mark: number): boolean {
  return text[mark - 1] === 's' && /^\s\p{L}/u.test(text.slice(mark + 1, mark + 3));
}

/**
 * True when a sentence opens a quote in single quotation marks and leaves it open ("replied: 'Yes."), so the
 * sentences after it are the speaker's until one closes it.
 */
export function leavesSingleQuoteOpen(text: string): boolean {
  const { opens, closes } = singleQuoteMarks(text);
  const last = opens.at(-1);
  return last !== undefined && !closes.some((mark) => mark > last);
}

/** True when a sentence closes a quote in single quotation marks that it did not open ("... gives up.'"). */
export function closesSingleQuote(text: string): boolean {
  const { opens, closes } = singleQuoteMarks(text);
  const first = opens[0] ?? Infinity;
  return closes.some((mark) => mark < first);
}

/**
 * Token ranges inside single quotation marks. An opening mark without a closing one is left out: unlike a double
 * quote it may be an elided letter ("the '90s", "'em").
 */
function singleQuoteRanges(text: string, tokens: readonly Token[]): [number, number][] {
  const { opens, closes } = singleQuoteMarks(text);
  const ranges: [number, number][] = [];
  let closedAt = -1;
  for (const open of opens) {
    if (open < closedAt) continue;
    const candidates = closes.filter((mark) => mark > open);
    if (candidates.length === 0) continue;
    let close = candidates[0]!;
    // "'It hurts the startups' plans,' he said": past a possessive to a later close, when no quote opens between.
    if (mayBePossessive(text, close)) {
      const later = candidates.find((mark) => !mayBePossessive(text, mark));
      if (later !== undefined && !opens.some((mark) => mark > open && mark < later)) close = later;
    }
    closedAt = close;
    const from = tokens.findIndex((token) => token.start > open);
    let to = tokens.findIndex((token) => token.start > close);
    if (to < 0) to = tokens.length;
    if (from >= 0 && to > from) ranges.push([from, to]);
  }
  return ranges;
}

function isCapitalised(text: string, token: Token): boolean {
  return /^\p{Lu}/u.test(text.slice(token.start, token.start + 1));
}

/** True when tokens[index] can be a word of a name: capitalised, and not a day or a month ("Anthropic on Monday"). */
function isNamePart(text: string, tokens: readonly Token[], index: number): boolean {
  const token = tokens[index];
  return token !== undefined && isCapitalised(text, token) && !CALENDAR_WORDS.has(token.word);
}

function isInside(ranges: readonly [number, number][], index: number): boolean {
  return ranges.some(([from, to]) => index >= from && index < to);
}

function surface(text: string, tokens: readonly Token[], from: number, to: number): string {
  return text.slice(tokens[from]!.start, tokens[to - 1]!.end);
}

/** True when every word in [from, to), parentheses aside, is capitalised: a name ("Kenji Morita"). */
function isProperName(text: string, tokens: readonly Token[], from: number, to: number): boolean {
  let words = 0;
  let depth = 0;
  for (let i = from; i < to; i++) {
    const word = tokens[i]!.word;
    if (word === '(') depth++;
    else if (word === ')') depth--;
    else if (depth === 0 && word !== '.') {
      if (!isCapitalised(text, tokens[i]!)) return false;
      words++;
    }
  }
  return words > 0 && words <= 4;
}

/** Words that introduce a place ("a researcher in Munich", "a professor at Stanford"). */
const PLACE_PREPOSITIONS = new Set(['in', 'at', 'from', 'near', 'outside', 'based']);

/** True when the comma at `comma` follows a place named after a preposition ("in Munich", "in Munich, Germany"). */
function isPlaceBefore(text: string, tokens: readonly Token[], comma: number): boolean {
  let i = comma - 1;
  for (let part = 0; part < 2; part++) {
    const end = i;
    while (i >= 0 && isWordAt(tokens, i) && isCapitalised(text, tokens[i]!)) i--;
    if (i === end || i < 0) return false;
    if (PLACE_PREPOSITIONS.has(tokens[i]!.word)) return true;
    if (tokens[i]!.word !== ',') return false;
    i--;
  }
  return false;
}

/**
 * Where the name starts when the comma at `comma` is inside a name of a list ("the Department for Science,
 * Innovation and Technology", "the Ministry of Economy, Trade and Industry"): a capitalised list ending in "and" up to
 * `end`, after a capitalised "X for Y" or "X of Y"; else null. "In London, Smith and Jones said" has no such name.
 */
function commaNameStart(text: string, tokens: readonly Token[], comma: number, end: number): number | null {
  if (text.length === 0 || tokens[comma]?.word !== ',' || comma < 3) return null;
  // "At the University of Toronto, Hinton and Bengio said", "After meeting officials from the Department of Commerce,
  // Google and Meta said": a comma closing an opening phrase ends it, where the name is a preposition's object ("On
  // Monday the Department for Science, Innovation and Technology said" opens with a phrase, and the name is its own)
  let clauseStart = comma - 1;
  while (clauseStart > 0 && isWordAt(tokens, clauseStart - 1)) clauseStart--;
  const isOpening = ADVERBIAL_OPENERS.has(tokens[clauseStart]!.word) || SUBORDINATORS.has(tokens[clauseStart]!.word);
  const ownerStart = tokens[comma - 4]?.word === 'the' ? comma - 4 : comma - 3;
  if (isOpening && /^(at|in|on|from|of|for|by|with|to|near|outside|inside|after|before|during|following)$/.test(tokens[ownerStart - 1]?.word ?? '')) return null;
  const list = tokens.slice(comma + 1, end);
  const isList = list.some((token) => token.word === 'and')
    && list.every((token) => token.word === 'and' || token.word === ',' || isCapitalised(text, token));
  const [owner, preposition, object] = [tokens[comma - 3]!, tokens[comma - 2]!, tokens[comma - 1]!];
  // "As of Monday, Google and Meta said": an opening word and a day are no name
  const isOwnerName = isCapitalised(text, owner) && !ADVERBIAL_OPENERS.has(owner.word) && !SUBORDINATORS.has(owner.word) && !CALENDAR_WORDS.has(object.word);
  return isList && isOwnerName && /^(of|for)$/.test(preposition.word) && isCapitalised(text, object) ? ownerStart : null;
}

/**
 * The index of "which" or "who" opening a relative clause after a comma whose verb is at `verb`, with auxiliaries,
 * adverbs and a day between ("X, which has said", "X, which on Monday said", "X, who last week said"), or null.
 */
function setOffRelativeBefore(tokens: readonly Token[], verb: number): number | null {
  let k = verb - 1;
  for (;;) {
    while (k > 0 && SKIPPABLE_BEFORE_VERB.has(tokens[k]!.word) && tokens[k]!.word !== 'who') k--;
    if (k > 1 && (CALENDAR_WORDS.has(tokens[k]!.word) || /^(week|month|year)$/.test(tokens[k]!.word)) && /^(on|in|last|this|earlier)$/.test(tokens[k - 1]!.word)) k -= 2;
    else break;
  }
  return k > 0 && (tokens[k]!.word === 'which' || tokens[k]!.word === 'who') && tokens[k - 1]!.word === ',' ? k : null;
}

/**
 * The comma that closes a set-off relative clause whose verb is at `verb`, or -1: the first after it, past an aside
 * the clause's "that" opens ("which said on Monday that, in its view, a pause would be ..., declined").
 */
function relativeClauseEnd(tokens: readonly Token[], verb: number): number {
  const commas = tokens.flatMap((token, index) => (index > verb && token.word === ',' ? [index] : []));
  const first = commas[0];
  if (first === undefined) return -1;
  return tokens[first - 1]?.word === 'that' ? commas[2] ?? -1 : first;
}

/** Prepositions whose object, before a relative clause's comma, is what the clause is about ("a rebuke from X, who"). */
const ANTECEDENT_PREPOSITIONS = new Set(['from', 'by', 'to', 'with', 'against', 'including', 'outside', 'inside', 'near', 'into', 'across', 'behind', 'toward', 'towards']);
/** ... and for "which", a place's ("rallied at OpenAI, which ..."); "a professor at Stanford, who" is the professor. */
const THING_PREPOSITIONS = new Set(['at', 'in', 'on']);

/**
 * The phrase a relative clause after `comma` is about ("OpenAI, which said ...", "a rebuke from pause advocates, who
 * said ..."): the object of the phrase's last preposition but "of" ("Grant Holloway of the American Compute Council"),
 * without a verb before it ("countered another"), and the name a description before the comma is set off after
 * ("Sarah Kettering, the Labour MP for Westgate, who told ..."). `relative` is "which" or "who".
 */
function relativeAntecedent(text: string, tokens: readonly Token[], comma: number, relative: string): [number, number] | null {
  const phrase = subjectBefore(tokens, comma, text);
  if (phrase === null) return null;
  let [from] = phrase;
  const to = phrase[1];
  // "the 2023 letter organized by the Future of Life Institute, which called for a pause": the text, not its author
  const authored = relative === 'which' && tokens[from - 1]?.word === 'by' ? authoredText(tokens, from - 1) : null;
  if (authored !== null) return authored;
  for (let i = to - 2; i >= from; i--) {
    const word = tokens[i]!.word;
    // "the London offices of Google DeepMind, which": the name after a common noun's "of" (not "the Future of Life
    // Institute, which", a name's own "of")
    const isPlaceOf = relative === 'which' && word === 'of' && i > from && !isCapitalised(text, tokens[i - 1]!) && isCapitalised(text, tokens[i + 1]!);
    if (ANTECEDENT_PREPOSITIONS.has(word) || (relative === 'which' && THING_PREPOSITIONS.has(word)) || isPlaceOf) {
      from = i + 1;
      break;
    }
  }
  // "Talks between OpenAI and the White House, which said ...": which of them said it, the words do not tell
  if (tokens.slice(from, to).some((token) => token.word === 'between' || token.word === 'among')) return null;
  while (from < to - 1 && /ed$/.test(tokens[from]!.word) && !isCapitalised(text, tokens[from]!)) from++;
  // "..., looking at Senator Curtis Haldane, who ...": the participle's object, not the participle
  if (from < to - 2 && /ing$/.test(tokens[from]!.word) && !isCapitalised(text, tokens[from]!) && /^(at|to|toward|towards|past)$/.test(tokens[from + 1]!.word)) from += 2;
  if (tokens[from - 1]?.word === ',' && !isCapitalised(text, tokens[from]!)) {
    let nameStart = from - 1;
    while (nameStart > 0 && isWordAt(tokens, nameStart - 1) && isCapitalised(text, tokens[nameStart - 1]!)) nameStart--;
    if (nameStart < from - 1 && isProperName(text, tokens, nameStart, from - 1)) return [nameStart, from - 1];
  }
  return [from, to];
}

/** Texts that a relative clause after their author's name is about ("a letter written by X, which calls for ..."). */
const AUTHORED_TEXTS = new Set([
  'letter', 'statement', 'report', 'study', 'paper', 'pledge', 'declaration', 'petition', 'memo', 'essay', 'op-ed',
  'editorial', 'proposal', 'plan', 'bill', 'document', 'analysis', 'review', 'amendment', 'resolution', 'motion',
]);
/** How a text is said to come from its author: "organized by", "written by", "signed by". */
const AUTHORING_PARTICIPLES = new Set([
  'organized', 'organised', 'written', 'signed', 'published', 'drafted', 'released', 'issued', 'commissioned', 'led',
  'coordinated', 'sponsored', 'authored', 'introduced', 'filed', 'circulated',
]);
/** What opens a text's phrase ("the March 2023 letter", "a 2023 report"). */
const TEXT_DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'this', 'that', 'our', 'another']);
/** The most words of a text's phrase before its noun ("the March 2023 open letter"). */
const AUTHORED_TEXT_WORDS = 5;

/**
 * The text of a past year before "by" at `by` that names its author, when there is one: "the March 2023 letter
 * organized by ...", "a 2023 report by ..."; its phrase or null. What a text of its year asked is no position its
 * author takes now; of any other text, "which" may be the author's ("a study commissioned by Kestrel Labs, which
 * opposes any moratorium").
 */
function authoredText(tokens: readonly Token[], by: number): [number, number] | null {
  const noun = AUTHORING_PARTICIPLES.has(tokens[by - 1]?.word ?? '') ? by - 2 : by - 1;
  if (noun < 0 || !AUTHORED_TEXTS.has(tokens[noun]!.word)) return null;
  // from its determiner, a few words before ("the March 2023 letter"), with a year among them
  for (let i = noun - 1; i >= 0 && i >= noun - AUTHORED_TEXT_WORDS && isWordAt(tokens, i); i--) {
    if (TEXT_DETERMINERS.has(tokens[i]!.word)) return tokens.slice(i, noun).some((token) => /^(?:19|20)\d\d$/.test(token.word)) ? [i, noun + 1] : null;
  }
  return null;
}

/** "Ewa Kowalczyk (Civic Coalition) asked": the end of a subject before a bracketed party or place after the name. */
function beforeBracket(tokens: readonly Token[], end: number): number {
  if (tokens[end - 1]?.word !== ')') return end;
  let open = end - 2;
  while (open > 0 && end - open <= MAX_SUBJECT_WORDS && isWordAt(tokens, open)) open--;
  return tokens[open]?.word === '(' && open > 0 && isWordAt(tokens, open - 1) ? open : end;
}

/** Walks back from a verb to the start of its subject; returns [from, to) or null. */
function subjectBefore(tokens: readonly Token[], verb: number, text = ''): [number, number] | null {
  const denial = deniedByDo(tokens, verb);
  let end = denial >= 0 ? denial : verb;
  for (;;) {
    while (end > 0 && SKIPPABLE_BEFORE_VERB.has(tokens[end - 1]!.word)) {
      // "the same sceptics cannot tell us what ...": a report denied is none
      if (NEGATED_AUXILIARIES.has(tokens[end - 1]!.word) && REPORTING_VERBS.has(tokens[verb]?.word ?? '')) return null;
      end--;
    }
    // "Anthropic on Tuesday called on ...", "the ministers in June said", "Anthropic last month proposed": a date
    // between the subject and its verb
    const word = tokens[end - 1]?.word ?? '';
    if (end > 1 && (CALENDAR_WORDS.has(word) || /^(?:month|year)$/.test(word)) && /^(on|in|last|this|next|since)$/.test(tokens[end - 2]!.word)) end -= 2;
    // "Anthropic last week proposed": its "week" skipped above
    else if (end > 1 && /^(?:last|next)$/.test(word) && tokens[end]?.word === 'week') end -= 1;
    else break;
  }
  // "the pause, which it says would ...": a pronoun after a relative word is the whole subject.
  if (end > 1 && PRONOUNS.has(tokens[end - 1]!.word) && RELATIVE_WORDS.has(tokens[end - 2]!.word)) return [end - 1, end];
  end = beforeBracket(tokens, end);
  // An appositive sits between commas. "David Sacks, a venture capitalist, has accused ...": the subject is
  // the phrase before it; "Japan's digital minister, Kenji Morita, said ...": the appositive is the name.
  if (tokens[end - 1]?.word === ',') {
    const commaBefore = (from: number): number => {
      let comma = from;
      while (comma >= 0 && ((tokens[comma]!.word !== ',' && tokens[comma]!.word !== '"') || isWordAt(tokens, comma))) comma--;
      return comma;
    };
    let comma = commaBefore(end - 2);
    if (comma <= 0 || tokens[comma]!.word !== ',') return null;
    // "X, a researcher at an institute in Munich, Germany, said": the second part of a place is no name, and the
    // description it ends is set off by the comma before it.
    const isPlace = text.length > 0 && isPlaceBefore(text, tokens, comma);
    if (isPlace) comma = commaBefore(comma - 1);
    if (comma <= 0 || tokens[comma]!.word !== ',') return null;
    if (!isPlace && text.length > 0 && isProperName(text, tokens, comma + 1, end - 1)) {
      let nameEnd = beforeBracket(tokens, end - 1);
      while (nameEnd > comma + 1 && (tokens[nameEnd - 1]!.word === ')' || tokens[nameEnd - 1]!.word === 'ret')) nameEnd--;
      while (nameEnd > comma + 1 && tokens[nameEnd - 1]!.word === '(') nameEnd--;
      return [comma + 1, nameEnd];
    }
    // "Sen. Curtis Haldane (R-Idaho), who chairs the subcommittee, said": the bracket ends the name before the clause.
    end = beforeBracket(tokens, comma);
    // "Dylan Nelson, a fellow at an institute in Munich, Germany, and co-author of the study, said": a place ends
    // the description, not the subject.
    if (text.length > 0 && isPlaceBefore(text, tokens, end)) {
      let previous = end - 1;
      while (previous > 0 && (isWordAt(tokens, previous) || (tokens[previous]!.word === ',' && isPlaceBefore(text, tokens, previous)))) previous--;
      if (previous > 0 && tokens[previous]!.word === ',') end = previous;
    }
    // "Marcus Feld, director of the Open Compute Alliance, a group that advocates for open-source AI, said": the
    // phrase before this appositive is a description too, of the name that opens the sentence.
    const earlier = text.length > 0 ? commaBefore(end - 1) : -1;
    if (earlier > 0 && tokens[earlier]!.word === ',' && earlier + 1 < end && !isCapitalised(text, tokens[earlier + 1]!)) {
      let nameStart = earlier;
      while (nameStart > 0 && isWordAt(tokens, nameStart - 1)) nameStart--;
      if (nameStart === 0 && isProperName(text, tokens, 0, earlier) && isNameWord(text, tokens, earlier - 1)) end = earlier;
    }
  }
  // "Lena Okonjo, a 29-year-old engineer who said": the name the description is set off after, where "who" is the
  // verb's own subject (not "the executive who many researchers say")
  const named = text.length > 0 && tokens.slice(end, verb).some((token) => token.word === 'who') ? nameBeforeDescription(text, tokens, end) : null;
  if (named !== null) return named;
  // "A retired general who once ran Cyber Command's planning staff said": the subject is the phrase before "who".
  for (let i = end - 2; i > 0 && end - i <= MAX_APPOSITIVE && isWordAt(tokens, i); i--) {
    if (SUBJECT_STOP.has(tokens[i]!.word)) break;
    if (tokens[i]!.word === 'who') {
      end = i;
      break;
    }
  }
  let start = end;
  while (start > 0 && end - start < MAX_SUBJECT_WORDS) {
    const token = tokens[start - 1]!;
    if (!isWordAt(tokens, start - 1)) {
      // the name is the subject, from its own start ("After the talks the Department for Science, ..." is the department)
      const nameStart = commaNameStart(text, tokens, start - 1, end);
      if (nameStart !== null) start = nameStart;
      break;
    }
    // "eleven Nobel laureates in physics said", "the Council on Technology": a prepositional phrase inside the subject.
    const isInnerPreposition = start < end && start - 2 >= 0 && isWordAt(tokens, start - 2)
      && (/^(in|of|at|from|for)$/.test(token.word) || (token.word === 'on' && isNamePart(text, tokens, start)));
    if (SUBJECT_STOP.has(token.word) && !(token.word === 'and' && start < end) && !isInnerPreposition) break;
    // "a phrase that lets both companies claim a win": the verb is a bare infinitive another verb makes happen, its
    // object a few words or a determiner's phrase ("Contract workers who help train the models in Nairobi say" is a
    // report)
    if (CAUSATIVE_VERBS.has(token.word) && BARE_SPEECH_VERBS.has(tokens[verb]?.word ?? '')
      && (verb - start <= 3 || /^(the|its|their|both|all|our|his|her)$/.test(tokens[start]?.word ?? ''))) return null;
    start--;
  }
  // "Nobody in Washington thinks ...": the subject is no one, not the place after it
  if (NO_ONE_SUBJECTS.has(tokens[start - 1]?.word ?? '') && start < end && /^(?:in|at|from|of)$/.test(tokens[start]!.word)) return null;
  // A description longer than the walk ("The chief technology officer of a large Indian IT services firm said") keeps
  // its opening words to the article before them, not "technology officer of ...", and a name its first name and
  // title ("Professor Sione Latu of the University of the South Pacific", not "Latu of ...").
  if (end - start === MAX_SUBJECT_WORDS) {
    for (let i = start - 1; i >= Math.max(0, start - 2) && isWordAt(tokens, i) && !SUBJECT_STOP.has(tokens[i]!.word); i--) {
      // not an article of the sentence's opening phrase ("In a letter chief executives of ..."), but one inside the
      // subject ("Officials from the ... working group")
      const opensSentence = i - 1 === 0 || (tokens[i - 1] !== undefined && isCapitalised(text, tokens[i - 1]!));
      if (/^(the|a|an)$/.test(tokens[i]!.word) && !(OPENING_PREPOSITIONS.has(tokens[i - 1]?.word ?? '') && opensSentence)) {
        start = i;
        break;
      }
    }
    // not a day, an adverb or a place or source after a preposition ("On Tuesday", "Elsewhere", "In Geneva", "with
    // Reuters"); a month may be a first name ("April Doss")
    const isNameBefore = (i: number) => i >= 0 && isWordAt(tokens, i) && isCapitalised(text, tokens[i]!) && !COMMON_OPENERS.has(tokens[i]!.word)
      && !SUBJECT_STOP.has(tokens[i]!.word) && !WEEKDAYS.has(tokens[i]!.word) && !OPENING_ADVERBS.has(tokens[i]!.word)
      && !OPENING_PREPOSITIONS.has(tokens[i - 1]?.word ?? '');
    if (text.length > 0 && isCapitalised(text, tokens[start]!)) {
      for (let taken = 0; taken < 2 && isNameBefore(start - 1); taken++) start--;
    }
  }
  // Do not begin a subject with a preposition.
  while (start < end && /^(in|of|at|from|for)$/.test(tokens[start]!.word)) start++;
  // A leading "and" belongs to the clause, not the subject.
  while (start < end && (tokens[start]!.word === 'and' || tokens[start]!.word === 'but')) start++;
  if (start >= end) return null;
  // "Ruiz is among the lawmakers who oppose the moratorium", "is one of the few senators who": a camp the subject of
  // the copula before it belongs to, who is the speaker
  const isCamp = tokens[start]!.word === 'among' || (tokens[start]!.word === 'one' && tokens[start + 1]?.word === 'of');
  if (isCamp && /^(?:is|are|was|were|remains)$/.test(tokens[start - 1]?.word ?? '')) return subjectBefore(tokens, start - 1, text);
  // "Did the minister brush aside ...?", "Does anyone really think ...?": a question's auxiliary opening its sentence
  // asks; it reports no one (not "Will Smith said.")
  if (isQuestion(tokens) && QUESTION_AUXILIARIES.has(tokens[start]!.word) && (start === 0 || !isWordAt(tokens, start - 1))) return null;
  // "Opponents of a global pause on frontier AI development argued": a walk that stopped at a preposition inside a
  // phrase found the preposition's object, which is no subject. The subject is the phrase the preposition belongs to
  // when that names who speaks ("Opponents of ...", "Researchers with the institute", "People on both sides"); else
  // the object stands only where it names someone itself ("Speaking to reporters Anthropic said", without the comma),
  // never where it is a thing ("frontier AI development").
  // "to" before a verb ("urge this committee to recommend the government back ...") marks an infinitive, no phrase.
  const isInfinitive = tokens[start - 1]?.word === 'to' && !DESCRIPTION_DETERMINERS.has(tokens[start]!.word)
    && !isCapitalised(text, tokens[start]!) && !/^\d/.test(tokens[start]!.word);
  if (start > 1 && !isInfinitive && NOUN_PHRASE_PREPOSITIONS.has(tokens[start - 1]!.word) && isWordAt(tokens, start - 2)) {
    const owner = phraseOwningPreposition(tokens, start - 1, end);
    if (owner !== null) return [owner, end];
    if (!namesSpeaker(text, tokens, start, end)) return null;
  }
  return [start, end];
}

/**
 * The name a description before "who" is set off after ("Among those arrested was Lena Okonjo, a 29-year-old engineer
 * who said ..."): the one who speaks, as in "X, a researcher, said". Null unless the description opens with an
 * article and the words before its comma are a name of capitalised words that is the sentence's subject (below).
 */
function nameBeforeDescription(text: string, tokens: readonly Token[], who: number): [number, number] | null {
  let comma = who - 1;
  while (comma > 0 && who - comma <= MAX_DESCRIPTION_WORDS && isWordAt(tokens, comma) && !/^(that|which|who)$/.test(tokens[comma]!.word)) comma--;
  if (tokens[comma]?.word !== ',' || !/^(a|an|the)$/.test(tokens[comma + 1]?.word ?? '') || isCapitalised(text, tokens[comma + 1]!)) return null;
  let start = comma;
  while (start > 0 && isNameWord(text, tokens, start - 1)) start--;
  if (start === comma || !isProperName(text, tokens, start, comma)) return null;
  // The name is the sentence's subject: it opens the sentence, as a name of two words or more and no opening word,
  // preposition, participle or imperative ("In London,", "Unlike Altman,", "Echoing Hinton,", "Meet Lena Okonjo,"),
  // or follows "was", "included", "came" or a colon ("Among those arrested was Lena Okonjo, ..."); not a verb's object ("LeCun dismissed Eliezer
  // Yudkowsky, the researcher who says ...") nor the last of a list ("Hinton and Bengio, the two scientists who ...").
  const first = tokens[start]!.word;
  const opensSentence = start === 0 && comma - start >= 2 && !NAME_OPENING_WORDS.test(first) && !PARTICIPLE_OPENERS.test(first)
    && !COMMON_OPENERS.has(first) && !ADVERBIAL_OPENERS.has(first) && !LABEL_WORDS.has(first);
  const introduced = start > 0 && /^(was|is|were|are|included|include|includes|including|came|:)$/.test(tokens[start - 1]!.word);
  return opensSentence || introduced ? [start, comma] : null;
}

/** Participles that open a sentence with a phrase ("Echoing Hinton, ..."), not a name ("Jing Wang, ..."). */
const PARTICIPLE_OPENERS = /^(echoing|following|speaking|citing|quoting|addressing|joining|including|responding|welcoming|praising|criticising|criticizing|rejecting|backing|supporting|opposing|defending|asking|answering|meeting|visiting|leaving|reporting|writing|describing|calling|urging|warning|arguing)$/;

/** Words before a description's comma at most ("a 29-year-old machine-learning engineer"). */
const MAX_DESCRIPTION_WORDS = 10;
/** Words that open a sentence with a phrase, not a name: prepositions and imperatives ("Unlike Altman,", "Meet ..."). */
const NAME_OPENING_WORDS = /^(in|at|on|from|near|outside|inside|across|after|before|during|since|by|to|for|of|with|among|like|unlike|alongside|beyond|besides|despite|beside|against|amid|meet|remember|ask|take|downtown|dear)$/;

/** Prepositions that tie a phrase to the noun before it ("opponents of", "a pause on", "researchers with"). */
const NOUN_PHRASE_PREPOSITIONS = new Set([
  'of', 'on', 'in', 'at', 'for', 'from', 'with', 'to', 'by', 'over', 'about', 'into', 'under', 'against', 'across',
  'among', 'around', 'within', 'inside', 'outside', 'near', 'behind', 'toward', 'towards', 'without', 'during',
]);
/** Speaking heads that name a text, not who speaks: "a statement to investors" owns no speaker. */
const DOCUMENT_HEADS = new Set(['proposal', 'letter', 'article', 'post', 'paper', 'statement', 'document', 'blog', 'note', 'report', 'editorial', 'op-ed']);
// Words a phrase that owns a prepositional phrase may add to the subject's walk ("Opponents of a global pause on ...").
const MAX_OWNER_WORDS = 6;

/** True for a noun that heads a phrase naming a speaker or a text that speaks ("critics", "researchers", "letter"). */
export function isActorHead(word: string): boolean {
  return ACTOR_HEADS.has(word) || ACTOR_HEADS.has(singularOf(word)) || PERSON_HEADS.has(singularOf(word));
}

/** True for a word that can head a phrase naming who speaks: a speaking noun ("opponents", "researchers") or "those". */
function isSpeakingHead(word: string | undefined): boolean {
  if (word === undefined || DOCUMENT_HEADS.has(word)) return false;
  return isActorHead(word) || word === 'those' || word === 'people';
}

/**
 * The start of the phrase that a prepositional phrase opening at `preposition` belongs to, when the phrase names a
 * speaker: its head, the word before its first preposition or the one before that ("Officials close to the talks",
 * "Those opposed to a pause"), is a speaking noun. Null when the words before the preposition are no such phrase
 * ("Anthropic called on governments").
 */
function phraseOwningPreposition(tokens: readonly Token[], preposition: number, end: number): number | null {
  let from = preposition;
  while (from > 0 && preposition - from < MAX_OWNER_WORDS && end - from < MAX_SUBJECT_WORDS + MAX_OWNER_WORDS && isWordAt(tokens, from - 1)) {
    const word = tokens[from - 1]!.word;
    if (SUBJECT_STOP.has(word) && !NOUN_PHRASE_PREPOSITIONS.has(word) && word !== 'and') break;
    from--;
  }
  while (from < preposition && (NOUN_PHRASE_PREPOSITIONS.has(tokens[from]!.word) || /^(and|but)$/.test(tokens[from]!.word))) from++;
  if (from >= preposition) return null;
  let first = from + 1;
  while (first < preposition && !NOUN_PHRASE_PREPOSITIONS.has(tokens[first]!.word)) first++;
  const head = tokens[first - 1]!.word;
  const beforeHead = first - 2 >= from ? tokens[first - 2]!.word : undefined;
  return isSpeakingHead(head) || isSpeakingHead(beforeHead) ? from : null;
}

/** True when a phrase's head names who may speak: a pronoun, a name, or a speaking noun ("reporters", "critics"). */
function namesSpeaker(text: string, tokens: readonly Token[], from: number, to: number): boolean {
  const head = tokens[to - 1]!;
  if (PRONOUNS.has(head.word) || PLURAL_WORDS.has(head.word)) return true;
  return isCapitalised(text, head) || isActorHead(head.word);
}

/** True for "(ret.)" after a general's or a colonel's title ("Gen. (ret.) Ann Doe"), a part of the name. */
function isRetiredMark(tokens: readonly Token[], index: number): boolean {
  return tokens[index]?.word === '(' && tokens[index + 1]?.word === 'ret' && tokens[index + 2]?.word === ')';
}

/** The noun phrase after an inverted verb ("..., said the startup founder: ..."). */
function subjectAfter(tokens: readonly Token[], verb: number): [number, number] | null {
  const start = verb + 1;
  let end = start;
  while (end < tokens.length && end - start < MAX_SUBJECT_WORDS && (isWordAt(tokens, end) || isRetiredMark(tokens, end))) {
    if (end > start && NP_END_AFTER.has(tokens[end]!.word)) break;
    end += isRetiredMark(tokens, end) ? 3 : 1;
  }
  return end > start ? [start, end] : null;
}

// The most tokens of a name set off after a description ("Dr. Helen van der Marsh" is seven).
const MAX_APPOSITIVE_NAME_TOKENS = 7;
/** Tokens that may end a name set off after a description: the sentence's end or a clause break. */
const APPOSITIVE_NAME_ENDS = new Set([',', ';', ':', '.', '(', '—', '"', '?', '!']);

/**
 * The name set off by a comma after a description of the speaker ("..., said its director, Paul Kane.", "according to
 * a researcher, Dr. Helen Marsh, ..."): the name is who speaks, the description only says who they are. Null unless the
 * subject is a description (its head in lower case: "its director", "Anthropic's chief") and a name of capitalised
 * words follows, up to a clause break or the end (not "the chair, Anne Roe and ...").
 */
function appositiveNameAfter(text: string, tokens: readonly Token[], [from, to]: [number, number]): [number, number] | null {
  if (tokens[to]?.word !== ',' || isCapitalised(text, tokens[to - 1]!) || to - from < 2) return null;
  const start = to + 1;
  let end = start;
  while (end < tokens.length && end - start < MAX_APPOSITIVE_NAME_TOKENS) {
    const token = tokens[end]!;
    if (isRetiredMark(tokens, end)) end += 3;
    else if (isWordAt(tokens, end) && (isNamePart(text, tokens, end) || token.word === '.' || (end > start && NAME_PARTICLES_BEFORE_COLON.test(token.word)))) end++;
    else break;
  }
  if (end === start || !isCapitalised(text, tokens[end - 1]!)) return null;
  if (end < tokens.length && !APPOSITIVE_NAME_ENDS.has(tokens[end]!.word)) return null;
  // A place or a date set off after the speaker ("said the minister, Brussels") names no one.
  const words = tokens.slice(start, end).map((token) => token.word).join(' ');
  return DATELINE_PLACES.has(words) ? null : [start, end];
}

function wordCount(tokens: readonly Token[], from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (isWord(tokens[i])) count++;
  return count;
}

/** True when a quote ending at `quoteEnd` runs up to the attribution at `anchorStart` ('"QUOTE," X said'). */
function isQuoteBefore(tokens: readonly Token[], quoteEnd: number, anchorStart: number): boolean {
  for (let i = quoteEnd; i < anchorStart; i++) if (tokens[i]!.word !== '"' && tokens[i]!.word !== ',') return false;
  return true;
}

const AUXILIARY_VERBS = new Set([
  'is', 'are', 'was', 'were', 'be', 'been', 'would', 'will', 'could', 'should', 'can', 'may', 'might', 'must', 'has',
  'have', 'had', 'do', 'does', 'did',
]);

/**
 * True for the attribution of "STATEMENT, X said." alone after a comma: a reporting verb with at most a few words
 * after it, none of them a colon, a quote or a verb of its own ("..., questions its authors say are open" is a
 * relative clause), and a subject that is not a name set off as an appositive ("Asked ..., the minister, Siobhán
 * Kelly, replied"): there the words before the comma describe the speaker.
 */
function isBareReport(tokens: readonly Token[], subject: [number, number], verb: number, end: number): boolean {
  if (tokens[subject[0] - 1]?.word !== ',' || !REPORTING_VERBS.has(tokens[verb]!.word)) return false;
  for (let i = verb + 1; i < end; i++) {
    const word = tokens[i]!.word;
    if (word === ':' || word === '"' || AUXILIARY_VERBS.has(word)) return false;
  }
  return true;
}

/**
 * Where the statement before "..., X said." ends: at the comma before the subject, or, when the subject is a name
 * set off as an appositive ("..., the digital minister, Siobhán Kelly, said."), at the comma before its description.
 */
function endBeforeDescription(tokens: readonly Token[], subject: [number, number], comma: number): number {
  let next = subject[1];
  if (tokens[next]?.word !== ',') return comma;
  next++;
  while (SKIPPABLE_BEFORE_VERB.has(tokens[next]?.word ?? '')) next++;
  if (!REPORTING_VERBS.has(tokens[next]?.word ?? '')) return comma;
  let before = comma - 1;
  while (before >= 0 && isWordAt(tokens, before)) before--;
  return before >= 0 && tokens[before]!.word === ',' ? before : -1;
}

/**
 * Words that open an adverbial, not a statement, before "..., X said": "Asked about the pause, the minister said."
 * reports no words of hers.
 */
const ADVERBIAL_OPENERS = new Set([
  'asked', 'speaking', 'writing', 'responding', 'replying', 'commenting', 'interviewed', 'pressed', 'when', 'while',
  'after', 'before', 'as', 'at', 'in', 'on', 'during', 'following', 'despite',
]);

/** Words after an opening participle that make it an adverbial ("Testifying before the committee, ..."). */
const PARTICIPLE_OBJECTS = new Set([
  'before', 'to', 'at', 'in', 'on', 'from', 'with', 'for', 'about', 'after', 'into', 'through', 'during', 'back', 'a',
  'an', 'the', 'it', 'this', 'her', 'his', 'their', 'its',
]);

/**
 * True when words opening at `first` are an adverbial, not a statement: "Asked about the pause", "According to the
 * Journal", and a participle phrase with no verb of its own ("Testifying before the committee", "Answering a
 * question in the Storting"; "Building a moat is the point" is a statement).
 */
function opensWithAdverbial(tokens: readonly Token[], first: number, to: number): boolean {
  const word = tokens[first]!.word;
  if (ADVERBIAL_OPENERS.has(word) || word === 'according') return true;
  if (!/^\p{L}{3,}ing$/u.test(word) || !PARTICIPLE_OBJECTS.has(tokens[first + 1]?.word ?? '')) return false;
  for (let i = first + 1; i < to; i++) if (AUXILIARY_VERBS.has(tokens[i]!.word)) return false;
  return true;
}

/**
 * Where the words of a statement before "..., X said" open: past a dateline ("HANOI — ", "MONTREAL, July 3 — ") and
 * a bracketed note ("(Translated from Spanish)").
 */
function statementOpening(tokens: readonly Token[], from: number, to: number): number {
  let first = from;
  const dash = tokens.findIndex((token, index) => index >= from && index < Math.min(to, from + 6) && token.word === '—');
  if (dash >= 0 && tokens.slice(from, dash).every((token, index) => isWordAt(tokens, from + index) || token.word === ',')) first = dash + 1;
  if (tokens[first]?.word === '(') {
    const close = tokens.findIndex((token, index) => index > first && index < to && token.word === ')');
    if (close > 0) first = close + 1;
  }
  while (first < to && !isWord(tokens[first])) first++;
  return first;
}

/**
 * True when a subject is a name set off after its description, right before its verb ("A former inspector, Colonel X
 * (ret.), told ..."), not a name with its description after it ('"...," Leopold Strand, a maintainer, told ...').
 */
function isAppositiveName(tokens: readonly Token[], subject: [number, number], verb: number): boolean {
  let next = subject[1];
  if (tokens[next]?.word === '(') while (next < verb && tokens[next]!.word !== ')') next++;
  if (tokens[next]?.word === ')') next++;
  if (next >= verb || tokens[next]!.word !== ',') return false;
  for (let i = next + 1; i < verb; i++) if (!SKIPPABLE_BEFORE_VERB.has(tokens[i]!.word)) return false;
  return true;
}

/** Words that open a subordinate clause: a speaker after one is inside it ("..., when, in fact, he replied."). */
const SUBORDINATORS = new Set([
  'when', 'while', 'if', 'because', 'although', 'since', 'unless', 'until', 'whereas', 'where', 'once', 'whether',
]);

/**
 * True when tokens [from, to) before "..., X said." can be what X said: a clause of a few words, not an adverbial
 * alone ("Asked about the pause, ..."); an adverbial with a clause after it ("In short, the pause is ...") is one.
 * `isPart`: the words are the first part of a statement that goes on after "X said," and may be its subject alone.
 */
function isStatementBefore(text: string, tokens: readonly Token[], from: number, to: number, isPart = false): boolean {
  const first = statementOpening(tokens, from, to);
  // Before "X said, REST" a noun phrase is the statement's subject ("The tuft cell, Herbert said, is ..."); a short
  // word or two otherwise is an adverbial ("However, he said ...", "In May, ...").
  // "That said, ..." is an idiom, not a subject.
  const isSubjectPart = isPart && (DESCRIPTION_DETERMINERS.has(tokens[first]?.word ?? '') || /^(this|that|these|those)$/.test(tokens[first]?.word ?? ''))
    && !REPORTING_VERBS.has(tokens[to - 1]?.word ?? '');
  if (wordCount(tokens, first, to) < MIN_STATEMENT_WORDS && !isSubjectPart) return false;
  // A quote is the speaker's words, whatever it opens with ('"At no time was I aware ...," Volker said').
  if (tokens[first - 1]?.word === '"' || /['‘]/u.test(text[tokens[first]!.start - 1] ?? '')) return true;
  // "..., when he responded quickly" and "..., when, in fact, he responded quickly": the speaker is inside a
  // subordinate clause, not after a statement. ("If agreed, the pause would ..., scholars say" is one.)
  let pieces = 0;
  for (let i = to - 1; i >= from && pieces < 2; i--) {
    if (tokens[i - 1]?.word !== ',' && i !== from) continue;
    const isAlone = tokens[i + 1]?.word === ',';
    if (SUBORDINATORS.has(tokens[i]!.word) && (pieces === 0 || isAlone)) return false;
    pieces++;
  }
  if (!opensWithAdverbial(tokens, first, to)) return true;
  for (let i = first; i < to; i++) if (tokens[i]!.word === ',' && wordCount(tokens, i, to) >= MIN_STATEMENT_WORDS) return true;
  return false;
}

/** Words that open a description of a speaker after the name ("said Maria Lopez, a professor at Leeds"). */
const DESCRIPTION_OPENERS = new Set(['a', 'an', 'the', 'one', 'former', 'then', 'now', 'speaking', 'writing']);

/**
 * After an inverted speaker ("..., said Maria Lopez"): where the speaker's words go on, past a description of the
 * speaker (", a professor at Leeds", ", professor of law at Leeds") that runs to a colon, a comma or the end;
 * `to` when nothing but the description follows. "..., said X, adding that ..." goes on at once.
 */
function pastSpeakerDescription(tokens: readonly Token[], from: number, to: number): number {
  if (tokens[from]?.word !== ',') return from;
  const opener = tokens[from + 1]?.word ?? '';
  if (!DESCRIPTION_OPENERS.has(opener) && !ACTOR_HEADS.has(opener) && !ACTOR_HEADS.has(opener.replace(/s$/, ''))) return from;
  let end = from + 1;
  while (end < to && isWordAt(tokens, end)) end++;
  return end < to && (tokens[end]!.word === ',' || tokens[end]!.word === ':' || tokens[end]!.word === ';') ? end : to;
}

/** End of a reported clause: the sentence end, or a turn to another clause (", but", ";"). */
function statementEnd(tokens: readonly Token[], from: number): number {
  for (let i = from; i < tokens.length; i++) {
    const word = tokens[i]!.word;
    if (word === ';') return i;
    if ((word === 'but' || word === 'however') && tokens[i - 1]?.word === ',') return i - 1;
  }
  return tokens.length;
}

export interface AttributionContext {
  /** The last actor of the sentence before, for "he said" and a quote that continues. */
  previousActor: string | null;
  /** Speakers of the sentences before that one, the latest first: a pronoun that disagrees with previousActor may stand for one. */
  earlierActors?: readonly string[];
  /** Last words of the names the text gave people ("bengio" after "Yoshua Bengio"): "Bengio" alone is then one person. */
  persons?: ReadonlySet<string>;
  /** The sentence opens inside a double-quoted quotation left open by the sentence before. */
  opensInsideQuote?: boolean;
  /**
   * The person the sentence before opened with as its subject, who need not have spoken: a pronoun no speaker agrees
   * with stands for them ("Maria Lopez, a senator, spoke next. \"...,\" she said").
   */
  namedBefore?: () => string | null;
  /** The pronoun each speaker has been "he" or "she" by: "he" is not one the text has called "she". */
  pronounsOf?: ReadonlyMap<string, string>;
}

/** Head nouns of descriptions that can speak ("the trade group's spokeswoman", "critics", "the company"). */
const ACTOR_HEADS = new Set([
  'critic', 'skeptic', 'sceptic', 'opponent', 'supporter', 'proponent', 'advocate', 'observer', 'analyst', 'expert',
  'researcher', 'scientist', 'academic', 'official', 'executive', 'founder', 'co-founder', 'cofounder', 'ceo', 'cto',
  'chief', 'spokeswoman', 'spokesman', 'spokesperson', 'minister', 'professor', 'company', 'companie', 'firm', 'lab',
  'startup', 'board', 'group', 'other', 'some', 'many', 'economist', 'lawmaker', 'legislator', 'senator', 'congressman',
  'congresswoman', 'representative', 'governor', 'president', 'investor', 'engineer', 'developer', 'ethicist',
  'commentator', 'columnist', 'writer', 'author', 'editor', 'people', 'leader', 'chair', 'chairman', 'chairwoman',
  'director', 'head', 'adviser', 'advisor', 'campaigner', 'activist', 'signatory', 'signatorie', 'proposal', 'letter',
  'article', 'post', 'paper', 'statement', 'organization', 'organisation', 'institute', 'government', 'administration',
  'regulator', 'agency', 'union', 'association', 'coalition', 'council', 'committee', 'panel', 'team', 'leadership',
  'staff', 'employee', 'worker', 'scholar', 'philosopher', 'capitalist', 'vc', 'user', 'voter', 'respondent',
  'diplomat', 'ambassador', 'ministry', 'department', 'secretary', 'commissioner', 'manager', 'fellow', 'maintainer',
  'bishop', 'pope', 'general', 'inspector', 'delegation', 'industry', 'alliance', 'federation', 'foundation',
  'organiser', 'organizer', 'witness', 'laureate', 'member', 'parent', 'teacher', 'doctor', 'nurse', 'student',
  'economists', 'trader', 'insurer', 'bank', 'fund', 'think-tank', 'tank', 'authors', 'camp', 'side', 'opposition',
  'document', 'blog', 'note', 'report', 'proposer', 'host', 'moderator', 'audience', 'everyone', 'nobody',
  'detractor', 'another', 'backer', 'sponsor', 'author', 'columnist', 'correspondent', 'editorial', 'op-ed',
  'ceo', 'founder', 'chief', 'expert', 'lobby', 'lobbyist', 'caucus', 'party', 'spokesperson', 'envoy',
  'state', 'man', 'woman', 'protester', 'protestor', 'demonstrator', 'marcher', 'passer-by', 'bystander', 'resident',
  'participant', 'attendee', 'delegate',
  // a party's members ("Most Democrats on the committee said", not "the committee")
  'democrat', 'republican', 'tory', 'tories', 'conservative', 'liberal', 'progressive',
]);

/** Sentence openers that are capitalised only because they open the sentence. */
const COMMON_OPENERS = new Set([
  'the', 'this', 'that', 'these', 'those', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'one', 'such', 'each',
  'every', 'in', 'on', 'at', 'as', 'after', 'when', 'while', 'if', 'but', 'and', 'so', 'yet', 'it', 'there', 'here',
  'what', 'why', 'how', 'who', 'historical', 'current', 'recent', 'several', 'two', 'three', 'no',
]);

/** True when a subject can plausibly speak: a name, a pronoun, or a description headed by a speaking noun. */
function isActorLike(text: string, tokens: readonly Token[], [from, to]: [number, number]): boolean {
  if (to - from === 1 && PRONOUNS.has(tokens[from]!.word)) return true;
  const head = tokens[to - 1]!.word.replace(/'s$/, '').replace(/s$/, '');
  if (ACTOR_HEADS.has(head) || ACTOR_HEADS.has(tokens[to - 1]!.word)) return true;
  for (let i = from; i < to; i++) {
    if (!isCapitalised(text, tokens[i]!)) continue;
    if (i === 0 && COMMON_OPENERS.has(tokens[i]!.word)) continue;
    return true;
  }
  return false;
}

/** Participles that report speech only after an auxiliary ("they are essentially saying"). */
const PARTICIPLES = new Set([
  'saying', 'arguing', 'warning', 'calling', 'urging', 'claiming', 'insisting', 'telling', 'suggesting', 'worried',
  'convinced', 'advocating', 'pushing', 'pressing', 'lobbying', 'campaigning', 'seeking', 'trying', 'suing', 'threatening',
  'working', 'hoping', 'planning', 'fighting', 'aiming',
]);
const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'been', 'be', "'re", "'s"]);
/** Nouns that look like verbs ("the call", "Anthropic's call", "urgent call"): not speech when a determiner precedes. */
const NOUN_LIKE_VERBS = new Set(['pledges', 'votes', 'vows', 'issues', 'call', 'calls', 'claim', 'claims', 'fear', 'fears', 'question', 'notes', 'states', 'point', 'points', 'back', 'support', 'welcome', 'sign', 'signs', 'worry', 'worries', 'counter', 'counters', 'say', 'think']);
const DETERMINER_LIKE = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'urgent', 'new', 'public', 'whose', 'of', 'to', 'for']);

/**
 * Words before a plural noun that cannot stand before a verb: quantifiers, numbers and adjectives ("some states",
 * "both claims", "two states", "small states", "false claims").
 */
const PLURAL_MODIFIERS = new Set([
  'some', 'many', 'several', 'both', 'all', 'few', 'most', 'other', 'these', 'those', 'such', 'various', 'certain',
  'more', 'fewer', 'numerous', 'no', 'any', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten',
  'dozens', 'participating', 'remaining', 'respective', 'multiple', 'different', 'similar', 'competing',
  'false', 'repeated', 'growing', 'renewed', 'earlier', 'recent', 'small', 'smaller', 'large', 'larger',
  'big', 'major', 'key', 'rich', 'richer', 'poor', 'poorer', 'wealthy', 'powerful', 'weak', 'weaker', 'developing',
]);
/**
 * Words that make a compound with a plural noun that is also a verb ("member states", "Gulf states", "the
 * United States", "talking points", "warning signs"): "the minister states" and "the report states" are verbs.
 */
const COMPOUND_MODIFIERS: Record<string, ReadonlySet<string>> = {
  states: new Set([
    'member', 'nation', 'island', 'client', 'border', 'frontline', 'front-line', 'rogue', 'sovereign',
    'nuclear', 'signatory', 'non-signatory', 'partner', 'gulf', 'baltic', 'arab', 'nordic', 'balkan',
    'united', 'eu', 'us', 'african', 'asian', 'european', 'pacific', 'caribbean', 'neighbouring', 'neighboring',
    'allied', 'coastal', 'southern', 'northern', 'western', 'eastern', 'central', 'swing', 'successor', 'buffer',
    'satellite', 'failed', 'fragile', 'contracting', 'non-aligned', 'nonaligned', 'g7', 'g20', 'opec', 'nato', 'un',
  ]),
  calls: new Set(['phone', 'conference', 'roll', 'wake-up', 'cold']),
  claims: new Set(['safety', 'marketing', 'insurance', 'legal']),
  points: new Set(['talking', 'sticking', 'data', 'pressure', 'bullet', 'choke']),
  signs: new Set(['warning', 'early', 'road', 'placard']),
  notes: new Set(['field', 'briefing', 'speaking', 'meeting', 'lecture']),
  pledges: new Set(['campaign', 'voluntary', 'safety']),
  votes: new Set(['swing', 'proxy', 'protest']),
  issues: new Set(['safety', 'policy', 'security', 'governance', 'legal', 'technical']),
};
/** Verbs that mostly mark speech as nouns too; the ones ending in "s" can be a plural subject's head. */
const PLURAL_NOUN_VERBS = new Set([...NOUN_LIKE_VERBS].filter((word) => word.endsWith('s')));
/**
 * Words after a plural noun that show it is a subject, not a reporting verb: an auxiliary or a modal ("states
 * have", "claims are"), a coordinator ("states and regions") or a preposition a reporting verb does not take
 * ("states from passing", "states across Europe").
 */
const AFTER_PLURAL_NOUN = new Set([
  ...AUXILIARY_VERBS, "don't", "didn't", "won't", "can't", 'cannot', "aren't", "weren't", "haven't", "hadn't",
  "wouldn't", "shouldn't", "couldn't", 'and', 'or', 'nor', 'from', 'across', 'like', 'including', 'within',
  'outside', 'alike',
]);
/** Verbs of a plural subject after "that" or "which": "states that have vowed", not "claims that would be unfair". */
const PLURAL_AUXILIARIES = new Set(['have', 'are', 'were', 'do', "don't", "haven't", "aren't", "weren't"]);
/**
 * Verbs of a plural subject that are no nouns after a reporting verb ("member states agreed", "states gain"), where
 * "the report notes face recognition" or "notes lack of" would be: those are left out.
 */
const PLURAL_SUBJECT_VERBS = new Set([
  'agree', 'agreed', 'disagree', 'decided', 'decide', 'want', 'wanted', 'need', 'needed', 'gain', 'gained', 'lose',
  'faced', 'remain', 'remained', 'declined', 'hoped', 'plan', 'planned', 'prefer', 'preferred', 'fail', 'failed',
  'refuse', 'refused', 'seek', 'sought', 'wish', 'expect', 'expected', 'intend', 'continue', 'continued', 'favour',
  'favor', 'differ', 'join', 'vote', 'voted', 'see', 'saw', 'hold', 'held', 'say', 'said', 'argue', 'argued', 'warn',
  'warned', 'told', 'wrote', 'insist', 'insisted', 'believe', 'believed', 'urge', 'urged', 'oppose', 'reject',
  'endorse', 'vowed', 'pledged', 'pushed', 'feared',
]);
/** Adverbs between a plural subject and its verb ("member states also agreed"). */
const ADVERBS_AFTER_SUBJECT = new Set([
  'also', 'now', 'already', 'still', 'largely', 'mostly', 'broadly', 'collectively', 'jointly', 'generally',
  'reportedly', 'quietly', 'reluctantly', 'together', 'mainly',
]);

/** The word before tokens[index], with an abbreviation's periods dropped ("U.S." → "us"). */
function wordBefore(tokens: readonly Token[], index: number): string {
  let k = index - 1;
  if (tokens[k]?.word !== '.' || !isWordAt(tokens, k)) return tokens[k]?.word ?? '';
  let letters = '';
  while (k >= 0 && (tokens[k]!.word === '.' || /^\p{L}$/u.test(tokens[k]!.word))) {
    if (tokens[k]!.word !== '.') letters = tokens[k]!.word + letters;
    k--;
  }
  return letters;
}

/**
 * True when a word that is both a reporting verb and a plural noun ("states", "claims", "calls", "notes") is the
 * noun: after a quantifier, a number or an adjective ("some states", "both claims"), in a compound ("member states",
 * "the Gulf states", "the United States", "talking points"), or followed by a verb of its own ("states back the
 * idea", "claims are", "states agreed", "states that have"). "The minister states that ...", "He states:" and "the
 * report states the obvious" stay verbs.
 */
function isPluralNoun(tokens: readonly Token[], index: number): boolean {
  const word = tokens[index]!.word;
  const before = wordBefore(tokens, index);
  if (PLURAL_MODIFIERS.has(before) || /^\d+$/.test(before) || COMPOUND_MODIFIERS[word]?.has(before)) return true;
  // "Senator Ruiz disputed claims that ...", "the widely reported claims": a verb's object or a participle's noun
  if (/^\p{L}{3,}ed$/u.test(before) && tokens[index - 1]?.word === before) return true;
  let next = index + 1;
  while (ADVERBS_AFTER_SUBJECT.has(tokens[next]?.word ?? '')) next++;
  const after = tokens[next]?.word ?? '';
  if (AFTER_PLURAL_NOUN.has(after)) return true;
  // "states that have vowed to": a relative clause about the states, not "states that" reporting one.
  if (/^(that|which)$/.test(after) && PLURAL_AUXILIARIES.has(tokens[next + 1]?.word ?? '')) return true;
  if (PLURAL_SUBJECT_VERBS.has(after)) return true;
  if (!SPEECH_VERBS.has(after) || after.endsWith('s')) return false;
  // "states back the idea", "states issued a statement", but not "the letter states support for" or "the report
  // notes published figures": a speech verb that may be a noun or an adjective must read as a verb there.
  const needsNext = VERB_NEEDS_NEXT[after];
  const needsNear = VERB_NEEDS_NEAR[after];
  return (needsNext === undefined || needsNext.has(tokens[next + 1]?.word ?? '')) && (needsNear === undefined || hasWordNear(tokens, next, needsNear));
}

const RELATIVE_PRONOUNS = new Set(['that', 'which', 'who']);
/** Modals of what someone ought to do: a verb after one is the writer's advice, not a report. */
const RECOMMENDING_MODALS = new Set(['should', 'must', 'ought', "shouldn't", "mustn't", 'shall']);

type AnchorKind = 'normal' | 'inverted' | 'according' | 'headed' | 'passive';

interface Anchor {
  kind: AnchorKind;
  verb: number;
  subject: [number, number];
  /** Where the anchor's own words (subject and verb) begin: a previous statement ends here. */
  start: number;
  /** A verb of a relative clause, its subject the phrase before the pronoun ("the letter that urged labs to pause"). */
  relative?: true;
  /** A relative clause set off by commas ("OpenAI, which said ..., declined"): what it reports ends at its comma. */
  endsAtComma?: true;
}

/**
 * Participles of verbs that take a side on what they are said of. In the passive ("the moratorium is supported by AI
 * labs", "the letter has been praised by some scientists") the speaker is the agent after "by", not the subject.
 */
const PASSIVE_SIDE_VERBS = new Set([
  'supported', 'backed', 'endorsed', 'welcomed', 'championed', 'embraced', 'praised', 'applauded', 'hailed', 'signed',
  'opposed', 'rejected', 'dismissed', 'criticised', 'criticized', 'condemned', 'slammed', 'mocked', 'ridiculed',
  'derided', 'denounced', 'lambasted', 'attacked', 'questioned', 'challenged',
]);
/** Auxiliaries of a passive ("is supported", "has been backed", "are being welcomed"). */
const PASSIVE_AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', "'s", "'re", "isn't", "aren't", "wasn't", "weren't"]);
/** Words between a passive auxiliary and its participle ("is widely supported", "has not been backed"). */
const PASSIVE_ADVERBS = new Set([
  'not', 'also', 'now', 'already', 'still', 'widely', 'broadly', 'strongly', 'firmly', 'openly', 'publicly', 'largely',
  'generally', 'increasingly', 'reportedly', 'officially', 'formally', 'quietly', 'loudly', 'sharply', 'roundly',
  'heavily', 'warmly', 'enthusiastically', 'cautiously', 'fiercely', 'vocally', 'unanimously', 'jointly',
]);
/** Words that end the agent of a passive ("by others as alarmist", "by unions on Monday"). */
const AGENT_END = new Set([...NP_END_AFTER, 'as', 'for', 'because', 'over', 'since', 'while', 'but', 'with', 'amid', 'despite', 'than', 'and']);

/** True when the participle at `verb` follows a passive auxiliary, adverbs aside ("is widely supported"). */
function isAfterPassiveAuxiliary(tokens: readonly Token[], verb: number): boolean {
  let k = verb - 1;
  while (k >= 0 && PASSIVE_ADVERBS.has(tokens[k]!.word)) k--;
  return k >= 0 && PASSIVE_AUXILIARIES.has(tokens[k]!.word);
}

/** A participle opening a phrase between commas: "The moratorium, endorsed by Yoshua Bengio, would ...". */
function isAppositiveParticiple(tokens: readonly Token[], verb: number): boolean {
  return tokens[verb - 1]?.word === ',' && isWordAt(tokens, verb - 2);
}

/** Whether the passive at `verb` is denied: "is not backed", "wasn't widely supported". */
function isNegatedPassive(tokens: readonly Token[], verb: number): boolean {
  for (let k = verb - 1; k >= 0 && (PASSIVE_ADVERBS.has(tokens[k]!.word) || PASSIVE_AUXILIARIES.has(tokens[k]!.word)); k--) {
    const word = tokens[k]!.word;
    if (word === 'not' || word.endsWith("n't")) return true;
  }
  return false;
}

/** Determiners of an agent that names no one: "backed by no lab", "endorsed by any government". */
const NO_ONE_DETERMINERS = new Set(['no', 'any', 'none']);

/**
 * The agent after "by" at `by`: up to the end of its noun phrase. "Unions and campaigners" is one agent; "and" ends it
 * before a second passive or an auxiliary ("by trade associations and welcomed by campaigners").
 */
function agentAfter(tokens: readonly Token[], by: number): [number, number] | null {
  const start = by + 1;
  let end = start;
  while (end < tokens.length && end - start < MAX_SUBJECT_WORDS && isWordAt(tokens, end)) {
    const word = tokens[end]!.word;
    if (end > start && AGENT_END.has(word)) {
      const next = tokens[end + 1]?.word ?? '';
      const isJoinedAgent = word === 'and' && !PASSIVE_SIDE_VERBS.has(next) && !AUXILIARY_VERBS.has(next) && !PASSIVE_ADVERBS.has(next);
      if (!isJoinedAgent) break;
    }
    end++;
  }
  return end > start ? [start, end] : null;
}

/**
 * The span of a phrase and the relative clause after its comma that a passive at `clauseStart` opens (", which is
 * backed by X"), up to the clause's closing punctuation after the agent (ending at `agentEnd`): "The moratorium, which
 * is backed by dozens of researchers" in "The moratorium, which is backed by dozens of researchers, would halt training
 * runs." The phrase starts at its determiner or possessive ("Labs should honour [the moratorium], which ..."). Null
 * when the passive is no such clause.
 */
function relativeClauseSpan(tokens: readonly Token[], clauseStart: number, agentEnd: number): [number, number] | null {
  const comma = clauseStart - 1;
  const opener = tokens[clauseStart]?.word ?? '';
  if (!(RELATIVE_WORDS.has(opener) || PASSIVE_SIDE_VERBS.has(opener)) || tokens[comma]?.word !== ',' || !isWordAt(tokens, comma - 1)) return null;
  let start = comma;
  while (start > 0 && comma - start < MAX_SUBJECT_WORDS && isWordAt(tokens, start - 1) && !CLAUSE_LINKS.has(tokens[start - 1]!.word)) {
    start--;
    if (DESCRIPTION_DETERMINERS.has(tokens[start]!.word) || tokens[start]!.isPossessive) break;
  }
  let end = agentEnd;
  while (end < tokens.length && !isClauseBreak(tokens[end]!.word)) end++;
  return [start, end];
}

/** Where the clause of a passive at `verb` begins: after the last clause break or link word before it. */
function passiveClauseStart(tokens: readonly Token[], verb: number, previous: Anchor | undefined): number {
  let start = verb;
  while (start > 0 && isWordAt(tokens, start - 1) && !CLAUSE_LINKS.has(tokens[start - 1]!.word)) start--;
  // "criticised by trade associations and welcomed by campaigners": the second passive's words begin at its link.
  return previous?.kind === 'passive' && previous.subject[1] >= start ? previous.subject[1] : start;
}

/**
 * `singleQuoteEnds`: token indexes right after a closing single quotation mark, which is no token of its own
 * ("'Why stop now?' asked Fatima Zahra" reads like its double-quoted form).
 */
function findAnchors(
  text: string, tokens: readonly Token[], quotes: readonly [number, number][], singleQuoteEnds: ReadonlySet<number>,
  persons: ReadonlySet<string>,
): Anchor[] {
  let anchors: Anchor[] = [];
  for (let v = 0; v < tokens.length; v++) {
    const word = tokens[v]!.word;
    const isAccording = word === 'according' && tokens[v + 1]?.word === 'to';
    if (PASSIVE_SIDE_VERBS.has(word) && tokens[v + 1]?.word === 'by' && !isInside(quotes, v)) {
      // "The moratorium is supported by AI labs": the agent takes the side, not the subject. A second participle joined
      // to a passive ("criticised by X and welcomed by Y") shares its auxiliary.
      const previous = anchors.at(-1);
      const isJoinedPassive = previous?.kind === 'passive' && CLAUSE_LINKS.has(tokens[v - 1]?.word ?? '');
      if (isJoinedPassive || isAfterPassiveAuxiliary(tokens, v) || isAppositiveParticiple(tokens, v)) {
        const agent = agentAfter(tokens, v + 1);
        // "not backed by any lab", "isn't supported by the EU": the agent takes no side the clause gives it
        if (agent && isActorLike(text, tokens, agent) && !isNegatedPassive(tokens, v) && !NO_ONE_DETERMINERS.has(tokens[agent[0]]!.word)) anchors.push({ kind: 'passive', verb: v, subject: agent, start: passiveClauseStart(tokens, v, previous) });
        continue;
      }
    }
    const isStand = isCopulaStand(tokens, v);
    if (!isAccording && !SPEECH_VERBS.has(word) && !PARTICIPLES.has(word) && !isStand) continue;
    if (isInside(quotes, v)) continue;
    if (isAccording) {
      const subject = subjectAfter(tokens, v + 1);
      if (subject) anchors.push({ kind: 'according', verb: v, subject: appositiveNameAfter(text, tokens, subject) ?? subject, start: v });
      continue;
    }
    const isParticiple = PARTICIPLES.has(word);
    if (!SPEECH_VERBS.has(word) && !isParticiple && !isStand) continue;
    const needsNext = VERB_NEEDS_NEXT[word];
    // "China renewed calls for a pause" renews its own call; "rejected renewed calls" and "Renewed calls ... are" do not.
    const isRenewedCall = RENEWED_CALLS.has(tokens[v + 1]?.word ?? '') && VERB_NEEDS_NEAR[word] !== undefined && !modifiesNoun(tokens, v);
    if (needsNext && !needsNext.has(tokens[v + 1]?.word ?? '') && !isRenewedCall) continue;
    const previousWord = singleQuoteEnds.has(v) ? '"' : tokens[v - 1]?.word ?? '';
    // After a closing quote the quote is what was asked or issued ('"Why stop now?" asked Fatima Zahra').
    const needsNear = previousWord === '"' ? undefined : VERB_NEEDS_NEAR[word];
    if (needsNear && !hasWordNear(tokens, v, needsNear) && !isAskedToAct(tokens, v)) continue;
    // "pushed back against the moratorium", not "pushed back its launch", "pushed back the vote on the moratorium"
    if (/^push(?:es|ed|ing)?$/.test(word) && tokens[v + 1]?.word === 'back' && !/^(?:on|against)$/.test(tokens[v + 2]?.word ?? '')) continue;
    // "introduced a bill to repeal the moratorium", not "introduced legislation that would fund inspectors"
    if (BILL_FILING_VERBS.includes(word) && !isBillOnPause(tokens, v)) continue;
    // "tried to block the moratorium", not "were still trying to gauge how a pause would affect demand"
    if (AIMING_VERBS.includes(word) && tokens[v + 1]?.word === 'to' && !isAimAtPause(tokens, v + 1)) continue;
    // "brushed aside calls for a pause", not "turned down job offers"
    if (PHRASAL_REJECTING_VERBS[word]?.has(tokens[v + 1]?.word ?? '') && !isPhrasalRejectionOfPause(tokens, v)) continue;
    // "disputed claims that ...", "disputed the need for a pause", not "disputed her account"
    if (DISPUTING_FINITE_VERBS.has(word) && questionedMeritOf(tokens, v + 1) === null) continue;
    // "Some member states back the idea": a plural noun, not "states" reporting what follows; its own verb may follow.
    if (PLURAL_NOUN_VERBS.has(word) && isPluralNoun(tokens, v)) continue;
    // "the call", "Anthropic's call", "dismissed claims that ...": a noun, not a verb.
    const isVerbBefore = SPEECH_VERBS.has(previousWord) && !(PLURAL_NOUN_VERBS.has(previousWord) && isPluralNoun(tokens, v - 1));
    const isNoun = DETERMINER_LIKE.has(previousWord) || tokens[v - 1]?.isPossessive === true || isVerbBefore;
    if (NOUN_LIKE_VERBS.has(word) && isNoun) continue;
    // "Lab ignores call for pause", "amid calls for a pause", "the researchers' call": the noun, read as the cues read it.
    if (v > 0 && !readsAsVerb(tokens, v)) continue;
    if (COMMITMENT_VERBS.has(word) && isRelativeClauseVerb(tokens, v)) continue;
    // "The proposal adds to this dialogue", "added to his titles": contributing, not saying.
    if (/^(add|adds|added)$/.test(word) && tokens[v + 1]?.word === 'to') continue;
    // "refused to comment": declining to speak states no position; "Shares declined to a two-year low" is no refusal.
    if (REFUSAL_VERBS.has(word) && (NON_STATEMENTS.has(tokens[v + 2]?.word ?? '') || !isWordAt(tokens, v + 2)
      || DETERMINER_LIKE.has(tokens[v + 2]!.word) || /^\d/.test(tokens[v + 2]!.word))) continue;
    if (isParticiple && previousWord === ',' && anchors.length === 0 && word.endsWith('ing')) {
      // "Akira Tanabe, who runs a supplier, broke ranks on Friday, calling a cap 'a price worth paying'": the
      // participle clause speaks for the sentence's subject.
      // "Anthropic made the proposal public in June, calling on the leading developers to ...": the proposer by name,
      // putting its proposal out (not "Anthropic drew fire from X, calling the plan a ploy", which is X's).
      const subject = openingName(text, tokens, v);
      const isProposing = subject !== null && isProposerName(surface(text, tokens, subject[0], subject[1]))
        && PUBLISHING_VERBS.has(tokens[subject[1]]?.word ?? '');
      const isSpeaker = subject !== null && (isNamedSpeaker(text, tokens, subject) || isProposing);
      if (subject && isSpeaker && opensClause(text, tokens, subject[1])) {
        anchors.push({ kind: 'normal', verb: v, subject, start: subject[0] });
      }
      continue;
    }
    if (isParticiple) {
      let k = v - 1;
      while (k >= 0 && SKIPPABLE_BEFORE_VERB.has(tokens[k]!.word) && !AUXILIARIES.has(tokens[k]!.word)) k--;
      if (k < 0 || !AUXILIARIES.has(tokens[k]!.word)) continue;
      const subject = subjectBefore(tokens, k, text);
      if (subject && isActorLike(text, tokens, subject)) anchors.push({ kind: 'normal', verb: v, subject, start: subject[0] });
      continue;
    }
    // "Martin Esterby, who told Parliament ..., said the statement was ...": the verb after the clause's closing comma
    // is the phrase's own report
    const closing = anchors.at(-1);
    if (previousWord === ',' && closing?.endsAtComma && relativeClauseEnd(tokens, closing.verb) === v - 1) {
      anchors.push({ kind: 'normal', verb: v, subject: closing.subject, start: v });
      continue;
    }
    // "X, a venture capitalist, said the ...": the verb follows its subject and an appositive, not a statement.
    const appositiveStart = previousWord === ',' ? openingSubjectStart(text, tokens, v) : null;
    // "..., told the panel": after "told" comes the audience, not the speaker; but '"Why?" asked Fatima Zahra'.
    const isAudienceVerb = /^(told|tells|tell)$/.test(word) || (/^(asked|urged|urges)$/.test(word) && previousWord !== '"');
    const isInverted = !isAudienceVerb && appositiveStart === null
      && (previousWord === ',' || previousWord === '"') && opensNounPhrase(text, tokens, v + 1);
    if (isInverted) {
      const subject = subjectAfter(tokens, v);
      const isFramed = (previousWord === '"' || v > MIN_STATEMENT_WORDS) && isFramedDescription(tokens, subject, v);
      if (subject && (isActorLike(text, tokens, subject) || isFramed)) {
        anchors.push({ kind: 'inverted', verb: v, subject: appositiveNameAfter(text, tokens, subject) ?? subject, start: v });
      }
      continue;
    }
    if (v === 0 && /^\p{Lu}/u.test(text)) {
      // A fragment that opens with its verb ("Argues that ...") under a heading naming the speaker.
      anchors.push({ kind: 'headed', verb: v, subject: [v, v], start: v });
      continue;
    }
    // "OpenAI, which has said it opposes a fixed-term pause, ...", "X, which on Monday said ...": what the phrase
    // before the comma said, up to the clause's closing comma.
    const relativeWord = setOffRelativeBefore(tokens, v);
    if (relativeWord !== null) {
      const antecedent = relativeAntecedent(text, tokens, relativeWord - 1, tokens[relativeWord]!.word);
      if (antecedent && isActorLike(text, tokens, antecedent)) {
        anchors.push({ kind: 'normal', verb: v, subject: antecedent, start: relativeWord, relative: true, endsAtComma: true });
      }
      continue;
    }
    const subject = clauseSubject(tokens, v, subjectBefore(tokens, v, text), anchors);
    // "Will Hungary back the proposal?" asks and "unless a majority voted to" supposes; neither reports anyone.
    const beforeSubject = subject ? tokens[subject[0] - 1]?.word ?? '' : '';
    if ((isQuestion(tokens) && QUESTION_AUXILIARIES.has(beforeSubject)) || HYPOTHETICAL_OPENERS.has(beforeSubject)) continue;
    if (beforeSubject === 'that' && RECOMMENDING_VERBS.has(tokens[subject![0] - 2]?.word ?? '')) continue;
    // "Religious leaders praised the pause call this week": "call" is a noun there (see clauseSubject).
    if (subject === undefined || (subject && NEGATIVE_QUANTIFIERS.has(tokens[subject[0]]!.word))) continue;
    const beforeFrame = subject ? (singleQuoteEnds.has(subject[0]) ? '"' : tokens[subject[0] - 1]?.word) : undefined;
    const isFramed = (beforeFrame === '"' || (beforeFrame === ',' && subject![0] > MIN_STATEMENT_WORDS)) && isFramedDescription(tokens, subject, v);
    if (subject && (isActorLike(text, tokens, subject) || isFramed)) {
      // "France's digital minister, Aurélien Marchand, said": the description before the name is the anchor's too.
      const start = appositiveStart !== null && appositiveStart < subject[0] ? appositiveStart : subject[0];
      anchors.push({ kind: 'normal', verb: v, subject, start, ...(RELATIVE_PRONOUNS.has(previousWord) ? { relative: true as const } : {}) });
    } else if (subject === null && RELATIVE_PRONOUNS.has(previousWord) && v >= 2) {
      // "the open letter that urged labs to pause": the relative pronoun stands for the phrase before it.
      const antecedent = subjectBefore(tokens, v - 1);
      if (antecedent && isActorLike(text, tokens, antecedent)) anchors.push({ kind: 'normal', verb: v, subject: antecedent, start: v - 1, relative: true });
    } else if (subject === null && (previousWord === 'and' || (previousWord === 'but' && tokens[v - 2]?.word === ','))) {
      // "X flags the risks and urges a halt", "X said it would join talks, but rejected a pause": the second verb shares
      // the subject of the first; after a fragment that
      // opens with its verb ("Warns of the risks and urges a halt"), the heading is the speaker of both.
      const previous = anchors.at(-1);
      if (previous?.kind === 'headed') {
        anchors.push({ kind: 'headed', verb: v, subject: [v, v], start: v - 1 });
        continue;
      }
      const shared = previous?.subject ?? openingName(text, tokens, v);
      // "The White House should reject calls for a pause and write rules instead": what the writer says someone
      // ought to do, not what they said
      const isRecommended = previous === undefined && shared !== null && tokens.slice(shared[1], v).some((token) => RECOMMENDING_MODALS.has(token.word));
      if (shared && !isRecommended) anchors.push({ kind: 'normal', verb: v, subject: shared, start: v - 1 });
    }
  }
  const colon = colonAttribution(text, tokens, persons);
  if (colon && !anchors.some((anchor) => anchor.verb < colon.verb)) anchors.unshift(colon);
  // "Researchers who call for a pause are naive, said the chief executive": a relative clause before the report
  // describes someone in what another reports, and the reporter speaks ("Amodei, who called for a pause, said ..."
  // keeps Amodei). One after it ("according to its director, Nirmala Perera, who urged ...") goes on about the speaker.
  // What a relative clause set off by commas reports ("OpenAI, which said on Monday it opposes a pause, declined")
  // is the clause's speaker's, with no speaker of its own.
  const clauses = anchors.filter((anchor) => anchor.endsAtComma)
    .map((anchor) => [anchor.verb, relativeClauseEnd(tokens, anchor.verb)] as const);
  anchors = anchors.filter((anchor) => anchor.relative || !clauses.some(([verb, end]) => anchor.verb > verb && (end < 0 || anchor.verb < end)));
  const reporter = anchors.find((anchor) => !anchor.relative && anchor.kind !== 'passive');
  // A set-off clause is kept beside the report after it ("OpenAI, which has said it opposes a pause, said it shares
  // ..."), unless it dates what it reports before the report ("Esterby, who told Parliament last week that ..., said
  // the statement was ...": his word then, not now).
  const isDated = (anchor: Anchor) => {
    const end = relativeClauseEnd(tokens, anchor.verb);
    return tokens.slice(anchor.start, end < 0 ? tokens.length : end).some((token, index, clause) =>
      /^(last|earlier|previously|once|formerly|ago)$/.test(token.word) || (token.word === 'in' && /^(19|20)\d\d$/.test(clause[index + 1]?.word ?? '')));
  };
  if (reporter) anchors = anchors.filter((anchor) => !anchor.relative || anchor.verb > reporter.verb || (anchor.endsAtComma && !isDated(anchor)));
  // A passive in a sentence that reports someone ("The pause is backed by AI labs, Anthropic said", "..., according to
  // the organisers") is part of what is reported: the reporter speaks, as without the passive.
  if (anchors.some((anchor) => anchor.kind !== 'passive')) anchors = anchors.filter((anchor) => anchor.kind !== 'passive');
  return anchors.filter((anchor, index) => !anchors.slice(0, index).some((outer) => isReportedBy(text, tokens, anchor, outer)));
}

/** Verbs that take a clause without "that" ("thinks it could be", "warns the world its product might be"). */
const CLAUSE_VERBS = new Set([
  ...REPORTING_VERBS, 'warn', 'warns', 'warned', 'think', 'thinks', 'thought', 'believe', 'believes', 'believed', 'fear',
  'fears', 'feared', 'worry', 'worries', 'worried', 'insist', 'insisted', 'insists', 'predict', 'predicts', 'know', 'knows',
  'knew', 'hope', 'hopes', 'hoped', 'expect', 'expects', 'expected', 'suggest', 'suggests',
]);

/** Words that open a clause inside a relative clause ("who warned that AI is dangerous"): no main verb is sought past them. */
const COMPLEMENT_OPENERS = new Set(['that', 'whether', 'if', 'because', 'since', 'when', 'while', 'until', 'unless', 'which', 'who', 'to']);

/**
 * The relative clause that describes an anchor's speaker between the speaker and the statement, as token range:
 * - before the verb of a report ("Researchers who signed the open letter said ..."): from the relative word to the verb;
 * - as the anchor itself, a verb in a relative clause ("Researchers who signed the open letter disagreed"): from its
 *   verb to the main clause's verb after it, when one is found (an auxiliary, a verb of dissent, or a past form after a
 *   noun). "Critics who backed the renewed call for a pause spoke first" has none found: the clause stays the statement.
 */
function speakerDescription(tokens: readonly Token[], anchor: Anchor, ranges: readonly [number, number][]): [number, number] | null {
  const { subject, verb } = anchor;
  const relative = subject[1];
  const opener = tokens[relative]?.word ?? '';
  if (!RELATIVE_WORDS.has(opener) || verb <= relative) return null;
  // "Set that against ...": "that" opens a relative clause only before a verb.
  const next = tokens[relative + 1]?.word ?? '';
  if (opener !== 'who' && !SPEECH_VERBS.has(next) && !AUXILIARY_VERBS.has(next) && !SKIPPABLE_BEFORE_VERB.has(next) && !/ed$/.test(next)) return null;
  let k = relative + 1;
  while (k < verb && (SKIPPABLE_BEFORE_VERB.has(tokens[k]!.word) || AUXILIARY_VERBS.has(tokens[k]!.word))) k++;
  if (k < verb) {
    // "who signed the open letter said": the verb of the report comes after the relative clause, and the anchor's own
    // words start at its subject (not "... said X and urged labs", whose second verb shares the subject).
    if (anchor.start > subject[0]) return null;
    for (let i = relative; i < verb; i++) if (!isWordAt(tokens, i)) return null;
    return [relative, verb];
  }
  // The verb is the relative clause's. After a verb that takes a clause ("who thinks it could be ..."), what follows
  // is that clause, and no main verb is sought.
  if (CLAUSE_VERBS.has(tokens[verb]!.word)) return null;
  const end = ranges[0]?.[1] ?? tokens.length;
  for (let i = verb + 1; i < end; i++) {
    const word = tokens[i]!.word;
    if (!isWordAt(tokens, i) || COMPLEMENT_OPENERS.has(word)) return null;
    if (i === verb + 1) continue;
    const before = tokens[i - 1]!.word;
    if (PRONOUNS.has(before)) return null;
    if (DETERMINER_LIKE.has(before) || AUXILIARY_VERBS.has(before) || /^(in|on|at|by|from|with|into|about|as|than)$/.test(before)) continue;
    if (AUXILIARY_VERBS.has(word) || DISSENT_VERBS.has(word) || PLURAL_SUBJECT_VERBS.has(word) || (/ed$/.test(word) && !SPEECH_VERBS.has(before))) {
      return [verb, i];
    }
    if (ADVERBS_AFTER_SUBJECT.has(word) && (DISSENT_VERBS.has(tokens[i + 1]?.word ?? '') || AUXILIARY_VERBS.has(tokens[i + 1]?.word ?? ''))) return [verb, i];
  }
  return null;
}

/** Grammatical number of a speaker, for the pronouns that may stand for them. */
export type ActorNumber = 'plural' | 'person' | 'other';

/** Heads of descriptions of one person ("the minister", "a spokeswoman", "Nvidia chief"). */
const PERSON_HEADS = new Set([
  'spokeswoman', 'spokesman', 'spokesperson', 'minister', 'professor', 'senator', 'congressman', 'congresswoman',
  'representative', 'governor', 'president', 'ceo', 'cto', 'founder', 'co-founder', 'cofounder', 'chief', 'executive',
  'director', 'chair', 'chairman', 'chairwoman', 'secretary', 'commissioner', 'ambassador', 'envoy', 'economist',
  'analyst', 'researcher', 'scientist', 'engineer', 'developer', 'ethicist', 'philosopher', 'scholar', 'author', 'writer',
  'editor', 'columnist', 'correspondent', 'investor', 'activist', 'campaigner', 'lawmaker', 'legislator', 'official',
  'adviser', 'advisor', 'manager', 'fellow', 'maintainer', 'bishop', 'pope', 'general', 'inspector', 'witness',
  'laureate', 'teacher', 'doctor', 'nurse', 'student', 'host', 'moderator', 'lobbyist', 'head', 'leader', 'expert',
  'critic', 'skeptic', 'sceptic', 'opponent', 'supporter', 'proponent', 'advocate', 'backer', 'mayor', 'judge',
  'diplomat', 'academic', 'entrepreneur', 'trader', 'member', 'worker', 'employee', 'parent', 'organiser', 'organizer',
  'signatory', 'commentator', 'whistleblower', 'novelist', 'journalist', 'reporter', 'physicist', 'biologist',
  'historian', 'lawyer', 'attorney', 'mother', 'father', 'woman', 'man', 'chancellor', 'premier', 'deputy',
]);
/** Titles before a person's name ("Dr. Fiona McGrath", "Senator Ruth Adeyemi"). */
const PERSON_TITLES = new Set([
  ...TITLE_ABBREVIATIONS, 'sir', 'dame', 'lord', 'lady', 'senator', 'minister', 'president', 'mayor', 'judge', 'professor',
  'representative', 'governor', 'chancellor', 'premier', 'commissioner', 'ambassador', 'bishop', 'father', 'sister',
]);
/** Words of a body's name ("the Future of Life Institute", "European Commission", "the White House"). */
const BODY_WORDS = new Set([
  'institute', 'university', 'commission', 'council', 'ministry', 'department', 'agency', 'association', 'union', 'group',
  'labs', 'lab', 'inc', 'corp', 'company', 'foundation', 'house', 'office', 'party', 'committee', 'parliament',
  'government', 'times', 'post', 'news', 'journal', 'bank', 'fund', 'network', 'alliance', 'coalition', 'federation',
  'center', 'centre', 'forum', 'society', 'academy', 'school', 'college', 'club', 'board', 'court', 'senate', 'congress',
  'assembly', 'organisation', 'organization', 'initiative', 'project', 'campaign', 'watch', 'international', 'ai',
  'technologies', 'technology', 'systems', 'partners', 'capital', 'ventures', 'research', 'state', 'states', 'nations',
  'kingdom', 'republic', 'republicans', 'democrats', 'ltd', 'plc', 'llc', 'gmbh', 'press', 'media', 'review', 'magazine',
]);
/** Quantifiers and collective words that stand for several speakers ("Many said", "Others argued", "people"). */
const PLURAL_WORDS = new Set(['many', 'some', 'several', 'others', 'both', 'all', 'most', 'few', 'people', 'staff', 'they', 'we', 'dozens', 'hundreds', 'thousands']);
/** A word shaped like a word of a person's name: "Bengio", "O'Neill", "Okonkwo-Reid", "McGrath" (not "DeepMind"). */
const NAME_WORD = /^(?:(?:Mc|Mac|O['’]|D['’])?\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)*|van|von|de|der|den|da|di|du|la|le|bin|al|el|ibn)$/u;

/** A word in title case, after each hyphen too: "GABRIELA" → "Gabriela", "okonkwo-reid" → "Okonkwo-Reid". */
export function titleCase(word: string): string {
  return word.toLowerCase().replace(/(^|-)(\p{L})/gu, (_, dash: string, letter: string) => dash + letter.toUpperCase());
}

function singularOf(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(word) || !/s$/.test(word)) return word;
  return word.slice(0, -1);
}

/**
 * Whether a speaker, as written, is several (plural), one person, or neither that can be told (a body, a country, one
 * word of a name the text did not give in full). `persons` are the last words of people's names given before.
 */
export function actorNumber(actor: string, persons: ReadonlySet<string> = new Set()): ActorNumber {
  const words = actor.replace(/['’]s?$/u, '').split(/\s+/u).filter((word) => /\p{L}/u.test(word));
  if (words.length === 0) return 'other';
  const lower = words.map((word) => word.toLowerCase().replace(/[.,]/g, ''));
  if (lower.includes('and') || lower.includes('&')) return 'plural';
  const head = lower.at(-1)!;
  const isCapitalHead = /^\p{Lu}/u.test(words.at(-1)!);
  if (PLURAL_WORDS.has(head)) return 'plural';
  // "Researchers", "300 researchers", "the unions": a plural common noun; "Jones" and "Reuters" are names.
  const singular = singularOf(head);
  if (singular !== head && (PERSON_HEADS.has(singular) || ACTOR_HEADS.has(singular) || (!isCapitalHead && head.length > 3))) return 'plural';
  if (lower.some((word) => BODY_WORDS.has(word)) || DATELINE_PLACES.has(lower.join(' '))) return 'other';
  if (PERSON_HEADS.has(head) && !isCapitalHead) return 'person';
  if (words.length >= 2 && PERSON_TITLES.has(lower[0]!.replace(/\.$/, ''))) return 'person';
  // A transcript's names are in capitals ("GABRIELA MONTOYA"): read as written in title case.
  const names = words.filter((word) => NAME_WORD.test(/^[\p{Lu}-]{2,}$/u.test(word) ? titleCase(word) : word));
  if (words.length >= 2 && words.length <= 4 && names.length === words.length) return 'person';
  if (words.length === 1 && persons.has(head)) return 'person';
  // "Nvidia chief Jensen Huang", "the lab's founder Dario Amodei": a description and a name.
  return names.length >= 2 && words.slice(-2).every((word) => names.includes(word)) && lower.some((word) => PERSON_HEADS.has(word)) ? 'person' : 'other';
}

/**
 * Last words of the people a sentence names in full ("Yoshua Bengio spoke in Montreal" names "bengio"): a run of two to
 * four capitalised words that actorNumber reads as a person.
 */
export function namedPersons(text: string, tokens: readonly Token[]): string[] {
  return personNames(text, tokens).map(([, to]) => tokens[to - 1]!.word);
}

/**
 * The person a sentence names as its subject ("Maria Lopez, a senator, spoke next.", "In an AMA, small-lab founder
 * Tomasz Wójcik was asked"), or by a surname the text gave a person ("Ambrose ran ..."); not one a verb or preposition
 * names ("met Sam Altman", "in South Korea"), a group ("Younger Americans") or a place ("Bryant Street"); null if none.
 */
export function subjectPersonNamed(text: string, tokens: readonly Token[], surnames: ReadonlySet<string>): string | null {
  // a name that ends its run of capitals ("Retired Rear Adm. Linda Castellano testified"), in no dateline's capitals
  // ("DES MOINES, Iowa — Senator Mabel Thornquist said"), and not a verb's or a preposition's object
  const subject = personNames(text, tokens).find(([from, to]) => {
    // past an abbreviation's dot ("Adm. Linda")
    const at = tokens[to]?.word === '.' && isWordAt(tokens, to + 1) ? to + 1 : to;
    const next = tokens[at];
    const endsRun = next === undefined || !isWordAt(tokens, at) || !isCapitalised(text, next);
    const name = surface(text, tokens, from, to);
    const isDateline = name === name.toUpperCase();
    return endsRun && !isDateline && !OBJECT_BEFORE.test(tokens[from - 1]?.word ?? '');
  });
  const span: [number, number] | null = subject
    ?? (surnames.has(tokens[0]?.word ?? '') && !tokens[0]!.isPossessive && isCapitalised(text, tokens[0]!) ? [0, 1] : null);
  if (span === null) return null;
  const name = surface(text, tokens, span[0], span[1]);
  return /['’]s$/u.test(name) || NOT_A_PERSON_END.test(name) ? null : name;
}

/** A word before a name that makes it an object: a preposition or a verb ("met Sam Altman", "in South Korea", any "-ed"). */
const OBJECT_BEFORE = /^(?:in|on|at|from|to|with|by|of|for|about|near|outside|into|than|and|or|met|meets|told|tells|asks|hires|said|says|calls|saw|sees|joins|visits|\w+ed)$/u;

/** The last word of two capitalised ones that is a group's or a place's, not a person's ("Younger Americans", "Bryant Street"). */
const NOT_A_PERSON_END = /(?:ans|ese|ers|ists|ites|crats|cans) *$|\b(?:Street|Square|Park|Road|Avenue|Valley|Bay|Island|Hill|Korea|Arabia|Zealand|Africa|Kingdom|States|Clara|Alto|View|Angeles|Francisco|York|Kong|Face)$/u;

/** Token spans of the names of two to four capitalised words that name a person. */
function personNames(text: string, tokens: readonly Token[]): [number, number][] {
  const names: [number, number][] = [];
  for (let i = 0; i < tokens.length; i++) {
    let j = i;
    while (j < tokens.length && j - i < 4 && isWordAt(tokens, j) && (isCapitalised(text, tokens[j]!) || tokens[j]!.word === '.')) j++;
    if (j - i >= 2 && actorNumber(surface(text, tokens, i, j)) === 'person') names.push([i, j]);
    i = Math.max(i, j - 1);
  }
  return names;
}

/** Whether a subject pronoun may stand for a speaker of that number: "he" not for a group, "they" not for one person. */
function agreesWith(pronoun: string, number: ActorNumber): boolean {
  if (pronoun === 'they') return number !== 'person';
  if (pronoun === 'it') return number === 'other';
  return number !== 'plural';
}

/**
 * A name that is an organisation's, never "he" or "she": the proposer by its one-word name ("Anthropic"), a name
 * ending in a company's or a body's word ("Brightline Robotics", "Veridian AI", "OpenAI", "the Future of Life
 * Institute"), not a person shown with one ("Marcus Feld of the Open Compute Alliance").
 */
function isOrganisationName(actor: string): boolean {
  const name = actor.replace(/^the /iu, '');
  // a person shown with an organisation ("Marcus Feld of the Open Compute Alliance") or described ("the European
  // Parliament's rapporteur on AI") is a person
  if (/^\p{Lu}\S+ \p{Lu}\S+ (?:of|at|from) /u.test(name) || /\s(?!(?:of|for|and|the)\s)\p{Ll}/u.test(name)) return false;
  return (PROPOSER_NAMES.has(name.toLowerCase()) && !name.includes(' '))
    || /(?:\b|(?<=\p{Ll}))AI$/u.test(name)
    || /\b(?:Labs?|Robotics|Systems|Technologies|Dynamics|Computing|Inc|Corp|Ltd|LLC|Group|Partners|Capital|Ventures|Institute|Alliance|Coalition|Council|Association|Foundation)\.?$/u.test(name);
}

/** The pronouns that tell one person from another: a speaker called "she" is not the next "he". */
const GENDERED = new Set(['he', 'she']);

/** Words that open a relative clause ("the pause, which it says would ..."). */
const RELATIVE_WORDS = new Set(['which', 'that', 'who', 'whom']);

/** Words that join a second clause, whose subject starts after them ("Opponents call it a moat and supporters call it ..."). */
const CLAUSE_JOINERS = new Set(['and', 'but', 'or', 'while', 'whereas', 'yet']);

/**
 * The subject of a verb's own clause. A subject walked back past an earlier speaker's verb ("call it a moat and
 * supporters"), or past the object of the same verb said by another ("Unions call the pause a safety net and investors
 * call it ..."), starts after the word that joins the two clauses; without such a word (the verb is a noun there:
 * "praised the pause call") it is undefined, and the word reports nothing.
 */
function clauseSubject(
  tokens: readonly Token[], verb: number, subject: [number, number] | null, anchors: readonly Anchor[],
): [number, number] | null | undefined {
  if (subject === null) return null;
  const inside = anchors.filter((anchor) => anchor.verb >= subject[0] && anchor.verb < subject[1]).at(-1);
  const parallel = anchors.filter((anchor) => anchor.verb < subject[0] && tokens[anchor.verb]!.word === tokens[verb]!.word).at(-1);
  const earlier = inside ?? parallel;
  if (earlier === undefined) return subject;
  for (let i = subject[1] - 1; i > Math.max(earlier.verb, subject[0]); i--) {
    if (CLAUSE_JOINERS.has(tokens[i]!.word)) return i + 1 < subject[1] ? [i + 1, subject[1]] : undefined;
  }
  return inside === undefined ? subject : undefined;
}

/** Words that open a description of a person or a body ("the virologist", "a Lisbon shopkeeper", "her lawyer"). */
const DESCRIPTION_DETERMINERS = new Set(['the', 'a', 'an', 'one', 'another', 'his', 'her', 'their', 'its']);

/**
 * True when a subject that names no known kind of speaker (ACTOR_HEADS) is a description ("the virologist", "a
 * Lisbon shopkeeper") before or after a reporting verb with little after it. Callers take it for a speaker only
 * in a frame that says someone spoke: right after a quote or after the comma that ends a statement ('"...," the
 * virologist said.', "..., said the virologist.").
 */
function isFramedDescription(tokens: readonly Token[], subject: [number, number] | null, verb: number): boolean {
  if (subject === null || !REPORTING_VERBS.has(tokens[verb]!.word) || subject[1] - subject[0] > 4) return false;
  if (!DESCRIPTION_DETERMINERS.has(tokens[subject[0]]!.word)) return false;
  // "the opposite of its stated goal": after a determiner the verb is an adjective.
  if (verb > subject[0] && DETERMINER_LIKE.has(tokens[verb - 1]!.word)) return false;
  for (let i = subject[0]; i < subject[1]; i++) if (!/^\p{Ll}/u.test(tokens[i]!.word)) return false;
  return wordCount(tokens, Math.max(verb + 1, subject[1]), tokens.length) < MIN_STATEMENT_WORDS;
}

/**
 * True when a sentence's opening words name a speaker, not merely open with a capital: a speaking head noun
 * ("Open-source developers") or a name of two capitalised words at its end ("Akira Tanabe"), not "Spreads on AI-exposed".
 */
function isNamedSpeaker(text: string, tokens: readonly Token[], [from, to]: [number, number]): boolean {
  if (ACTOR_HEADS.has(tokens[to - 1]!.word.replace(/s$/, ''))) return true;
  return to - from >= 2 && isNameWord(text, tokens, to - 1) && isNameWord(text, tokens, to - 2);
}

/** True when a name is followed by its verb or by an appositive ("Akira Tanabe broke ...", "X, who ..."), not by a new clause. */
function opensClause(text: string, tokens: readonly Token[], nameEnd: number): boolean {
  const next = tokens[nameEnd];
  if (next?.word === ',') return APPOSITIVE_OPENERS.has(tokens[nameEnd + 1]?.word ?? '');
  return next !== undefined && isWord(next) && !isCapitalised(text, next);
}

/**
 * "asked lawmakers to vote down the moratorium": a request of someone named right after "asked", its speaker the
 * subject; not "asked to comment", "who asked not to be named" or "was asked by reporters to ...".
 */
function isAskedToAct(tokens: readonly Token[], verb: number): boolean {
  if (tokens[verb]!.word !== 'asked') return false;
  // "asked for a pause", "asked the labs for a six-month pause": a request for the pause itself
  const asksForPause = isAskedForPause(tokens, verb);
  if (NOT_ASKED_OBJECT.has(tokens[verb + 1]?.word ?? '') && !asksForPause) return false;
  if (AUXILIARIES.has(tokens[verb - 1]?.word ?? '') || /^(being|get|got|gets)$/.test(tokens[verb - 1]?.word ?? '')) return false;
  // "Had Senator Ruiz asked the labs to pause, ...", "if the BBC asked ...": a condition
  for (let i = verb - 1; i >= 0 && i >= verb - 6 && isWordAt(tokens, i); i--) {
    const isInverted = tokens[i]!.word === 'had' && (i === 0 || !isWordAt(tokens, i - 1));
    if (/^(?:if|unless)$/.test(tokens[i]!.word) || isInverted) return false;
  }
  // "asked Altman about the proposal to pause", "asked him when he planned to pause": a question, not a request
  for (let i = verb + 1; i <= verb + NEAR_WORDS && isWordAt(tokens, i); i++) {
    // "Reuters asked OpenAI to comment": a request for words is no position
    if (tokens[i]!.word === 'to') return !NON_STATEMENTS.has(tokens[i + 1]?.word ?? '');
    if (ASKED_QUESTION_WORDS.has(tokens[i]!.word)) return false;
  }
  return asksForPause;
}
/** "asked (the labs) for a pause": "for" a few words after "asked", this pause by its noun right after it. */
function isAskedForPause(tokens: readonly Token[], verb: number): boolean {
  // (not one in a relative clause: "the researchers who in 2023 asked for a pause")
  if (isDescribingAsk(tokens, verb)) return false;
  for (let i = verb + 1; i <= verb + ASKED_FOR_WORDS && isWordAt(tokens, i); i++) {
    if (tokens[i]!.word === 'for') return namesThisPauseAt(tokens, i + 1);
  }
  return false;
}
/** How far after "asked" its "for" may stand: "asked the leading labs for ...". */
const ASKED_FOR_WORDS = 4;
/** The words of a question after "asked", as the request cues read them (clause-polarity.ts). */
const ASKED_QUESTION_WORDS = new Set([...QUESTION_OPENERS, ...ASKED_QUESTION_OPENERS]);
/** Words after "asked" that open no one asked: "asked to speak", "asked not to be named", "asked for more time". */
const NOT_ASKED_OBJECT = new Set(['to', 'by', 'not', 'for', 'about', 'after', 'if', 'on', 'in', 'at', 'during', 'over', 'with', 'as', ',']);

/** Whether a bill filed at `verb` is one to do something to the pause: "introduced a bill to repeal the moratorium". */
function isBillOnPause(tokens: readonly Token[], verb: number): boolean {
  let bill = verb + 1;
  while (bill < verb + 4 && !BILL_NOUNS.has(tokens[bill]?.word ?? '')) bill++;
  return BILL_NOUNS.has(tokens[bill]?.word ?? '') && isAimAtPause(tokens, bill + 1);
}
const BILL_NOUNS = new Set(['bill', 'bills', 'measure', 'amendment', 'legislation', 'resolution', 'motion']);
/** Whether "to" at `to` opens a verb whose object is the pause: "to block the (proposed) moratorium". */
function isAimAtPause(tokens: readonly Token[], to: number): boolean {
  if (tokens[to]?.word !== 'to') return false;
  // ("to quietly kill the moratorium")
  let noun = /^\p{L}{3,}ly$/u.test(tokens[to + 1]?.word ?? '') && !/(?:pp|mp|pl|e)ly$/.test(tokens[to + 1]!.word) ? to + 3 : to + 2;
  const firstModifier = noun;
  while (noun < firstModifier + AIMED_MODIFIERS && /^(?:the|a|an|its|this|that|any|proposed|global|federal|state|six-month|temporary|new)$/.test(tokens[noun]?.word ?? '')) noun++;
  // the pause the head of its phrase, not "the pause debate"
  const after = tokens[noun + 1]?.word ?? '.';
  return AIMED_PAUSE_WORDS.has(tokens[noun]?.word ?? '') && (!isWordAt(tokens, noun + 1) || AIMED_PAUSE_FOLLOWERS.test(after));
}
/** Words after the pause that leave it the head of its phrase: "to end the pause on frontier training", "in court". */
const AIMED_PAUSE_FOLLOWERS = /^(?:on|of|in|for|to|until|and|or|but|so|because|despite|that|which|before|after|by|at|from|if|unless|when|while|as|with|early|now|altogether|again|last|this|next)$/;
/** Words at most between an aimed verb and the pause: "to repeal the proposed federal moratorium". */
const AIMED_MODIFIERS = 3;

function hasWordNear(tokens: readonly Token[], verb: number, words: ReadonlySet<string>): boolean {
  for (let i = verb + 1; i <= verb + NEAR_WORDS && isWordAt(tokens, i); i++) if (words.has(tokens[i]!.word)) return true;
  return false;
}

/**
 * True when the words at `index` open a noun phrase that can name a speaker after an inverted verb: a
 * determiner, a capitalised word, or a title or two before a name ("said historian Dr. Ezra Kaplan").
 */
function opensNounPhrase(text: string, tokens: readonly Token[], index: number): boolean {
  if (NP_OPENERS.has(tokens[index]?.word ?? '')) return true;
  for (let i = index; i < index + 3 && isWordAt(tokens, i); i++) {
    if (isCapitalised(text, tokens[i]!)) return true;
    // "said on Tuesday that ...": a preposition or a conjunction opens no speaker.
    if (SUBJECT_STOP.has(tokens[i]!.word) || NP_END_AFTER.has(tokens[i]!.word)) return false;
  }
  return false;
}

const MAX_OPENING_SUBJECT = 12;
const MAX_APPOSITIVE = 20;

/**
 * For a verb right after a comma: the start of the sentence's opening noun phrase when that comma closes an
 * appositive after it ("Lina Haddad, head of a Beirut-based group, said ..."), else null. The opening phrase must
 * name a speaker: in "Last week, Congress passed a resolution, said Senator Jane Doe" it is an adverbial, and the
 * verb is inverted.
 */
function openingSubjectStart(text: string, tokens: readonly Token[], verb: number): number | null {
  if (tokens[verb - 1]?.word !== ',' || tokens[verb - 2]?.word === '"') return null;
  // "Japan's digital minister, Kenji Morita (LDP), said": the appositive's bracket is part of it
  let comma = beforeBracket(tokens, verb - 1) - 1;
  while (comma >= 0 && verb - comma <= MAX_APPOSITIVE && isWordAt(tokens, comma)) comma--;
  // "Lena Ortiz, a professor in Palo Alto, California, said": the place's second part is still the appositive.
  if (comma > 0 && tokens[comma]!.word === ',' && isPlaceBefore(text, tokens, comma)) {
    comma--;
    while (comma >= 0 && verb - comma <= MAX_APPOSITIVE && isWordAt(tokens, comma)) comma--;
  }
  if (comma < 1 || tokens[comma]!.word !== ',') return null;
  // "Marcus Feld, director of the Open Compute Alliance, a group that advocates for open-source AI, said": an
  // appositive may describe the one before it; the subject is then before the first.
  for (let extra = 0; extra < MAX_NESTED_APPOSITIVES; extra++) {
    if (openingPhraseStart(text, tokens, comma, verb) !== null) break;
    let earlier = comma - 1;
    while (earlier >= 0 && comma - earlier <= MAX_APPOSITIVE && isWordAt(tokens, earlier)) earlier--;
    if (earlier < 1 || tokens[earlier]!.word !== ',') break;
    comma = earlier;
  }
  return openingPhraseStart(text, tokens, comma, verb);
}

// Appositives one after another before a verb, each describing the one before ("X, director of Y, a group that ...,").
const MAX_NESTED_APPOSITIVES = 2;

/** The start of a sentence's opening noun phrase ending at `comma`, when it names a speaker, else null. */
function openingPhraseStart(text: string, tokens: readonly Token[], comma: number, verb: number): number | null {
  // "Sen. Curtis Haldane (R-Idaho), who chairs ...": a bracketed party or place ends the name, not the phrase.
  const nameEnd = beforeBracket(tokens, comma);
  let first = nameEnd;
  while (first > 0 && nameEnd - first < MAX_OPENING_SUBJECT && isWordAt(tokens, first - 1)) first--;
  // The subject opens the sentence, or follows a heading, a dateline or a bracket ("PRESS RELEASE: ...",
  // "HELSINKI — ...", "(Translated from ...)").
  const before = tokens[first - 1]?.word;
  const opens = before === undefined || before === ':' || before === '—' || before === ')'
    || (before === ',' && followsOpeningAdverbial(tokens, first - 1));
  if (first >= nameEnd || !opens) return null;
  // One capitalised word ("Anthropic, a San Francisco lab, said") is a name only before an appositive's opener.
  const isName = isNamedSpeaker(text, tokens, [first, nameEnd])
    || (nameEnd - first === 1 && isNamePart(text, tokens, first) && !COMMON_OPENERS.has(tokens[first]!.word)
      && APPOSITIVE_OPENERS.has(tokens[comma + 1]?.word ?? ''));
  // "Anthropic's head of global affairs, Helena Vos, said ...": a description, then the name set off after it (with a
  // bracketed party: "The bill's sponsor, Sen. Curtis Haldane (R-Idaho), said").
  const describedEnd = beforeBracket(tokens, verb - 1);
  const isDescribedName = describedEnd - (comma + 1) >= 2 && isNamedSpeaker(text, tokens, [comma + 1, describedEnd])
    && tokens.slice(comma + 1, describedEnd).every((token) => token.word !== ',');
  return isName || isDescribedName ? first : null;
}

/** Words that open a sentence's adverbial before its subject ("On Friday, ...", "Speaking in Geneva, ..."). */
const OPENING_ADVERBIAL_WORDS = new Set([
  'on', 'in', 'at', 'during', 'after', 'before', 'speaking', 'asked', 'writing', 'earlier', 'later', 'last', 'this',
  'meanwhile', 'separately', 'yesterday', 'today', 'however', 'also', 'still', 'since', 'by', 'for',
]);
const MAX_OPENING_ADVERBIAL = 6;

/** Whether the comma at `comma` ends an adverbial that opens the sentence ("On Friday," before "Martin Esterby, ..."). */
function followsOpeningAdverbial(tokens: readonly Token[], comma: number): boolean {
  let start = comma;
  while (start > 0 && comma - start < MAX_OPENING_ADVERBIAL && isWordAt(tokens, start - 1)) start--;
  return start === 0 && start < comma && OPENING_ADVERBIAL_WORDS.has(tokens[0]!.word);
}

/** Words that open an appositive after a name ("X, who asked not to be named,", "X, a nurse,"). */
const APPOSITIVE_OPENERS = new Set(['who', 'whose', 'which', 'speaking', 'writing', 'a', 'an']);

/** "according to X, STATEMENT": where the statement begins, past the rest of X's description ("who asked not to be named"). */
function afterAccordingPhrase(tokens: readonly Token[], subjectEnd: number): number {
  let i = subjectEnd;
  while (isWordAt(tokens, i)) i++;
  if (tokens[i]?.word !== ',') return subjectEnd;
  if (!APPOSITIVE_OPENERS.has(tokens[i + 1]?.word ?? '')) return i + 1;
  let close = i + 1;
  while (isWordAt(tokens, close)) close++;
  return tokens[close]?.word === ',' ? close + 1 : i + 1;
}

/** Where the words an anchor reports run on after it ("X said [on Thursday he ...]"), or null. */
function reportStart(tokens: readonly Token[], anchor: Anchor): number | null {
  if (anchor.kind === 'normal') return anchor.verb + 1;
  // "according to X, STATEMENT" reports what follows; "STATEMENT, according to X" what comes before.
  if (anchor.kind === 'according' && tokens[anchor.verb - 1]?.word !== ',') return afterAccordingPhrase(tokens, anchor.subject[1]);
  return null;
}

const CLAUSE_LINKS = new Set(['and', 'but', 'or', 'while', 'whereas']);

/**
 * True when `inner` is part of what `outer` reports, not a second speaker: "X said on Thursday he no longer
 * opposes", "X said its 40,000 members would support", "According to X, many staff welcome ...".
 */
function isReportedBy(text: string, tokens: readonly Token[], inner: Anchor, outer: Anchor): boolean {
  // A transcript turn ("HOST: Critics say ...") may relay another voice.
  if (inner.kind !== 'normal' || inner === outer || tokens[outer.verb]!.word === ':') return false;
  const from = reportStart(tokens, outer);
  const subjectStart = inner.subject[0];
  if (from === null || subjectStart < from || subjectStart <= outer.verb) return false;
  // "According to the Wall Street Journal, Anthropic called on ...": a named speaker is the source's news.
  if (outer.kind === 'according' && isCapitalised(text, tokens[subjectStart]!)) return false;
  for (let i = from; i < subjectStart; i++) if (!isWordAt(tokens, i)) return false;
  return !CLAUSE_LINKS.has(tokens[subjectStart - 1]?.word ?? '');
}

/**
 * "Senator Ruth Adeyemi: "..."" and "Statement from the Federation of Actuaries: ..." — a speaker named
 * before a colon that opens the sentence.
 */
const HEADING_WORDS = new Set([
  'q', 'a', 'update', 'note', 'notes', 'thread', 'breaking', 'sides', 'points', 'summary', 'assessment', 'brief',
  'reminder', 'scenario', 'analysis', 'conclusion', 'background', 'context', 'timeline', 'forecast', 'takeaway',
  'verdict', 'disclosure', 'correction', 'editor', 'release', 'matters', 'next', 'happening', 'benefits', 'loses',
]);

function colonAttribution(text: string, tokens: readonly Token[], persons: ReadonlySet<string>): Anchor | null {
  const colon = tokens.findIndex((token) => token.word === ':');
  if (tokens[0]?.word === 'a' && tokens[1]?.word === '(') return bracketedAnswer(text, tokens);
  if (colon < 1 || colon > MAX_SUBJECT_WORDS) return null;
  let from = 0;
  while (from < colon && STATEMENT_PREFIX.has(tokens[from]!.word)) from++;
  // "Statement from ...", "Witness statement of ...": the speaker follows the preposition.
  if (from > 0 && /^(from|of|by)$/.test(tokens[from]?.word ?? '')) from++;
  else from = 0;
  // "SEFO RABUKA (telecoms engineer):", "MURRAY (Lower Hutt):": a bracketed role or place follows the name.
  let end = colon;
  if (tokens[colon - 1]!.word === ')') {
    while (end > from && tokens[end - 1]!.word !== '(') end--;
    end--;
  }
  for (let i = from; i < end; i++) if (!isWordAt(tokens, i)) return null;
  // "Economists in Jakarta are split: ..." is a sentence that a colon continues, not a speaker named before one
  // ("Will MacAskill:" and "Theresa May:" are names, "Labs Must Be Stopped:" a headline).
  if (tokens.slice(from, end).some((token) => AUXILIARY_VERBS.has(token.word) && !(isCapitalised(text, token) && NAME_AUXILIARIES.has(token.word)))) return null;
  const subject: [number, number] = [from, end];
  if (from >= end || !isActorLike(text, tokens, subject)) return null;
  // "WASHINGTON (Reuters):", "UPDATED (June 5):": a dateline or an editor's note, not a speaker and a role.
  if (end < colon && (NOTE_WORDS.has(tokens[from]!.word) || isDatelineBracket(tokens.slice(end + 1, colon - 1)))) return null;
  // A capitalised first word alone ("Fantastic idea:", "Me in 2023:") is a sentence opener, not a name.
  const isTranscriptName = end < colon && !/\p{Ll}/u.test(surface(text, tokens, from, end));
  const hasName = tokens.slice(from + 1, end).some((token) => isCapitalised(text, token)) || isTranscriptName
    || (end - from === 1 && isNameBeforeColon(text, tokens[from]!, persons));
  const head = tokens[end - 1]!.word.replace(/'s$/, '').replace(/s$/, '');
  if (!hasName && !ACTOR_HEADS.has(head)) return null;
  if (!namesSpeakerBeforeColon(text, tokens, from, end)) return null;
  // Headings such as "Key points:" or "Q:" are not speakers, nor is a dateline's place ("New Delhi:").
  if (HEADING_WORDS.has(tokens[end - 1]!.word) || DATELINE_PLACES.has(tokens.slice(from, end).map((token) => token.word).join(' '))) return null;
  if (tokens.slice(from, end).every((token) => LABEL_WORDS.has(token.word))) return null;
  return { kind: 'normal', verb: colon, subject, start: 0 };
}

/** A word for a kind of speaker, as written or without its "'s" or plural "s" ("The chair", "critics", "the council's"). */
function namesSpeakerKind(word: string): boolean {
  return ACTOR_HEADS.has(word) || ACTOR_HEADS.has(word.replace(/'s$/, '').replace(/s$/, ''));
}

const COLON_SUBJECT_PREPOSITIONS = new Set(['of', 'for', 'against', 'in', 'at', 'from', 'with', 'on', 'about', 'by', 'to', 'over']);

/**
 * Whether the words before a colon name who speaks: their head, the word before the first preposition or else the
 * last word, is a name or a word for a speaker ("Senator Ruth Adeyemi:", "The chair:", "People against the AI
 * pause:"). A headline or a sentence before a colon has a head of its own ("House panel asks a narrower question
 * about AI pause: can anyone count the compute?", "Other notable bits:"); a first word is capitalised as any is.
 */
function namesSpeakerBeforeColon(text: string, tokens: readonly Token[], from: number, end: number): boolean {
  let head = end - 1;
  for (let i = from + 1; i < end; i++) {
    if (COLON_SUBJECT_PREPOSITIONS.has(tokens[i]!.word)) {
      head = i - 1;
      break;
    }
  }
  if (namesSpeakerKind(tokens[head]!.word)) return true;
  return isCapitalised(text, tokens[head]!) && (head > from || end - from === 1);
}

/**
 * Whether one word before a colon is a name ("Bengio: A pause is the only sane option left"), as two capitalised words
 * are ("Yoshua Bengio: ..."): the surname of a person the text names in full, or a word capitalised as a name is
 * ("Bengio", not "BBC" or "WASHINGTON", which open datelines and notes) that is no label ("Update:", "Analysis:"), no
 * word of evaluation ("Brilliant:", "Wrong:"), no place of a dateline ("Washington:") and no word that opens a
 * sentence anyway ("This:", "Today:").
 */
function isNameBeforeColon(text: string, token: Token, persons: ReadonlySet<string>): boolean {
  const word = token.word;
  if (persons.has(word)) return true;
  if (!NAME_WORD.test(text.slice(token.start, token.end)) || NAME_PARTICLES_BEFORE_COLON.test(word)) return false;
  return !LABEL_WORDS.has(word) && !HEADING_WORDS.has(word) && !NOTE_WORDS.has(word) && !COMMON_OPENERS.has(word)
    && !CALENDAR_WORDS.has(word) && !DATELINE_PLACES.has(word) && !PRONOUNS.has(word) && !OBJECT_PRONOUNS.has(word)
    && !POSITIVE_WORDS.has(word) && !NEGATIVE_WORDS.has(word) && !RISK_WORDS.has(word) && !ACTOR_HEADS.has(word)
    && !SPEECH_VERBS.has(word) && !AUXILIARY_VERBS.has(word) && !SUBJECT_STOP.has(word) && !NP_END_AFTER.has(word);
}

/** The particles NAME_WORD lets through, which alone are no name. */
const NAME_PARTICLES_BEFORE_COLON = /^(van|von|de|der|den|da|di|du|la|le|bin|al|el|ibn)$/;
const OBJECT_PRONOUNS = new Set(['me', 'us', 'him', 'her', 'them', 'you', 'everyone', 'everybody', 'anyone', 'someone', 'nobody', 'myself']);

/**
 * Words that label a passage, a post or a line rather than name who speaks ("Update:", "Analysis:", "Thread:", "PSA:",
 * "Breaking News:"), and words that open a line as an aside ("Also:", "Remember:", "Plenty:").
 */
const LABEL_WORDS = new Set([
  'update', 'updated', 'analysis', 'opinion', 'comment', 'commentary', 'editorial', 'exclusive', 'breaking', 'news',
  'sketch', 'profile', 'column', 'essay', 'briefing', 'investigation', 'reportage', 'diary', 'postcard',
  'watch', 'listen', 'live', 'video', 'photos', 'gallery', 'explainer', 'factbox', 'factcheck', 'fact', 'check',
  'review', 'interview', 'podcast', 'transcript', 'thread', 'reply', 'replies', 'edit', 'correction', 'clarification',
  'disclosure', 'summary', 'recap', 'roundup', 'dispatch', 'insight', 'perspective', 'feature', 'preview', 'teaser',
  'newsletter', 'letter', 'letters', 'obituary', 'housekeeping', 'reminder', 'psa', 'tldr', 'faq', 'icymi', 'spoiler',
  'warning', 'caution', 'alert', 'bonus', 'source', 'sources', 'credit', 'credits', 'today', 'tonight', 'yesterday',
  'tomorrow', 'now', 'next', 'also', 'plus', 'fine', 'okay', 'ok', 'yes', 'no', 'nope', 'nothing', 'everything',
  'remember', 'imagine', 'consider', 'translation', 'reality', 'problem', 'solution', 'lesson', 'lessons', 'result',
  'results', 'headline', 'headlines', 'status', 'outcome', 'prediction', 'predictions', 'poll', 'survey', 'report',
  'hiring', 'webinar', 'event', 'events', 'announcement', 'advisory', 'statement', 'confession', 'options', 'option',
  'congratulations', 'plenty', 'question', 'questions', 'answer', 'answers', 'objection', 'objections', 'reply',
  'recommendation', 'recommendations', 'conclusion', 'conclusions', 'assessment', 'scenario', 'verdict', 'takeaway',
  'takeaways', 'background', 'context', 'timeline', 'agenda', 'schedule', 'reading', 'quote', 'quotes', 'key', 'points',
  'bottom', 'line', 'hot', 'take', 'fun', 'unpopular', 'plot', 'twist', 'pro', 'tip', 'tips', 'note', 'notes',
  'example', 'examples', 'caveat', 'caveats', 'disclaimer', 'definition', 'why', 'how', 'what', 'who', 'where', 'when',
  'sources', 'reddit', 'twitter', 'linkedin', 'substack', 'youtube', 'tiktok', 'bluesky', 'mastodon', 'facebook',
  'instagram', 'threads', 'meanwhile', 'elsewhere', 'first', 'second', 'third', 'finally', 'lastly', 'ps', 'nb', 'fyi',
  'welcome', 'thanks', 'sorry', 'wow', 'yikes', 'ugh', 'lol', 'honestly', 'seriously', 'really', 'wait', 'look', 'listen',
  'brilliant', 'great', 'perfect', 'genius', 'amazing', 'excellent', 'wonderful', 'fantastic', 'incredible', 'awesome',
  'interesting', 'true', 'false', 'correct', 'agreed', 'exactly', 'indeed', 'sure', 'obviously', 'clearly', 'literally',
  'yep', 'yeah', 'hmm', 'well', 'so', 'anyway', 'again', 'still', 'spot', 'on', 'cool', 'nice', 'good', 'bad', 'sad',
]);

/**
 * Places that open a dateline ("Washington: The Senate ...", "NEW DELHI: ..."): capitals and the cities news is most
 * often filed from. A dateline's place is never a speaker, though two capitalised words look like a name.
 */
const DATELINE_PLACES = new Set([
  'washington', 'new york', 'london', 'paris', 'brussels', 'berlin', 'beijing', 'shanghai', 'hong kong', 'tokyo', 'seoul',
  'new delhi', 'delhi', 'mumbai', 'bengaluru', 'bangalore', 'chennai', 'hyderabad', 'kolkata', 'islamabad', 'karachi',
  'lahore', 'peshawar', 'dhaka', 'kathmandu', 'colombo', 'kabul', 'tehran', 'baghdad', 'riyadh', 'jeddah', 'dubai',
  'abu dhabi', 'doha', 'kuwait city', 'manama', 'muscat', 'amman', 'beirut', 'damascus', 'jerusalem', 'tel aviv',
  'cairo', 'ankara', 'istanbul', 'moscow', 'kyiv', 'kiev', 'minsk', 'warsaw', 'prague', 'vienna', 'budapest',
  'bucharest', 'sofia', 'athens', 'rome', 'milan', 'madrid', 'barcelona', 'lisbon', 'dublin', 'edinburgh', 'cardiff',
  'belfast', 'amsterdam', 'the hague', 'geneva', 'zurich', 'bern', 'stockholm', 'oslo', 'copenhagen', 'helsinki',
  'tallinn', 'riga', 'vilnius', 'reykjavik', 'frankfurt', 'munich', 'hamburg', 'strasbourg', 'davos', 'ottawa',
  'toronto', 'montreal', 'vancouver', 'mexico city', 'havana', 'bogota', 'bogotá', 'lima', 'santiago', 'buenos aires',
  'sao paulo', 'são paulo', 'rio de janeiro', 'brasilia', 'brasília', 'caracas', 'quito', 'montevideo', 'nairobi',
  'lagos', 'abuja', 'accra', 'addis ababa', 'johannesburg', 'cape town', 'pretoria', 'kampala', 'kigali', 'dakar',
  'kinshasa', 'harare', 'lusaka', 'dar es salaam', 'algiers', 'tunis', 'rabat', 'casablanca', 'khartoum', 'canberra',
  'sydney', 'melbourne', 'wellington', 'auckland', 'singapore', 'kuala lumpur', 'jakarta', 'manila', 'bangkok', 'hanoi',
  'ho chi minh city', 'taipei', 'ulaanbaatar', 'astana', 'tashkent', 'almaty', 'baku', 'tbilisi', 'yerevan',
  'san francisco', 'los angeles', 'chicago', 'boston', 'seattle', 'silicon valley', 'osaka', 'shenzhen', 'hangzhou',
  'guangzhou', 'nicosia', 'valletta', 'belgrade', 'zagreb', 'ljubljana', 'sarajevo', 'skopje', 'tirana', 'chisinau',
  'bratislava', 'luxembourg', 'monaco', 'bletchley', 'hiroshima', 'seoul', 'pyongyang', 'phnom penh', 'yangon',
]);

/** Words that open an editor's note rather than a speaker's turn. */
const NOTE_WORDS = new Set(['update', 'updated', 'correction', 'corrected', 'clarification', 'editor', "editor's", 'note']);
const WIRE_SERVICES = new Set(['reuters', 'ap', 'afp', 'bloomberg', 'dpa', 'xinhua', 'efe', 'ansa', 'upi', 'pa', 'kyodo', 'jiji', 'tass', 'yonhap', 'aap', 'cnn', 'bbc']);

/** A bracket after a capitalised word that holds a wire service or a date, as a dateline's does. */
function isDatelineBracket(inside: readonly Token[]): boolean {
  return inside.length > 0 && inside.every((token) => WIRE_SERVICES.has(token.word) || CALENDAR_WORDS.has(token.word) || /^\d+$/.test(token.word) || token.word === ',');
}

/** Words of a heading that introduces someone's statement ("Witness statement of Dr. Lars Eriksen:"). */
const STATEMENT_PREFIX = new Set(['witness', 'written', 'statement', 'testimony', 'evidence', 'submission', 'remarks']);

/** "A (economist Yusuf Demir, Izmir): ..." — an interview answer whose speaker is named in brackets. */
function bracketedAnswer(text: string, tokens: readonly Token[]): Anchor | null {
  let end = 2;
  while (isWordAt(tokens, end)) end++;
  let close = end;
  while (close < tokens.length && close <= MAX_APPOSITIVE && tokens[close]!.word !== ')') close++;
  if (end === 2 || tokens[close]?.word !== ')' || tokens[close + 1]?.word !== ':') return null;
  const subject: [number, number] = [2, end];
  return isActorLike(text, tokens, subject) ? { kind: 'normal', verb: close + 1, subject, start: 0 } : null;
}

/**
 * The name that opens a sentence ("Anthropic publicly flags ...", "Paris economist Leila Farahani put ...",
 * "Toronto city council passed ..."): a title between names and a speaking head noun after one belong to it.
 */
function openingName(text: string, tokens: readonly Token[], before: number): [number, number] | null {
  // Past a dateline or a heading ("MEXICO CITY — ...", "PRESS RELEASE: ...").
  const lead = tokens.findIndex((token) => token.word === '—' || token.word === ':');
  const from = lead > 0 && lead <= 4 ? lead + 1 : 0;
  if (isQuestion(tokens) && QUESTION_AUXILIARIES.has(tokens[from]?.word ?? '')) return null;
  let end = from;
  while (end < before && end - from < MAX_SUBJECT_WORDS && isWordAt(tokens, end)) {
    if (isNameWord(text, tokens, end)) {
      end++;
      continue;
    }
    let next = end;
    while (next < end + 2 && next < before && isWordAt(tokens, next) && !isNameWord(text, tokens, next)) next++;
    const isOpenerOnly = end === from + 1 && COMMON_OPENERS.has(tokens[from]!.word);
    if (end > from && next < before && isNameWord(text, tokens, next)) end = next;
    else {
      // "Toronto city council", "Open-source developers", but not "A full-stack engineer with ...": a head noun
      // after a name belongs to it.
      if (end > from && !isOpenerOnly) {
        for (let i = next; i > end; i--) {
          if (ACTOR_HEADS.has(tokens[i - 1]!.word.replace(/s$/, ''))) {
            end = i;
            break;
          }
        }
      }
      break;
    }
  }
  if (end === from || (end === from + 1 && COMMON_OPENERS.has(tokens[from]!.word))) return null;
  return [from, end];
}

/** A capitalised word of a name (not a day or a month) or a title's period. */
function isNameWord(text: string, tokens: readonly Token[], index: number): boolean {
  return tokens[index]!.word === '.' ? isWordAt(tokens, index) : isNamePart(text, tokens, index);
}

const QUESTION_AUXILIARIES = new Set([
  'will', 'would', 'should', 'shall', 'can', 'could', 'do', 'does', 'did', 'is', 'are', 'was', 'were', 'has', 'have',
  'must', 'might', 'may',
]);

function isQuestion(tokens: readonly Token[]): boolean {
  return tokens.at(-1)?.word === '?';
}

/**
 * The last run of two or more capitalised words before `index` that does not open the sentence: the name nearest
 * the pronoun ("At the show in Las Vegas, executive Victor Lam drew applause when he called ...").
 */
function nameBefore(text: string, tokens: readonly Token[], index: number): string | null {
  let name: string | null = null;
  for (let i = 1; i < index; i++) {
    let j = i;
    while (j < index && isWordAt(tokens, j) && (isCapitalised(text, tokens[j]!) || tokens[j]!.word === '.')) j++;
    if (j - i >= 2) name = surface(text, tokens, i, j);
    i = j;
  }
  return name;
}

/**
 * Whether a heading over a fragment that opens with its verb names who speaks: it ends in a name ("Senator Ruth
 * Adeyemi:", "Anthropic") or a word for a speaker ("The chair:"). "Other notable bits:" over "Declared sites: ..." is
 * a list's heading, and its items no one's statement.
 */
function headingNamesSpeaker(heading: string): boolean {
  const tokens = tokenize(heading).filter((token) => isWordAt([token], 0));
  const last = tokens.at(-1);
  // "What Anthropic Proposed", "How the Pause Would Work": a heading that asks or explains names no speaker
  if (last === undefined || /^(what|how|why|where|when|which|who)$/.test(tokens[0]!.word)) return false;
  return isCapitalised(heading, last) || namesSpeakerKind(last.word);
}

export function findAttributions(
  text: string, tokens: readonly Token[], context: AttributionContext & { heading?: string | null },
): Attribution[] {
  const singleQuotes = singleQuoteRanges(text, tokens);
  // A quote inside a quote ("... a slightly 'under-exposed' X-ray") is part of the outer one, not a statement of its own.
  const quotes = [...doubleQuoteRanges(tokens, context.opensInsideQuote === true), ...singleQuotes]
    .filter(([from, to], index, all) => !all.some(([outerFrom, outerTo], other) => other !== index && outerFrom <= from && to <= outerTo
      && (outerTo - outerFrom > to - from || other < index)))
    .sort((a, b) => a[0] - b[0]);
  const anchors = findAnchors(text, tokens, quotes, new Set(singleQuotes.map(([, to]) => to)), context.persons ?? new Set());
  const attributions: Attribution[] = [];
  let claimedUntil = 0;

  for (const [index, anchor] of anchors.entries()) {
    if (anchor.verb < claimedUntil && anchor.kind !== 'normal') continue;
    // a set-off relative clause ends at its comma, inside the report that follows it ("X, which has said ..., said")
    const nextStart = anchor.endsAtComma ? tokens.length : anchors[index + 1]?.start ?? tokens.length;
    const { verb, subject } = anchor;
    let ranges: [number, number][];
    let backsPhrase = false;
    if (anchor.kind === 'passive') {
      // "The moratorium is supported by AI labs": the clause, agent and all, with what it goes on to say of the subject
      // ("attacked by others as alarmist"). In a relative clause between commas ("The moratorium, which is backed by
      // dozens of researchers, would halt ..."), what the agent backs is the phrase the clause is about, and what the
      // sentence goes on to say is not the agent's.
      const relative = relativeClauseSpan(tokens, anchor.start, subject[1]);
      backsPhrase = relative !== null;
      ranges = relative
        ? [[Math.max(relative[0], claimedUntil), Math.min(nextStart, relative[1])]]
        : [[Math.max(anchor.start, claimedUntil), Math.min(nextStart, statementEnd(tokens, subject[1]))]];
    } else if (anchor.kind === 'according') {
      // "according to X, STATEMENT" or "STATEMENT, according to X".
      const after = afterAccordingPhrase(tokens, subject[1]);
      ranges = wordCount(tokens, after, nextStart) >= MIN_STATEMENT_WORDS ? [[after, nextStart]] : [[claimedUntil, verb]];
    } else if (anchor.kind === 'inverted') {
      // "STATEMENT, said the founder: MORE" — both sides of the attribution are the speaker's.
      ranges = [[claimedUntil, verb]];
      const rest = pastSpeakerDescription(tokens, subject[1], nextStart);
      if (rest < nextStart) ranges.push([rest, nextStart]);
    } else {
      // An appositive subject's description ("France's digital minister, Aurélien Marchand, said") is no statement.
      const ownStart = Math.min(anchor.start, subject[0]);
      const isParenthetical = ownStart > 0 && (tokens[ownStart - 1]!.word === ',' || tokens[ownStart - 1]!.word === '"');
      const clauseEnd = anchor.endsAtComma ? relativeClauseEnd(tokens, verb) : -1;
      const end = Math.min(nextStart, isParenthetical ? tokens.length : statementEnd(tokens, verb + 1), clauseEnd > verb ? clauseEnd : tokens.length);
      // a negated auxiliary skipped between the subject and its verb is the statement's ("doesn't support ..."),
      let from = verb;
      while (from > subject[1] && SKIPPABLE_BEFORE_VERB.has(tokens[from - 1]!.word)) from--;
      while (from < verb && !NEGATED_AUXILIARIES.has(tokens[from]!.word)) from++;
      // and a full "does not" before a verb of a side ("does not support ...")
      const denial = deniedByDo(tokens, verb);
      if (denial >= 0) from = Math.min(from, denial);
      ranges = [[from, end]];
      if (wordCount(tokens, verb + 1, end) < MIN_STATEMENT_WORDS) {
        const quotesBefore = quotes.filter(([, to]) => to <= subject[0] && to > claimedUntil);
        if (quotesBefore.some(([, to]) => isQuoteBefore(tokens, to, ownStart)) || !isParenthetical) {
          // '"QUOTE," the spokeswoman said.' — the quote before the attribution is the statement.
          ranges.push(...quotesBefore);
        } else if (isBareReport(tokens, subject, verb, end)) {
          // "STATEMENT, the spokeswoman said.": the clause before is, scare quotes and all.
          const saidEnd = endBeforeDescription(tokens, subject, ownStart - 1);
          if (isStatementBefore(text, tokens, claimedUntil, saidEnd)) ranges.push([claimedUntil, saidEnd]);
        }
      } else if (isParenthetical && (quotes.some(([, to]) => to > claimedUntil && to <= ownStart && isQuoteBefore(tokens, to, ownStart))
        || (!isAppositiveName(tokens, subject, verb) && isStatementBefore(text, tokens, claimedUntil, subject[0] - 1, true)))) {
        // '"No, thank you," X told a summit on Friday.' and "STATEMENT, the minister said, but MORE"; not "A former
        // inspector, Colonel X, told the panel ...", where the words before the name describe the speaker.
        ranges.push([claimedUntil, subject[0] - 1]);
      }
    }

    const description = anchor.kind === 'normal' ? speakerDescription(tokens, anchor, ranges) : null;
    // "Researchers who signed the open letter said ...": the description is part of what the anchor holds.
    if (description !== null && ranges[0]![0] > description[0]) ranges[0] = [description[0], ranges[0]![1]];

    let actor: string;
    let isResolved = false;
    let resolvedPronoun: string | null = null;
    if (anchor.kind === 'headed') {
      if (!context.heading || !headingNamesSpeaker(context.heading)) continue;
      actor = context.heading;
      isResolved = true;
    } else if (subject[1] - subject[0] === 1 && PRONOUNS.has(tokens[subject[0]]!.word)) {
      const earlier = attributions.at(-1);
      if (earlier !== undefined && RELATIVE_WORDS.has(tokens[subject[0] - 1]?.word ?? '')) {
        // "X opposes the pause, which it says would hurt ...": the relative clause goes on with X's statement.
        earlier.ranges.at(-1)![1] = Math.max(earlier.ranges.at(-1)![1], ...ranges.map(([, to]) => to));
        claimedUntil = Math.max(claimedUntil, earlier.ranges.at(-1)![1]);
        continue;
      }
      // "he" is a speaker earlier in this sentence ("Eddie Chau, founder of a startup in Santa Clara, said ..., but he
      // feared ..."), else the speaker of the sentence before, else a name earlier in this sentence, else an earlier
      // speaker, else the person the sentence before named: the first of them the pronoun agrees with in number
      // ("Scientists urged a pause. He said ..." is no scientist's) and, for "he" and "she", in the one used before.
      const pronoun = tokens[subject[0]]!.word;
      const persons = context.persons ?? new Set<string>();
      // the earlier speaker first unless another person is named after its report ("when she asked Sam Altman ..., he said")
      const isNamedBetween = earlier !== undefined && personNames(text, tokens).some(([from]) => from > earlier.ranges[0]![0] && from < subject[0]);
      const candidates = [isNamedBetween ? undefined : earlier?.actor, context.previousActor, nameBefore(text, tokens, subject[0]), ...(context.earlierActors ?? [])];
      const called = (candidate: string) => context.pronounsOf?.get(candidate);
      // whether a candidate is an organisation, asked once a candidate ("he" or "she" only)
      const organisations = new Map<string, boolean>();
      const isOrganisation = (candidate: string) => {
        if (!organisations.has(candidate)) organisations.set(candidate, isOrganisationName(candidate));
        return organisations.get(candidate)!;
      };
      const agrees = (candidate: string | null | undefined): candidate is string => candidate != null && agreesWith(pronoun, actorNumber(candidate, persons))
        && !(GENDERED.has(pronoun) && GENDERED.has(called(candidate) ?? '') && called(candidate) !== pronoun)
        && !(GENDERED.has(pronoun) && (called(candidate) === 'it' || isOrganisation(candidate)));
      // the person the sentence before named, read only when no speaker agrees; first, where a candidate was refused as
      // an organisation, this sentence's own subject before the pronoun ("Marcus Feld of the Open Compute Alliance won
      // nods when he said")
      const isOrganisationRefused = GENDERED.has(pronoun) && candidates.some((candidate) => candidate != null && isOrganisation(candidate));
      const ownSubject = isOrganisationRefused ? subjectPersonNamed(text, tokens, persons) : null;
      const subjectBeforePronoun = ownSubject !== null && text.indexOf(ownSubject) < tokens[subject[0]]!.start ? ownSubject : null;
      const resolved = candidates.find(agrees) ?? [subjectBeforePronoun].find(agrees) ?? [context.namedBefore?.() ?? null].find(agrees) ?? null;
      if (resolved === null) continue;
      actor = resolved;
      isResolved = true;
      resolvedPronoun = pronoun;
    } else {
      actor = surface(text, tokens, subject[0], subject[1]);
    }
    ranges = ranges.filter(([from, to]) => to > from);
    if (ranges.length === 0) continue;
    attributions.push({
      actor, ranges, isResolved, ...(backsPhrase ? { backsPhrase: true as const } : {}), ...(description ? { description } : {}),
      ...(resolvedPronoun ? { pronoun: resolvedPronoun } : {}),
    });
    claimedUntil = Math.max(claimedUntil, ...ranges.map(([, to]) => to));
  }

  // A sentence that is only a quote continues the speaker of the sentence before. In single quotation marks the
  // quote must be the whole sentence: "'Pause Giant AI Experiments' was its title" opens with a title.
  const isSingleQuoted = singleQuotes.some(([from, to]) => from === 0 && wordCount(tokens, to, tokens.length) === 0);
  if (attributions.length === 0 && context.previousActor !== null && (tokens[0]?.word === '"' || isSingleQuoted) && quotes.length > 0) {
    attributions.push({ actor: context.previousActor, ranges: quotes, isResolved: true });
  }
  return attributions;
}
