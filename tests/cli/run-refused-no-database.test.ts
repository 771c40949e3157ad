import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PipelineConfigError } from '../../src/config/index.ts';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { UsageError } from '../../src/cli/errors.ts';
import { StoreError } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

const captures = { id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' };

describe.each(dialects)('a first run its settings refuse, on $name', ({ name, fresh }) => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({ name: 'run-refused', database: fresh, commands: [registerRun, registerArticles] });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
  });
  afterEach(() => project.remove());

  /** What a read command says once the run was refused: that there is no database, as before the run. */
  const noDatabase = () =>
    name === 'sqlite'
      ? { name: 'StoreError', message: `no database at ${project.database.target}: \`pausewatch run\` creates it (or check --database and DATABASE_URL)` }
      : { name: 'StoreError', message: expect.stringMatching(/^no pausewatch tables in .+: `pausewatch run` creates them/) };

  const expectNoDatabase = async () => {
    if (name === 'sqlite') expect(existsSync(project.database.target)).toBe(false);
    // was "no pipeline has run against …": the run had created and migrated the database before it refused
    await expect(project.cli('articles', '--json')).rejects.toBeInstanceOf(StoreError);
    await expect(project.cli('articles', '--json')).rejects.toMatchObject(noDatabase());
  };

  it('leaves no database behind when digest.dir holds another pipeline\'s digests', async () => {
    project.writeFile('data/digests/2026-06-01.json', JSON.stringify({ pipeline: { id: 'review' }, date: '2026-06-01' }));
    project.writePipeline(pipelineDefinition({ id: 'hundred', name: 'Hundred', sources: [captures] }));
    const refused = project.cli('run', '--quiet');
    await expect(refused).rejects.toBeInstanceOf(UsageError);
    await expect(refused).rejects.toThrow(/^digest\.dir in \S*pipeline\.ts: \S*data\/digests holds the digests of pipeline "review" \(2026-06-01\.json\); give pipeline "hundred" a folder of its own/);
    await expectNoDatabase();
  });

  it('leaves no database behind when digest.dir cannot be made', async () => {
    project.writeFile('notes', 'a file, not a folder\n');
    project.writePipeline({ ...pipelineDefinition({ id: 'hundred', name: 'Hundred', sources: [captures] }), digest: { dir: 'notes/digests' } });
    await expect(project.cli('run', '--quiet')).rejects.toThrow(/^digest\.dir in .*: cannot write digests to .*notes\/digests: a part of the path is a file, not a folder$/);
    await expectNoDatabase();
  });

  it('leaves no database behind when an email channel\'s password is not in the environment', async () => {
    const variable = 'PAUSEWATCH_TEST_PASSWORD_NOT_SET';
    delete process.env[variable];
    project.writePipeline({
      ...pipelineDefinition({ id: 'hundred', name: 'Hundred', sources: [captures] }),
      alerts: { channels: [{ type: 'email', from: 'pw@example.org', to: ['desk@example.org'], smtp: { host: '127.0.0.1', user: 'pw', passwordEnv: variable } }] },
    });
    const refused = project.cli('run', '--quiet');
    await expect(refused).rejects.toBeInstanceOf(PipelineConfigError);
    await expect(refused).rejects.toThrow(variable);
    await expectNoDatabase();
  });

  it('leaves an empty database as it was when digest.dir holds the pipeline\'s own digests, written from another database', async () => {
    project.writeFile('data/digests/2026-06-01.json', JSON.stringify({ pipeline: { id: 'hundred' }, date: '2026-06-01' }));
    project.writePipeline(pipelineDefinition({ id: 'hundred', name: 'Hundred', sources: [captures] }));
    // an empty SQLite file (made by a `touch`, a backup tool), or a PostgreSQL database created for pausewatch
    if (name === 'sqlite') writeFileSync(project.database.target, '');
    const refused = project.cli('run', '--quiet');
    await expect(refused).rejects.toBeInstanceOf(StoreError);
    await expect(refused).rejects.toThrow(/^pipeline "hundred" has never run on database \S+, but \S*data\/digests holds its digests up to 2026-06-01, written from another database/);
    // was: the tables made, so a read said "no pipeline has run against it" and the next run found a prepared database
    await expect(project.cli('articles', '--json')).rejects.toThrow(/^no pausewatch tables in /);
    if (name === 'sqlite') expect(readFileSync(project.database.target)).toHaveLength(0);
  });

  it('once the settings are fixed, the run creates the database and the read commands find it', async () => {
    project.writeFile('data/digests/2026-06-01.json', JSON.stringify({ pipeline: { id: 'review' }, date: '2026-06-01' }));
    project.writePipeline(pipelineDefinition({ id: 'hundred', name: 'Hundred', sources: [captures] }));
    await expect(project.cli('run', '--quiet')).rejects.toBeInstanceOf(UsageError);
    project.writePipeline({ ...pipelineDefinition({ id: 'hundred', name: 'Hundred', sources: [captures] }), digest: { dir: 'data/hundred-digests' } });
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    expect(JSON.parse((await project.cli('articles', '--json')).stdout)).toHaveLength(1);
  });
});
