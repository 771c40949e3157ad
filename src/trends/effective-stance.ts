import type { StanceLabel } from '../model/index.ts';

export interface StoredScore {
  relevant: number;
  relevance: number;
  label: StanceLabel | null;
  score: number | null;
  confidence: number | null;
  scorer_version: string;
  unread_language: string | null;
}

export interface StoredLabel {
  label: StanceLabel | 'irrelevant';
  note: string | null;
  created_at: string;
}

/**
 * The stance that counts for an article: an analyst's label wins over any scorer's. `score`, `confidence` and
 * `scorerVersion` stay the scorer's own (null where it found the article off-topic or never scored it): an analyst
 * gives a verdict, not a number, so none is made up for one.
 */
export interface EffectiveStance {
  relevant: boolean;
  label: StanceLabel | null;
  score: number | null;
  confidence: number | null;
  scorerVersion: string | null;
  override: { label: StanceLabel | 'irrelevant'; note: string | null; at: string } | null;
  /** What trends average: the label's pole (+1, -1, 0) for a labelled article, so mean scores follow the analyst too. */
  trendScore: number | null;
  /**
   * The article's language when the scorer does not read it: on topic or not by that language's words, with no label
   * of the scorer's (an analyst's counts as ever).
   */
  unreadLanguage: string | null;
}

const labelPole: Record<StanceLabel, number> = { support: 1, oppose: -1, neutral: 0 };

export function effectiveStance(score: StoredScore | undefined, label: StoredLabel | undefined): EffectiveStance {
  const scored = score?.relevant === 1;
  const scorer = {
    score: scored ? score!.score : null,
    confidence: scored ? score!.confidence : null,
    scorerVersion: score?.scorer_version ?? null,
    unreadLanguage: score?.unread_language ?? null,
  };
  if (label) {
    const override = { label: label.label, note: label.note, at: label.created_at };
    // off-topic by the analyst's word: no stance, and so no score beside it (a null label always has a null score)
    if (label.label === 'irrelevant') return { relevant: false, label: null, score: null, confidence: null, scorerVersion: scorer.scorerVersion, unreadLanguage: scorer.unreadLanguage, override, trendScore: null };
    return { relevant: true, label: label.label, ...scorer, override, trendScore: labelPole[label.label] };
  }
  return { relevant: scored, label: scored ? score!.label : null, ...scorer, override: null, trendScore: scorer.score };
}

/**
 * The stance that counts for an article of a pipeline, a syndicated copy taking its original's whole (label, override
 * and the scorer's figures): trends, the digest's tallies and the shift count a syndicated group once, by its original,
 * so a copy judged on its own score would stay on-topic beside an original the scorer or an analyst put off-topic. A
 * label given to the copy itself stays in the history but does not count (`label` says so). `scores` and `labels` must
 * hold the originals of the copies asked about.
 */
export function countedStance(
  article: { id: number; duplicate_of: number | null },
  scores: ReadonlyMap<number, StoredScore>,
  labels: ReadonlyMap<number, StoredLabel>,
): EffectiveStance {
  const counted = article.duplicate_of ?? article.id;
  return effectiveStance(scores.get(counted), labels.get(counted));
}
