import type { CreateTableBuilder, Kysely, Migration, MigrationProvider } from 'kysely';
import * as initial from './001-initial.ts';
import * as stanceLabels from './002-stance-labels.ts';
import * as sourceTtl from './003-source-ttl.ts';
import * as oneRunningRun from './004-one-running-run.ts';
import * as sourceServerWait from './005-source-server-wait.ts';
import * as articlePageRetries from './006-article-page-retries.ts';
import * as sourcesPerPipeline from './007-sources-per-pipeline.ts';
import * as sourceNextCheckReason from './008-source-next-check-reason.ts';
import * as runOwner from './009-run-owner.ts';
import * as articleUrlsWithoutLogins from './010-article-urls-without-logins.ts';
import * as sourceLastWarnings from './011-source-last-warnings.ts';
import * as articleFeedLinks from './012-article-feed-links.ts';
import * as longFeedValues from './013-long-feed-values.ts';
import * as doublePrecisionScores from './014-double-precision-scores.ts';
import * as digestEmails from './015-digest-emails.ts';
import * as articlePublicationIndex from './016-article-publication-index.ts';
import * as emailChannelRecipients from './017-email-channel-recipients.ts';
import * as digestEmailChannels from './018-digest-email-channels.ts';
import * as articleCopiesIndex from './019-article-copies-index.ts';
import * as sourceUrlsWithoutLogins from './020-source-urls-without-logins.ts';
import * as itemKeysWithoutLogins from './021-item-keys-without-logins.ts';
import * as itemKeysWithSummaries from './022-item-keys-with-summaries.ts';
import * as sourceLocationChangedAt from './023-source-location-changed-at.ts';
import * as sourceLastReadPublished from './024-source-last-read-published.ts';
import * as alertArticleIndex from './025-alert-article-index.ts';
import * as articleOutletUrls from './026-article-outlet-urls.ts';
import * as refusedFiles from './027-refused-files.ts';
import * as hostWaits from './028-host-waits.ts';
import * as sourceFreshness from './029-source-freshness.ts';
import * as sourceSkipTimes from './030-source-skip-times.ts';
import * as sourceLastDocument from './031-source-last-document.ts';
import * as sourceRateLimit from './032-source-rate-limit.ts';
import * as runAliveAt from './033-run-alive-at.ts';
import * as leftoverLongWaits from './034-leftover-long-waits.ts';
import * as failedPagesIndex from './035-failed-pages-index.ts';
import * as sourceValidatorsUrl from './036-source-validators-url.ts';
import * as storiesLastSeenIndex from './037-stories-last-seen-index.ts';
import * as storyMerges from './038-story-merges.ts';
import * as alertNotBefore from './039-alert-not-before.ts';
import * as scoreUnreadLanguage from './040-score-unread-language.ts';

export type Dialect = 'sqlite' | 'postgres';

/** What a migration may ask of the dialect without importing today's code. */
export interface MigrationContext {
  dialect: Dialect;
  /** Adds an auto-incrementing integer primary key `id`: the one column type the two dialects spell differently. */
  idColumn<T extends string>(table: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'>;
}

type MigrationModule = { up(db: Kysely<any>, context: MigrationContext): Promise<void> };

/** Forward-only: applied in name order, never edited once released, no `down`. */
const migrations: Record<string, MigrationModule> = {
  '001-initial': initial,
  '002-stance-labels': stanceLabels,
  '003-source-ttl': sourceTtl,
  '004-one-running-run': oneRunningRun,
  '005-source-server-wait': sourceServerWait,
  '006-article-page-retries': articlePageRetries,
  '007-sources-per-pipeline': sourcesPerPipeline,
  '008-source-next-check-reason': sourceNextCheckReason,
  '009-run-owner': runOwner,
  '010-article-urls-without-logins': articleUrlsWithoutLogins,
  '011-source-last-warnings': sourceLastWarnings,
  '012-article-feed-links': articleFeedLinks,
  '013-long-feed-values': longFeedValues,
  '014-double-precision-scores': doublePrecisionScores,
  '015-digest-emails': digestEmails,
  '016-article-publication-index': articlePublicationIndex,
  '017-email-channel-recipients': emailChannelRecipients,
  '018-digest-email-channels': digestEmailChannels,
  '019-article-copies-index': articleCopiesIndex,
  '020-source-urls-without-logins': sourceUrlsWithoutLogins,
  '021-item-keys-without-logins': itemKeysWithoutLogins,
  '022-item-keys-with-summaries': itemKeysWithSummaries,
  '023-source-location-changed-at': sourceLocationChangedAt,
  '024-source-last-read-published': sourceLastReadPublished,
  '025-alert-article-index': alertArticleIndex,
  '026-article-outlet-urls': articleOutletUrls,
  '027-refused-files': refusedFiles,
  '028-host-waits': hostWaits,
  '029-source-freshness': sourceFreshness,
  '030-source-skip-times': sourceSkipTimes,
  '031-source-last-document': sourceLastDocument,
  '032-source-rate-limit': sourceRateLimit,
  '033-run-alive-at': runAliveAt,
  '034-leftover-long-waits': leftoverLongWaits,
  '035-failed-pages-index': failedPagesIndex,
  '036-source-validators-url': sourceValidatorsUrl,
  '037-stories-last-seen-index': storiesLastSeenIndex,
  '038-story-merges': storyMerges,
  '039-alert-not-before': alertNotBefore,
  '040-score-unread-language': scoreUnreadLanguage,
};

export function migrationProvider(dialect: Dialect): MigrationProvider {
  const context: MigrationContext = {
    dialect,
    idColumn: (table) =>
      dialect === 'postgres'
        ? table.addColumn('id', 'serial', (c) => c.primaryKey())
        : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
  };
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, module] of Object.entries(migrations)) out[name] = { up: (db) => module.up(db, context) };
      return out;
    },
  };
}
