import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerStories, STORIES_TABLE_LIMIT } from '../../src/cli/commands/stories.ts';
import * as repo from '../../src/store/index.ts';
import { openStore } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/** A year of stories is more than a screen: `stories` shows the most recent, and --since and --limit pick what to list. */
describe('stories --limit and --since', () => {
  let project: TempProject;
  const total = STORIES_TABLE_LIMIT + 20;

  beforeAll(async () => {
    project = await tempProject({ name: 'stories-limit', database: freshSqlite, commands: [registerRun, registerStories] });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    project.writePipeline({
      ...pipelineDefinition({ id: 'many', name: 'Many', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }),
      digest: { timeZone: 'America/New_York' },
    });
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    // the run's one story, last seen on 1 October; then a story a day after it, each with one article
    const store = await openStore(project.database.target, { mustExist: true });
    try {
      await store.db.updateTable('stories').set({ first_seen: '2026-10-01T12:00:00.000Z', last_seen: '2026-10-01T12:00:00.000Z' }).execute();
      for (let day = 1; day < total; day += 1) {
        // 23:30 in New York, the next day in UTC
        const at = new Date(Date.parse('2026-10-02T03:30:00.000Z') + (day - 1) * 86_400_000).toISOString();
        const story = await repo.createStory(store.db, 'many', `Story ${day}`, at);
        await repo.insertArticle(store.db, {
          pipeline_id: 'many', source_id: 'caps', item_key: `story-${day}`, url: `https://outlet.example/${day}`, canonical_url: `https://outlet.example/${day}`,
          title: `Story ${day}`, byline: null, published_at: at, modified_at: null, fetched_at: at, lang: 'en', site_name: 'Outlet', image: null,
          summary: null, text: `Story ${day}.`, word_count: 2, partial: 0, content_hash: `story-${day}`, near_signature: '', topic_signature: '',
          duplicate_of: null, duplicate_reason: null, story_id: story, extract_error: null, updated_at: at,
        });
      }
    } finally {
      await store.close();
    }
  });
  afterAll(() => project.remove());

  const labelsOf = (stdout: string) => (JSON.parse(stdout) as { label: string; articleCount: number }[]).map((story) => story.label);

  it('shows the most recent in the table, and says how many there are and how to see them', async () => {
    const shown = await project.cli('stories');
    expect(shown.code).toBe(0);
    const rows = shown.stdout.trimEnd().split('\n').slice(1);
    expect(rows).toHaveLength(STORIES_TABLE_LIMIT);
    expect(rows[0]).toMatch(new RegExp(`Story ${total - 1}$`));
    expect(rows.at(-1)).toMatch(new RegExp(`Story ${total - STORIES_TABLE_LIMIT}$`));
    expect(shown.stderr).toContain(`the ${STORIES_TABLE_LIMIT} most recently seen of ${total} stories; \`--limit ${total}\` shows them all`);
    // the way to see them all keeps the --since given
    expect((await project.cli('stories', '--since', '2026-10-01')).stderr).toContain(`\`--limit ${total} --since 2026-10-01\` shows them all`);
    // asked for all of them, it lists them all, without a word
    const all = await project.cli('stories', '--limit', String(total));
    expect(all.stdout.trimEnd().split('\n')).toHaveLength(total + 1);
    expect(all.stderr).not.toContain('most recently seen');
  });

  it('lists every story with --json, and the most recent n with --limit', async () => {
    const every = labelsOf((await project.cli('stories', '--json')).stdout);
    expect(every).toHaveLength(total);
    expect(every.at(-1)).toBe('Labs weigh a pause');
    expect(labelsOf((await project.cli('stories', '--json', '--limit', '2')).stdout)).toEqual([`Story ${total - 1}`, `Story ${total - 2}`]);
  });

  it('lists the stories seen on or after a day of the digest time zone with --since', async () => {
    // Story 1 was last seen at 23:30 on 1 October in New York (2 October in UTC), Story 2 on the 2nd
    const since = labelsOf((await project.cli('stories', '--json', '--since', '2026-10-02')).stdout);
    expect(since).toHaveLength(total - 2);
    expect(since.at(-1)).toBe('Story 2');
    expect(labelsOf((await project.cli('stories', '--json', '--since', '2026-10-01')).stdout)).toHaveLength(total);
    expect(labelsOf((await project.cli('stories', '--json', '--since', '2027-06-01')).stdout)).toEqual([]);
    // refused with exit 2 (tests/cli/cli.test.ts runs the executable)
    await expect(project.cli('stories', '--since', '2 October')).rejects.toThrow('--since: expected a day as YYYY-MM-DD, found "2 October"');
  });
});
