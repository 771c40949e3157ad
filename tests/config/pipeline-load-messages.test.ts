import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/index.ts';
import { loadPipeline, PipelineConfigError, PipelineLoadError } from '../../src/config/index.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const defineFrom = JSON.stringify(path.join(repoRoot, 'src/config/index.ts'));
const validObject = `{ id: 'x', name: 'X', sources: [{ id: 's', kind: 'files', name: 'S', glob: 'seeds/*.txt' }], topic: { description: 'd', proposalTerms: ['pause'], contextTerms: ['AI'] } }`;
const howToExport = 'export default definePipeline({ ... })';

/**
 * Both kinds of project a pipeline file lives in: without `"type": "module"` tsx runs a .ts file as CommonJS (and
 * Node hands its exports over wrapped), with it as an ES module.
 */
const projectKinds = [
  { kind: 'a CommonJS project', packageJson: '{}' },
  { kind: 'an ES module project', packageJson: '{"type":"module"}' },
] as const;

function pipelineFile(packageJson: string, source: string, name = 'topic.ts'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-load-messages-'));
  writeFileSync(path.join(dir, 'package.json'), packageJson);
  const file = path.join(dir, name);
  writeFileSync(file, source);
  return file;
}

async function loadFailure(file: string): Promise<Error> {
  try {
    await loadPipeline(file);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${file} loaded`);
}

describe.each(projectKinds)('loading a pipeline file in $kind', ({ packageJson }) => {
  it('without a default export says so, naming the file, what it exports instead and how a pipeline file exports', async () => {
    const file = pipelineFile(packageJson, 'export const notDefault = 1;\n');
    const error = await loadFailure(file);
    expect(error).toBeInstanceOf(PipelineLoadError);
    expect(error.message).toBe(`pipeline file ${file} has no default export (it exports only notDefault): a pipeline file exports its definition as the default, as in \`${howToExport}\``);
  });

  it('that is empty says it has no default export', async () => {
    const error = await loadFailure(pipelineFile(packageJson, ''));
    expect(error).toBeInstanceOf(PipelineLoadError);
    expect(error.message).toMatch(/ has no default export/);
    expect(error.message).toContain(howToExport);
    expect(error.message).not.toMatch(/expected a/);
  });

  it.each([
    ['a string', 'export default "ai-pause";'],
    ['a number', 'export default 42;'],
    ['a function', `export default function pipeline() { return ${validObject}; }`],
    ['null', 'export default null;'],
    ['an array', `export default [${validObject}];`],
  ])('whose default export is %s says what it is, not a pipeline definition', async (kind, source) => {
    const file = pipelineFile(packageJson, `${source}\n`);
    const error = await loadFailure(file);
    expect(error).toBeInstanceOf(PipelineLoadError);
    expect(error.message).toBe(`the default export of pipeline file ${file} is ${kind}, not a pipeline definition: a pipeline file exports its definition as the default, as in \`${howToExport}\``);
  });

  it('loads a default export beside named exports, one of them named like a field', async () => {
    const file = pipelineFile(packageJson, `export const id = 'not the pipeline';\nexport const note = 1;\nexport default ${validObject};\n`);
    expect((await loadPipeline(file)).pipeline.id).toBe('x');
  });

  it('reports an invalid definition field by field, with "an" before array, object and int', async () => {
    const file = pipelineFile(packageJson, `export default { id: 'x', name: 'X', fetch: { concurrency: 1.5 } };\n`);
    const error = await loadFailure(file);
    expect(error).toBeInstanceOf(PipelineConfigError);
    expect(error.message).toBe(
      [
        `invalid pipeline definition in ${file} (3 problems):`,
        '  - sources: expected an array, found nothing',
        '  - topic: expected an object, found nothing',
        '  - fetch.concurrency: expected an int, found 1.5',
      ].join('\n'),
    );
  });

  it('reports a definition that definePipeline rejects in the file itself with the same wording, naming the file', async () => {
    const file = pipelineFile(packageJson, `import { definePipeline } from ${defineFrom};\nexport default definePipeline({ id: 'x', name: 'X', sources: 'seeds', topic: { description: 'd', proposalTerms: ['p'], contextTerms: ['c'] } } as never);\n`);
    const error = await loadFailure(file);
    expect(error).toBeInstanceOf(PipelineConfigError);
    expect(error.message).toBe(`invalid pipeline definition in ${file} (1 problem):\n  - sources: expected an array, found "seeds"`);
  });

  it('that throws something other than an Error says what it threw, naming the file', async () => {
    for (const [thrown, said] of [['null', 'it threw null'], ["'no config today'", 'it threw "no config today"']] as const) {
      const error = await loadFailure(pipelineFile(packageJson, `throw ${thrown};\nexport default ${validObject};\n`));
      expect(error).toBeInstanceOf(PipelineLoadError);
      expect(error.message).toMatch(new RegExp(`^cannot load pipeline file .*topic\\.ts: ${said}$`));
    }
  });

  it('that calls process.exit as it loads is refused, and the process goes on to say so', async () => {
    const exit = process.exit;
    const error = await loadFailure(pipelineFile(packageJson, `process.exit(0);\nexport default ${validObject};\n`));
    expect(error).toBeInstanceOf(PipelineLoadError);
    expect(error.message).toMatch(/topic\.ts: it called process\.exit\(0\) as it loaded, which would end the command having done nothing$/);
    // two loads at once give process.exit back as it was
    await Promise.all([loadFailure(pipelineFile(packageJson, `process.exit(1);\nexport default ${validObject};\n`)), loadPipeline(pipelineFile(packageJson, `export default ${validObject};\n`))]);
    expect(process.exit).toBe(exit);
  });
});

describe('a pipeline file that is not a file', () => {
  it('a directory or a named pipe is refused at once, not loaded as a package or waited on', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-load-messages-'));
    expect((await loadFailure(dir)).message).toBe(`the pipeline file ${dir} is a directory, not a file`);
    const fifo = path.join(dir, 'topic.ts');
    execFileSync('mkfifo', [fifo]);
    expect((await loadFailure(fifo)).message).toBe(`the pipeline file ${fifo} is a named pipe (FIFO), not a file`);
  });
});

describe('a command given a pipeline file without a default export', () => {
  it('prints what is wrong with the file and exits with 2, the configuration error code', async () => {
    const file = pipelineFile('{}', 'export const pipeline = 1;\n');
    let stderr = '';
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(['sources', '--pipeline', file, '--database', path.join(path.dirname(file), 'db.sqlite')]);
    } finally {
      process.stderr.write = write;
    }
    expect(code).toBe(2);
    expect(stderr).toBe(`pausewatch: pipeline file ${file} has no default export (it exports only pipeline): a pipeline file exports its definition as the default, as in \`${howToExport}\`\n`);
  });
});
