/**
 * Turns a TopicDefinition's plain phrases into phrase-matcher patterns. Phrases match case-insensitively on
 * word boundaries, and each word also matches its regular inflections ("pause" → "pauses", "paused",
 * "pausing"; "stop" → "stopped"), because pipeline authors write the dictionary form.
 */

import { tokenize } from './tokenize.ts';

const VOWEL = /[aeiou]/;

/** The dictionary form and its regular inflections. */
export function inflect(word: string): string[] {
  if (!/^[a-z]+$/.test(word) || word.length < 3) return [word];
  const forms = new Set([word]);
  const last = word.at(-1)!;
  const stem = word.slice(0, -1);
  if (last === 'e') {
    forms.add(`${word}s`).add(`${word}d`).add(`${stem}ing`);
  } else if (last === 'y' && !VOWEL.test(word.at(-2)!)) {
    forms.add(`${stem}ies`).add(`${stem}ied`).add(`${word}ing`);
  } else if (/(s|x|z|ch|sh)$/.test(word)) {
    forms.add(`${word}es`).add(`${word}ed`).add(`${word}ing`);
  } else {
    forms.add(`${word}s`).add(`${word}ed`).add(`${word}ing`);
    // Short consonant-vowel-consonant verbs double the final consonant: stop → stopped, stopping.
    if (word.length <= 4 && !VOWEL.test(last) && VOWEL.test(word.at(-2)!) && !VOWEL.test(word.at(-3)!) && !/[wxy]/.test(last)) {
      forms.add(`${word}${last}ed`).add(`${word}${last}ing`);
    }
  }
  return [...forms];
}

/** Turns a plain phrase ("frontier AI", "slow down") into a phrase-matcher pattern with inflected slots. */
export function phraseToPattern(phrase: string): string | null {
  const words = tokenize(phrase).map((token) => token.word).filter((word) => !/^[,;:!?()"—.]$/.test(word));
  if (words.length === 0) return null;
  return words.map((word) => inflect(word).join('|')).join(' ');
}
