/**
 * British and American spellings folded to one form, for comparing a wire story with its copy restyled by a paper
 * of the other house style: "61 per cent … organised … centre" against "61 percent … organized … center". A copy
 * restyled so throughout changes a word in every few sentences, and each change breaks the five word shingles around
 * it (`near-duplicate.ts`): a copy of 460 words with fifteen "per cent"s kept 0.69 of its shingles, below the 0.8
 * that makes it a copy. Only the near-copy signature reads the folded words; the exact hash compares the text as it
 * is.
 *
 * The fold goes one way for each pair and need not give a real word: what matters is that both spellings become the
 * same string. A rare word of one spelling that becomes another word ("prize" and "prise") costs a shingle or two
 * between two different texts, which decide nothing.
 */

const WHOLE_WORDS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    programme: 'program', programmes: 'programs',
    defence: 'defense', offence: 'offense', licence: 'license', licences: 'licenses', pretence: 'pretense',
    judgement: 'judgment', judgements: 'judgments', ageing: 'aging', grey: 'gray', tyre: 'tire', tyres: 'tires',
    catalogue: 'catalog', catalogues: 'catalogs', dialogue: 'dialog', dialogues: 'dialogs', analogue: 'analog',
    aluminium: 'aluminum', enrol: 'enroll', enrolment: 'enrollment', fulfil: 'fulfill', fulfilment: 'fulfillment',
    skilful: 'skillful', manoeuvre: 'maneuver', manoeuvres: 'maneuvers', plough: 'plow', sceptic: 'skeptic',
    sceptics: 'skeptics', sceptical: 'skeptical', cheque: 'check', cheques: 'checks', storey: 'story', storeys: 'stories',
  }),
);

/** colour, favour, behaviour, labour, neighbour and the rest: "-our" of these stems, with any ending after it. */
const OUR_WORD = /^(colo|favo|behavio|hono|labo|neighbo|rumo|harbo|humo|flavo|endeavo|armo|savio|vapo|vigo|clamo|odo|parlo|splendo|rigo|tumo|valo)ur(\w*)$/;
/** centre, theatre, metre, litre, fibre, calibre, sombre, spectre, meagre, lustre: "-re" where American writes "-er". */
const RE_WORD = /^(cent|theat|met|lit|fib|calib|somb|spect|meag|lust|sab)r(e|es|ed)$/;
/** What follows "-er" for each ending of a "-re" word: "centre", "centres", "centred" are "center", "centers", "centered". */
const RE_ENDINGS: Record<string, string> = { e: '', es: 's', ed: 'ed' };
/** -ize, -yze and their forms, folded to -ise, -yse (organize, analyzed, realization). */
const IZE_WORD = /([iy])z(e|es|ed|ing|ation|ations|er|ers)$/;
/** A doubled l before an ending (travelled, cancelling, labelled, modeller) where American has one. */
const LL_WORD = /([aeiou])ll(ed|ing|er|ers)$/;

/**
 * The words with each spelling folded. "Per cent" and "percent" are left out, as "%" is (punctuation is no word):
 * "61 per cent", "61 percent" and "61%" are all "61".
 */
export function foldHouseStyle(words: readonly string[]): string[] {
  const folded: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === 'percent') continue;
    if (word === 'per' && words[i + 1] === 'cent') {
      i++;
      continue;
    }
    folded.push(foldWord(word));
  }
  return folded;
}

function foldWord(word: string): string {
  const whole = WHOLE_WORDS.get(word);
  if (whole !== undefined) return whole;
  // the patterns read words of at least five letters: short ones ("size", "call") have no other spelling
  if (word.length < 5) return word;
  // each pattern tried only on words that hold its letters: most words hold none, and the keys of every article are
  // computed with these
  let folded = word;
  if (folded.includes('our')) folded = folded.replace(OUR_WORD, '$1r$2');
  if (folded.includes('re')) folded = folded.replace(RE_WORD, (_, stem: string, ending: string) => `${stem}er${RE_ENDINGS[ending]}`);
  if (folded.includes('z')) folded = folded.replace(IZE_WORD, '$1s$2');
  if (folded.includes('ll')) folded = folded.replace(LL_WORD, '$1l$2');
  return folded;
}
