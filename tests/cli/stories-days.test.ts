import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerStories } from '../../src/cli/commands/stories.ts';
import { openStore } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

describe('stories', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({ name: 'stories-days', database: freshSqlite, commands: [registerRun, registerStories] });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    project.writePipeline({
      ...pipelineDefinition({ id: 'days', name: 'Days', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }),
      digest: { timeZone: 'America/New_York' },
    });
    expect((await project.cli('run', '--quiet')).code).toBe(0);
  });
  afterEach(() => project.remove());

  it('shows the day a story was last seen in the digest time zone, as the digest counts it, not the UTC date', async () => {
    // 23:50 on 4 December in New York: the 4th's digest lists it, while the UTC date is the 5th
    const lastSeen = '2026-12-05T04:50:00.000Z';
    const store = await openStore(project.database.target, { mustExist: true });
    try {
      await store.db.updateTable('stories').set({ first_seen: '2026-12-04T20:00:00.000Z', last_seen: lastSeen }).execute();
    } finally {
      await store.close();
    }
    const table = await project.cli('stories');
    expect(table.code).toBe(0);
    const [header, row] = table.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^id\s+articles\s+on topic\s+outlets\s+last seen\s+label$/);
    expect(row).toMatch(/^\d+\s+1\s+1\s+1\s+2026-12-04\s+Labs weigh a pause$/);
    // the JSON keeps the instant, in UTC
    const [story] = JSON.parse((await project.cli('stories', '--json')).stdout) as { lastSeen: string }[];
    expect(story!.lastSeen).toBe(lastSeen);
  });
});
