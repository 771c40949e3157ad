import { Command } from 'commander';
import type { CliState } from '../../src/cli/errors.ts';

/** What a `register…` function of `src/cli/commands/` is: it adds its command to the program. */
export type Register = (program: Command, state: CliState) => void;
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the commands `registers` add, in this process, with the global flags `pausewatch` has, and captures what they
 * print and the exit code they set: a command's own behaviour without starting a process for each call.
 */
export async function runCommands(registers: readonly Register[], args: string[]): Promise<CommandResult> {
  const state: CliState = { exitCode: 0 };
  const program = new Command('pausewatch').option('--pipeline <file>').option('--database <path-or-url>').option('--json').option('--quiet').exitOverride();
  for (const register of registers) register(program, state);
  for (const command of program.commands) command.exitOverride();
  const { stdout, stderr } = await capturingOutput(() => program.parseAsync(args, { from: 'user' }));
  return { code: state.exitCode, stdout, stderr };
}

/** Runs `work` with what this process writes to stdout and stderr captured instead of printed. */
export async function capturingOutput<T>(work: () => Promise<T>): Promise<{ result: T; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { result: await work(), stdout, stderr };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
  }
}
