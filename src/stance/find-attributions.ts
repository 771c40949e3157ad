/**
 * Attributed statements inside a sentence: who says what. Finds quotes and reported speech —
 * "X said (that) ...", "'...,' X said", "..., said X: ...", "according to X, ...", "critics argue ...",
 * "X has accused Y of ...", "X backs the call ..." — and returns the speaker's surface form with the token
 * ranges of what is attributed to them, so the article's own voice can be scored apart.
 */

import { isClauseBreak, type Token } from './tokenize.ts';

export interface Attribution {
  /** The speaker as written ("David Sacks", "the trade group's spokeswoman", "critics"). */
  actor: string;
  /** Token ranges [from, to) of the attributed words, including a stance-bearing verb ("backs", "accused"). */
  ranges: [number, number][];
  /** True when the actor was a pronoun or a continuing quote and was resolved from the sentence before. */
  isResolved: boolean;
}

/** Verbs that introduce what someone says, writes, believes or does about a proposal. */
const SPEECH_VERBS = new Set([
  'said', 'says', 'say', 'told', 'tells', 'tell', 'wrote', 'writes', 'write', 'argued', 'argues', 'argue', 'warned',
  'warns', 'warn', 'added', 'adds', 'claimed', 'claims', 'claim', 'contended', 'contends', 'contend', 'insisted',
  'insists', 'insist', 'believes', 'believe', 'believed', 'stated', 'states', 'noted', 'notes', 'explained',
  'explains', 'suggested', 'suggests', 'suggest', 'maintained', 'maintains', 'maintain', 'countered', 'counters',
  'counter', 'accused', 'accuses', 'accuse', 'urged', 'urges', 'urge', 'stressed', 'stresses', 'emphasized',
  'emphasised', 'acknowledged', 'admitted', 'predicted', 'replied', 'responded', 'posted', 'tweeted', 'commented',
  'declared', 'cautioned', 'questioned', 'question', 'asked', 'called', 'calls', 'call', 'backs', 'backed', 'back',
  'endorsed', 'endorses', 'endorse', 'supports', 'support', 'opposes', 'oppose', 'opposed', 'rejected', 'rejects',
  'reject', 'welcomed', 'welcomes', 'welcome', 'dismissed', 'dismisses', 'dismiss', 'criticized', 'criticised',
  'criticizes', 'criticises', 'criticize', 'criticise', 'praised', 'praises', 'slammed', 'slams', 'mocked', 'mocks',
  'point', 'points', 'pointed', 'fear', 'fears', 'feared', 'worry', 'worries', 'worried', 'think', 'thinks',
  'described', 'describes', 'describe', 'signed', 'sign', 'signs',
]);

/** Verbs that mark speech only with a particle after them ("point to", "call for", "call it"). */
const VERB_NEEDS_NEXT: Record<string, ReadonlySet<string>> = {
  point: new Set(['to', 'out']), points: new Set(['to', 'out']), pointed: new Set(['to', 'out']),
  call: new Set(['it', 'this', 'that', 'the', 'for', 'on', 'them']), calls: new Set(['it', 'this', 'that', 'the', 'for', 'on']),
  called: new Set(['it', 'this', 'that', 'the', 'for', 'on', 'them']),
  back: new Set(['the', 'a', 'it', 'this']), support: new Set(['the', 'a', 'it', 'this']),
  welcome: new Set(['the', 'a', 'it', 'this']), sign: new Set(['the', 'a', 'it', 'this']), signs: new Set(['the', 'a']),
  signed: new Set(['the', 'a', 'an']), think: new Set(['that', 'the', 'a', 'it', 'this']), thinks: new Set(['that', 'the', 'a', 'it', 'this']),
  fear: new Set(['that', 'the', 'a']), worry: new Set(['that', 'the', 'a']),
  question: new Set(['whether', 'the', 'why', 'how']), asked: new Set(['whether', 'why', 'how', 'if']),
};

/** Words between a subject and its verb that are not part of the subject ("X has long argued"). */
const SKIPPABLE_BEFORE_VERB = new Set([
  'has', 'have', 'had', 'also', 'recently', 'repeatedly', 'publicly', 'previously', 'once', 'again', 'later', 'long',
  'been', 'reportedly', 'often', 'frequently', 'now', 'already', 'openly', 'flatly', 'separately', 'privately',
  'earlier', 'then', 'further', 'quickly', 'will', 'would', 'may', 'might', 'could', 'did', 'do', 'does', 'all',
  'likewise', 'similarly', 'immediately', 'loudly', 'strongly', 'still', 'even', 'explicitly', 'sharply', 'bluntly',
  'who', 'only', 'today', 'yesterday', 'tonight', 'this', 'week', 'morning', 'afternoon', 'evening',
]);

/** Words that end a subject when walking back from its verb. */
const SUBJECT_STOP = new Set([
  'that', 'which', 'whom', 'whose', 'when', 'where', 'while', 'because', 'since', 'as', 'after', 'before', 'than',
  'if', 'whether', 'though', 'although', 'but', 'so', 'or', 'then', 'is', 'was', 'are', 'were', 'be', 'being',
  'it\'s', 'to', 'in', 'on', 'by', 'with', 'from', 'into', 'about', 'over', 'under', 'during', 'said', 'says',
  'also', 'has', 'have', 'had', 'not', 'would', 'will', 'could', 'should', 'can', 'may', 'might', 'must', 'why',
  'how', 'what', 'yet', 'however', 'and', 'we', 'i', 'you',
]);

const PRONOUNS = new Set(['he', 'she', 'they', 'it']);
/** Words that start a noun phrase after an inverted verb ("..., said the founder"). */
const NP_OPENERS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'one', 'two', 'several', 'many', 'some', 'another', 'others', 'critics', 'supporters']);
/** Words that end a noun phrase after an inverted verb ("said the founder in an interview"). */
const NP_END_AFTER = new Set(['in', 'on', 'at', 'during', 'last', 'this', 'who', 'which', 'that', 'when', 'told', 'to', 'after', 'before', 'on']);

const MAX_SUBJECT_WORDS = 9;
// After the verb, this few words ("told the hearing.") do not make a statement: the quote is the statement.
const MIN_STATEMENT_WORDS = 4;

function isWord(token: Token | undefined): boolean {
  return token !== undefined && !isClauseBreak(token.word) && token.word !== '"';
}

/** Token ranges inside quotation marks. */
function quoteRanges(tokens: readonly Token[]): [number, number][] {
  const ranges: [number, number][] = [];
  let open = -1;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.word !== '"') continue;
    if (open < 0) open = i;
    else {
      ranges.push([open + 1, i]);
      open = -1;
    }
  }
  // An unclosed quote runs to the end of the sentence (a quote continued over sentences).
  if (open >= 0) ranges.push([open + 1, tokens.length]);
  return ranges;
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
    else if (depth === 0) {
      if (!/^\p{Lu}/u.test(text.slice(tokens[i]!.start, tokens[i]!.start + 1))) return false;
      words++;
    }
  }
  return words > 0 && words <= 4;
}

/** Walks back from a verb to the start of its subject; returns [from, to) or null. */
function subjectBefore(tokens: readonly Token[], verb: number, text = ''): [number, number] | null {
  let end = verb;
  while (end > 0 && SKIPPABLE_BEFORE_VERB.has(tokens[end - 1]!.word)) end--;
  // An appositive sits between commas. "David Sacks, a venture capitalist, has accused ...": the subject is
  // the phrase before it; "Japan's digital minister, Kenji Morita, said ...": the appositive is the name.
  if (tokens[end - 1]?.word === ',') {
    let comma = end - 2;
    while (comma >= 0 && tokens[comma]!.word !== ',' && tokens[comma]!.word !== '"') comma--;
    if (comma <= 0 || tokens[comma]!.word !== ',') return null;
    if (text.length > 0 && isProperName(text, tokens, comma + 1, end - 1)) {
      let nameEnd = end - 1;
      while (nameEnd > comma + 1 && (tokens[nameEnd - 1]!.word === ')' || tokens[nameEnd - 1]!.word === 'ret')) nameEnd--;
      while (nameEnd > comma + 1 && tokens[nameEnd - 1]!.word === '(') nameEnd--;
      return [comma + 1, nameEnd];
    }
    end = comma;
  }
  let start = end;
  while (start > 0 && end - start < MAX_SUBJECT_WORDS) {
    const token = tokens[start - 1]!;
    if (!isWord(token)) break;
    // "eleven Nobel laureates in physics said": a prepositional phrase inside the subject.
    const isInnerPreposition = /^(in|of|at|from|for)$/.test(token.word) && start < end && start - 2 >= 0 && isWord(tokens[start - 2]);
    if (SUBJECT_STOP.has(token.word) && !(token.word === 'and' && start < end) && !isInnerPreposition) break;
    start--;
  }
  // Do not begin a subject with a preposition.
  while (start < end && /^(in|of|at|from|for)$/.test(tokens[start]!.word)) start++;
  // A leading "and" belongs to the clause, not the subject.
  while (start < end && (tokens[start]!.word === 'and' || tokens[start]!.word === 'but')) start++;
  return start < end ? [start, end] : null;
}

/** The noun phrase after an inverted verb ("..., said the startup founder: ..."). */
function subjectAfter(tokens: readonly Token[], verb: number): [number, number] | null {
  const start = verb + 1;
  let end = start;
  while (end < tokens.length && end - start < MAX_SUBJECT_WORDS && isWord(tokens[end])) {
    if (end > start && NP_END_AFTER.has(tokens[end]!.word)) break;
    end++;
  }
  return end > start ? [start, end] : null;
}

function wordCount(tokens: readonly Token[], from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) if (isWord(tokens[i])) count++;
  return count;
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
]);

/** Sentence openers that are capitalised only because they open the sentence. */
const COMMON_OPENERS = new Set([
  'the', 'this', 'that', 'these', 'those', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'one', 'such', 'each',
  'every', 'in', 'on', 'at', 'as', 'after', 'when', 'while', 'if', 'but', 'and', 'so', 'yet', 'it', 'there', 'here',
  'what', 'why', 'how', 'who', 'historical', 'current', 'recent', 'several', 'two', 'three',
]);

/** True when a subject can plausibly speak: a name, a pronoun, or a description headed by a speaking noun. */
function isActorLike(text: string, tokens: readonly Token[], [from, to]: [number, number]): boolean {
  if (to - from === 1 && PRONOUNS.has(tokens[from]!.word)) return true;
  const head = tokens[to - 1]!.word.replace(/'s$/, '').replace(/s$/, '');
  if (ACTOR_HEADS.has(head) || ACTOR_HEADS.has(tokens[to - 1]!.word)) return true;
  for (let i = from; i < to; i++) {
    const isCapitalised = /^\p{Lu}/u.test(text.slice(tokens[i]!.start, tokens[i]!.start + 1));
    if (!isCapitalised) continue;
    if (i === 0 && COMMON_OPENERS.has(tokens[i]!.word)) continue;
    return true;
  }
  return false;
}

/** Participles that report speech only after an auxiliary ("they are essentially saying"). */
const PARTICIPLES = new Set(['saying', 'arguing', 'warning', 'calling', 'urging', 'claiming', 'insisting', 'telling', 'suggesting', 'worried', 'convinced']);
const AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'been', 'be', "'re", "'s"]);
/** Nouns that look like verbs ("the call", "Anthropic's call", "urgent call"): not speech when a determiner precedes. */
const NOUN_LIKE_VERBS = new Set(['call', 'calls', 'claim', 'claims', 'fear', 'fears', 'question', 'notes', 'states', 'point', 'points', 'back', 'support', 'welcome', 'sign', 'signs', 'worry', 'worries', 'counter', 'counters', 'say', 'think']);
const DETERMINER_LIKE = new Set(['the', 'a', 'an', 'this', 'that', 'its', 'their', 'his', 'her', 'our', 'my', 'your', 'urgent', 'new', 'public', 'whose', 'of', 'to', 'for']);

type AnchorKind = 'normal' | 'inverted' | 'according' | 'headed';

interface Anchor {
  kind: AnchorKind;
  verb: number;
  subject: [number, number];
  /** Where the anchor's own words (subject and verb) begin: a previous statement ends here. */
  start: number;
}

function findAnchors(text: string, tokens: readonly Token[], quotes: readonly [number, number][]): Anchor[] {
  const anchors: Anchor[] = [];
  for (let v = 0; v < tokens.length; v++) {
    const word = tokens[v]!.word;
    const isAccording = word === 'according' && tokens[v + 1]?.word === 'to';
    if (!isAccording && !SPEECH_VERBS.has(word) && !PARTICIPLES.has(word)) continue;
    if (isInside(quotes, v)) continue;
    if (isAccording) {
      const subject = subjectAfter(tokens, v + 1);
      if (subject) anchors.push({ kind: 'according', verb: v, subject, start: v });
      continue;
    }
    const isParticiple = PARTICIPLES.has(word);
    if (!SPEECH_VERBS.has(word) && !isParticiple) continue;
    const needsNext = VERB_NEEDS_NEXT[word];
    if (needsNext && !needsNext.has(tokens[v + 1]?.word ?? '')) continue;
    const previousWord = tokens[v - 1]?.word ?? '';
    if (NOUN_LIKE_VERBS.has(word) && (DETERMINER_LIKE.has(previousWord) || tokens[v - 1]?.isPossessive === true)) continue;
    if (isParticiple) {
      let k = v - 1;
      while (k >= 0 && SKIPPABLE_BEFORE_VERB.has(tokens[k]!.word) && !AUXILIARIES.has(tokens[k]!.word)) k--;
      if (k < 0 || !AUXILIARIES.has(tokens[k]!.word)) continue;
      const subject = subjectBefore(tokens, k, text);
      if (subject && isActorLike(text, tokens, subject)) anchors.push({ kind: 'normal', verb: v, subject, start: subject[0] });
      continue;
    }
    // "..., told the panel": after "told" comes the audience, not the speaker.
    const isInverted = !/^(told|tells|tell|asked|urged|urges)$/.test(word) && (previousWord === ',' || previousWord === '"')
      && (NP_OPENERS.has(tokens[v + 1]?.word ?? '') || /^\p{Lu}/u.test(text.slice(tokens[v + 1]?.start ?? 0)));
    if (isInverted) {
      const subject = subjectAfter(tokens, v);
      if (subject && isActorLike(text, tokens, subject)) anchors.push({ kind: 'inverted', verb: v, subject, start: v });
      continue;
    }
    if (v === 0 && /^\p{Lu}/u.test(text)) {
      // A fragment that opens with its verb ("Argues that ...") under a heading naming the speaker.
      anchors.push({ kind: 'headed', verb: v, subject: [v, v], start: v });
      continue;
    }
    const subject = subjectBefore(tokens, v, text);
    if (subject && isActorLike(text, tokens, subject)) {
      anchors.push({ kind: 'normal', verb: v, subject, start: subject[0] });
    } else if (subject === null && /^(that|which|who)$/.test(previousWord) && v >= 2) {
      // "the open letter that urged labs to pause": the relative pronoun stands for the phrase before it.
      const antecedent = subjectBefore(tokens, v - 1);
      if (antecedent && isActorLike(text, tokens, antecedent)) anchors.push({ kind: 'normal', verb: v, subject: antecedent, start: v - 1 });
    } else if (subject === null && previousWord === 'and') {
      // "X flags the risks and urges a halt": the second verb shares the subject of the first.
      const shared = anchors.at(-1)?.subject ?? leadingName(text, tokens, v);
      if (shared) anchors.push({ kind: 'normal', verb: v, subject: shared, start: v - 1 });
    }
  }
  const colon = colonAttribution(text, tokens);
  if (colon && !anchors.some((anchor) => anchor.verb < colon.verb)) anchors.unshift(colon);
  return anchors;
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

function colonAttribution(text: string, tokens: readonly Token[]): Anchor | null {
  const colon = tokens.findIndex((token) => token.word === ':');
  if (colon < 1 || colon > MAX_SUBJECT_WORDS) return null;
  let from = 0;
  if (tokens[0]!.word === 'statement' && tokens[1]?.word === 'from') from = 2;
  for (let i = from; i < colon; i++) if (!isWord(tokens[i])) return null;
  const subject: [number, number] = [from, colon];
  if (from === colon || !isActorLike(text, tokens, subject)) return null;
  // A capitalised first word alone ("Fantastic idea:", "Me in 2023:") is a sentence opener, not a name.
  const hasName = tokens.slice(from + 1, colon).some((token) => /^\p{Lu}/u.test(text.slice(token.start, token.start + 1)));
  const head = tokens[colon - 1]!.word.replace(/'s$/, '').replace(/s$/, '');
  if (!hasName && !ACTOR_HEADS.has(head)) return null;
  // Headings such as "Key points:" or "Q:" are not speakers.
  if (HEADING_WORDS.has(tokens[colon - 1]!.word)) return null;
  return { kind: 'normal', verb: colon, subject, start: 0 };
}

/** The capitalised words that open a sentence ("Anthropic publicly flags ..."), as a subject. */
function leadingName(text: string, tokens: readonly Token[], before: number): [number, number] | null {
  let end = 0;
  while (end < before && end < 4 && isWord(tokens[end]) && /^\p{Lu}/u.test(text.slice(tokens[end]!.start, tokens[end]!.start + 1))) end++;
  if (end === 0 || (end === 1 && COMMON_OPENERS.has(tokens[0]!.word))) return null;
  return [0, end];
}

/** The first run of two or more capitalised words before `index` that does not open the sentence. */
function nameBefore(text: string, tokens: readonly Token[], index: number): string | null {
  for (let i = 1; i < index; i++) {
    let j = i;
    while (j < index && /^\p{Lu}/u.test(text.slice(tokens[j]!.start, tokens[j]!.start + 1)) && isWord(tokens[j])) j++;
    if (j - i >= 2) return surface(text, tokens, i, j);
    i = j;
  }
  return null;
}

export function findAttributions(
  text: string, tokens: readonly Token[], context: AttributionContext & { heading?: string | null },
): Attribution[] {
  const quotes = quoteRanges(tokens);
  const anchors = findAnchors(text, tokens, quotes);
  const attributions: Attribution[] = [];
  let claimedUntil = 0;

  for (const [index, anchor] of anchors.entries()) {
    if (anchor.verb < claimedUntil && anchor.kind !== 'normal') continue;
    const nextStart = anchors[index + 1]?.start ?? tokens.length;
    const { verb, subject } = anchor;
    let ranges: [number, number][];
    if (anchor.kind === 'according') {
      // "according to X, STATEMENT" or "STATEMENT, according to X".
      const after = subject[1] + (tokens[subject[1]]?.word === ',' ? 1 : 0);
      ranges = wordCount(tokens, after, nextStart) >= MIN_STATEMENT_WORDS ? [[after, nextStart]] : [[claimedUntil, verb]];
    } else if (anchor.kind === 'inverted') {
      // "STATEMENT, said the founder: MORE" — both sides of the attribution are the speaker's.
      ranges = [[claimedUntil, verb]];
      if (subject[1] < nextStart) ranges.push([subject[1], nextStart]);
    } else {
      const isParenthetical = subject[0] > 0 && (tokens[subject[0] - 1]!.word === ',' || tokens[subject[0] - 1]!.word === '"');
      const end = Math.min(nextStart, isParenthetical ? tokens.length : statementEnd(tokens, verb + 1));
      ranges = [[verb, end]];
      if (wordCount(tokens, verb + 1, end) < MIN_STATEMENT_WORDS) {
        // '"QUOTE," the spokeswoman said.' — the quote before the attribution is the statement.
        ranges.push(...quotes.filter(([, to]) => to <= subject[0] && to > claimedUntil));
      } else if (isParenthetical && subject[0] - 1 > claimedUntil) {
        // "STATEMENT, the minister said, but MORE".
        ranges.push([claimedUntil, subject[0] - 1]);
      }
    }

    let actor: string;
    let isResolved = false;
    if (anchor.kind === 'headed') {
      if (!context.heading) continue;
      actor = context.heading;
      isResolved = true;
    } else if (subject[1] - subject[0] === 1 && PRONOUNS.has(tokens[subject[0]]!.word)) {
      // "he" is the speaker of the sentence before, else a name earlier in this sentence.
      const resolved = context.previousActor ?? nameBefore(text, tokens, subject[0]);
      if (resolved === null) continue;
      actor = resolved;
      isResolved = true;
    } else {
      actor = surface(text, tokens, subject[0], subject[1]);
    }
    ranges = ranges.filter(([from, to]) => to > from);
    if (ranges.length === 0) continue;
    attributions.push({ actor, ranges, isResolved });
    claimedUntil = Math.max(claimedUntil, ...ranges.map(([, to]) => to));
  }

  // A sentence that is only a quote continues the speaker of the sentence before.
  if (attributions.length === 0 && context.previousActor !== null && tokens[0]?.word === '"' && quotes.length > 0) {
    attributions.push({ actor: context.previousActor, ranges: quotes, isResolved: true });
  }
  return attributions;
}
