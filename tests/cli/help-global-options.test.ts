import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, main } from '../../src/cli/index.ts';

const GLOBAL_FLAGS = ['--pipeline <file>', '--database <path-or-url>', '--json', '--quiet'];

/** Every command under `command`, nested ones (`sources add`) included. */
function commandsUnder(command: Command): Command[] {
  return command.commands.flatMap((sub) => [sub, ...commandsUnder(sub)]);
}

describe("a command's --help", () => {
  it('lists the global flags too, for every command', () => {
    const commands = commandsUnder(buildProgram({ exitCode: 0 }));
    expect(commands.map((command) => command.name())).toEqual(expect.arrayContaining(['feed', 'run', 'articles', 'label', 'rescore', 'add']));
    for (const command of commands) {
      const help = command.helpInformation();
      expect(help, command.name()).toContain('Global Options:');
      for (const flag of GLOBAL_FLAGS) expect(help, `${command.name()} ${flag}`).toContain(flag);
    }
  });

  it('says so when asked from the command line: `pausewatch feed --help` names --json', async () => {
    let stdout = '';
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
    let code: number;
    try {
      code = await main(['feed', '--help']);
    } finally {
      process.stdout.write = write;
    }
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: pausewatch feed /);
    expect(stdout).toMatch(/\n {2}--json +machine-readable output on stdout/);
  });
});
