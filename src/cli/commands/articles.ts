import type { Command } from 'commander';
import { listArticles, listSources, listStories, latestScores, latestLabels } from '../../store/index.ts';
import { withContext, printJson, type GlobalOptions } from '../context.ts';
import { requirePipelineRuns } from '../pipeline-runs.ts';
import { positiveWholeNumber, storedId, UsageError } from '../errors.ts';
import { articleJson, commandLine, table } from '../views.ts';
import { shownHeadline } from '../../model/display-text.ts';
import { dayOf } from '../../digest/day.ts';
import { countedStance } from '../../trends/index.ts';

export function registerArticles(program: Command): void {
  program
    .command('articles')
    .description('what is stored: articles with their stance, duplicate-of and story ids')
    .option('--limit <n>', 'newest n articles', '100')
    .option('--story <id>', 'only the articles of one story')
    .action(async (local: { limit: string; story?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const limit = positiveWholeNumber(local.limit, '--limit');
      const story = local.story === undefined ? null : storedId(local.story, '--story', 'a story id');
      await withContext(options, async ({ loaded, store }) => {
        await requirePipelineRuns(loaded, store, options);
        if (story !== null && !(await listStories(store.db, loaded.pipeline.id)).some((row) => row.id === story.id)) {
          throw new UsageError(`--story: no story ${story.shown} in pipeline ${loaded.pipeline.id} (\`${commandLine('stories', options)}\` lists them)`);
        }
        const storyId = story?.id ?? null;
        let rows = await listArticles(store.db, { pipelineId: loaded.pipeline.id, limit: storyId === null ? limit : undefined });
        if (storyId !== null) rows = rows.filter((r) => r.story_id === storyId).slice(0, limit);
        const sources = new Map((await listSources(store.db, loaded.pipeline.id)).map((s) => [s.id, s]));
        // the originals of the copies listed too, whose stance the copies show
        const ids = [...new Set(rows.flatMap((r) => (r.duplicate_of === null ? [r.id] : [r.id, r.duplicate_of])))];
        const scores = await latestScores(store.db, ids);
        const labels = await latestLabels(store.db, ids);
        const articles = rows.map((row) => {
          // A copy shows the stance that counts for it, its original's, as trends and the digest count it; its
          // relevance score, evidence and voices, which are about its own text, stay its own.
          const { relevant: _relevant, trendScore: _trendScore, ...stance } = countedStance(row, scores, labels);
          return { ...articleJson(row, sources.get(row.source_id), scores.get(row.id), labels.get(row.id)), stance };
        });
        if (options.json) return printJson(articles);
        const out = articles.map((a, index) => [
          String(a.id),
          (a.stance.label ?? 'off-topic') + (a.stance.override ? '*' : ''),
          a.relevance === null ? '-' : a.relevance.toFixed(2),
          a.duplicateOf === null ? '' : `#${a.duplicateOf}`,
          a.storyId === null ? '' : String(a.storyId),
          // the day in the digest time zone, as the digest and trends show it
          a.publishedAt ? dayOf(a.publishedAt, loaded.pipeline.digest.timeZone) : '?',
          a.source.id,
          shownHeadline(rows[index]!),
        ]);
        process.stdout.write(`${table(['id', 'stance', 'rel', 'dup of', 'story', 'published', 'source', 'title'], out, [5, 10, 4, 6, 5, 10, 18, 70])}\n`);
      });
    });
}
