import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import * as repo from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A digest says `pausewatch articles --story 4` lists a story's articles; when a later run finds story 4 and story 1
 * are one, that command still lists them, as story 1's, and says so.
 */
describe('articles --story of a story merged since', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({ name: 'merged-story', database: freshSqlite, commands: [registerRun, registerArticles] });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    project.writeFile('caps/inspections.txt', 'Inspectors ready for chip audits\n\nCustoms inspectors prepared audits of chip exports at the border crossing, officials said on Monday.\n');
    project.writePipeline({ ...pipelineDefinition({ id: 'merged', name: 'Merged', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }), digest: { timeZone: 'UTC' } });
    expect((await project.cli('run', '--quiet')).code).toBe(0);
  });
  afterEach(() => project.remove());

  it('lists the articles of the story it joined, saying so, and refuses a story id never given', async () => {
    const before = JSON.parse((await project.cli('articles', '--json')).stdout) as { id: number; storyId: number }[];
    const [kept, gone] = [...new Set(before.map((a) => a.storyId))].sort((x, y) => x - y) as [number, number];
    expect(gone).toBeDefined();
    const store = await openStore(project.database.target, { mustExist: true });
    try {
      await repo.mergeStories(store.db, kept, [gone], '2026-12-05T09:00:00.000Z');
    } finally {
      await store.close();
    }
    const listed = await project.cli('articles', '--json', '--story', String(gone));
    expect(listed.code).toBe(0);
    expect((JSON.parse(listed.stdout) as { id: number }[]).map((a) => a.id).sort()).toEqual(before.map((a) => a.id).sort());
    expect(listed.stderr).toContain(`story ${gone} joined story ${kept} on 2026-12-05; these are the articles of story ${kept}`);
    await expect(project.cli('articles', '--story', String(gone + 100))).rejects.toThrow(`--story: no story ${gone + 100} in pipeline merged`);
  });

  it('says a story emptied by its article moving joined the other on the day it moved, not the day the article was first seen', async () => {
    const before = JSON.parse((await project.cli('articles', '--json')).stdout) as { id: number; url: string; storyId: number }[];
    const moved = before.find((a) => a.url.endsWith('pause.txt'))!;
    const joined = before.find((a) => a.url.endsWith('inspections.txt'))!;
    // the first run as if ten days ago
    const store = await openStore(project.database.target, { mustExist: true });
    try {
      await store.db.updateTable('articles').set({ fetched_at: '2026-11-20T08:00:00.000Z' }).execute();
      await store.db.updateTable('stories').set({ first_seen: '2026-11-20T08:00:00.000Z', last_seen: '2026-11-20T08:00:00.000Z' }).execute();
    } finally {
      await store.close();
    }
    // the capture is edited today: it now carries the other article's text, and joins its story
    project.writeFile('caps/pause.txt', 'Inspectors ready for chip audits\n\nCustoms inspectors prepared audits of chip exports at the border crossing, officials said on Monday.\n');
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    const listed = await project.cli('articles', '--json', '--story', String(moved.storyId));
    const today = new Date().toISOString().slice(0, 10);
    expect(listed.stderr).toContain(`story ${moved.storyId} joined story ${joined.storyId} on ${today}`);
  });
});
