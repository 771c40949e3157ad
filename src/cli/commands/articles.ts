import type { Command } from 'commander';
import { listArticles, listSources, listStories, latestScores, latestLabels } from '../../store/index.ts';
import { withContext, printJson, type GlobalOptions } from '../context.ts';
import { positiveWholeNumber, UsageError } from '../errors.ts';
import { articleJson, commandLine, table } from '../views.ts';
import { shownHeadline } from '../../model/display-text.ts';
import { localDate } from '../../digest/index.ts';

export function registerArticles(program: Command): void {
  program
    .command('articles')
    .description('what is stored: articles with their stance, duplicate-of and story ids')
    .option('--limit <n>', 'newest n articles', '100')
    .option('--story <id>', 'only the articles of one story')
    .action(async (local: { limit: string; story?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const limit = positiveWholeNumber(local.limit, '--limit');
      const storyId = local.story === undefined ? null : positiveWholeNumber(local.story, '--story', 'a story id');
      await withContext(options, async ({ loaded, store }) => {
        if (storyId !== null && !(await listStories(store.db, loaded.pipeline.id)).some((story) => story.id === storyId)) {
          throw new UsageError(`--story: no story ${storyId} in pipeline ${loaded.pipeline.id} (\`${commandLine('stories', options)}\` lists them)`);
        }
        let rows = await listArticles(store.db, { pipelineId: loaded.pipeline.id, limit: storyId === null ? limit : undefined });
        if (storyId !== null) rows = rows.filter((r) => r.story_id === storyId).slice(0, limit);
        const sources = new Map((await listSources(store.db, loaded.pipeline.id)).map((s) => [s.id, s]));
        const scores = await latestScores(store.db, rows.map((r) => r.id));
        const labels = await latestLabels(store.db, rows.map((r) => r.id));
        const articles = rows.map((row) => articleJson(row, sources.get(row.source_id), scores.get(row.id), labels.get(row.id)));
        if (options.json) return printJson(articles);
        const out = articles.map((a, index) => [
          String(a.id),
          (a.stance.label ?? 'off-topic') + (a.stance.override ? '*' : ''),
          a.relevance === null ? '-' : a.relevance.toFixed(2),
          a.duplicateOf === null ? '' : `#${a.duplicateOf}`,
          a.storyId === null ? '' : String(a.storyId),
          // the day in the digest time zone, as the digest and trends show it
          a.publishedAt ? localDate(new Date(a.publishedAt), loaded.pipeline.digest.timeZone) : '?',
          a.source.id,
          shownHeadline(rows[index]!),
        ]);
        process.stdout.write(`${table(['id', 'stance', 'rel', 'dup of', 'story', 'published', 'source', 'title'], out, [5, 10, 4, 6, 5, 10, 18, 70])}\n`);
      });
    });
}
