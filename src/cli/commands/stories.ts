import type { Command } from 'commander';
import { listArticles, listStories } from '../../store/index.ts';
import { withContext, printJson, type GlobalOptions } from '../context.ts';
import { table } from '../views.ts';

export function registerStories(program: Command): void {
  program
    .command('stories')
    .description('stories: articles grouped by the event they cover, most recent first')
    .action(async (_local, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withContext(options, async ({ loaded, store }) => {
        const stories = await listStories(store.db, loaded.pipeline.id);
        const articles = await listArticles(store.db, { pipelineId: loaded.pipeline.id });
        const out = stories.map((story) => {
          const members = articles.filter((a) => a.story_id === story.id).sort((a, b) => a.id - b.id);
          return {
            id: story.id,
            label: story.label,
            firstSeen: story.first_seen,
            lastSeen: story.last_seen,
            articleCount: members.length,
            outletCount: new Set(members.map((a) => a.site_name ?? a.source_id)).size,
            articleIds: members.map((a) => a.id),
          };
        });
        if (options.json) return printJson(out);
        const rows = out.map((s) => [String(s.id), String(s.articleCount), String(s.outletCount), s.lastSeen.slice(0, 10), s.label]);
        process.stdout.write(`${table(['id', 'articles', 'outlets', 'last seen', 'label'], rows, [5, 8, 7, 10, 80])}\n`);
      });
    });
}
