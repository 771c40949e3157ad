import type { Command } from 'commander';
import type { StoryMemberRow } from '../../store/index.ts';
import { latestLabels, latestScoreVerdicts, listStories, storyMembers } from '../../store/index.ts';
import { dayOf } from '../../digest/day.ts';
import { countedStance } from '../../trends/index.ts';
import { withContext, printJson, type GlobalOptions } from '../context.ts';
import { requirePipelineRuns } from '../pipeline-runs.ts';
import { table } from '../views.ts';

export function registerStories(program: Command): void {
  program
    .command('stories')
    .description('stories: articles grouped by the event they cover, most recent first')
    .action(async (_local, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withContext(options, async ({ loaded, store }) => {
        await requirePipelineRuns(loaded, store, options);
        const stories = await listStories(store.db, loaded.pipeline.id);
        // the articles of stories only, without their text, and the verdicts that count for them: their originals'
        const articles = await storyMembers(store.db, loaded.pipeline.id);
        const counted = [...new Set(articles.map((a) => a.duplicate_of ?? a.id))];
        const scores = await latestScoreVerdicts(store.db, counted);
        const labels = await latestLabels(store.db, counted);
        const byStory = new Map<number, StoryMemberRow[]>();
        for (const article of articles) {
          const members = byStory.get(article.story_id);
          if (members) members.push(article);
          else byStory.set(article.story_id, [article]);
        }
        // A story whose articles all moved elsewhere (databases of earlier releases kept them) is not listed.
        const out = stories.flatMap((story) => {
          const members = (byStory.get(story.id) ?? []).sort((a, b) => a.id - b.id);
          if (members.length === 0) return [];
          return [
            {
              id: story.id,
              label: story.label,
              firstSeen: story.first_seen,
              lastSeen: story.last_seen,
              articleCount: members.length,
              // the digest leaves off-topic stories out; here they are listed, and this says which they are (a copy
              // on-topic or not as its original is, as the digest counts it)
              onTopicCount: members.filter((a) => countedStance(a, scores, labels).relevant).length,
              outletCount: new Set(members.map((a) => a.site_name ?? a.source_id)).size,
              articleIds: members.map((a) => a.id),
            },
          ];
        });
        if (options.json) return printJson(out);
        // the day in the digest time zone, as the digest, articles and trends show days: not the UTC date of the instant,
        // which names the next day for a story last seen in a New York evening
        const timeZone = loaded.pipeline.digest.timeZone;
        const rows = out.map((s) => [String(s.id), String(s.articleCount), String(s.onTopicCount), String(s.outletCount), dayOf(s.lastSeen, timeZone), s.label]);
        process.stdout.write(`${table(['id', 'articles', 'on topic', 'outlets', 'last seen', 'label'], rows, [5, 8, 8, 7, 10, 80])}\n`);
      });
    });
}
