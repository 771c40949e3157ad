import type { Command } from 'commander';
import { dayBounds, isIsoDate } from '../../digest/index.ts';
import { createScorer } from '../../stance/index.ts';
import { latestScores, listArticles, replaceScore } from '../../store/index.ts';
import { withContext, printJson, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';

export function registerRescore(program: Command): void {
  program
    .command('rescore')
    .description('score stored articles with the current scorer version; earlier scores are kept as history')
    .option('--since <YYYY-MM-DD>', 'only articles first seen on or after this day in the digest time zone')
    .action(async (local: { since?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      if (local.since !== undefined && !isIsoDate(local.since)) throw new UsageError(`--since: expected a day as YYYY-MM-DD, found ${JSON.stringify(local.since)}`);
      await withContext(options, async ({ loaded, store }) => {
        const scorer = createScorer(loaded.pipeline.topic, loaded.pipeline.stance);
        const articles = await listArticles(store.db, { pipelineId: loaded.pipeline.id, fetchedFrom: local.since ? dayBounds(local.since, loaded.pipeline.digest.timeZone).start : undefined });
        const before = await latestScores(store.db, articles.map((a) => a.id));
        const showProgress = !options.quiet && !options.json && Boolean(process.stderr.isTTY);
        let rescored = 0;
        let changed = 0;
        for (const [index, article] of articles.entries()) {
          const previous = before.get(article.id);
          // The version names the scorer and its settings (topic terms, threshold), so an edited pipeline makes
          // every article due. An article is current when its newest score is of this version: settings edited and
          // then edited back leave an older score of this version under a newer one, and that one is made again
          // (replacing its same-version row) so it becomes the newest; other versions stay as history.
          if (previous?.scorer_version === scorer.version) continue;
          const result = scorer.score({ title: article.title, text: article.text });
          await replaceScore(store.db, article.id, result, new Date().toISOString());
          rescored += 1;
          const previousLabel = previous ? (previous.relevant ? previous.label : null) : undefined;
          if (previousLabel !== undefined && previousLabel !== (result.relevance.relevant ? result.stance?.label ?? null : null)) changed += 1;
          if (showProgress) process.stderr.write(`\rrescoring ${index + 1}/${articles.length}\u001b[K`);
        }
        if (showProgress) process.stderr.write('\r\u001b[K');
        const summary = { scorerVersion: scorer.version, articles: articles.length, rescored, alreadyCurrent: articles.length - rescored, labelsChanged: changed };
        if (options.json) printJson(summary);
        else process.stdout.write(`${rescored} of ${articles.length} articles scored under ${scorer.version} (${summary.alreadyCurrent} already were); ${changed} changed label.\n`);
      });
    });
}
