/** Whether a labelled speaker and a speaker the scorer lists are one, for the stance evals. */

function normaliseActor(actor: string): string[] {
  return actor
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !['the', 'an', 'our', 'its', 'their', 'his', 'her', 'these', 'those', 'this', 'that', 'some', 'of', 'and'].includes(word))
    .map((word) => word.replace(/s$/, ''));
}

/** Surface forms match when at least half of the shorter one's words appear in the other. */
export function actorsMatch(gold: string, predicted: string): boolean {
  const a = normaliseActor(gold);
  const b = normaliseActor(predicted);
  if (a.length === 0 || b.length === 0) return false;
  const shared = a.filter((word) => b.includes(word)).length;
  return shared / Math.min(a.length, b.length) >= 0.5;
}
