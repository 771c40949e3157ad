import { compareNames } from '../model/display-text.ts';
import { nameAfterTitles } from '../model/person-titles.ts';
import type { StanceLabel } from '../model/index.ts';
import type { DigestArticle, DigestVoice } from './select.ts';

/** Leading words that count or point at a group without changing who it is: "Two senators" are senators. */
const GROUP_DETERMINERS = new Set([
  'the', 'these', 'those', 'some', 'many', 'several', 'most', 'all', 'both', 'other', 'one', 'two', 'three', 'four',
  'five', 'six', 'seven', 'eight', 'nine', 'ten', 'dozens', 'hundreds',
]);

/**
 * Titles before a person's name ("Dr. Marsh", "Sen. Ruth Adeyemi", "Prof Ann Lee"): they change no more who is meant
 * than a determiner does. The scorer shows a full name without one; a surname keeps its title ("Dr. Marsh"), and names
 * stored by an older scorer keep theirs ("Dr. Helen Marsh").
 */
const NAME_TITLE = /^(?:(?:mr|mrs|ms|mx|dr|prof)\.?|(?:messrs|sen|sens|rep|reps|gov|gen|col|lt|sgt|capt|cmdr|adm|maj|cpl|rev|hon|fr|supt|insp)\.|\(ret\.?\))$/i;

/** A speaker as one article names them. */
interface ActorName {
  /** As written, spacing collapsed. */
  written: string;
  /** Without leading determiners and titles: "Two senators" → "senators", "Dr. Marsh" → "Marsh". */
  bare: string;
  wordCount: number;
  hasDeterminer: boolean;
}

function parseActorName(actor: string): ActorName {
  const words = actor.replace(/\s+/g, ' ').trim().split(' ');
  let start = 0;
  // The last word stays even if it is one of them: "Many" alone is all the text says of the speaker.
  while (start < words.length - 1 && (GROUP_DETERMINERS.has(words[start]!.toLowerCase()) || /^\d+$/.test(words[start]!) || NAME_TITLE.test(words[start]!))) start++;
  return { written: words.join(' '), bare: words.slice(start).join(' '), wordCount: words.length - start, hasDeterminer: start > 0 };
}

const keyOf = (name: ActorName) => name.bare.toLowerCase();
const isCapitalised = (text: string) => /^\p{Lu}/u.test(text);

/** The lower-case words a personal name may hold ("Ursula von der Leyen"); any other ("of", "and", "in") joins a name to something else. */
const NAME_PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'della', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'ter', 'ten', 'dos', 'das', 'y']);

/**
 * Whether a name of several words is one person's full name, whose last word is a surname: capitalised words and name
 * particles only. "Jack Clark of Anthropic", "Li Wei of the Bank of China" and "Marina Favaro and Jack Clark" end with
 * an organisation, a place or a second person, so a lone "Anthropic", "China" or "Clark" elsewhere is not theirs.
 */
function isPersonalName(name: ActorName): boolean {
  if (name.wordCount < 2) return false;
  const words = name.bare.split(' ');
  return isCapitalised(words.at(-1)!) && words.every((word) => isCapitalised(word) || NAME_PARTICLES.has(word));
}

/**
 * Group keys across the digest: a full name with titles spelled out before it is the person named after them
 * ("Senator Maria Lopez", "US Senator Maria Lopez" and "Maria Lopez" are one; "Ana Maria Lopez" and the "National
 * Security Council" are other people and bodies: see nameAfterTitles), and "Sacks" (or "Dr. Sacks") joins "David
 * Sacks" when exactly one person in the digest has that surname. Two ("Jack Clark", "Wesley Clark") leave "Clark"
 * apart, since merging would make one voice of two people. Only a person's full name takes a surname
 * (isPersonalName): "China" does not join "Li Wei of the Bank of China". Within an article the scorer has already
 * resolved these; this does it across articles.
 */
function resolveSurnames(names: readonly ActorName[]): Map<string, string> {
  // a full name with titles before it is the person named after them: "senator maria lopez" is "maria lopez"
  const personOf = (key: string) => nameAfterTitles(key) ?? key;
  const people = [...new Set(names.filter(isPersonalName).map((name) => personOf(keyOf(name))))];
  const canonical = new Map<string, string>();
  for (const name of names) {
    const key = keyOf(name);
    if (canonical.has(key)) continue;
    if (isPersonalName(name)) canonical.set(key, personOf(key));
    else {
      const owners = name.wordCount === 1 && isCapitalised(name.bare) ? people.filter((person) => person.endsWith(` ${key}`)) : [];
      canonical.set(key, owners.length === 1 ? owners[0]! : key);
    }
  }
  return canonical;
}

/**
 * The name to show for a group: the fullest ("David Sacks" over "Sacks"), then one without a count or determiner
 * ("Senators" over "Two senators", which was one article's count, not the group's), then a capitalised one, then
 * the first quoted.
 */
function displayName(names: readonly ActorName[]): string {
  const best = names.reduce((a, b) =>
    b.wordCount !== a.wordCount ? (b.wordCount > a.wordCount ? b : a)
    : b.hasDeterminer !== a.hasDeterminer ? (a.hasDeterminer ? b : a)
    : !isCapitalised(a.written) && isCapitalised(b.written) ? b
    : a);
  return best.written;
}

interface ActorGroup {
  names: ActorName[];
  sides: Map<StanceLabel, { articleIds: Set<number>; quote: string }>;
}

/**
 * Speakers across articles, one entry per speaker and side, counted in articles: syndicated copies are left out by
 * the caller, so a wire quote counts once, and a speaker quoted twice in one article (under any of their names)
 * counts once for it. Neutral statements count only for a speaker who took no side anywhere: "neutral" says they
 * took none, which a supporting or opposing quote contradicts. A speaker on both sides stays on both.
 */
export function collectDigestVoices(articles: readonly DigestArticle[]): DigestVoice[] {
  const quoted = articles.flatMap((article) => article.voices.map((voice) => ({ article, voice, name: parseActorName(voice.actor) })));
  const canonical = resolveSurnames(quoted.map((q) => q.name));
  const groups = new Map<string, ActorGroup>();
  for (const { article, voice, name } of quoted) {
    const key = canonical.get(keyOf(name))!;
    const group: ActorGroup = groups.get(key) ?? { names: [], sides: new Map() };
    groups.set(key, group);
    group.names.push(name);
    const side = group.sides.get(voice.stance) ?? { articleIds: new Set<number>(), quote: voice.quote };
    group.sides.set(voice.stance, side);
    side.articleIds.add(article.id);
  }

  const voices: DigestVoice[] = [];
  for (const group of groups.values()) {
    const actor = displayName(group.names);
    const tookSide = group.sides.has('support') || group.sides.has('oppose');
    for (const [stance, side] of group.sides) {
      if (stance === 'neutral' && tookSide) continue;
      voices.push({ actor, stance, articles: side.articleIds.size, quote: side.quote });
    }
  }
  return voices.sort((a, b) => b.articles - a.articles || compareNames(a.actor, b.actor));
}
