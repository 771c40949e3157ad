import type { Command } from 'commander';
import { isIsoDate } from '../../digest/index.ts';
import { createScorer } from '../../stance/index.ts';
import { hasScore, latestScores, listArticles, saveScore } from '../../store/index.ts';
import { withContext, printJson, type GlobalOptions } from '../context.ts';
import { UsageError } from '../errors.ts';

export function registerRescore(program: Command): void {
  program
    .command('rescore')
    .description('score stored articles with the current scorer version; earlier scores are kept as history')
    .option('--since <YYYY-MM-DD>', 'only articles first seen on or after this day (UTC)')
    .action(async (local: { since?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      if (local.since !== undefined && !isIsoDate(local.since)) throw new UsageError(`--since: expected a day as YYYY-MM-DD, found ${JSON.stringify(local.since)}`);
      await withContext(options, async ({ loaded, store }) => {
        const scorer = createScorer(loaded.pipeline.topic, loaded.pipeline.stance);
        const articles = await listArticles(store.db, { pipelineId: loaded.pipeline.id, fetchedFrom: local.since ? `${local.since}T00:00:00.000Z` : undefined });
        const before = await latestScores(store.db, articles.map((a) => a.id));
        const showProgress = !options.quiet && !options.json && Boolean(process.stderr.isTTY);
        let rescored = 0;
        let changed = 0;
        for (const [index, article] of articles.entries()) {
          if (await hasScore(store.db, article.id, scorer.version)) continue;
          const result = scorer.score({ title: article.title, text: article.text });
          await saveScore(store.db, article.id, result, new Date().toISOString());
          rescored += 1;
          const previous = before.get(article.id);
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
