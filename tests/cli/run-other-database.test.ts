import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { UsageError } from '../../src/cli/errors.ts';
import { StoreError } from '../../src/store/index.ts';
import { dialects, freshSqlite } from '../helpers/databases.ts';
import { runCommands } from '../helpers/in-process-cli.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

// dated today: an undated capture on its folder's first read is backlog, which raises no alert
const capture = `Scientists renew their call for a pause of frontier AI

${new Date().toISOString().slice(0, 10)}

A group of scientists renewed their call on Monday for a coordinated, verified pause of frontier AI development until
safety testing rules are in place. "A pause is the responsible choice," one of them said.
`;

/**
 * A cron job without the DATABASE_URL of the user's shell, or a mistyped --database, ran the pipeline on another
 * database as if for the first time: every recent article alerted again and the day's digest was rewritten.
 */
describe.each(dialects)('a first run on another database than the one that wrote the digests, on $name', ({ fresh }) => {
  let project: TempProject | undefined;
  afterEach(async () => project?.remove());

  it('is refused, naming the database and the digests, with nothing written; the database that wrote them still runs', async () => {
    project = await tempProject({ name: 'other-database', database: freshSqlite, commands: [registerRun] });
    project.writeFile('captures/letter.txt', capture);
    project.writePipeline({
      ...pipelineDefinition({ id: 'desk', name: 'Desk', sources: [{ id: 'captures', name: 'Captures', kind: 'files', glob: 'captures/*.txt' }] }),
      alerts: { channels: [{ type: 'file', path: 'alerts.jsonl' }] },
    });
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    const alerts = readFileSync(path.join(project.root, 'alerts.jsonl'), 'utf8');
    expect(alerts.trim().split('\n')).toHaveLength(1);
    const digests = path.join(project.root, 'data', 'digests');

    // a database with no run of the pipeline yet: a new SQLite file, or an empty PostgreSQL database
    const other = await fresh();
    const missingFile = path.join(project.root, 'elsewhere', 'x.db');
    try {
      for (const target of [missingFile, other.target]) {
        const refused = runCommands([registerRun], ['run', '--quiet', '--pipeline', project.pipelineFile, '--database', target]);
        // a usage error (the file not made) or the store refusing to prepare the database: exit 2 either way
        await expect(refused).rejects.toSatisfy((error) => error instanceof UsageError || error instanceof StoreError);
        await expect(refused).rejects.toThrow(`pipeline "desk" has never run on database `);
        await expect(refused).rejects.toThrow(`but ${path.relative(process.cwd(), digests)} holds its digests up to ${new Date().toISOString().slice(0, 10)}`);
        await expect(refused).rejects.toThrow('set DATABASE_URL in the crontab line');
      }
      expect(existsSync(missingFile)).toBe(false);
      expect(readFileSync(path.join(project.root, 'alerts.jsonl'), 'utf8')).toBe(alerts);
    } finally {
      await other.drop();
    }
    // the database the digests came from runs on as before
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    expect(readFileSync(path.join(project.root, 'alerts.jsonl'), 'utf8')).toBe(alerts);
  });
});
