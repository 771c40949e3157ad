import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { registerDigest } from '../../src/cli/commands/digest.ts';
import { registerLabel } from '../../src/cli/commands/label.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerStories } from '../../src/cli/commands/stories.ts';
import { registerTrends } from '../../src/cli/commands/trends.ts';
import { dialects } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

const capture = `Labs weigh a verified pause of frontier AI

Leading AI labs are discussing a coordinated, verified global pause of frontier AI development, a proposal that
echoes the 2023 letter. Supporters say a pause would give regulators time to set up verification of training runs.
"A pause is the responsible choice," said one researcher who backs the proposal.
`;

interface ArticleOut {
  id: number;
  fetchedAt: string;
  duplicateOf: number | null;
  relevance: number | null;
  stance: { label: string | null; score: number | null; override: { label: string } | null };
}

describe.each(dialects)('a syndicated copy counts as its original on $name', ({ fresh }) => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({
      name: 'copies',
      database: fresh,
      commands: [registerRun, registerArticles, registerStories, registerDigest, registerTrends, (program) => registerLabel(program)],
    });
    // the same text twice: the second file is stored as a copy of the first
    project.writeFile('caps/a-original.txt', capture);
    project.writeFile('caps/b-copy.txt', capture);
    project.writePipeline(pipelineDefinition({ id: 'copies', name: 'Copies', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }));
    expect((await project.cli('run', '--quiet')).code).toBe(0);
  });
  afterEach(() => project.remove());

  const cli = (...args: string[]) => project.cli(...args);
  const json = async <T>(...args: string[]): Promise<T> => JSON.parse((await cli(...args, '--json')).stdout) as T;
  const pair = async () => {
    const articles = await json<ArticleOut[]>('articles');
    const copy = articles.find((a) => a.duplicateOf !== null)!;
    return { original: articles.find((a) => a.id === copy.duplicateOf)!, copy, day: copy.fetchedAt.slice(0, 10) };
  };

  it('an original labelled irrelevant takes its copy off-topic in articles, stories and the digest, as in trends', async () => {
    const before = await pair();
    expect(before.original.stance.label).not.toBeNull();
    expect(before.copy.stance.label).toBe(before.original.stance.label);
    expect((await cli('label', String(before.original.id), '--stance', 'irrelevant')).code).toBe(0);

    const { original, copy, day } = await pair();
    expect(original.stance).toMatchObject({ label: null, score: null, override: { label: 'irrelevant' } });
    // the copy carries the verdict that counts, its original's; its own relevance score stays its own
    expect(copy.stance).toEqual(original.stance);
    expect(copy.relevance).toBe(before.copy.relevance);

    expect(await json('trends', '--by', 'day')).toEqual([]);
    const stories = await json<{ articleIds: number[]; onTopicCount: number }[]>('stories');
    expect(stories).toEqual([expect.objectContaining({ articleIds: [original.id, copy.id], onTopicCount: 0 })]);
    const digest = await json<{ totals: object; stories: unknown[] }>('digest', '--date', day);
    expect(digest.totals).toMatchObject({ articles: 2, onTopic: 0, offTopic: 2, duplicates: 0 });
    expect(digest.stories).toEqual([]);
    const markdown = (await cli('digest', '--date', day, '--quiet')).stdout;
    expect(markdown).toContain('**0 on-topic articles**');
    expect(markdown).not.toContain(`#${copy.id}`);
  });

  it("a copy takes its original's label, and a label on the copy itself does not count (the label command says so)", async () => {
    const before = await pair();
    await cli('label', String(before.original.id), '--stance', before.original.stance.label === 'oppose' ? 'support' : 'oppose');
    await cli('label', String(before.copy.id), '--stance', 'irrelevant');
    const { original, copy, day } = await pair();
    expect(copy.stance).toEqual(original.stance);
    expect(original.stance.override).not.toBeNull();

    const stories = await json<{ onTopicCount: number }[]>('stories');
    expect(stories).toEqual([expect.objectContaining({ onTopicCount: 2 })]);
    const digest = await json<{ totals: object; stories: { articleCount: number }[] }>('digest', '--date', day);
    expect(digest.totals).toMatchObject({ onTopic: 2, offTopic: 0, duplicates: 1 });
    expect(digest.stories).toEqual([expect.objectContaining({ articleCount: 2 })]);
  });
});
