/**
 * The words of the debate on a coordinated pause or slowdown of frontier AI development, in the phrase language
 * of phrase-matcher.ts. Each group says why it exists; weights are how strongly one match moves a clause
 * (1 = an explicit position, 0.3 = a hint).
 *
 * Polarity is towards the pause: +1 argues for it (or for going further), -1 argues against it.
 */

export type CueKind =
  /** A call to act or an endorsement ("labs should stop scaling", "backs the call"); sarcasm flips it. */
  | 'call'
  /** An evaluation word ("a good thing", "brilliant", "misguided"); sarcasm flips it. */
  | 'judgement'
  /** A reason for or against ("hands the lead to rivals", "a brake we can verify"). */
  | 'argument'
  /** A statement about AI risk, a weak hint of support. */
  | 'risk';

export interface StanceCue {
  polarity: 1 | -1;
  weight: number;
  kind: CueKind;
  /** False for cues that carry their own negation ("not enough", "cannot be verified"): no second flip. */
  negatable: boolean;
  /** The cue's pattern, a stable name for it (used as a feature by the learned layer). */
  id: string;
  /**
   * The cue opens with a verb that is also a noun ("call", "calls"): it counts only where that word reads as the
   * verb, with a subject before it ("Researchers call for a pause"), not as the noun ("the call for a pause is
   * naive", "amid calls for a pause"), which leaves the sentence to its other words (see clause-polarity.ts).
   */
  opensWithVerb?: true;
  /**
   * The cue opens with the pause by its noun as its clause's subject, with what is to be done with it (PAUSE_SUBJECT_ROWS,
   * "the moratorium should be lifted"): it counts only where that noun is this pause, past its modifiers, and its
   * phrase opens a clause, not a preposition's or verb's object ("exemptions from the pause should be scrapped", "the
   * hiring freeze"), nor one limited in time or by a condition ("should be lifted once ..."; see clause-polarity.ts).
   */
  pauseSubject?: true;
  /** The cue is a lab's own pause (OWN_PAUSE_ROWS), which a fault, a denied rumour or another's subject undoes. */
  ownPause?: true;
  /**
   * The cue opens with its clause's subject (PACE_SUBJECT_ROWS): it counts only where no verb or preposition before
   * makes it an object (see opensClause in clause-polarity.ts).
   */
  opensWithSubject?: true;
  /**
   * The cue is a call whose object is the pause by its noun (UNDONE_ONLY_ROWS): it counts only where the call undoes
   * it or what is against it ("should vote down the moratorium", "should drop its objections to the moratorium"), as a
   * call to do anything else with a moratorium says little.
   */
  undoneOnly?: true;
  /**
   * The cue names the pause by its noun as the object of its verb (PAUSE_OBJECT_ROWS): it counts only where that noun
   * is the verb's, this pause ("should extend the moratorium"), not another's ("should extend its data-centre
   * moratorium", "should pass amendments weakening the moratorium", "the moratorium's critics"); see
   * clause-polarity.ts.
   */
  pauseObject?: true;
  /** The cue is a request to pause (ASKS_TO_PAUSE_ROW): it counts only where what is paused is AI development. */
  asksToPause?: true;
  /**
   * The cue is a request for the pause by its noun (ASKED_FOR_ROW, "asked for a pause"): not one in a relative clause
   * or a participle after a noun, which describes whom the clause speaks of ("mocked the researchers who asked for a
   * pause", "the letter asking for a pause").
   */
  asksFor?: true;
  /**
   * The cue is a stand on what it names (STAND_FOR_ROWS, STAND_AGAINST_ROWS): it counts only where that is the pause,
   * or a call or proposal for it, and takes the other side where it is the pause's undoing (see clause-polarity.ts).
   */
  stand?: true;
}

type CueRow = [pattern: string, weight: number, kind: CueKind, negatable?: boolean, opensWithVerb?: true];

function cues(polarity: 1 | -1, rows: readonly CueRow[]) {
  return rows.map((row) => {
    const [pattern, weight, kind, negatable = true, opensWithVerb] = row;
    const flags = {
      ...(opensWithVerb ? { opensWithVerb } : {}),
      ...(OWN_PAUSE_ROWS.includes(row) ? { ownPause: true as const } : {}),
      ...(PACE_SUBJECT_ROWS.includes(row) ? { opensWithSubject: true as const } : {}),
      ...(PAUSE_SUBJECT_ROWS.includes(row) ? { pauseSubject: true as const } : {}),
      ...(UNDONE_ONLY_ROWS.includes(row) ? { undoneOnly: true as const } : {}),
      ...(UNDONE_ONLY_ROWS.includes(row) || PAUSE_OBJECT_ROWS.includes(row) ? { pauseObject: true as const } : {}),
      ...(row === ASKS_TO_PAUSE_ROW ? { asksToPause: true as const } : {}),
      ...(row === ASKED_FOR_ROW ? { asksFor: true as const } : {}),
      ...(STAND_FOR_ROWS.includes(row) || STAND_AGAINST_ROWS.includes(row) ? { stand: true as const } : {}),
    };
    return { pattern, data: { polarity, weight, kind, negatable, id: pattern, ...flags } };
  });
}

const PAUSE_VERB = 'paus*|halt*|stop|stops|stopped|stopping|freez*|froze|suspend*|slow|slows|slowed|slowing|brake*';
const PAUSE_NOUN = 'pause*|moratori*|halt|halts|freeze|slowdown*|brake*|stop|ban|cap|caps|limits|slowing|pausing|halting|freezing';
/**
 * A call to reduce the pace, up to the pace's determiner: "the labs should reduce the (breakneck) pace of ...", "called
 * on the labs to reduce the pace", "it is time to reduce the pace" (not "called the plan to reduce ... naive", "Last
 * time the industry tried to reduce ...").
 */
const REDUCE_THE_PACE = [
  ...['should|must|ought|need|needs|urge|urges|urged ~4', 'called|calls on|upon ~3 to', 'time|high-time to']
    .map((opener) => `${opener} reduce|cut|lower|moderate|temper|slash the|its|their|our`),
  // "rein in" right after its modal, not the noun ("should give founders free rein in the pace")
  'should|must|ought|need|needs|time to? rein in the|its|their|our',
  // "it is high time the labs reduced the pace" (not "last time the industry reduced it"; "cut" is also the present)
  'high|about time ~3 reduced|lowered|moderated|tempered|slowed|reined in? the|its|their|our',
];
/**
 * The pace of AI development as a clause's subject, said to need reducing: "the pace of AI development must be
 * reduced", "the (breakneck) pace at which labs train ... has to be slowed"; not the pace of regulating AI, of other
 * things labs do not do, nor the object of another verb ("hurdles that hold back the pace of AI development must be
 * cut"; see opensWithSubject).
 */
const PACE_REDUCED = 'reduced|slowed|lowered|moderated|tempered|curbed|reined|cut';
const PACE_TO_BE_REDUCED = `must|should|needs|need|ought|has|have ~2 be ~1 ${PACE_REDUCED}`;
const PACE_SUBJECT_ROWS: readonly CueRow[] = [
  [`the|its|their|our ~1 pace|speed|tempo of frontier? ai? development|training|scaling|research|progress ${PACE_TO_BE_REDUCED}`, 0.8, 'call'],
  [`the|its|their|our ~1 pace|speed|tempo of ai ${PACE_TO_BE_REDUCED}`, 0.8, 'call'],
  [`the|its|their|our ~1 pace|speed|tempo of development|progress|training of frontier? ai ${PACE_TO_BE_REDUCED}`, 0.8, 'call'],
  [`the|its|their|our ~1 pace|speed|tempo of development|progress|training of frontier? ai models|systems ${PACE_TO_BE_REDUCED}`, 0.8, 'call'],
  [`the|its|their|our ~1 pace|speed|tempo at which ~2 labs|companies|developers|firms|models|systems|ai|we|they ~4 ${PACE_TO_BE_REDUCED}`, 0.8, 'call'],
];
/** A lab's own pause: its verb in the base form, the past participle and the progressive, and its training as object. */
const OWN_PAUSE_VERB = 'halt|pause|stop|freeze|suspend';
const OWN_PAUSED = 'paused|halted|stopped|suspended|frozen';
const OWN_PAUSING = 'pausing|halting|stopping|suspending|freezing';
const OWN_TRAINING = 'training|run|runs|cluster|clusters|scaling';
/** An adverb between the auxiliary and the verb ("we have now paused"); not a negation, which the side reads. */
const OWN_ADVERB = 'now|already|also|just|since|effectively|voluntarily?';
/**
 * A lab's own pause ("his company could halt its next major training run within days", "it would pause its largest
 * training runs", "We are going to pause our next training run", "We have now paused all of our training runs",
 * "We're pausing our largest training runs", "We will be pausing ...", "We are stopping."): the pause taken up by one
 * it would bind. Its own training the object ("it ... its", "we ... our"), so neither a bill ("It could stop our
 * development", "It has stopped our training runs") nor a safeguard ("we can stop our models from ...") nor a past
 * halt for a fault ("we halted our training run after a power failure") is one; "we are stopping" with nothing after
 * it in its clause. A row per subject and tense: the phrase language cannot tie a possessive to its subject. A fault,
 * a denied rumour, a subject that is any company's or a rule's "it" (clause-polarity.ts) undoes the row.
 */
const OWN_PAUSE_ROWS: readonly CueRow[] = [
  [`we ~1 could|would|will|going ~3 ${OWN_PAUSE_VERB} all? of? our ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`i ~1 could|would|will ~3 ${OWN_PAUSE_VERB} all? of? my|our ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`company|it ~1 could|would|will ~3 ${OWN_PAUSE_VERB} all? of? its ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`we'll|we'd|we're|we've ~3 ${OWN_PAUSE_VERB} all? of? our ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`i'll|i'd|i'm ~3 ${OWN_PAUSE_VERB} all? of? my|our ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`it'll|it'd ~3 ${OWN_PAUSE_VERB} all? of? its ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`we ~1 have|had ${OWN_ADVERB} ${OWN_PAUSED} all? of? our ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`we've ${OWN_ADVERB} ${OWN_PAUSED} all? of? our ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`company|it ~1 has|had ${OWN_ADVERB} ${OWN_PAUSED} all? of? its ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`company|it is|was ${OWN_ADVERB} ${OWN_PAUSING} all? of? its ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`we are|were ${OWN_ADVERB} ${OWN_PAUSING} all? of? our ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`we're ${OWN_ADVERB} ${OWN_PAUSING} all? of? our ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`we ~1 will|shall be ${OWN_PAUSING} all? of? our ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`we'll be ${OWN_PAUSING} all? of? our ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`we are|were stopping|pausing|halting ,|.|;|!|now`, 0.6, 'argument'],
  [`we're stopping|pausing|halting ,|.|;|!|now`, 0.6, 'argument'],
  // the company's training named with an article ("the company could halt a training run"); not "it" or "we", which
  // may be a regulator's power over others' runs ("it could halt a training run at any lab")
  [`company|lab|firm|developer ~1 could|would|will ~3 ${OWN_PAUSE_VERB} a|the ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`company|lab|firm|developer ~1 has|had ${OWN_ADVERB} ${OWN_PAUSED} a|the ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  [`company|lab|firm|developer is|was ${OWN_ADVERB} ${OWN_PAUSING} a|the ~2 ${OWN_TRAINING}`, 0.6, 'argument'],
  // a halt kept up: "would keep its training runs paused", "the company ... would keep the run suspended while it
  // discussed next steps with them" (the company named anywhere before, as a speaker's report runs long)
  [`would|will keep ~1 its|our ~2 ${OWN_TRAINING} ${OWN_PAUSED}`, 0.6, 'argument'],
  [`company|lab|firm|developer ~16 would|will keep ~1 the ~2 ${OWN_TRAINING} ${OWN_PAUSED}`, 0.6, 'argument'],
];
/** The pause by its noun, not a ban or cap of something else ("a ban on open-weight models"). */
const PAUSE_NAMED = 'pause|pauses|moratorium|moratoriums|freeze|halt|slowdown';
/** What a stand is taken on: the pause by its noun, or a call, proposal, letter, plan ("came out against the proposal"). */
export const STAND_OBJECT = `${PAUSE_NAMED}|moratoria|call|calls|proposal|proposals|letter|plan|plans|idea`;
/**
 * Copulas of a stand held now ("is against", "remains opposed to", "has been a critic of"; not "was against", often a
 * view given up, nor "you're", a host's question saying the guest's stand: "Professor, you're against the pause. Why?").
 */
const STAND_COPULA = "is|are|remains|remain|remained|been|am|i'm|we're|they're|he's|she's|it's";
/** Adverbs of a stand between its copula and its words ("is firmly against", "remains deeply skeptical of"). */
export const STAND_ADVERB = 'firmly|strongly|staunchly|fiercely|vehemently|adamantly|deeply|flatly|also|still|now|increasingly|openly|publicly|broadly|generally|very|highly|utterly|totally|squarely|implacably';
/** How hard one works for or against something: "pushed hard for a pause", "lobbied hard against the moratorium". */
export const EFFORT_ADVERB = 'hard|strongly|actively|vigorously|aggressively|publicly';
/** Verbs of speaking or working for or against something ("spoke in favour of", "lobbied against"). */
// (not "campaign", "lobby", as often nouns: "launch campaign against AI pause", "the tech lobby against it")
const STAND_VERBS = 'spoke|spoken|speak|speaks|speaking|argued|argue|argues|arguing|testified|testify|testifies|campaigned|campaigning|lobbied|lobbying|wrote|write|writes|writing';
/** Going on while others stop: "everyone else keeps going", "the rest keep building". */
const KEEPS_GOING = 'keeps|keep|carries|carry|goes|go on? going|building|training|racing|scaling';

/**
 * What an actor sets out to do, before "to" and what it does to the pause: "vowed to block the moratorium", "are pushing
 * to extend the pause", "sued to block it", "introduced a bill to repeal the moratorium".
 */
const AIMING_VERBS = 'vow|vows|vowed|pledge|pledges|pledged|promise|promises|promised|seek|seeks|sought|seeking|try|tries|tried|trying|aim|aims|aimed|aiming|plan|plans|planned|planning|intend|intends|intended|hope|hopes|hoped|hoping|threaten|threatens|threatened|threatening|move|moved|moving|work|worked|working|push|pushed|pushing|press|pressed|pressing|lobbying|lobbied|campaigning|campaigned|fighting|fought|sue|sued|suing|voted|vote|votes|voting';
const BILL_FILED = 'introduce|introduces|introduced|introducing|file|files|filed|filing|table|tabled|sponsor|sponsors|sponsored|unveil|unveils|unveiled ~2 bill|bills|measure|amendment|legislation|resolution|motion';
/**
 * A call whose object is the pause by a noun the call rows above do not take after a modal or "ask": "should vote
 * down the moratorium", "asked lawmakers to throw out the proposed slowdown", "should end its opposition to the
 * moratorium". Counted only where the call undoes something, its side by how many times (undoneOnly): "should debate
 * the moratorium" or "asked about a moratorium" take no side.
 */
const UNDONE_ONLY_ROWS: readonly CueRow[] = [
  ['should|must|ought|need|needs|needed ~6 moratori*|slowdown*', 1, 'call'],
  [`ask|asks|asked|asking ~4 to ~4 ${PAUSE_NAMED}`, 0.8, 'call'],
  [`${AIMING_VERBS} to ~4 ${PAUSE_NAMED}`, 0.9, 'call'],
  [`${BILL_FILED} to ~4 ${PAUSE_NAMED}`, 0.9, 'call'],
];
/** Verbs that bring a pause into force or keep it there: "should enact a moratorium", "must extend the pause", "vowed to defend it". */
// (not "declare", which may declare the moratorium anything: "dead", "premature", "ineffective")
export const ENACTING_VERBS = 'enact|impose|introduce|implement|pass|approve|ratify|extend|renew|maintain|enforce|defend|preserve|protect|strengthen|expand|save';
/** The pause's undoing as a participle after what its speaker wants: "wants the moratorium scrapped". */
const PAUSE_UNDONE = 'scrapped|dropped|killed|lifted|ended|shelved|ditched|abandoned|blocked|rejected|repealed|overturned|withdrawn|gone';
const PAUSE_ENACTED = 'extended|enforced|enacted|imposed|adopted|renewed|verified|implemented';
/**
 * The pause as its clause's subject with what should be done with it: "the moratorium should be lifted", "the pause
 * must not be scrapped", "Anthropic's pause should end" oppose; "the moratorium must be extended", "the pause should
 * be kept in place" support (see pauseSubject). Each row twice: the pause's noun right before its modal, and with what
 * it is on or of between them ("the moratorium on frontier AI training should be dropped"; that it is AI's is checked
 * in clause-polarity.ts).
 */
function pauseSubjectRows(tails: readonly string[]): CueRow[] {
  return tails.flatMap((tail): CueRow[] => [[`${PAUSE_NAMED} ${tail}`, 0.9, 'call'], [`${PAUSE_NAMED} on|of ~4 ${tail}`, 0.9, 'call']]);
}
/**
 * Its modals before "be" or "have been", one pattern: "should (not) be", "must have been", "needs to be", "has to be",
 * "had to be" ("has", "have" and "had" only before "to", "had" only in the speaker's words: see clause-polarity.ts).
 */
const PAUSE_SUBJECT_BE = [
  "should|must|shouldn't|mustn't|needn't|need|ought|needs|has|have|had ~1 to? have? be|been",
];
// (its undoing by a participle, not "rolled out", which launches it)
const PAUSE_SUBJECT_UNDONE = `${PAUSE_UNDONE}|terminated|rescinded|revoked|reversed|abolished|suspended`;
const PAUSE_SUBJECT_UNDONE_ROWS: readonly CueRow[] = pauseSubjectRows([
  ...PAUSE_SUBJECT_BE.flatMap((be) => [
    `${be} ~1 ${PAUSE_SUBJECT_UNDONE}`, `${be} ~1 phased out`, `${be} ~1 rolled back`, `${be} ~1 wound down`,
    `${be} brought to an end`, `${be} allowed to lapse|expire|end`,
  ]),
  "should|must|shouldn't|mustn't ~1 end|expire|lapse", 'needs|need|has|have|had|ought to end|expire|lapse',
]);
const PAUSE_SUBJECT_KEPT_ROWS: readonly CueRow[] = pauseSubjectRows(PAUSE_SUBJECT_BE.flatMap((be) => [
  `${be} ~1 ${PAUSE_ENACTED}|maintained|kept|continued|strengthened|tightened|expanded|preserved`, `${be} made permanent`,
]));
const PAUSE_SUBJECT_ROWS = [...PAUSE_SUBJECT_UNDONE_ROWS, ...PAUSE_SUBJECT_KEPT_ROWS];
const ENACTING_ROW: CueRow = [`should|must|ought|need|needs|needed ~2 to? ${ENACTING_VERBS} ~3 ${PAUSE_NAMED}`, 0.9, 'call'];
// (not "slowdown", which is as often an economy's: "investors want the slowdown ended")
const WANTED_ENACTED_ROW: CueRow = [`want|wants|wanted|wanting ~3 pause|moratorium|freeze|halt ${PAUSE_ENACTED}`, 0.8, 'call'];
const WANTED_UNDONE_ROW: CueRow = [`want|wants|wanted|wanting ~3 pause|moratorium|freeze|halt ${PAUSE_UNDONE}`, 0.8, 'call'];
// "asked its rivals to pause", "asking the labs to slow down": a request is a call (not "asked whether to pause",
// "asked its engineers to stop using chatbots")
const ASKS_TO_PAUSE_ROW: CueRow = [`ask|asks|asked|asking ~4 to ${PAUSE_VERB}`, 0.8, 'call'];
/** Words of a call kept up, between its determiner and its noun: "her repeated calls", "his controversial call". */
const KEPT_CALL_WORDS = 'repeated|earlier|original|initial|controversial|long-standing|longstanding|own|public|latest|renewed|first';
/** And of the pause it calls for: "her call for a verified pause". */
const KEPT_PAUSE_WORDS = 'verified|global|six-month|temporary|international|coordinated|worldwide|immediate|frontier';
/** A call kept up by refusing to give it up by `givingUp` ("back down from", "walk back"); see SUPPORT_CUES. */
function keptCallRow(givingUp: string): CueRow {
  const refusing = "refuse|refuses|refused|refusing|declined|declines|won't|wouldn't|not|never|hasn't|haven't|didn't";
  // (not "halt" or "freeze", as often of something else: "his call for a halt to AI regulation")
  return [`${refusing} ~1 to? ${givingUp} her|his|its|their|the|our|my|a|an|this|that ${KEPT_CALL_WORDS}? call|calls|demand|demands|push for a|an|the|its|their|her|his|our? ${KEPT_PAUSE_WORDS}? pause|pauses|moratorium|moratoriums|slowdown`, 0.8, 'call', false];
}
// "asked for a pause", "asked the labs for a six-month pause": a request for the pause by its noun
const ASKED_FOR_ROW: CueRow = [`ask|asks|asked|asking ~3 for ~3 ${PAUSE_NAMED}`, 0.8, 'call'];
/** Rows whose pause noun must be their verb's object, this pause (pauseObject). */
// "vowed to extend the moratorium", "introduced a bill to impose a moratorium"
const AIMED_ENACTING_ROWS: readonly CueRow[] = [
  [`${AIMING_VERBS} to ${ENACTING_VERBS} ~3 ${PAUSE_NAMED}`, 0.9, 'call'],
  [`${BILL_FILED} to ${ENACTING_VERBS} ~3 ${PAUSE_NAMED}`, 0.9, 'call'],
];
const PAUSE_OBJECT_ROWS: readonly CueRow[] = [ENACTING_ROW, WANTED_ENACTED_ROW, WANTED_UNDONE_ROW, ASKED_FOR_ROW, ...AIMED_ENACTING_ROWS];

/** The critics' word for their case against the pause. */
const OBJECTIONS = 'objection|objections|criticism|criticisms|complaint|complaints';
const POOR = 'dumb|stupid|lazy|weak|tired|flimsy|specious|spurious|disingenuous|bogus|hollow|cynical|feeble|bad-faith';
/** Words that point at what was said before: "it", "this", "these", "that's". */
const POINTING = "it|this|that|these|those|it's|that's";

/** Arguments and calls for the pause, including "it does not go far enough". */
/**
 * Verbs of opposing or rejecting what they take, one word each: against the pause ("opposed the moratorium"), for it
 * where what they take is against it or undoes it ("slammed critics of the pause", "opposed the proposal to end the
 * pause"; see clause-polarity.ts).
 */
export const OPPOSING_VERBS = 'oppose|opposes|opposed|opposing|reject|rejects|rejected|rejecting|dismiss|dismisses|dismissed|dismissing|ridicule*|mock|mocks|mocked|slam|slams|slammed|blast|blasted|criticis*|criticiz*|lambast*|decry|decried|denounce*|condemn|condemns|condemned|condemning|scoff*|deride*|derided';
/** Verbs of disputing, in all their forms ("disputed claims that ...", "refuting the argument that ..."). */
export const DISPUTING_VERBS = 'dispute|disputes|disputed|disputing|refute|refutes|refuted|refuting|rebut|rebuts|rebutted|rebutting|debunk|debunks|debunked|debunking';
/**
 * Verbs of questioning or disputing, a rejection where what they take is a merit or a claim ("questioned the need for
 * a pause", "disputed claims that a pause would hand China the lead"; not "disputed her account"); not a doubt, as
 * often others' ("Few doubt the need for a pause").
 */
export const QUESTIONING_VERBS = `question|questions|questioned|questioning|${DISPUTING_VERBS}`;
/**
 * Verbs of rejecting with their particle ("brushed aside", "shrugged off", "fended off", "waved away", "shot down",
 * "turned down", "beat back"), each a rejection as "rejected" is.
 */
export const PHRASAL_REJECTIONS = [
  'brush|brushes|brushed|brushing|sweep|sweeps|swept|sweeping|wave|waves|waved|waving aside|off|away',
  'shrug|shrugs|shrugged|shrugging|fend|fends|fended|fending|fight|fights|fought|fighting|laugh|laughs|laughed|laughing off',
  'bat|bats|batted|batting|swat|swats|swatted|swatting away|aside',
  'shoot|shoots|shot|shooting|turn|turns|turned|turning down',
  'beat|beats|beating back',
];

/**
 * A stand for it in the words news reports one with: "threw her weight behind the pause", "came out in favour of a
 * moratorium", "voiced support for the pause", "spoke in favor of the moratorium", "is a vocal proponent of the pause",
 * "voted for the moratorium". A stand counts on the pause itself, not one of another domain ("a pause in hostilities",
 * "the hiring freeze"), or on a call, proposal, letter, plan or idea for it; one on the pause's undoing takes the other
 * side ("voted against the proposal to end the pause"); one denied or of few takes none (see clause-polarity.ts).
 */
const STAND_FOR_ROWS: readonly CueRow[] = [
  [`throw|throws|threw|thrown|throwing ~2 weight|support|backing behind ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`came|come|comes|coming out in favour|favor|support of ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`came|come|comes|coming out for|behind ~2 ${STAND_OBJECT}`, 1, 'call'],
  [`voted|vote|votes|voting for ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`voted|vote|votes|voting in favour|favor of ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`voiced|voice|voices|voicing|expressed|express|expresses|expressing|declared|declare|declares|pledged|pledge|pledges|signalled|signaled|signals|signal ~2 support|backing for ~3 ${STAND_OBJECT}`, 1, 'call'],
  // "hailed the proposal", "applauded the moratorium", "embraced the call", "stands behind the pause"
  [`hail|hails|hailed|hailing|praise|praises|praised|praising|applaud|applauds|applauded|applauding|embrace|embraces|embraced|embracing|laud|lauds|lauded|lauding|commend|commends|commended|commending ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`stand|stands|stood|standing ~1 behind|by ~2 ${STAND_OBJECT}`, 1, 'call'],
  [`${STAND_VERBS} out? in favour|favor|support of ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`${STAND_COPULA} ${STAND_ADVERB}? a|an|one|among ~4 proponent|proponents|advocate|advocates|supporter|supporters|champion|champions|backer|backers of ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`${STAND_COPULA} ${STAND_ADVERB}? in favour|favor of ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`${STAND_COPULA} ${STAND_ADVERB}? supportive of ~3 ${STAND_OBJECT}`, 0.8, 'call'],
];
/** And against it: "came out against the moratorium", "voted against the pause", "is firmly against a moratorium". */
const STAND_AGAINST_ROWS: readonly CueRow[] = [
  [`came|come|comes|coming out against ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`${STAND_VERBS}|warned|warn|warns|warning|cautioned|caution|cautions|voted|vote|votes|voting|fought|fight|fights|fighting|pushed|push|pushes|pushing out? back? ${EFFORT_ADVERB}? against ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`voiced|voice|voices|voicing|expressed|express|expresses|expressing|declared|declare|declares ~2 opposition|objections|objection to ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`poured|pour|pours|pouring cold water on ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`pushed|push|pushes|pushing back on ~3 ${STAND_OBJECT}`, 1, 'call'],
  // "attacked the moratorium", "panned the proposal", "took aim at the moratorium", "hit out at the proposal"
  [`attack|attacks|attacked|attacking|pan|pans|panned|panning|trash|trashes|trashed|trashing|savage|savages|savaged|savaging|assail|assails|assailed|assailing|excoriate*|skewer*|rubbish|rubbished|rubbishing ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`took|take|takes|taking aim at ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`veto|vetoes|vetoed|vetoing ~3 ${STAND_OBJECT}|bill|bills|measure|legislation`, 1, 'call'],
  // "challenged the moratorium in court", "fought the moratorium"
  [`challenge|challenges|challenged|challenging|fought ~2 ${PAUSE_NAMED}`, 1, 'call'],
  [`hit|hits|hitting|lashed|lash|lashes|lashing out at ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`${STAND_COPULA} ${STAND_ADVERB}? a|an|one|among ~4 critic|critics|opponent|opponents|skeptic|skeptics|sceptic|sceptics|detractor|detractors of ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`${STAND_COPULA} ${STAND_ADVERB}? against ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`${STAND_COPULA} ${STAND_ADVERB}? opposed to ~3 ${STAND_OBJECT}`, 1, 'call'],
  [`${STAND_COPULA} ${STAND_ADVERB}? skeptical|sceptical|wary|dismissive|critical of ~3 ${STAND_OBJECT}`, 0.8, 'call'],
];

export const SUPPORT_CUES = cues(1, [
  ...PAUSE_SUBJECT_KEPT_ROWS,
  // Calls to pause or slow down.
  [`should|must|ought|need|needs|needed|urge|urges|urged ~4 ${PAUSE_VERB}`, 1, 'call'],
  ...UNDONE_ONLY_ROWS,
  ASKS_TO_PAUSE_ROW,
  ASKED_FOR_ROW,
  ENACTING_ROW,
  ...AIMED_ENACTING_ROWS,
  WANTED_ENACTED_ROW,
  [`time|high-time ~2 to ${PAUSE_VERB}`, 0.9, 'call'],
  // "the need for a moratorium", as "the need for a pause" (PAUSE_VERB) is read above
  [`need|necessity for ~2 moratorium|moratoria|freeze|halt|slowdown`, 0.8, 'call'],
  // "the industry must collectively reduce its development pace", "should reduce the pace of frontier development": a
  // call to slow down in other words, with the pace its object (not "cut red tape and speed up approvals", "cut
  // regulation to keep pace with China", "reduce the pace of inspections").
  ...REDUCE_THE_PACE.flatMap((call): CueRow[] => [
    [`${call} development|ai|training|scaling|research pace|speed|tempo`, 0.8, 'call'],
    [`${call} ~2 pace|speed|tempo of ~2 development|ai|training|scaling|research|progress`, 0.8, 'call'],
    [`${call} ~2 pace|speed|tempo at which`, 0.8, 'call'],
  ]),
  ...PACE_SUBJECT_ROWS,
  // "it is high time the pace of AI development was reduced"
  [`high|about time the|its|their|our ~1 pace|speed|tempo of frontier? ai development|training|scaling|research|progress was|were|is|be ~1 ${PACE_REDUCED}`, 0.8, 'call'],
  // "the labs should agree to one now": a call to take the pause up.
  [`should|must|ought|need ~3 agree|accept|adopt|sign|join|honour|honor|embrace ~2 one|it|this|pause|moratorium|freeze|slowdown|proposal|halt`, 0.8, 'call'],
  [`let's|let ~2 ${PAUSE_VERB}`, 0.8, 'call'],
  // A call for the pause kept up against pressure: "refused to back down from her call for a pause", "hasn't backed
  // away from its demand for a moratorium", "refused to walk back her call" (their own negation is the keeping up, no
  // second one)
  keptCallRow('back|backs|backed|backing down|away|off from'),
  keptCallRow('walk|walks|walked|walking back'),
  // A head start for safety work, lawmakers or society is the pause's purpose; one for rivals is the critics' word (below).
  [`give|gives|giving ~1 safety|alignment|research|researchers|regulators|inspectors|humanity|governments|lawmakers|legislators|society|us|everyone ~4 head start`, 0.8, 'call'],
  [`need|needs a head start`, 0.8, 'call'],
  // The critics' objections called poor, of "it", "this" or "these": "it is a dumb objection", "called it a bad faith
  // objection", "these are flimsy criticisms" (not "accused PauseAI of bad faith criticism", "dismissed the warnings as
  // spurious complaints", "calls for a pause were a cynical objection to progress", whose objection is the pause's)
  [`${POINTING} is|was|are|were? not? a|an? ${POOR} ${OBJECTIONS}`, 0.8, 'argument'],
  [`${POINTING} is|was|are|were? not? a|an? bad faith ${OBJECTIONS}`, 0.8, 'argument'],
  [`we|i ~1 call|calling for ~4 ${PAUSE_NOUN}`, 0.8, 'call'],
  // A reported call ("Anthropic called on the labs to slow down", "urges a worldwide halt") is its speaker's support.
  // "call" and "calls" are also nouns, which take no side by themselves: "the call for a pause is naive", "amid calls
  // for a pause"; as verbs, with a subject before them ("Researchers call for a pause", "Anthropic calls for ..."),
  // they report a call as "called" does.
  [`call|calls|called|calling on ~8 ${PAUSE_VERB}`, 0.8, 'call', true, true],
  [`calls|called|calling|urge|urges|urged|urging for? ~8 ${PAUSE_NOUN}`, 0.8, 'call', true, true],
  [`call for ~8 ${PAUSE_NOUN}`, 0.8, 'call', true, true],
  [`back|backs|backed|backing|endorse*|support|supports|supported|supporting|champion*|welcome|welcomes|welcomed ~3 ${PAUSE_NOUN}|call|proposal|letter|plan|idea|moratorium|slowdown`, 1, 'call'],
  // The same endorsement in the passive: "the moratorium is supported by AI labs", "the call was welcomed by unions",
  // "the pause on frontier AI has been widely praised". The agent after "by" is its voice (find-attributions.ts).
  [`${PAUSE_NOUN}|call|calls|proposal|letter|plan|idea ~5 is|are|was|were|been|being|isn't|aren't|wasn't|weren't ~2 supported|backed|endorsed|welcomed|championed|embraced|praised|applauded|hailed`, 1, 'call'],
  // And in a relative clause, which the pattern above cannot reach across its comma: "The moratorium, which is backed by
  // dozens of researchers, would halt training runs".
  [`${PAUSE_NOUN}|call|calls|proposal|letter|plan|idea ,? which|that ~2 is|are|was|were|been|being|isn't|aren't|wasn't|weren't ~2 supported|backed|endorsed|welcomed|championed|embraced|praised|applauded|hailed`, 1, 'call'],
  // Or a participle between commas: "The moratorium, endorsed by Yoshua Bengio, would halt training", "The open letter,
  // signed by more than 1,000 researchers, calls for ...".
  [`${PAUSE_NOUN}|call|calls|proposal|letter|plan|idea , supported|backed|endorsed|welcomed|championed|embraced|praised|applauded|hailed|signed by`, 1, 'call'],
  [`sign|signs|signed|signing ~2 letter|pledge|statement`, 0.8, 'call'],
  ...STAND_FOR_ROWS,
  [`will|would ~1 back|support|endorse|join it|this|that|them`, 0.6, 'call'],
  [`urges|urge|urged ~4 congress|lawmakers|governments|regulators ~3 fund|enforce|require|adopt`, 0.5, 'call'],
  [`lawmakers|governments|regulators should|must ~2 listen`, 0.6, 'call'],
  [`cap|capping|limit|limiting ~3 compute|training`, 0.8, 'call'],
  [`freeze|pause|halt|stop the|all? frontier|training|scaling`, 0.5, 'call'],
  [`wait together`, 0.8, 'call'],
  // Judgements that the pause is wise ("would be a good thing").
  [`${PAUSE_NOUN}|it|this|that|slowing|pausing ~3 is|was|would|be ~2 necessary|needed|essential|overdue|wise|prudent|sensible|justified|warranted|reasonable|vital|urgent|right`, 1, 'judgement'],
  [`good|great|wise|smart|sensible|prudent|right|responsible|welcome|refreshing|fantastic|wonderful|excellent|brilliant ~1 thing|idea|step|move|call|decision|plan|start|strategy`, 0.9, 'judgement'],
  [`overdue`, 0.9, 'judgement'],
  // "A pause is the only sane option left", "remains our only hope": the one course left is the one to take. Its side
  // follows what it is said of ("racing ahead is the only option" opposes; see evaluatedTarget).
  [`is|was|remains|seems the|our|an? only ~2 option|options|choice|way|path|answer|course|solution|remedy|hope|alternative|response`, 0.9, 'judgement'],
  [`brilliant|genius|courageous|admirable|laudable|selfless|generous|noble|altruistic|efficient|refreshing|fantastic|wonderful|excellent`, 0.5, 'judgement'],
  [`least we owe`, 1, 'judgement'],
  [`better than no|nothing`, 0.9, 'argument', false],
  [`not|isn't anti-technology|anti-innovation|anti-progress|luddite*|luddism`, 0.8, 'argument', false],
  [`seatbelt*|seat-belt*|guardrail*`, 0.6, 'argument'],
  [`safety net`, 0.6, 'argument'],
  // "Not enough, go further" is support for restriction.
  [`not|isn't|wasn't ~2 enough|sufficient|nearly|far-reaching`, 0.9, 'argument', false],
  [`doesn't|don't|does|do|did|didn't not? go|goes far enough`, 0.9, 'argument', false],
  [`too timid|modest|weak|little|short|small|limited|cautious`, 0.9, 'argument', false],
  [`go|goes|going further`, 0.9, 'argument', false],
  [`indefinite*|permanent*`, 0.4, 'argument'],
  [`buys|buy|buying|give|gives|giving|allow|allows ~3 time`, 0.6, 'argument'],
  [`workable|enforceable|verifiable|feasible|achievable`, 0.8, 'argument'],
  // "Verifying chips is easier than verifying warheads": the pause's checks can be done (not "evading verification is
  // cheaper", "smuggling chips past any inspection is easier").
  [`verifying|checking|inspecting|monitoring|counting ~4 easier|simpler|cheaper|doable|straightforward`, 0.6, 'argument'],
  [`can|could ~2 verify|check|monitor|enforce*`, 0.6, 'argument'],
  [`china|beijing|rivals|rival|adversaries|competitors ~3 will|would|can ~1 honour|honor|comply|sign|join|stop`, 0.5, 'argument'],
  [`we|they|you can all? verify`, 0.6, 'argument'],
  [`listen to the? them|voters|people|public|constituents`, 0.5, 'argument'],
  [`people|public|voters|americans ~2 want ~4 slow|pause|stop|halt`, 0.7, 'argument'],
  [`without a|any pause|brake*|limits`, 0.7, 'argument', false],
  // Single-word evaluations; their side follows what they evaluate (see evaluatedTarget).
  [`sensible|wise|prudent|necessary|essential|vital|justified|warranted|reasonable|credible|defensible|responsible`, 0.5, 'judgement'],
  // A row of its own: the learned layer knows each cue by its pattern, and the row above keeps its weights.
  [`sane`, 0.5, 'judgement'],
  [`call|calls|calling me ~1 a|an? doomer|alarmist|luddite|worrier|coward`, 0.8, 'argument', false],
  [`constructive|credit-positive|directionally`, 0.8, 'judgement'],
  [`make|making ~3 mandatory|law|binding|compulsory|permanent`, 0.9, 'argument', false],
  [`duty|obligation|responsibility to ~1 pause|slow|stop|wait|halt`, 0.9, 'call'],
  [`recommend|recommends|urge|urges|advise ~4 negotiations|adopting|adopt|begin|back|support|join`, 0.7, 'call'],
  [`demand|demands|demanding ~4 honour|honor|accept|adopt|back|join|respect`, 0.7, 'call'],
  [`go|going|move|moving slowly|slow|slower`, 0.7, 'call'],
  [`slow|slows|stop|pause|wait|halt ~1 down? until`, 0.8, 'call'],
  [`do|act it? ~1 now|anyway|today`, 0.6, 'call'],
  [`let them|us stop|pause|wait|breathe`, 0.8, 'call'],
  [`accept|accepts|embrace|embraces ~2 offer|proposal|pause|call`, 0.7, 'call'],
  [`take|takes up ~2 offer|proposal|call`, 0.7, 'call'],
  [`mistake|error|foolish|reckless|irresponsible|crazy|madness not to`, 1, 'argument', false],
  [`join|honour|honor|sign|respect ~3 pause|freeze|moratorium|slowdown|halt|it|this|one`, 0.6, 'call'],
  // "signed the moratorium into law"
  [`signed|signs|signing ~3 pause|freeze|moratorium|slowdown|halt into law`, 0.9, 'call'],
  [`send ~1 inspectors|auditors`, 0.6, 'call'],
  // A speaker's offer to staff or host the pause's checks ("it was ready to provide the technical secretariat for a
  // verification body"), or to submit to them ("the European Union was prepared to commit to inspections"): said of
  // itself, not of others ("no American lab was ready", "few labs were willing", "Beijing was unlikely to be willing").
  [`we|it|they|i|union|eu|government|office|commission|we're|they're|i'm|it's ~1 is|are|was|were|am|stands|stand|remains|remain? ready|willing|prepared to provide|host|second|staff|supply ~3 verification|inspection|inspections|inspectors|inspectorate|secretariat|audits`, 0.5, 'argument'],
  [`we|it|they|i|union|eu|government|office|commission|we're|they're|i'm|it's ~1 is|are|was|were|am|stands|stand|remains|remain? ready|willing|prepared to commit|accept|submit|agree to? ~2 inspection|inspections|inspectors|verification|audits`, 0.6, 'argument'],
  ...OWN_PAUSE_ROWS,
  [`small price`, 0.9, 'argument'],
  [`cheap|cheapest insurance`, 0.9, 'argument'],
  // A pause good even for the biggest labs: a supporter's line, which outweighs the capture argument's row (below).
  [`even|also the? largest|biggest|big ~1 firms|companies|labs|players|developers would|will|could|stand? to? benefit|benefits|gain|gains from a|the|any ~2 ${PAUSE_NAMED}`, 0.8, 'argument'],
  // said of a pause ("a pause is a truce"), and safety or oversight catching up, not rivals ("let Chinese labs catch up")
  [`${PAUSE_NAMED} ~4 truce`, 0.5, 'argument'],
  [`${PAUSE_NAMED} ~4 fighting chance`, 0.5, 'argument'],
  [`safety|regulators|regulation|oversight|governance|science|lawmakers|governments|rules|policy ~3 catch up with`, 0.5, 'argument'],
  [`no longer ~2 against|opposed|skeptical|sceptical|oppose|opposes`, 1, 'argument', false],
  [`asking|asked for time|permission`, 0.5, 'argument'],
  [`shouldn't|should not ~1 race|rush|build|train|ship`, 0.8, 'call', false],
  [`don't|do not train|build|ship|scale|race`, 0.7, 'call', false],
  // Metaphors of prudence used by supporters.
  [`breathing room|space`, 0.8, 'argument'],
  [`guardrails|brakes|safety|checks first`, 0.9, 'argument'],
  [`hit|hits|hitting|pump|pumping|tap|slam|apply|applying the? brakes`, 0.9, 'call'],
  [`${PAUSE_NAMED} ~4 fire drill`, 0.6, 'argument'],
  [`${PAUSE_NAMED} ~4 pit stop`, 0.6, 'argument'],
  [`${PAUSE_NAMED} ~4 insurance policy`, 0.6, 'argument'],
  [`slow|stop|pause|halt|freeze down? already|together|please`, 0.6, 'call'],
  [`slow the hell down`, 1, 'call'],
  [`common sense|commonsense|no-brainer|obvious`, 0.6, 'judgement'],
  [`take|took|taking a breath`, 0.6, 'argument'],
  [`back|backs the pause|slowdown|moratorium`, 1, 'call', true],
  [`measure twice`, 0.6, 'argument'],
  [`move fast and break`, 0.5, 'argument'],
  [`changed|change my mind|come around`, 0.2, 'argument'],
  [`i'm|i am no longer against|opposed|skeptical`, 1, 'argument', false],
  [`was wrong`, 0.4, 'argument'],
  [`too ~1 dangerous|powerful|risky|fast`, 0.5, 'risk'],
  [`can't|cannot|couldn't wait`, 0.5, 'argument', false],
  [`what ~1 is the rush`, 0.8, 'argument', false],
  [`until ~4 safe|controllable|understood|verified|certif*|checked|audited|inspect*`, 0.5, 'argument'],
  // Risks named as the reason to stop.
  // the systems themselves, not what rivals do ("we cannot control what Beijing does")
  [`cannot|can't ~1 steer|control|contain ~2 systems|models|ai|superintelligence|it|them`, 0.8, 'risk', false],
  [`out of control`, 0.6, 'risk'],
  [`reckless*|irresponsib*`, 0.8, 'risk'],
  [`existential|catastroph*|extinction`, 0.4, 'risk'],
  [`race to the bottom`, 0.6, 'risk'],
  [`too fast|quickly`, 0.5, 'risk'],
  [`before it's|it ~1 too late`, 0.7, 'risk'],
  [`playing with fire`, 0.7, 'risk'],
  [`unchecked|uncontrolled|unaccountable`, 0.5, 'risk'],
  [`dangerous|danger|perilous`, 0.3, 'risk'],
]);

/** Arguments and calls against the pause, including attacks on the proposer's sincerity. */
export const OPPOSE_CUES = cues(-1, [
  ...PAUSE_SUBJECT_UNDONE_ROWS,
  // "wants the moratorium scrapped": the call rows' undoing (clause-polarity.ts) said with "want".
  WANTED_UNDONE_ROW,
  // "exactly the wrong time to pause": the call rows' "time to pause" said to be ill-timed (outweighs them).
  [`wrong|worst|bad time ~1 to ${PAUSE_VERB}`, 1, 'argument'],
  [`wrong|worst|bad time to reduce|cut|lower|moderate|temper|slash the|its|their|our`, 1, 'argument'],
  // Geopolitics: rivals will not stop.
  [`hand|hands|handing|handed|give|gives|giving|cede|cedes|ceding ~3 lead|edge|advantage|initiative`, 1, 'argument'],
  // "A pause that binds only us is a head start for someone else"; "not pausing is a head start for Beijing" supports.
  [`head start for|to ~3 china|chinese|beijing|rivals|rival|adversaries|autocracies|autocrats|regimes|someone|others|attackers|competitors|least|incumbents|state-backed|actors`, 0.9, 'judgement'],
  // ... given to them ("would give Beijing a head start", "hand our rivals in Beijing a head start"), or the country's
  // own given up ("force American labs to give up their head start", "squander America's head start").
  [`give|gives|giving|hand|hands|handing|handed ~2 china|chinese|beijing|rivals|rival|adversaries|autocracies|attackers|competitors|incumbents|others|actors|regimes|autocrats ~4 head start`, 1, 'argument'],
  [`give|gives|giving up|away ~2 head start`, 1, 'argument'],
  [`squander|squanders|squandering|lose|loses|losing|surrender|surrenders|forfeit|forfeits|protect|protects|protecting|throw|throws ~3 head start`, 0.9, 'argument'],
  [`china|beijing|rivals|rival|adversaries|competitors ~3 win|wins|winning|catch|ahead|overtake|keep|continue|cheat|cheats`, 0.8, 'argument'],
  [`china|beijing|rivals|rival|adversaries|competitors ~3 won't|wouldn't|not|never ~1 stop|pause|sign|comply|honor|honour|join|wait`, 0.9, 'argument', false],
  [`let|lets ~2 china|beijing|rivals win|catch`, 1, 'argument'],
  // The pause as one-sided: "an arrangement in which American companies stop and everyone else keeps going".
  [`everyone|everybody|anyone else ~1 ${KEEPS_GOING}`, 0.8, 'argument'],
  [`the rest ~1 ${KEEPS_GOING}`, 0.8, 'argument'],
  [`the rest of the world ~1 ${KEEPS_GOING}`, 0.8, 'argument'],
  [`refuses|refuse|refused ~2 to sign|join|comply`, 0.7, 'argument'],
  // A pause said to serve the biggest firms ("a pause would mainly benefit the largest firms"), not the race said to
  // ("the current race rewards the biggest players") nor a pause said to serve others ("favour start-ups over the
  // biggest firms").
  [`${PAUSE_NOUN} ~3 benefit|benefits|favour|favours|favor|favors|reward|rewards ~2 largest|biggest|big ~1 firms|companies|labs|players|developers|corporations`, 0.7, 'argument'],
  [`${PAUSE_NOUN} ~3 benefit|benefits|favour|favours|favor|favors|reward|rewards ~3 incumbents|giants`, 0.7, 'argument'],
  // The same said with the firms as subject: "the largest labs would benefit most from a pause", not "would gain the
  // least from a pause", "would benefit from a ban on open-weight models" or, for a supporter, "Even the biggest labs
  // would benefit from a pause" (a support row, below).
  [`largest|biggest|big ~1 firms|companies|labs|players|developers|corporations|incumbents|giants would|will|could|stand? to? benefit|benefits|gain|gains the? most? from a|the|any ~2 ${PAUSE_NAMED}`, 0.7, 'argument'],
  [`incumbents would|will|could|stand? to? benefit|benefits|gain|gains the? most? from a|the|any ~2 ${PAUSE_NAMED}`, 0.7, 'argument'],
  [`unilateral*|disarm*`, 0.4, 'argument'],
  // Sincerity: capture, marketing, hypocrisy.
  [`regulatory capture`, 1, 'argument'],
  [`pull|pulls|pulling ~2 up the ladder`, 1, 'argument'],
  [`moat|moats|incumbent*|entrench*`, 0.6, 'argument'],
  [`self-interest*|self-serving|cynical*|convenient|conveniently`, 0.7, 'argument'],
  [`marketing|publicity|promotional|pr ~1 ploy|stunt|gimmick|exercise|campaign|tactic`, 1, 'argument'],
  [`marketing|hype|ploy|stunt|gimmick`, 0.6, 'argument'],
  [`theater|theatre|posturing|virtue-signal*`, 0.9, 'argument'],
  [`virtue signal*`, 0.9, 'argument'],
  [`hypocri*|disingenuous|insincere`, 0.9, 'argument'],
  [`gives|give ~1 the game away`, 0.9, 'argument'],
  [`dressed up as|dressed-up`, 0.8, 'argument'],
  [`share sale|listing|offering`, 0.3, 'argument'],
  [`ipo|flotation`, 0.3, 'argument'],
  [`public offering`, 0.3, 'argument'],
  [`wants|want|asking|asks ~2 its|their|everyone|the? rivals|competitors|others ~1 else? to slow|pause|stop`, 0.8, 'argument'],
  [`end|death of innovation|progress`, 0.7, 'judgement'],
  [`disaster|disastrous|catastrophe|catastrophic for ~2 innovation|progress|industry|startups|competitiveness|jobs|economy|america|american|europe|european`, 0.8, 'argument'],
  [`adorable|quaint|cute idea`, 0.6, 'argument'],
  [`starve|starves|starving`, 0.8, 'argument'],
  [`radical|extreme`, 0.4, 'judgement'],
  [`strategic positioning`, 0.5, 'argument'],
  // A warning said to serve the warner's image or sales is an attack on its sincerity.
  [`reputation|branding`, 0.7, 'argument'],
  [`market|commercial interest|value|appeal`, 0.7, 'argument'],
  [`sales pitch`, 0.7, 'argument'],
  // Feasibility: it cannot be verified or enforced.
  [`unworkable|unenforceable|unverifiable|impractical|unrealistic|infeasible|naive|naïve|utopian|fantasy|wishful`, 1, 'argument'],
  [`pipe dream`, 1, 'argument'],
  [`only honest ~2 obey|follow|comply`, 1, 'argument', false],
  [`how|who ~3 verify|enforce|police|monitor|inspect`, 0.6, 'argument', false],
  [`good luck`, 0.8, 'argument'],
  // Costs: innovation, open source, lives.
  [`starve|starves|starving|stifle|stifles|stifling|kill|kills|killing|hobble|cripple|choke ~3 open source`, 1, 'argument'],
  [`open source ~2 community|developers|models|model`, 0.3, 'argument'],
  [`harm|harms|hurt|hurts|punish|punishes|punishing ~3 open source`, 0.9, 'argument'],
  [`costs|cost|price ~2 of a pause`, 0.9, 'argument'],
  [`measured|paid|counted in lives`, 0.9, 'argument'],
  [`cost|costs lives`, 0.9, 'argument'],
  [`better diagnoses|cures|medicine|treatments|tutoring`, 0.5, 'argument'],
  [`cheaper science`, 0.5, 'argument'],
  [`medical breakthroughs`, 0.5, 'argument'],
  [`few|handful ~1 closed|big labs|companies|firms`, 0.5, 'argument'],
  // Futility and backfire.
  [`achieve|achieves|accomplish|accomplishes|do|does ~1 nothing|little`, 0.9, 'argument', false],
  [`backfire*|counterproductive|counter-productive|overhang|pent-up`, 0.9, 'argument'],
  [`wrong tool|answer|approach|way|solution|remedy|idea`, 1, 'judgement'],
  [OPPOSING_VERBS, 0.5, 'call'],
  ...STAND_AGAINST_ROWS,
  // a rejection by a verb and its particle: "brushed aside calls for a pause", "shrugged off the proposal"
  ...PHRASAL_REJECTIONS.map((pattern): CueRow => [pattern, 0.5, 'call']),
  // "questioned the need for a pause", "the wisdom of a moratorium" (only of a merit or a claim: see clause-polarity.ts)
  [QUESTIONING_VERBS, 0.5, 'call'],
  [`bad|terrible|dangerous|foolish|dumb|stupid|silly|misguided|mistaken ~1 idea|move|policy|precedent|plan|proposal`, 1, 'judgement'],
  [`misguided|mistake|mistaken|folly|absurd|ridiculous|nonsense|silly|foolish|preposterous|overreach|heavy-handed`, 0.8, 'judgement'],
  // The risk premise is overstated.
  [`overstated|overblown|exaggerat*|alarmis*|fearmonger*|fear-monger*|scaremonger*|hysteria|panic|doomer*|doomsay*|sci-fi|speculat*`, 0.8, 'argument'],
  [`science fiction`, 0.8, 'argument'],
  [`doom scenario*`, 0.8, 'argument'],
  [`no|little evidence`, 0.6, 'argument', false],
  [`safety|safe ~1 already|enough`, 0.3, 'argument'],
  // Single-word and short evaluations against; their side follows what they evaluate (see evaluatedTarget).
  [`pointless|futile|useless|harmful|foolhardy|dangerous-idea|unserious|hollow|empty|symbolic|performative`, 0.7, 'judgement'],
  [`more harm than good`, 1, 'judgement'],
  [`the|a problem|mistake`, 0.5, 'judgement'],
  [`just|only|merely|mere ~1 a|an? promise|stopping|vibe|headline|gesture|slogan|wish`, 0.8, 'argument', false],
  [`on paper only|only on paper|paper promise`, 0.8, 'argument', false],
  [`easy headline|headline-grabbing|grandstanding`, 0.8, 'argument'],
  [`i don't|do not ~1 support|back|endorse`, 1, 'call', false],
  [`gives|give ~2 up|away ~2 lead|edge`, 0.8, 'argument'],
  [`permanent|entrench* ~2 incumbents|giants|leaders`, 0.7, 'argument'],
  // "would freeze the current leaders in place", "lock in the industry's current leaders", "would raise costs for
  // newcomers", "help it stop competing": the pause as a shelter for the labs that lead now (not "world leaders",
  // "costs that tariffs raised" or "get the labs to stop competing in a race").
  // "freeze the current leaders", "lock in the industry's current leaders"; not "the freeze would apply to the current leaders"
  [`freeze|freezes|freezing|froze ~3 current|existing|present leaders|giants|frontrunners|front-runners|incumbents`, 0.8, 'argument'],
  [`freeze|freezes|freezing|froze in place ~3 leaders|giants|frontrunners|front-runners|incumbents`, 0.8, 'argument'],
  [`lock|locks|locking|locked ~4 current|existing|present leaders|giants|frontrunners|front-runners|incumbents`, 0.8, 'argument'],
  [`freeze|freezes|freezing|froze|lock|locks|locking|locked the leaders|giants|incumbents in place`, 0.8, 'argument'],
  [`would|will|could ~2 raise costs|barriers ~3 newcomers|startups|challengers|entrants|smaller|else`, 0.8, 'argument'],
  [`would|will|could ~2 create|raise|erect barrier|barriers to entry`, 0.8, 'argument'],
  [`help|helps|helping it|them|itself|themselves stop|stops competing`, 0.8, 'argument'],
  // the same in the present, said of the pause: "the pause raises costs for startups"
  [`pause|moratorium|freeze|slowdown|halt ~2 raises|raise costs|barriers ~3 newcomers|startups|challengers|entrants|smaller|else`, 0.8, 'argument'],
  [`pretext|excuse|trojan horse`, 0.7, 'argument'],
  [`sitting on their hands|relocate|elsewhere|offshore`, 0.6, 'argument'],
  [`invisible|unobservable|undetectable`, 0.6, 'argument'],
  [`evidence|data ~1 not ~1 vibes|fear|speculation|hypotheticals`, 0.8, 'argument'],
  [`evidence|data ~1 rather than ~1 vibes|fear|speculation|hypotheticals`, 0.8, 'argument'],
  // Words of the opposition camp: a cartel, a moat, a drawbridge, a fig leaf, an innovation tax.
  [`cartel|drawbridge|fig-leaf|anticompetitive|anti-competitive|protectionis*`, 1, 'argument'],
  [`fig leaf`, 1, 'argument'],
  [`innovation tax`, 1, 'argument'],
  [`beijing|china ~1 will|won't not? wait`, 1, 'argument'],
  [`gift|surrender|capitulat*|disarmament`, 0.7, 'argument'],
  [`doomer*|doomers|doomsday|vibes|vibe|hysteri*|hysterical|panic*`, 0.7, 'argument'],
  [`premature|hypothetical*|unproven`, 0.6, 'argument'],
  [`pr exercise`, 0.7, 'argument'],
  [`bad trade|idea|policy`, 1, 'judgement'],
  [`wrong instrument|tool|answer|lever|approach`, 1, 'judgement'],
  [`build|building ~2 not ~2 freeze|walls|pause|wait`, 0.8, 'call'],
  [`build|building ~2 rather than ~2 freeze|walls|pause|wait`, 0.8, 'call'],
  [`honest|honour|honor ~3 only|first|keeps|keep training`, 0.3, 'argument'],
  [`cheat|cheats|cheating|cheaters|evade|evaded|evasion`, 0.6, 'argument'],
  [`relocate|offshore|shift ~3 research|work|training ~2 to|elsewhere|abroad|jurisdictions`, 0.9, 'argument'],
  [`jurisdictions|countries|labs ~2 with no|weaker|fewer ~2 safety|disclosures`, 0.6, 'argument'],
  [`body count|lives|antibiotics|cancer|cures`, 0.5, 'argument'],
  [`strand|stranded|capex shock`, 0.6, 'argument'],
  [`who loses|benefits from ~2 ${PAUSE_NAMED}`, 0.7, 'argument'],
  [`stall|stalls|stalling|museum`, 0.6, 'argument'],
  [`wrong|mistaken|misguided`, 0.4, 'judgement'],
  [`solution in search of a problem`, 1, 'judgement'],
  // Calls to keep going.
  [`full speed|race|press|forge|push|keep ~1 ahead|on|going|building|racing`, 0.7, 'call'],
  [`accelerat* ~2 not|rather`, 0.4, 'call'],
  [`innovation|progress ~2 not ~2 paus*|fear|restriction*|regulation`, 0.6, 'argument'],
  [`innovation|progress over paus*|fear|restriction*|regulation`, 0.6, 'argument'],
  [`innovation|progress ~2 rather than ~2 paus*|fear|restriction*|regulation`, 0.6, 'argument'],
]);

/** The pause as a thing one advocates ("a global pause", "a temporary freeze"), not a brake, cap or ban of anything. */
const ADVOCATED_NOUN = 'pause|pauses|moratorium|moratoria|moratoriums|halt|freeze|slowdown|standstill|timeout|time-out';

/**
 * Reports of a speaker's advocacy: "issued an urgent call for a global pause", "renewed its appeal for a
 * moratorium", "has advocated for a temporary pause", "is pushing (hard) for a halt", "proposes a six-month freeze", "the
 * pause should remain in effect until ...". They tell the side of the speaker a statement is attributed to, and are
 * read for voices only: in a passage's own words they are news that someone advocates, not the passage's position.
 */
export const VOICE_SIDE_CUES = cues(1, [
  [`issue|issues|issued|issuing|make|makes|made|making|renew|renews|renewed|renewing|repeat|repeats|repeated|reiterate|reiterates|reiterated|restate|restates|restated|sound|sounds|sounded|echo|echoes|echoed|voice|voices|voiced|amplify|amplifies|amplified|launch|launches|launched|lead|leads|led|join|joins|joined|back|backs|backed|sign|signs|signed|endorse|endorses|endorsed|support|supports|supported|lodge|lodged|submit|submits|submitted ~3 call|calls|appeal|appeals|plea|pleas|case|demand|demands for|to ~5 ${ADVOCATED_NOUN}|pause|halt|freeze|slow|stop|suspend`, 0.8, 'call', true, true],
  [`advocate|advocates|advocated|advocating|push|pushes|pushed|pushing|press|presses|pressed|pressing|lobby|lobbies|lobbied|lobbying|campaign|campaigns|campaigned|campaigning|argue|argues|argued|arguing|plead|pleads|pleaded|pleading|appeal|appeals|appealed|appealing ${EFFORT_ADVERB}? for ~5 ${ADVOCATED_NOUN}`, 0.8, 'call', true, true],
  [`propose|proposes|proposed|proposing|suggest|suggests|suggested|suggesting|recommend|recommends|recommended|recommending|float|floats|floated|floating|outline|outlines|outlined|unveil|unveils|unveiled a|an ~3 ${ADVOCATED_NOUN}`, 0.8, 'call'],
  // The terms of the pause its speaker wants ("the pause should remain in effect until benchmarks are verified").
  [`${ADVOCATED_NOUN} should|must ~2 remain|stay|last|continue|run|hold ~3 until|in`, 0.8, 'call'],
]);

/**
 * Marks of sarcasm: where they appear, calls and judgements in the same paragraph mean their opposite
 * ("Sure, let's all stop and let the rivals win. Brilliant.").
 */
export const SARCASM_MARKERS = [
  'sure', '🙄', '🙃', '🙂', '👏', '😂', 'bravo', 'adorable', 'efficient|genius|brilliant|perfect !', 'no notes', 'ah yes',
  'completely|totally|truly|very selfless|normal|galaxy-brained|cool|reassuring', 'nothing to see here', 'the horror',
  'love how', 'by all means', 'oh no', "i'm sure they'll|they will|that", 'surely this|that|they will|won\'t',
  "can't wait for|until", 'great news everyone', 'what a refreshing|novel|great|lovely idea|plan',
  'fantastic|wonderful|great|brilliant idea|plan :', 'bold strategy', 'good luck with that',
  'oh sure',
  'oh yes',
  'oh great',
  'yeah right',
  'what could ~1 possibly? go wrong',
  'because that always|worked|works',
  'nothing says',
  'slow clap',
  'how convenient',
  'what a surprise|coincidence',
];

/**
 * Marks of an opinion the writer held before and has dropped ("I used to think", "Me in 2023:", "once a vocal
 * critic"): that sentence's stance is the one being reversed, so it weighs little.
 */
export const PAST_OPINION_MARKERS = [
  'used to', 'me in 2023|2022|2024', 'i once|formerly|previously', 'once a|an', 'in 2023 ~6 mock*|call*|thought|oppos*|dismiss*',
  'i spent ~4 mocking|dismissing|opposing|arguing', 'i wrote ~6 2023', 'at first', 'i was skeptical|sceptical',
  'came into this ~2 skeptical|sceptical',
];

/** Sentence-initial words that make the clause up to the first comma a concession, weighed less. */
export const CONCESSION_OPENERS = new Set(['while', 'although', 'though', 'whilst', 'granted', 'despite', 'whereas', 'even']);
/** Words that start the clause that weighs more ("X, but Y"). */
export const CONTRAST_MARKERS = new Set(['but', 'however', 'yet', 'nevertheless', 'nonetheless', 'still', 'instead']);
export const NEGATORS = new Set([
  'not', 'no', 'never', 'nor', 'neither', 'hardly', 'without', 'cannot', 'nothing', 'none', 'nobody', 'barely',
]);
export const HEDGES = new Set(['might', 'may', 'could', 'perhaps', 'possibly', 'probably', 'arguably', 'maybe', 'likely', 'seems', 'appears']);
export const CONDITIONALS = new Set(['if', 'unless', 'whether', 'were']);

/**
 * A short sentence that answers a preceding conditional in the negative ("It isn't.", "Neither is true.",
 * "They are not, and so it is not."): the conditional's hedged approval becomes a rejection.
 */
export const NEGATIVE_RESOLUTION = [
  "it|they|that|this|which isn't|aren't|wasn't|won't|doesn't|don't",
  'it|they|that|this|which is|are|was|were|will|does|do not',
  'neither|none ~2 is|are|holds|hold|true|exists|exist',
  'those are ~3 too many',
];

/** Answers that take up or turn down what a question offered ("Q: Would you back a pause? A: No."). */
export const ANSWER_YES = new Set(['yes', 'absolutely', 'definitely', 'certainly', 'gladly', 'yep', 'without']);
export const ANSWER_NO = new Set(['no', 'not', 'never', 'nope', 'hardly']);

/** Question openings that assert their opposite ("Who seriously believes rivals will stop?"). */
export const DISBELIEF_QUESTION = [
  'who ~2 believes|believe|thinks|think|imagines|expects|trusts',
  'does|do anyone|anybody ~1 believe|think|expect|trust',
  'really|seriously believe|think|expect',
];
/** Question openings that assert what they ask ("Isn't it time to pause?"). */
export const ASSERTIVE_QUESTION = ["isn't|aren't|shouldn't|wouldn't|doesn't|don't|why|can't", 'how long ~3 before|until'];

/** Wording that reports a debate rather than joining it; it pulls a passage towards neutral. */
export const NEUTRAL_FRAME_CUES = [
  'supporters|proponents|advocates ~4 opponents|critics|skeptics|sceptics|detractors',
  'critics|opponents|skeptics|sceptics ~4 supporters|proponents|advocates',
  'split|divided|disagree|disagreed|differ',
  'both sides',
  'survey|poll|polls|found',
  'here is what', "here's what",
  'explainer|explained',
  'declined to|reviewing|still weighing',
  'debate|debated|debating',
];

/**
 * Proposal words in the monitored sense, added to the pipeline's own terms: this scorer is about this proposal
 * and should not lose recall when a pipeline file lists fewer words.
 */
export const PROPOSAL_PHRASES: readonly { pattern: string; data: ProposalWordStrength }[] = [
  ...['pause*', 'moratori*', 'slowdown*', 'slow|slows|slowed|slowing down', 'halt*', 'freez*', 'froze',
    'suspend*', 'compute cap*', 'compute-cap*', 'stop|stops|stopped|stopping scaling|training|building|development|racing',
    'wait together', 'slow|slows|slowed|slowing the|its|their|ai ~1 development|progress|pace|race',
    'standstill', 'ceasefire', 'timeout', 'time-out', 'restraint', 'cap|caps|capping compute|training',
    'hit|hits|hitting|slam|slams the brakes', 'aipause', 'pausegiantai', 'pausenow',
    'stoptherace', 'pauseai']
    .map((pattern) => ({ pattern, data: 'strong' as const })),
  // The proposal named as such: relevant by itself in a short passage, with a domain word in a long one.
  ...['proposal', 'proposals', 'proposer', 'proposed', '2023 letter', 'pause letter', 'open letter', 'the letter']
    .map((pattern) => ({ pattern, data: 'proposal' as const })),
  // Common words that name the proposal only next to a word of the domain ("slow the race", "a six-month stop").
  ...['slow|slows|slowed|slowing', 'stop', 'brake*', 'ban', 'limits', 'cap', 'wait', 'delay*', 'standstill']
    .map((pattern) => ({ pattern, data: 'weak' as const })),
];

export type ProposalWordStrength = 'strong' | 'weak' | 'proposal';

/**
 * Words that place a proposal word in the monitored domain. "slow" and "stop" alone are common words, so the
 * proposal-word check (relevance.ts) requires one of these near them.
 */
export const CONTEXT_PHRASES = [
  'ai', 'artificial intelligence', 'frontier', 'superintelligen*', 'agi', 'self-improv*', 'alignment',
  'training', 'model', 'models', 'lab', 'labs', 'gpu*', 'chips', 'flop*', 'verification', 'inspect*', 'laboratories', 'scaling', 'compute', 'anthropic', 'openai',
  'deepmind', 'letter', 'signatories', 'signatures', 'developers', 'industry', 'capabilities', 'systems',
  'chatbot*', 'llm*', 'machine learning', 'development', 'research',
];

/**
 * Words that name the domain itself, artificial intelligence, rather than words the debate shares with any other
 * ("systems", "development", "research", "industry", "letter", "labs"). A text that names none of them, nor the
 * topic's own context terms, is not about pausing frontier AI, whatever it says of pauses: a general news article
 * ("China warns protesters, urging restraint under 'one country, two systems'") is not coverage of the proposal.
 */
export const DOMAIN_PHRASES = [
  'ai', 'artificial intelligence', 'superintelligen*', 'agi', 'self-improv*', 'anthropic', 'openai', 'deepmind',
  'chatbot*', 'llm*', 'machine learning', 'deep learning', 'neural network*', 'language model*', 'frontier model*',
  'foundation model*', 'gpu*', 'flop*', 'chatgpt', 'gpt-*', 'claude', 'gemini', 'xai',
];

/** Words that, following a proposal word, name what is paused in the monitored sense. */
export const TARGET_OBJECTS = new Set([
  'development', 'training', 'research', 'progress', 'ai', 'models', 'model', 'frontier', 'scaling',
  'capabilities', 'systems', 'work', 'experiments', 'labs', 'lab', 'advancement', 'advances', 'superintelligence',
  'agi', 'artificial', 'giant', 'race', 'pace', 'runs', 'run', 'industry', 'sector', 'companies', 'developers',
  'letter', 'letters', 'proposal', 'debate', 'crowd', 'call', 'calls', 'pledge', 'gang', 'camp', 'advocates',
  'supporters', 'critics', 'idea', 'plan', 'agreement', 'treaty', 'movement', 'question', 'campaign', 'everyone',
  'technology', 'innovation', 'science', 'clusters', 'compute', 'machines', 'intelligence', 'chips', 'activists',
  'skeptics', 'petition', 'signatories', 'now',
]);

/** Objects that name something else being paused, even when unlisted words would also count as other. */
export const OTHER_SENSE_OBJECTS = new Set([
  'construction', 'sign-ups', 'signups', 'hiring', 'spending', 'capex', 'investment', 'investments', 'data',
  'center', 'centers', 'centre', 'centres', 'police', 'facial', 'state', 'states', 'laws', 'law', 'legislation',
  'rollout', 'feature', 'features', 'updates', 'shipments', 'exports', 'production', 'sales', 'orders', 'payouts',
  'talks', 'negotiations', 'use', 'service', 'contracts', 'permits', 'redemptions', 'lawsuit', 'merger', 'podcast',
]);

/** Phrases anywhere in a sentence that mark a proposal word as another sense. */
export const OTHER_SENSE_PHRASES = [
  'pause button', 'paused new', 'pumping|pump|pumped|pumps the brakes', 'state|state-level ai? laws|regulation|rules|legislation', 'state level ai? laws|regulation|rules|legislation',
  'preempt*|pre-empt*', 'facial recognition', 'hiring freeze', 'price freeze', 'rate cut*', 'pause|paused|pausing|pauses ~1 sign-ups|signups|registrations|subscriptions',
  'federal moratorium on state', 'block|blocks|blocked|blocking ~3 chatbot|app|service',
  'ban|bans|banned|banning ~3 chatbot|app',
];

/**
 * Phrases that belong to the debate on the proposal even without a proposal word ("regulatory capture",
 * "the letter's signatories"); they make a passage relevant on their own, but less than a proposal word does.
 */
export const DEBATE_PHRASES = [
  'regulatory capture', 'signatories', 'signatures', 'verification regime|mechanism*', 'recursive self-improvement',
  'self-improvement', 'giant ai experiments', 'stop|stops scaling', 'rivals|competitors ~2 to slow',
  'future of life institute', 'open letter', 'wait together', 'alignment research', 'pull|pulling up the ladder',
  'arms control', 'treaty', 'compute cap*', 'cap ~2 compute', 'training runs', 'stop training|scaling',
];

/**
 * Actors who made the proposal. A report that relays only their advocacy reports that the proposal exists:
 * it is neutral coverage, not a supporting piece.
 */
export const PROPOSER_ACTORS = [
  'anthropic', 'the company', 'the firm', 'the lab', 'jack clark', 'marina favaro', 'dario amodei',
  'future of life institute', 'the letter', 'its authors', 'the authors', 'the proposal', 'the blog post',
];
/** The proposers by name ("anthropic", "jack clark"), not by a description ("the company", "its authors"). */
export const NAMED_PROPOSERS = PROPOSER_ACTORS.filter((name) => !name.startsWith('the ') && !name.startsWith('its '));

