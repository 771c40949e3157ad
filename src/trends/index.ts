export { effectiveStance, type EffectiveStance, type StoredScore, type StoredLabel } from './effective-stance.ts';
export { aggregateTrends, periodOf, type TrendPeriod, type TrendPoint, type TrendRow } from './aggregate.ts';
