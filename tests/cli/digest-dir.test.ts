import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerDigest } from '../../src/cli/commands/digest.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { UsageError } from '../../src/cli/errors.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

describe('a digest.dir the digests cannot go to', () => {
  let project: TempProject;
  const definition = (dir: string) => ({
    ...pipelineDefinition({ id: 'dir', name: 'Dir', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }),
    digest: { dir },
  });

  beforeEach(async () => {
    project = await tempProject({ name: 'digest-dir', database: freshSqlite, commands: [registerRun, registerDigest] });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    // a file where the folder would go: no user of root's powers can write there either
    project.writeFile('notes', 'a file, not a folder\n');
  });
  afterEach(() => project.remove());

  it('stops run before it fetches or stores anything, as a configuration error naming digest.dir and why', async () => {
    project.writePipeline(definition('notes/digests'));
    const refused = project.cli('run', '--quiet');
    await expect(refused).rejects.toThrow(UsageError);
    await expect(refused).rejects.toThrow(/^digest\.dir in .*pipeline\.ts: cannot write digests to .*notes\/digests: a part of the path is a file, not a folder$/);
    // nor creates the database, which the next read command would find empty rather than missing
    expect(existsSync(project.database.target)).toBe(false);
  });

  it('stops digest the same way, and both work once the folder can be written', async () => {
    project.writePipeline(definition('data/digests'));
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    project.writePipeline(definition('notes/digests'));
    await expect(project.cli('digest', '--quiet')).rejects.toThrow(/^digest\.dir in .*: cannot write digests to .*notes\/digests: a part of the path is a file, not a folder$/);
    project.writePipeline(definition('data/other-digests'));
    expect((await project.cli('digest', '--quiet')).code).toBe(0);
    expect(existsSync(path.join(project.root, 'data', 'other-digests'))).toBe(true);
  });
});
