import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { PipelineConfigError, PipelineLoadError } from '../config/index.ts';
import { DigestWriteError } from '../run/write-digest.ts';
import { RunInProgressError, StoreError } from '../store/index.ts';
import { registerArticles } from './commands/articles.ts';
import { registerDigest } from './commands/digest.ts';
import { registerExtract } from './commands/extract.ts';
import { registerFeed } from './commands/feed.ts';
import { registerSourcesAdd } from './commands/sources-add.ts';
import { registerSourcesUpdateMoved } from './commands/sources-update-moved.ts';
import { registerSourcesRecheck } from './commands/sources-recheck.ts';
import { registerSourcesHistory } from './commands/sources-history.ts';
import { registerLabel } from './commands/label.ts';
import { registerRescore } from './commands/rescore.ts';
import { registerTrends } from './commands/trends.ts';
import { registerRun } from './commands/run.ts';
import { registerScore } from './commands/score.ts';
import { registerSources } from './commands/sources.ts';
import { registerStories } from './commands/stories.ts';
import { IN_MEMORY_REFUSAL } from './context.ts';
import { ExitCode, UsageError, type CliState } from './errors.ts';
import { writeText } from './views.ts';

/** An option's value, refused when empty (`--database ""`, an unset shell variable): commander names the flag. */
function notEmpty(expected: string): (value: string) => string {
  return (value) => {
    if (value.trim() === '') throw new InvalidArgumentError(`It is empty: give ${expected}.`);
    return value;
  };
}

/** `--database`: not empty, and not SQLite's in-memory database (see IN_MEMORY_REFUSAL). */
function databaseFlag(value: string): string {
  notEmpty('a SQLite file or a postgres:// URL')(value);
  if (value === ':memory:') throw new InvalidArgumentError(`It ${IN_MEMORY_REFUSAL}.`);
  return value;
}

export function buildProgram(state: CliState): Command {
  const program = new Command('pausewatch')
    .description('Monitor news coverage of the proposal for a coordinated global pause of frontier AI development')
    .option('--pipeline <file>', 'pipeline definition file (default: pipelines/ai-pause.ts)', notEmpty('a pipeline file'))
    .option('--database <path-or-url>', 'SQLite file or postgres:// URL (default: DATABASE_URL, else data/pausewatch.db)', databaseFlag)
    .option('--json', 'machine-readable output on stdout; progress and logs go to stderr')
    .option('--quiet', 'no progress, only the summary')
    .showHelpAfterError('(run with --help for usage)')
    // Every command's --help lists the global flags too (`feed --help` says --json exists); commands added below
    // share this setting, and so do the ones added under them (`sources add`).
    .configureHelp({ showGlobalOptions: true })
    .exitOverride();
  registerRun(program, state);
  registerDigest(program);
  registerSources(program);
  // After `sources`: adds `sources add` under it.
  registerSourcesAdd(program, state);
  registerSourcesUpdateMoved(program, state);
  registerSourcesRecheck(program);
  registerSourcesHistory(program);
  registerFeed(program, state);
  registerArticles(program);
  registerStories(program);
  registerScore(program, state);
  registerExtract(program, state);
  registerTrends(program);
  registerLabel(program);
  registerRescore(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** The global flags that take a value: the word after them is theirs, not a command's. */
const FLAGS_WITH_VALUES = new Set(['--pipeline', '--database']);

/**
 * `help sources add` and `sources help add` as `sources add --help`. Commander's help command reads one name, so the
 * first showed the help of `sources`, and under `sources`, which runs itself, `help` was refused as an argument.
 */
export function helpWordsAsFlag(program: Command, argv: readonly string[]): string[] {
  const operands: number[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const word = argv[i]!;
    if (word === '--') break;
    if (word.startsWith('-')) {
      if (FLAGS_WITH_VALUES.has(word)) i += 1;
      continue;
    }
    operands.push(i);
  }
  const words = operands.map((i) => argv[i]!);
  // `help a b` or `a help b`
  const helpAt = words.indexOf('help');
  const path = helpAt === 0 ? words.slice(1, 3) : helpAt === 1 ? [words[0]!, ...words.slice(2, 3)] : [];
  let command: Command | undefined = program;
  for (const name of path) command = command?.commands.find((sub) => sub.name() === name || sub.aliases().includes(name));
  // a path naming no command is Commander's to refuse, and `help` after a command with none under it is an argument
  // (a file named help)
  if (path.length === 0 || command === undefined || (helpAt === 1 && program.commands.find((sub) => sub.name() === words[0])?.commands.length === 0)) return [...argv];
  // the global flags kept, the words of the path and `help` taken out, --help before a `--` (after it, a word)
  const taken = new Set(operands.slice(0, path.length + 1));
  const rest = argv.filter((_word, i) => !taken.has(i));
  const end = rest.indexOf('--');
  return end === -1 ? [...path, ...rest, '--help'] : [...path, ...rest.slice(0, end), '--help', ...rest.slice(end)];
}

/** Runs the CLI and returns the exit code. The only place errors become exit codes. */
export async function main(argv: readonly string[]): Promise<number> {
  const state: CliState = { exitCode: ExitCode.ok };
  const program = buildProgram(state);
  if (argv.length === 0) {
    program.outputHelp();
    return ExitCode.usage;
  }
  try {
    await program.parseAsync(helpWordsAsFlag(program, argv), { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, successfully.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    // A database or digest folder that cannot take what is written (a full disk) is the set-up's to mend, as one that
    // cannot be opened is: exit 2, with the file and the reason, not an internal error's stack trace.
    if (
      error instanceof PipelineConfigError || error instanceof PipelineLoadError || error instanceof UsageError || error instanceof StoreError ||
      error instanceof RunInProgressError || error instanceof DigestWriteError
    ) {
      writeText(process.stderr, `pausewatch: ${error.message}\n`);
      return ExitCode.usage;
    }
    // the reader of stdout stopped reading (`| head`): what it took is what it wanted, and the work was done
    if ((error as NodeJS.ErrnoException | null)?.code === 'EPIPE') return state.exitCode;
    process.stderr.write(`pausewatch: internal error: ${(error as Error).stack ?? String(error)}\n`);
    return ExitCode.internal;
  }
}
