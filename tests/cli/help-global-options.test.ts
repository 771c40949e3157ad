import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram, helpWordsAsFlag, main } from '../../src/cli/index.ts';

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

describe('help for a command under another', () => {
  async function printed(argv: string[]): Promise<{ code: number; stdout: string }> {
    let stdout = '';
    const write = process.stdout.write;
    process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
    try {
      return { code: await main(argv), stdout };
    } finally {
      process.stdout.write = write;
    }
  }

  it.each([[['help', 'sources', 'add']], [['sources', 'help', 'add']], [['--pipeline', 'p.ts', 'help', 'sources', 'add']], [['sources', 'add', '--help']]])('%j shows the help of `sources add`', async (argv) => {
    expect(await printed(argv)).toEqual({ code: 0, stdout: expect.stringMatching(/^Usage: pausewatch sources add \[options\] <url>\n/) });
  });

  it('`sources help` shows the help of `sources`, and `help` after a command with none under it is its argument', async () => {
    expect(await printed(['sources', 'help'])).toEqual({ code: 0, stdout: expect.stringMatching(/^Usage: pausewatch sources \[options\] \[command\]\n/) });
    expect(helpWordsAsFlag(buildProgram({ exitCode: 0 }), ['score', 'help'])).toEqual(['score', 'help']);
    expect(helpWordsAsFlag(buildProgram({ exitCode: 0 }), ['help', 'nothing', 'add'])).toEqual(['help', 'nothing', 'add']);
    // --help before a `--`, after which it would be a file's name
    expect(helpWordsAsFlag(buildProgram({ exitCode: 0 }), ['help', 'score', '--', 'notes.txt'])).toEqual(['score', '--help', '--', 'notes.txt']);
  });
});
