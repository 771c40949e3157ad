import type { StanceLabel } from '../model/index.ts';

export interface StoredScore {
  relevant: number;
  relevance: number;
  label: StanceLabel | null;
  score: number | null;
  confidence: number | null;
  scorer_version: string;
}

export interface StoredLabel {
  label: StanceLabel | 'irrelevant';
  note: string | null;
  created_at: string;
}

/** The stance that counts for an article: an analyst's label wins over any scorer's. */
export interface EffectiveStance {
  relevant: boolean;
  label: StanceLabel | null;
  score: number | null;
  confidence: number | null;
  scorerVersion: string | null;
  override: { label: StanceLabel | 'irrelevant'; note: string | null; at: string } | null;
}

/** Score of a labelled article: the label's pole, so trends' mean scores follow the analyst too. */
const labelScore: Record<StanceLabel, number> = { support: 1, oppose: -1, neutral: 0 };

export function effectiveStance(score: StoredScore | undefined, label: StoredLabel | undefined): EffectiveStance {
  const scorerVersion = score?.scorer_version ?? null;
  if (label) {
    const override = { label: label.label, note: label.note, at: label.created_at };
    if (label.label === 'irrelevant') return { relevant: false, label: null, score: null, confidence: null, scorerVersion, override };
    return { relevant: true, label: label.label, score: labelScore[label.label], confidence: 1, scorerVersion, override };
  }
  if (!score) return { relevant: false, label: null, score: null, confidence: null, scorerVersion, override: null };
  return {
    relevant: score.relevant === 1,
    label: score.relevant === 1 ? score.label : null,
    score: score.relevant === 1 ? score.score : null,
    confidence: score.relevant === 1 ? score.confidence : null,
    scorerVersion,
    override: null,
  };
}
