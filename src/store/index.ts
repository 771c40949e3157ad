export { openStore, isPostgresUrl, StoreError, type Store } from './connect.ts';
export * from './sources.ts';
export * from './runs.ts';
export * from './articles.ts';
export * from './stories.ts';
export * from './stance-scores.ts';
export * from './alerts.ts';
export * from './digests.ts';
export type * from './schema.ts';
