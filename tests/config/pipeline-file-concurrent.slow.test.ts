import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/config/index.ts';

/**
 * Edits of one pipeline file by several processes at once, as `xargs -P4 pausewatch sources add` and overlapping cron
 * jobs running `sources update-moved` make them: none undoes another's, and none says it was made when it is not in
 * the file. Each edit runs in a process of its own; all of them start the edit at the same moment (each waits for
 * "go" on its stdin once it is ready), so each reads the file before any other has replaced it.
 */

const EDITS = 8;
const pipelineFileModule = path.resolve(import.meta.dirname, '../../src/config/pipeline-file.ts');

/** A process that makes one edit when told "go": `add` an entry, or `move` a feed's URL. Prints "ready", then "done" or the error. */
const EDITOR = `
const { addSourcesToPipelineFile, replaceSourceUrlsInPipelineFile } = await import(${JSON.stringify(pipelineFileModule)});
const [file, kind, arg] = process.argv.slice(1);
process.stdout.write('ready\\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
try {
  if (kind === 'add') await addSourcesToPipelineFile(file, [JSON.parse(arg)]);
  else if ((await replaceSourceUrlsInPipelineFile(file, [JSON.parse(arg)])).length > 0) throw new Error('unfound');
  process.stdout.write('done\\n');
} catch (error) {
  process.stdout.write(error.message + '\\n');
  process.exitCode = 1;
}
process.stdin.destroy();
`;

interface Editor {
  child: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  finished: Promise<{ code: number | null; said: string }>;
}

function startEditor(file: string, kind: 'add' | 'move', arg: object): Editor {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', EDITOR, file, kind, JSON.stringify(arg)], { stdio: 'pipe' });
  let said = '';
  let stderr = '';
  let onReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    said += chunk.toString('utf8');
    if (said.startsWith('ready\n')) onReady();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const finished = new Promise<{ code: number | null; said: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => (said.startsWith('ready\n') ? resolve({ code, said: said.slice('ready\n'.length).trim() }) : reject(new Error(`editor failed to start: ${stderr}`))));
  });
  return { child, ready, finished };
}

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('edits of one pipeline file by several processes at once', () => {
  it('keeps every entry added and every URL moved, and each process that said it made its edit did', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-pipeline-concurrent-'));
    writeFileSync(path.join(dir, 'package.json'), '{}');
    const file = path.join(dir, 'topic.ts');
    const feeds = Array.from({ length: EDITS }, (_, i) => `    { id: 'desk-${i}', kind: 'feed', name: 'Desk ${i}', url: 'https://old.example/desk-${i}' },\n`).join('');
    writeFileSync(file, `// my topic\nexport default {\n  id: 'topic',\n  name: 'Topic',\n  sources: [\n${feeds}  ],\n  topic: { description: 'x', proposalTerms: ['pause'], contextTerms: ['AI'] },\n};\n`);

    // half add an entry, half move a feed
    const editors = Array.from({ length: EDITS }, (_, i) =>
      i % 2 === 0
        ? startEditor(file, 'add', { id: `wire-${i}`, code: `{ id: 'wire-${i}', kind: 'feed', name: 'Wire ${i}', url: 'https://wire.example/${i}' }` })
        : startEditor(file, 'move', { id: `desk-${i}`, from: `https://old.example/desk-${i}`, to: `https://new.example/desk-${i}` }),
    );
    await Promise.all(editors.map((editor) => editor.ready));
    for (const editor of editors) editor.child.stdin.write('go\n');
    const results = await Promise.all(editors.map((editor) => editor.finished));

    expect(results).toEqual(editors.map(() => ({ code: 0, said: 'done' })));
    const sources = (await loadPipeline(file)).pipeline.sources.map((source) => [source.id, source.kind === 'feed' ? source.url : null]);
    const expected = [
      ...Array.from({ length: EDITS }, (_, i) => [`desk-${i}`, `https://${i % 2 === 0 ? 'old' : 'new'}.example/desk-${i}`]),
      ...Array.from({ length: EDITS / 2 }, (_, n) => [`wire-${2 * n}`, `https://wire.example/${2 * n}`]),
    ];
    expect(sources.slice(0, EDITS)).toEqual(expected.slice(0, EDITS));
    expect(sources.slice(EDITS).sort()).toEqual(expected.slice(EDITS).sort());
    // neither lock nor temporary copies left behind
    expect(readdirSync(dir).sort()).toEqual(['package.json', 'topic.ts']);
  }, 120_000);
});
