import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerStories } from '../../src/cli/commands/stories.ts';
import { dialects } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/** One story of more articles than the table shows by default (100), and than one page of the listing holds (250). */
const FORUMS = 260;
/** Another story, for --story to leave out. */
const OTHERS = 3;

const forum = (n: number) => `Forum in Lisbon weighs a verified pause of frontier AI, day ${n}

Delegates at forum number ${n}, meeting in Lisbon on day ${(n % 28) + 1}, discussed a coordinated, verified global pause of frontier AI development.
Speaker ${n * 7} said panel ${n * 3} would report on item ${n * 11} before session ${n + 400} closes.
`;
const other = (n: number) => `Harbour board in Tartu approves budget ${n}

The harbour board of Tartu approved its budget number ${n} for dredging, quays and ferry ${n * 5} on Tuesday.
`;

interface Listed {
  id: number;
  storyId: number;
  fetchedAt: string;
}

describe.each(dialects)('articles beyond the default of the table, on $name', ({ fresh }) => {
  let project: TempProject;
  let total: number;

  beforeAll(async () => {
    project = await tempProject({ name: 'articles-all', database: fresh, commands: [registerRun, registerArticles, registerStories] });
    for (let n = 1; n <= FORUMS; n += 1) project.writeFile(`caps/forum-${String(n).padStart(3, '0')}.txt`, forum(n));
    for (let n = 1; n <= OTHERS; n += 1) project.writeFile(`caps/harbour-${n}.txt`, other(n));
    project.writePipeline(pipelineDefinition({ id: 'forums', name: 'Forums', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }));
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    total = FORUMS + OTHERS;
  }, 180_000);
  afterAll(() => project?.remove());

  const listed = async (...args: string[]) => {
    const result = await project.cli('articles', '--json', ...args);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    // one JSON document, laid out as every other --json output
    expect(result.stdout).toBe(`${JSON.stringify(JSON.parse(result.stdout), null, 2)}\n`);
    return JSON.parse(result.stdout) as Listed[];
  };
  const newestFirst = (articles: readonly Listed[]) => [...articles].sort((a, b) => b.fetchedAt.localeCompare(a.fetchedAt) || b.id - a.id);

  it('--json lists every article, newest first, once each; --limit n the newest n', async () => {
    const all = await listed();
    // was the newest 100, with nothing said
    expect(all).toHaveLength(total);
    expect(new Set(all.map((a) => a.id)).size).toBe(total);
    expect(all).toEqual(newestFirst(all));
    expect(await listed('--limit', '7')).toEqual(all.slice(0, 7));
    expect(await listed('--limit', String(total + 50))).toEqual(all);
  });

  it('the table shows the newest 100 by default and says on stderr how many there are and how to see them', async () => {
    const table = await project.cli('articles');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^id\s+stance\s+rel/);
    expect(lines).toHaveLength(1 + 100);
    const all = await listed();
    expect(lines.slice(1).map((line) => Number(line.split(/\s+/)[0]))).toEqual(all.slice(0, 100).map((a) => a.id));
    expect(table.stderr).toBe(`pausewatch: the newest 100 of ${total} articles; \`--limit ${total}\` shows them all, and --json lists them all\n`);
    // asked for: all of them, and nothing to say
    const asked = await project.cli('articles', '--limit', String(total));
    expect(asked.stdout.trimEnd().split('\n')).toHaveLength(1 + total);
    expect(asked.stderr).toBe('');
    expect((await project.cli('articles', '--quiet')).stderr).toBe('');
  });

  it('--story lists every article of a story larger than the default, and no other', async () => {
    const all = await listed();
    const sizes = new Map<number, number>();
    for (const article of all) sizes.set(article.storyId, (sizes.get(article.storyId) ?? 0) + 1);
    const [storyId, size] = [...sizes].sort((a, b) => b[1] - a[1])[0]!;
    expect(size).toBeGreaterThan(100);
    expect(sizes.size).toBeGreaterThan(1);
    const ofStory = await listed('--story', String(storyId));
    expect(ofStory).toEqual(all.filter((a) => a.storyId === storyId));
    expect(await listed('--story', String(storyId), '--limit', '3')).toEqual(ofStory.slice(0, 3));
  });
});
