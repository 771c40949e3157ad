/**
 * Titles spelled out before a name ("Senator Maria Lopez"), which the name a voice is shown by keeps, as they say
 * who someone is; the same person named without them is one speaker (the scorer's voices, the digest's speakers). A closed list: a capitalised word before a name may be a first name ("Ana Maria Lopez" is not "Maria
 * Lopez") or a body's ("National Security Council" is not the "Security Council").
 */
export const SPELLED_OUT_TITLES = new Set([
  'senator', 'representative', 'congressman', 'congresswoman', 'governor', 'mayor', 'president', 'vice', 'prime',
  'minister', 'secretary', 'chancellor', 'ambassador', 'commissioner', 'professor', 'doctor', 'judge', 'justice', 'general',
  'admiral', 'colonel', 'captain', 'sir', 'dame', 'lord', 'lady', 'mep', 'mp', 'ceo', 'chair', 'chairman', 'chairwoman',
  'us', 'u.s.', 'state', 'former', 'deputy', 'assistant', 'associate', 'emeritus', 'sen.', 'rep.', 'gov.', 'prof.', 'dr.',
]);
