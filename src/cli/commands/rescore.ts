import type { Command } from 'commander';
import { dayBounds, isIsoDate } from '../../digest/index.ts';
import { createScorer } from '../../stance/index.ts';
import { articlePages, countArticles, latestScores, replaceScore } from '../../store/index.ts';
import { commandClock, withContext, printJson, type GlobalOptions } from '../context.ts';
import { requirePipelineRuns } from '../pipeline-runs.ts';
import { UsageError } from '../errors.ts';

/** A score's verdict: its label, or, for an article in a language the scorer does not read, whether it is on topic. */
function verdictOf(relevant: boolean, label: string | null): string {
  return relevant ? (label ?? 'on topic, not scored') : 'off topic';
}

export function registerRescore(program: Command): void {
  program
    .command('rescore')
    .description('score stored articles with the current scorer version; earlier scores are kept as history')
    .option('--since <YYYY-MM-DD>', 'only articles first seen on or after this day in the digest time zone')
    .action(async (local: { since?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      if (local.since !== undefined && !isIsoDate(local.since)) throw new UsageError(`--since: expected a day as YYYY-MM-DD, found ${JSON.stringify(local.since)}`);
      await withContext(options, async ({ loaded, store }) => {
        // another pipeline's database would give "0 of 0 articles scored", which reads as nothing to do
        await requirePipelineRuns(loaded, store, options, 'rescore');
        const scorer = createScorer(loaded.pipeline.topic, loaded.pipeline.stance);
        // a score's time orders it among the article's scores, whatever host made them
        const now = await commandClock(store);
        const query = { pipelineId: loaded.pipeline.id, fetchedFrom: local.since ? dayBounds(local.since, loaded.pipeline.digest.timeZone).start : undefined };
        const total = await countArticles(store.db, query);
        const showProgress = !options.quiet && !options.json && Boolean(process.stderr.isTTY);
        let seen = 0;
        let rescored = 0;
        let changed = 0;
        // a page at a time: a history of any length in bounded memory
        for await (const articles of articlePages(store.db, query)) {
          const before = await latestScores(store.db, articles.map((a) => a.id));
          for (const article of articles) {
            seen += 1;
            const previous = before.get(article.id);
            // The version names the scorer and its settings (topic terms, threshold), so an edited pipeline makes
            // every article due. An article is current when its newest score is of this version: settings edited and
            // then edited back leave an older score of this version under a newer one, and that one is made again
            // (replacing its same-version row) so it becomes the newest; other versions stay as history.
            if (previous?.scorer_version === scorer.version) continue;
            const result = scorer.score({ title: article.title, text: article.text, lang: article.lang });
            await replaceScore(store.db, article.id, result, now().toISOString());
            rescored += 1;
            const verdictBefore = previous ? verdictOf(previous.relevant === 1, previous.label) : undefined;
            if (verdictBefore !== undefined && verdictBefore !== verdictOf(result.relevance.relevant, result.stance?.label ?? null)) changed += 1;
            if (showProgress) process.stderr.write(`\rrescoring ${seen}/${Math.max(total, seen)}\u001b[K`);
          }
        }
        if (showProgress) process.stderr.write('\r\u001b[K');
        const summary = { scorerVersion: scorer.version, articles: seen, rescored, alreadyCurrent: seen - rescored, labelsChanged: changed };
        if (options.json) printJson(summary);
        else process.stdout.write(`${rescored} of ${seen} articles scored under ${scorer.version} (${summary.alreadyCurrent} already were); ${changed} changed label or topic.\n`);
      });
    });
}
