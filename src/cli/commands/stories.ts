import type { Command } from 'commander';
import type { StoryMemberRow, StoryQuery } from '../../store/index.ts';
import { countStories, latestLabels, latestScoreVerdicts, listSources, singleSiteNames, storyMembers, storyPages } from '../../store/index.ts';
import { dayBounds, dayOf, isIsoDate } from '../../digest/day.ts';
import { countedStance } from '../../trends/index.ts';
import { withContext, printJsonArray, type GlobalOptions } from '../context.ts';
import { requirePipelineRuns } from '../pipeline-runs.ts';
import { positiveWholeNumber, UsageError } from '../errors.ts';
import { writeTablePages } from '../views.ts';

/** The stories the table shows without --limit; --json, which a script reads, lists every story unless told otherwise. */
export const STORIES_TABLE_LIMIT = 100;

const HEADERS = ['id', 'articles', 'on topic', 'outlets', 'last seen', 'label'];
const WIDTHS = [5, 8, 8, 7, 10, 80];

interface StoryJson {
  id: number;
  label: string;
  firstSeen: string;
  lastSeen: string;
  articleCount: number;
  onTopicCount: number;
  outletCount: number;
  articleIds: number[];
}

export function registerStories(program: Command): void {
  program
    .command('stories')
    .description('stories: articles grouped by the event they cover, most recently seen first')
    .option('--limit <n>', `the n most recently seen stories (default: all of them with --json, the ${STORIES_TABLE_LIMIT} most recent in the table)`)
    .option('--since <YYYY-MM-DD>', 'only the stories seen on or after this day, in the digest time zone')
    .action(async (local: { limit?: string; since?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const limit = local.limit === undefined ? undefined : positiveWholeNumber(local.limit, '--limit');
      if (local.since !== undefined && !isIsoDate(local.since)) throw new UsageError(`--since: expected a day as YYYY-MM-DD, found ${JSON.stringify(local.since)}`);
      await withContext(options, async ({ loaded, store }) => {
        await requirePipelineRuns(loaded, store, options);
        const timeZone = loaded.pipeline.digest.timeZone;
        const query: StoryQuery = {
          pipelineId: loaded.pipeline.id,
          ...(local.since === undefined ? {} : { seenSince: dayBounds(local.since, timeZone).start }),
        };
        const wanted = limit ?? (options.json ? Number.POSITIVE_INFINITY : STORIES_TABLE_LIMIT);
        // A page of stories at a time, with their articles (without their text) and the verdicts that count for them,
        // their originals': a year's history listed whole in bounded memory.
        let siteNames: Map<string, string> | undefined;
        async function* pages(): AsyncGenerator<StoryJson[]> {
          let left = wanted;
          for await (const stories of storyPages(store.db, query)) {
            const page = stories.slice(0, left);
            const articles = await storyMembers(store.db, page.map((story) => story.id));
            const counted = [...new Set(articles.map((a) => a.duplicate_of ?? a.id))];
            const scores = await latestScoreVerdicts(store.db, counted);
            const labels = await latestLabels(store.db, counted);
            // an article whose page was not read is named by its source's read pages, as the digest names it: read once,
            // for every source, at the first page that needs it
            if (articles.some((a) => a.site_name === null)) siteNames ??= await singleSiteNames(store.db, loaded.pipeline.id, (await listSources(store.db, loaded.pipeline.id)).map((source) => source.id));
            const byStory = new Map<number, StoryMemberRow[]>();
            for (const article of articles) {
              const members = byStory.get(article.story_id);
              if (members) members.push(article);
              else byStory.set(article.story_id, [article]);
            }
            // a story whose articles all moved to another since the order was read is no story now
            const listed = page.filter((story) => byStory.has(story.id));
            yield listed.map((story) => {
              const members = byStory.get(story.id)!;
              return {
                id: story.id,
                label: story.label,
                firstSeen: story.first_seen,
                lastSeen: story.last_seen,
                articleCount: members.length,
                // the digest leaves off-topic stories out; here they are listed, and this says which they are (a copy
                // on-topic or not as its original is, as the digest counts it)
                onTopicCount: members.filter((a) => countedStance(a, scores, labels).relevant).length,
                outletCount: new Set(members.map((a) => a.site_name ?? siteNames?.get(a.source_id) ?? a.source_id)).size,
                articleIds: members.map((a) => a.id),
              };
            });
            left -= listed.length;
            if (left <= 0) return;
          }
        }
        if (options.json) return printJsonArray(pages());
        const shown = await writeTablePages(HEADERS, WIDTHS, (async function* () {
          // the day in the digest time zone, as the digest, articles and trends show days: not the UTC date of the
          // instant, which names the next day for a story last seen in a New York evening
          for await (const page of pages()) yield page.map((s) => [String(s.id), String(s.articleCount), String(s.onTopicCount), String(s.outletCount), dayOf(s.lastSeen, timeZone), s.label]);
        })());
        // Only the default cuts without being asked to: said, with how many there are and how to see them.
        if (limit === undefined && shown === STORIES_TABLE_LIMIT && !options.quiet) {
          const total = await countStories(store.db, query);
          if (total > shown) {
            const since = local.since === undefined ? '' : ` --since ${local.since}`;
            process.stderr.write(`pausewatch: the ${shown} most recently seen of ${total} stories; \`--limit ${total}${since}\` shows them all, and --json lists them all\n`);
          }
        }
      });
    });
}
