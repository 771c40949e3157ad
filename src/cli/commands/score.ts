import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { extractArticle } from '../../extract/index.ts';
import { decodeCapture } from '../../ingest/files.ts';
import type { ScoreResult } from '../../model/index.ts';
import { createScorer } from '../../stance/index.ts';
import { openPipeline, printJson, type GlobalOptions } from '../context.ts';
import { ExitCode, fileErrorReason, type CliState } from '../errors.ts';
import { writeText } from '../views.ts';

/** CLI.md's Score shape. */
export function scoreJson(file: string, result: ScoreResult) {
  return {
    file,
    scorerVersion: result.scorerVersion,
    relevance: result.relevance,
    stance: result.stance
      ? { label: result.stance.label, score: result.stance.score, confidence: result.stance.confidence, evidence: result.stance.evidence }
      : { label: null, score: null, confidence: null, evidence: [] },
    voices: result.voices,
  };
}

function formatScore(entry: ReturnType<typeof scoreJson>): string {
  const lines = [`${entry.file}`];
  lines.push(`  relevance ${entry.relevance.score.toFixed(2)} (${entry.relevance.relevant ? 'on topic' : 'off topic'})`);
  for (const match of entry.relevance.evidence.slice(0, 3)) lines.push(`    · ${match}`);
  if (entry.stance.label) {
    lines.push(`  stance ${entry.stance.label} (score ${entry.stance.score!.toFixed(2)}, confidence ${entry.stance.confidence!.toFixed(2)})`);
    for (const e of entry.stance.evidence.slice(0, 5)) lines.push(`    ${e.weight >= 0 ? '+' : ''}${e.weight.toFixed(2)}  ${e.sentence}`);
  }
  for (const voice of entry.voices) lines.push(`  voice ${voice.actor} (${voice.stance}): ${voice.quote}`);
  return lines.join('\n');
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
      const results: ReturnType<typeof scoreJson>[] = [];
      for (const file of files) {
        let bytes: Buffer;
        try {
          bytes = await readFile(file);
        } catch (error) {
          writeText(process.stderr, `cannot read ${file}: ${fileErrorReason(error)}\n`);
          state.exitCode = ExitCode.partial;
          continue;
        }
        const decoded = decodeCapture(file, bytes);
        if ('error' in decoded) {
          writeText(process.stderr, `${decoded.error.code}: ${decoded.error.message}\n`);
          state.exitCode = ExitCode.partial;
          continue;
        }
        const article = extractArticle(decoded.text, decoded.format, null);
        const entry = scoreJson(file, scorer.score({ title: article.title, text: article.text || decoded.text }));
        results.push(entry);
        if (!options.json) writeText(process.stdout, `${formatScore(entry)}\n`);
      }
      if (options.json) printJson(results);
    });
}
