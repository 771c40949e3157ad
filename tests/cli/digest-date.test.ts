import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerDigest } from '../../src/cli/commands/digest.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { addDays, localDate } from '../../src/digest/index.ts';
import { openStore } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

describe('digest --date', () => {
  let project: TempProject;
  const timeZone = 'Pacific/Kiritimati';

  beforeEach(async () => {
    project = await tempProject({ name: 'digest-date', database: freshSqlite, commands: [registerRun, registerDigest] });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    project.writePipeline({ ...pipelineDefinition({ id: 'days', name: 'Days', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }), digest: { timeZone } });
    expect((await project.cli('run', '--quiet')).code).toBe(0);
  });
  afterEach(() => project.remove());

  it('refuses a day not yet begun in the digest time zone, naming it and today there, and writes nothing', async () => {
    const today = localDate(new Date(), timeZone);
    const tomorrow = new Date(Date.parse(`${today}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    await expect(project.cli('digest', '--date', tomorrow)).rejects.toThrow(`--date: ${tomorrow} has not begun yet in the digest time zone (${timeZone}, where today is ${today})`);
    expect(existsSync(path.join(project.root, 'data', 'digests', `${tomorrow}.md`))).toBe(false);
    // today is written
    expect((await project.cli('digest', '--date', today, '--quiet')).code).toBe(0);
    expect(existsSync(path.join(project.root, 'data', 'digests', `${today}.md`))).toBe(true);
  });

  it('writes a past day the pipeline watched, and refuses one before its first run, which could only read as a quiet day, writing nothing', async () => {
    const today = localDate(new Date(), timeZone);
    const daysBefore = (n: number) => addDays(today, -n);
    // the first run two days ago: the runs table is what says since when the pipeline watches
    const store = await openStore(project.database.target, { mustExist: true });
    try {
      const [run] = await store.db.selectFrom('runs').select(['id', 'started_at']).execute();
      await store.db.updateTable('runs').set({ started_at: new Date(Date.parse(run!.started_at) - 2 * 86_400_000).toISOString() }).where('id', '=', run!.id).execute();
    } finally {
      await store.close();
    }
    for (const day of [daysBefore(1), daysBefore(2)]) {
      expect((await project.cli('digest', '--date', day, '--quiet')).code).toBe(0);
      expect(existsSync(path.join(project.root, 'data', 'digests', `${day}.md`))).toBe(true);
    }
    for (const day of [daysBefore(3), '2026-06-05']) {
      await expect(project.cli('digest', '--date', day)).rejects.toThrow(
        `--date: pipeline "days" first ran on ${daysBefore(2)} (${timeZone}), so nothing was watched on ${day} and its digest could only be empty`,
      );
      expect(existsSync(path.join(project.root, 'data', 'digests', `${day}.md`))).toBe(false);
    }
  });
});
