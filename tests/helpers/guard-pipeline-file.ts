import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Set up in every test file: the default pipeline file must come out of each file's tests as it went in. `sources
 * add` and `sources update-moved` edit the pipeline file they are given, the default one when none is, so a test that
 * forgot `--pipeline` or `--dry-run` would change the project's own file; this fails the test file that did.
 */
const file = path.resolve(import.meta.dirname, '../../pipelines/ai-pause.ts');
let before = '';

beforeAll(() => {
  before = readFileSync(file, 'utf8');
});

afterAll(() => {
  if (readFileSync(file, 'utf8') !== before) throw new Error(`a test changed ${file}; give sources add and update-moved a pipeline file of the test's own`);
});
