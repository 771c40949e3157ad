/**
 * General English evaluation words, independent of how this debate happens to be worded: the learned layer
 * pairs them with WHAT a clause evaluates (the pause, or its critics and the race it would stop), so a new
 * passage that praises or damns the proposal in words the stance lexicon never listed still has a side.
 *
 * Lists are plain word forms (no stems), so lookup is one Set probe per token.
 */

function words(list: string): ReadonlySet<string> {
  return new Set(list.trim().split(/\s+/));
}

/** Approval: "wise", "overdue", "sound", "credible". */
export const POSITIVE_WORDS = words(`
  good great better best wise wisest wisdom sensible sound sane prudent prudence smart clever right correct
  necessary needed essential vital crucial critical urgent urgently overdue timely welcome welcomed welcoming
  reasonable rational justified justifiable warranted defensible credible serious responsible responsibly honest
  sincere genuine principled brave courageous bold admirable laudable commendable praiseworthy heroic noble
  useful helpful valuable worthwhile worth beneficial effective workable feasible practical realistic achievable
  viable enforceable verifiable doable robust solid strong compelling convincing persuasive powerful important
  smartest safe safer safest protect protects protecting protection save saves saving insurance mature
  modest measured balanced thoughtful careful humble humility grown-up adult adults leadership
  overdue long-overdue refreshing encouraging promising hopeful hope right-sized proportionate proportional
  legitimate fair sensibly wisely rightly correctly obviously clearly duty obligation moral ethical decent
  deserve deserves deserved applaud applauds applauded praise praised praises commend commends commended
  endorse endorses endorsed endorsing support supports supported supporting backing back backs backed
  agree agrees agreed right-minded common-sense commonsense no-brainer win-win success succeed succeeds
`);

/** Disapproval: "naive", "reckless", "a charade", "doomed". */
export const NEGATIVE_WORDS = words(`
  bad worse worst wrong wrongheaded wrong-headed mistaken mistake mistakes misguided misplaced foolish folly
  fool fools silly stupid dumb absurd absurdity ridiculous ludicrous laughable preposterous nonsense
  nonsensical naive naïve naivety naiveté unrealistic unworkable unenforceable unverifiable impractical
  infeasible impossible implausible fanciful fantasy delusional delusion utopian wishful illusory illusion
  doomed futile pointless useless worthless hollow empty meaningless toothless symbolic performative
  cosmetic charade farce sham theatre theater theatrical stunt ploy gimmick spin hype hyped marketing
  publicity pr cynical cynicism self-serving selfish hypocritical hypocrisy hypocrite hypocrites
  disingenuous insincere dishonest deceptive misleading manipulative convenient conveniently opportunistic
  reckless irresponsible dangerous harmful damaging destructive counterproductive self-defeating
  backfire backfires backfired costly expensive wasteful waste wastes burden burdensome onerous heavy-handed
  overreach overreaching draconian authoritarian paternalistic alarmist alarmism hysteria hysterical panic
  panicked overblown overstated exaggerated exaggeration inflated hyperbole hyperbolic fearmongering
  scaremongering doom doomer doomers paranoid paranoia premature unnecessary unjustified unwarranted
  unfounded baseless flawed flaw flaws weak weakness vague unclear confused confusing incoherent sloppy
  lazy shallow simplistic misread misreads misunderstand misunderstands misunderstood blind blunder
  disaster disastrous catastrophe catastrophic fail fails failed failing failure failures lose loses losing
  loser losers dead dead-end unserious frivolous trivial distraction distracting excuse pretext
  capture captured cartel collusion collude colluding anticompetitive anti-competitive monopoly moat
  protectionist protectionism entrench entrenches entrenching entrenched incumbents gatekeeping gatekeepers
  oppose opposes opposed opposing reject rejects rejected rejecting dismiss dismisses dismissed dismissing
  criticise criticised criticize criticized condemn condemns condemned denounce denounced slam slammed
  deride derided mock mocked ridicule ridiculed scoff scoffed attack attacked attacks lambast lambasted
  object objects objected objection objections doubt doubts doubtful dubious skeptical sceptical suspicious
`);

/** Talk of danger: a reason to pause when it is about the race, an objection when it is about the pause. */
export const RISK_WORDS = words(`
  risk risks risky dangerous danger dangers peril perilous threat threats threaten threatens hazard hazardous
  catastrophic catastrophe existential extinction doom disaster unsafe uncontrollable uncontrolled unchecked
  runaway out-of-control harm harms deadly lethal reckless recklessly recklessness irresponsible
`);

/**
 * Words naming the proposal as the thing evaluated. "Pause" as a verb is a call, as a noun it is the proposal;
 * both count, since either way the evaluation is of pausing.
 */
export const PROPOSAL_TARGET_WORDS = words(`
  pause pauses paused pausing moratorium moratoria moratoriums slowdown slowdowns slowing freeze freezing halt
  halting halts brake brakes braking cap caps capping proposal proposals plan plans letter pledge initiative
  idea call treaty agreement accord truce ceasefire restraint timeout time-out wait waiting stop stopping
  stopped slow pausers signatories signatory supporters supporter proponents proponent advocates advocate
  backers backer safety-first
`);

/**
 * Words naming the other side of the debate: the race the pause would stop and the critics who defend it.
 * Praising these opposes the pause; damning them supports it.
 */
export const RIVAL_TARGET_WORDS = words(`
  race racing racers race-to-the-bottom accelerate accelerating acceleration accelerationist accelerationists
  speed scaling scale-up rush rushing status quo business-as-usual critics critic skeptics sceptics skeptic
  sceptic opponents opponent detractors detractor naysayers deregulation laissez-faire arms
`);

/** Modal necessity: "must", "should", "need to", "time to". */
export const NECESSITY_WORDS = words(`must should ought need needs needed have has time urge urges urged demand demands require requires`);

/** Verbs of stopping or slowing, the content of a call to pause. */
export const PAUSE_VERBS = words(`
  pause pauses pausing paused stop stops stopping halt halts halting freeze freezing slow slows slowing wait
  waiting brake suspend suspending cap capping limit limiting restrain restraining
`);

/** Verbs of going on: the content of a call NOT to pause ("we must keep building"). */
export const CONTINUE_VERBS = words(`
  continue continues continuing keep keeps build building race racing accelerate accelerating push pushing
  compete competing lead leading win winning ship shipping innovate innovating press pressing forge forging
`);

/**
 * Consequences a pause is said to have. Losing ground, costs and displacement are objections; time, safety
 * and lives saved are reasons for it.
 */
export const BAD_CONSEQUENCE_WORDS = words(`
  hand hands handing cede cedes ceding surrender surrenders gift gifts lose loses losing forfeit forfeits
  sacrifice sacrifices stifle stifles stifling starve starves kill kills killing hobble hobbles cripple
  cripples choke chokes punish punishes hurt hurts harm harms drive drives push pushes shift shifts
  offshore relocate lock locks freeze-out entrench entrenches delay delays cost costs benefit benefits reward
  rewards advantage edge lead ahead cheat cheats cheating
`);
export const GOOD_CONSEQUENCE_WORDS = words(`
  buy buys buying time breathing room catch catches allow allows let lets give gives prevent prevents avoid
  avoids protect protects save saves secure secures reduce reduces lower lowers steer steers align aligns
  understand understanding verify verifies inspect inspects audit audits
`);

/** Words that hedge or distance ("supposedly", "so-called"): scare quotes in words. */
export const DISTANCING_WORDS = words(`so-called supposedly allegedly purported purportedly ostensibly apparently`);

/** Verbs of taking a proposal up: "labs should agree to one", "governments must sign it". */
export const ADOPT_VERBS = words(`agree accept adopt sign join back support endorse honour honor embrace heed enact ratify`);
