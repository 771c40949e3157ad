import type { Command } from 'commander';
import { captureTextError, extractArticle } from '../../extract/index.ts';
import { decodeCapture } from '../../ingest/files.ts';
import type { ScoreResult, StageError } from '../../model/index.ts';
import { signedTwoDecimals, twoDecimals } from '../../model/display-text.ts';
import { languageName } from '../../model/language.ts';
import { createScorer } from '../../stance/index.ts';
import { openPipeline, printJson, type GlobalOptions } from '../context.ts';
import { ExitCode, NamedFileError, readNamedFile, type CliState } from '../errors.ts';
import { writeText } from '../views.ts';

/** CLI.md's Score shape, with `error: null` for a file that was scored. */
export function scoreJson(file: string, result: ScoreResult) {
  return {
    file,
    scorerVersion: result.scorerVersion,
    relevance: result.relevance,
    stance: result.stance
      ? { label: result.stance.label, score: result.stance.score, confidence: result.stance.confidence, evidence: result.stance.evidence }
      : { label: null, score: null, confidence: null, evidence: [] },
    voices: result.voices,
    /** The text's language when the scorer does not read it (it reads English): no stance was judged. */
    unreadLanguage: result.unreadLanguage ?? null,
    error: null,
  };
}

/**
 * The same keys for a file that could not be scored, so `--json` keeps one element per input file, in input order,
 * and a script can match results to files by position.
 */
export function scoreFailureJson(file: string, error: StageError) {
  return { file, scorerVersion: null, relevance: null, stance: null, voices: [], unreadLanguage: null, error: { code: error.code, message: error.message } };
}

function formatScore(entry: ReturnType<typeof scoreJson>): string {
  const lines = [`${entry.file}`];
  const language = entry.unreadLanguage === null ? '' : `, by its ${languageName(entry.unreadLanguage)} words`;
  lines.push(`  relevance ${entry.relevance.score.toFixed(2)} (${entry.relevance.relevant ? 'on topic' : 'off topic'}${language})`);
  for (const match of entry.relevance.evidence.slice(0, 3)) lines.push(`    · ${match}`);
  if (entry.stance.label) {
    lines.push(`  stance ${entry.stance.label} (score ${twoDecimals(entry.stance.score!)}, confidence ${entry.stance.confidence!.toFixed(2)})`);
    for (const e of entry.stance.evidence.slice(0, 5)) lines.push(`    ${signedTwoDecimals(e.weight)}  ${e.sentence}`);
  }
  if (entry.unreadLanguage !== null) lines.push(`  stance not scored: the text is in ${languageName(entry.unreadLanguage)}, and the scorer reads English`);
  for (const voice of entry.voices) lines.push(`  voice ${voice.actor} (${voice.stance}): ${voice.quote}`);
  return lines.join('\n');
}

/** Whether a text is a single line of words (blank lines around it aside). */
function isOneLine(text: string): boolean {
  return !/\S[^\S\r\n]*[\r\n]\s*\S/.test(text);
}

export function registerScore(program: Command, state: CliState): void {
  program
    .command('score')
    .description('score text or HTML files against the pipeline\'s topic: relevance, stance, evidence, voices')
    .argument('<file...>', 'text (.txt) or HTML files; a single paragraph works too')
    .action(async (files: string[], _local, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const { pipeline } = await openPipeline(options);
      const scorer = createScorer(pipeline.topic, pipeline.stance);
      const results: (ReturnType<typeof scoreJson> | ReturnType<typeof scoreFailureJson>)[] = [];
      // Every file is tried. One that cannot be read (not there, a directory, a device, no permission) is a mistake in the
      // command line, as for `feed` and `extract`: exit 2; one that is there but holds no text failed as an item: exit 1.
      let unreadable = false;
      let failed = false;
      for (const file of files) {
        let bytes: Buffer;
        try {
          bytes = await readNamedFile(file);
        } catch (error) {
          if (!(error instanceof NamedFileError)) throw error;
          // a usage error, worded as `extract` and `feed` word it; the other files are still scored
          writeText(process.stderr, `pausewatch: ${error.message}\n`);
          results.push(scoreFailureJson(file, { code: error.code, message: error.message }));
          unreadable = true;
          continue;
        }
        const decoded = decodeCapture(file, bytes);
        if ('error' in decoded) {
          writeText(process.stderr, `${decoded.error.code}: ${decoded.error.message}\n`);
          results.push(scoreFailureJson(file, decoded.error));
          failed = true;
          continue;
        }
        const article = extractArticle(decoded.text, decoded.format, null);
        // A page is scored on its article text only, never on its tags, scripts and styles. A text of one line is
        // scored as it is, though the capture cleaner reads a lone line as a headline with no body; a text of more
        // lines with no body is a capture of page furniture ("Subscribe", "Sign in"), which runs and `extract`
        // refuse as empty, and so does this.
        const asOneLine = decoded.format === 'text' && article.text === '' && isOneLine(decoded.text);
        const text = asOneLine ? decoded.text.trim() : article.text;
        const error = captureTextError(file, text);
        if (error) {
          writeText(process.stderr, `${error.code}: ${error.message}\n`);
          results.push(scoreFailureJson(file, error));
          failed = true;
          continue;
        }
        // the line the cleaner took for a headline is scored once, as the text
        const entry = scoreJson(file, scorer.score({ title: asOneLine ? null : article.title, text, lang: article.lang }));
        results.push(entry);
        if (!options.json) writeText(process.stdout, `${formatScore(entry)}\n`);
      }
      if (options.json) printJson(results);
      if (unreadable) state.exitCode = ExitCode.usage;
      else if (failed) state.exitCode = ExitCode.partial;
    });
}
