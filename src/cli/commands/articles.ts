import type { Command } from 'commander';
import { articlePages, countArticles, hasStory, listSources, latestScores, latestLabels, storyMergedInto, type ArticleQuery, type ArticleRow } from '../../store/index.ts';
import { withContext, printJsonArray, type GlobalOptions } from '../context.ts';
import { requirePipelineRuns } from '../pipeline-runs.ts';
import { positiveWholeNumber, storedId, UsageError } from '../errors.ts';
import { articleJson, commandLine, writeTablePages, type ArticleJson } from '../views.ts';
import { shownHeadline } from '../../model/display-text.ts';
import { dayOf } from '../../digest/day.ts';
import { countedStance } from '../../trends/index.ts';

/** The rows the table shows without --limit; --json, which a script reads, lists every article unless told otherwise. */
export const TABLE_LIMIT = 100;

const HEADERS = ['id', 'stance', 'rel', 'dup of', 'story', 'published', 'source', 'title'];
const WIDTHS = [5, 11, 4, 6, 5, 10, 18, 70];

export function registerArticles(program: Command): void {
  program
    .command('articles')
    .description('what is stored: articles with their stance, duplicate-of and story ids, newest first')
    .option('--limit <n>', `the newest n articles (default: all of them with --json, the newest ${TABLE_LIMIT} in the table)`)
    .option('--story <id>', 'only the articles of one story')
    .action(async (local: { limit?: string; story?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const limit = local.limit === undefined ? undefined : positiveWholeNumber(local.limit, '--limit');
      const story = local.story === undefined ? null : storedId(local.story, '--story', 'a story id');
      await withContext(options, async ({ loaded, store }) => {
        await requirePipelineRuns(loaded, store, options);
        let storyId = story?.id ?? null;
        if (story !== null && (storyId === null || !(await hasStory(store.db, loaded.pipeline.id, storyId)))) {
          // a story a digest named before it was found to be one with another: its articles are that one's now
          const merged = storyId === null ? null : await storyMergedInto(store.db, loaded.pipeline.id, storyId);
          if (merged === null) throw new UsageError(`--story: no story ${story.shown} in pipeline ${loaded.pipeline.id} (\`${commandLine('stories', options)}\` lists them)`);
          if (!options.quiet) process.stderr.write(`pausewatch: story ${story.shown} joined story ${merged.intoId} on ${dayOf(merged.mergedAt, loaded.pipeline.digest.timeZone)}; these are the articles of story ${merged.intoId}\n`);
          storyId = merged.intoId;
        }
        // the story's articles are picked in the query, not out of every article of the pipeline
        const query: ArticleQuery = {
          pipelineId: loaded.pipeline.id,
          ...(storyId === null ? {} : { storyId }),
          ...(limit === undefined && options.json ? {} : { limit: limit ?? TABLE_LIMIT }),
        };
        const sources = new Map((await listSources(store.db, loaded.pipeline.id)).map((s) => [s.id, s]));
        // A page at a time, with the scores and labels of that page: a history of any length in bounded memory.
        async function* pages(): AsyncGenerator<{ row: ArticleRow; relevant: boolean; article: ArticleJson }[]> {
          for await (const rows of articlePages(store.db, query)) {
            // the originals of the copies listed too, whose stance the copies show
            const ids = [...new Set(rows.flatMap((r) => (r.duplicate_of === null ? [r.id] : [r.id, r.duplicate_of])))];
            const scores = await latestScores(store.db, ids);
            const labels = await latestLabels(store.db, ids);
            yield rows.map((row) => {
              // A copy shows the stance that counts for it, its original's, as trends and the digest count it; its
              // relevance score, evidence and voices, which are about its own text, stay its own.
              const { relevant, trendScore: _trendScore, ...stance } = countedStance(row, scores, labels);
              return { row, relevant, article: { ...articleJson(row, sources.get(row.source_id), scores.get(row.id), labels.get(row.id)), onTopic: relevant, stance } };
            });
          }
        }
        if (options.json) {
          return printJsonArray((async function* () {
            for await (const page of pages()) yield page.map(({ article }) => article);
          })());
        }
        const shown = await writeTablePages(HEADERS, WIDTHS, (async function* () {
          for await (const page of pages()) {
            yield page.map(({ row, relevant, article: a }) => [
              String(a.id),
              // on topic in a language the scorer does not read: no stance, and the language says why
              (a.stance.label ?? (relevant && a.stance.unreadLanguage ? `unread ${a.stance.unreadLanguage.replace(/^und-/, '')}` : 'off-topic')) + (a.stance.override ? '*' : ''),
              a.relevance === null ? '-' : a.relevance.toFixed(2),
              a.duplicateOf === null ? '' : `#${a.duplicateOf}`,
              a.storyId === null ? '' : String(a.storyId),
              // the day in the digest time zone, as the digest and trends show it
              a.publishedAt ? dayOf(a.publishedAt, loaded.pipeline.digest.timeZone) : '?',
              a.source.id,
              shownHeadline(row),
            ]);
          }
        })());
        // Only the default cuts without being asked to: said, with how many there are and how to see them.
        if (limit === undefined && shown === TABLE_LIMIT && !options.quiet) {
          const total = await countArticles(store.db, query);
          if (total > shown) {
            process.stderr.write(`pausewatch: the newest ${shown} of ${total} articles; \`--limit ${total}\` shows them all, and --json lists them all\n`);
          }
        }
      });
    });
}
