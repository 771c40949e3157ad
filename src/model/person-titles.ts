/**
 * Titles spelled out before a name ("Senator Maria Lopez"), which the name a voice is shown by keeps, as they say who
 * someone is; the same person named without them is one speaker (the scorer's voices, the digest's speakers). A
 * closed list: a capitalised word before a name may be a first name ("Ana Maria Lopez" is not "Maria Lopez") or a
 * body's ("National Security Council" is not the "Security Council").
 */
export const SPELLED_OUT_TITLES = new Set([
  'senator', 'representative', 'congressman', 'congresswoman', 'governor', 'mayor', 'president', 'minister',
  'secretary', 'chancellor', 'ambassador', 'commissioner', 'professor', 'doctor', 'judge', 'justice', 'general',
  'admiral', 'colonel', 'captain', 'sir', 'dame', 'lord', 'lady', 'mep', 'mp', 'ceo', 'cto', 'founder', 'chair',
  'chairman', 'chairwoman', 'director', 'spokesperson', 'spokesman', 'spokeswoman', 'economist', 'researcher', 'sen.',
  'rep.', 'gov.', 'prof.', 'dr.',
]);

/**
 * The name after the titles before it, when it has some and two words or more follow them: "Maria Lopez" of
 * "Senator Maria Lopez", of "US Senator Maria Lopez" and of "Senator maria lopez"; "Sam Altman" of "OpenAI CEO Sam
 * Altman". Null for a name without: "Ana Maria Lopez", the "National Security Council".
 */
export function nameAfterTitles(name: string): string | null {
  const words = name.split(' ');
  for (let i = words.length - 3; i >= 0; i--) if (SPELLED_OUT_TITLES.has(words[i]!.toLowerCase())) return words.slice(i + 1).join(' ');
  return null;
}

/** Whether two names are one person's, written with titles and without, or with others ("Senator", "US Senator"). */
export function isSameTitledPerson(a: string, b: string): boolean {
  const x = nameAfterTitles(a);
  const y = nameAfterTitles(b);
  return (x !== null || y !== null) && (x ?? a).toLowerCase() === (y ?? b).toLowerCase();
}
