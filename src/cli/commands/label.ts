import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import { allLatestLabels, applyStanceLabel, clearStanceLabel, articlesByIds, getArticle, latestScoreVerdicts, type ArticleRow, type Database } from '../../store/index.ts';
import { commandClock, withContext, printJson, type GlobalOptions } from '../context.ts';
import { requirePipelineRuns } from '../pipeline-runs.ts';
import { fileErrorReason, storedId, UsageError } from '../errors.ts';
import { shownHeadline } from '../../model/display-text.ts';
import { commandLine, table, writeText } from '../views.ts';

const LABELS = ['support', 'oppose', 'neutral', 'irrelevant'] as const;
type Label = (typeof LABELS)[number];

function parseLabel(value: string): Label {
  if (!(LABELS as readonly string[]).includes(value)) {
    throw new UsageError(`--stance: expected one of ${LABELS.join(', ')}, found ${JSON.stringify(value)}`);
  }
  return value as Label;
}

export function registerLabel(program: Command): void {
  program
    .command('label')
    .description('record an analyst\'s stance for an article (or withdraw it with --clear); it wins over the scorer in the digest and trends')
    .argument('<article-id>', 'id from `pausewatch articles`')
    .option('--stance <label>', `one of ${LABELS.join(', ')} (irrelevant takes it out of the stance statistics)`)
    .option('--clear', 'withdraw the article\'s label, so the scorer\'s stance counts again (the history stays)')
    .option('--note <text>', 'why, for the record')
    .action(async (idText: string, local: { stance?: string; clear?: boolean; note?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      // `--note ''` (a script's empty variable) is no note, as none given is: not a note of nothing beside the label
      const note = local.note === undefined || local.note.trim() === '' ? null : local.note;
      const { id: typedId, shown } = storedId(idText, '<article-id>', 'an article id');
      if ((local.stance === undefined) === (local.clear === undefined)) throw new UsageError('label: give either --stance <label> or --clear');
      const label = local.stance === undefined ? null : parseLabel(local.stance);
      await withContext(options, async ({ loaded, store }) => {
        // another pipeline's database would only say "no article 6", which reads as a wrong id
        await requirePipelineRuns(loaded, store, options, 'label');
        const article = typedId === null ? undefined : await getArticle(store.db, typedId);
        if (!article || article.pipeline_id !== loaded.pipeline.id) throw new UsageError(`<article-id>: no article ${shown} in pipeline ${loaded.pipeline.id}`);
        const id = article.id;
        // labels of one article are ordered by when they were set: by one clock, whatever host sets them
        const at = (await commandClock(store))().toISOString();
        if (label === null) return clearLabel(store.db, article, note, at, options.json === true);
        const applied = await applyStanceLabel(store.db, { articleId: id, label, note, at });
        const inForce = applied.label;
        if (options.json) {
          printJson({ articleId: id, label, note: inForce.note, at: inForce.created_at, duplicateOf: article.duplicate_of, recorded: applied.recorded });
        } else {
          const said = !applied.recorded
            ? `article ${id} is already labelled ${label}`
            : applied.previous?.label === label
              ? `article ${id} is still labelled ${label}, with the new note`
              : `article ${id} labelled ${label}`;
          writeText(process.stdout, `${said}: ${shownHeadline(article)}\n`);
        }
        // A syndicated group counts once, by its original, in trends, the digest, stories and articles: a copy's label changes none of them.
        if (article.duplicate_of !== null) {
          writeText(
            process.stderr,
            `note: article ${id} is a syndicated copy of article ${article.duplicate_of}; its copies count as the original does in trends, ` +
              `the digest, stories and articles, so label the original for this verdict to count: ${commandLine(`label ${article.duplicate_of} --stance ${label}`, options)}\n`,
          );
        }
      });
    });

  program
    .command('labels')
    .description('list analyst labels, or export them as evaluation data (JSON lines: id, text, label, actor)')
    .option('--export <file>', 'write the labelled articles as JSON lines for `npm run eval:stance -- --file <file>`')
    .action(async (local: { export?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      // an empty name (a script's unset variable) listed the labels instead, exit 0, and the file was never written
      if (local.export !== undefined && local.export.trim() === '') throw new UsageError('--export: expected a file to write the labels to, found an empty name');
      await withContext(options, async ({ loaded, store }) => {
        await requirePipelineRuns(loaded, store, options, 'list');
        const labels = await allLatestLabels(store.db, loaded.pipeline.id);
        // the labelled articles only, not the pipeline's whole history
        const articles = await articlesByIds(store.db, labels.map((l) => l.article_id));
        const rows = labels.map((l) => {
          const article = articles.get(l.article_id);
          // an untitled article is shown by its first words, as `articles` and the digest show it
          const shown = article ? shownHeadline(article) : '';
          return { articleId: l.article_id, label: l.label, note: l.note, at: l.created_at, title: article?.title ?? null, duplicateOf: article?.duplicate_of ?? null, shown, text: article?.text ?? '' };
        });
        if (local.export) {
          // evaluation data for the scorer, which reads English: articles in other languages would only count as misses
          const scores = await latestScoreVerdicts(store.db, rows.map((r) => r.articleId));
          const exported = rows.filter((r) => !scores.get(r.articleId)?.unread_language);
          const leftOut = rows.length - exported.length;
          const lines = exported.map((r) => JSON.stringify({ id: `article-${r.articleId}`, text: [r.title, r.text].filter(Boolean).join('\n\n'), label: r.label, actor: '' }));
          try {
            await writeFile(local.export, lines.length ? `${lines.join('\n')}\n` : '');
          } catch (error) {
            throw new UsageError(`--export: cannot write ${local.export}: ${fileErrorReason(error)}`);
          }
          if (options.json) return printJson({ file: local.export, count: exported.length, otherLanguagesLeftOut: leftOut });
          if (!options.quiet) {
            const others = leftOut === 0 ? '' : ` (${leftOut} in languages the scorer does not read left out)`;
            writeText(process.stdout, `${exported.length} labelled article${exported.length === 1 ? '' : 's'} written to ${local.export}${others}\n`);
          }
          return;
        }
        if (options.json) return printJson(rows.map(({ text: _text, shown: _shown, ...r }) => r));
        // a label given to a syndicated copy does not count (the pair counts by its original), as `label` warned
        const noteOf = (r: (typeof rows)[number]) => [r.duplicateOf === null ? null : `copy of #${r.duplicateOf}: not counted`, r.note].filter(Boolean).join('; ');
        writeText(process.stdout, `${table(['id', 'label', 'labelled at', 'title', 'note'], rows.map((r) => [String(r.articleId), r.label, r.at.slice(0, 16), r.shown, noteOf(r)]), [5, 10, 16, 60, 40])}\n`);
      });
    });
}

/**
 * Withdraws an article's label by recording a `cleared` row, so the history of verdicts stays. An article without a
 * label in force is left as it is: clearing twice records nothing twice.
 */
async function clearLabel(db: Kysely<Database>, article: ArticleRow, note: string | null, at: string, json: boolean): Promise<void> {
  const withdrawn = await clearStanceLabel(db, { articleId: article.id, note, at });
  if (json) return printJson({ articleId: article.id, label: null, cleared: withdrawn?.label ?? null, note, at: withdrawn ? at : null });
  writeText(
    process.stdout,
    withdrawn
      ? `article ${article.id}: label ${withdrawn.label} withdrawn; its scored stance counts again: ${shownHeadline(article)}\n`
      : `article ${article.id} has no label to withdraw: ${shownHeadline(article)}\n`,
  );
}
