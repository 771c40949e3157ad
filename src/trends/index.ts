export { countedStance, effectiveStance, type EffectiveStance, type StoredScore, type StoredLabel } from './effective-stance.ts';
export { aggregateTrends, appearedAt, cutPeriods, earliestPublished, partialPeriods, periodOf, storedTimeBounds, type CutPeriod, type TrendPeriod, type TrendPoint, type TrendRow } from './aggregate.ts';
