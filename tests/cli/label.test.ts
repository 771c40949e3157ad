import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { registerLabel } from '../../src/cli/commands/label.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { openStore } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

const capture = `Labs weigh a verified pause of frontier AI

Leading AI labs are discussing a coordinated, verified global pause of frontier AI development, a proposal that
echoes the 2023 letter. Supporters say a pause would give regulators time to set up verification of training runs.
"A pause is the responsible choice," said one researcher who backs the proposal.
`;

describe.each(dialects)('label --clear on $name', ({ fresh }) => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({ name: 'label', database: fresh, commands: [registerRun, registerArticles, (program) => registerLabel(program)] });
    project.writeFile('caps/pause.txt', capture);
    project.writePipeline(pipelineDefinition({ id: 'labels', name: 'Labels', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }));
  });
  afterEach(() => project.remove());

  const cli = (...args: string[]) => project.cli(...args);
  const stanceOf = async (id: number) => (JSON.parse((await cli('articles', '--json')).stdout) as { id: number; stance: { label: string | null; override: unknown } }[]).find((a) => a.id === id)!.stance;

  it('withdraws an analyst label so the scored stance counts again, once, and needs --stance or --clear', async () => {
    expect((await cli('run', '--quiet')).code).toBe(0);
    const [article] = JSON.parse((await cli('articles', '--json')).stdout) as { id: number; stance: { label: string | null } }[];
    const scored = article!.stance.label;
    const other = scored === 'oppose' ? 'support' : 'oppose';

    expect((await cli('label', String(article!.id), '--stance', other)).code).toBe(0);
    expect(await stanceOf(article!.id)).toMatchObject({ label: other, override: { label: other } });

    const cleared = await cli('label', String(article!.id), '--clear', '--note', 'mislabelled', '--json');
    expect(JSON.parse(cleared.stdout)).toEqual({ articleId: article!.id, label: null, cleared: other, note: 'mislabelled', at: expect.stringMatching(/^\d{4}-/) });
    expect(await stanceOf(article!.id)).toMatchObject({ label: scored, override: null });

    // nothing left to withdraw: said so, and nothing recorded
    expect((await cli('label', String(article!.id), '--clear')).stdout).toBe(`article ${article!.id} has no label to withdraw: Labs weigh a verified pause of frontier AI\n`);
    // a new verdict after a withdrawal wins again
    await cli('label', String(article!.id), '--stance', 'irrelevant');
    expect(await stanceOf(article!.id)).toMatchObject({ label: null, override: { label: 'irrelevant' } });

    await expect(cli('label', String(article!.id))).rejects.toThrow('label: give either --stance <label> or --clear');
    await expect(cli('label', String(article!.id), '--stance', 'oppose', '--clear')).rejects.toThrow('label: give either --stance <label> or --clear');
    await expect(cli('label', String(article!.id), '--stance', 'cleared')).rejects.toThrow('--stance: expected one of support, oppose, neutral, irrelevant, found "cleared"');
  });

  it('giving the same label again records nothing and keeps its note; a new note or another label is recorded', async () => {
    expect((await cli('run', '--quiet')).code).toBe(0);
    const [article] = JSON.parse((await cli('articles', '--json')).stdout) as { id: number }[];
    const id = String(article!.id);
    const headline = 'Labs weigh a verified pause of frontier AI';
    const listed = async () => JSON.parse((await cli('labels', '--json')).stdout) as { articleId: number; label: string; note: string | null }[];
    const rows = async () => {
      const store = await openStore(project.database.target, { mustExist: true });
      try {
        return await store.db.selectFrom('stance_labels').select(['label', 'note']).where('article_id', '=', article!.id).orderBy('id').execute();
      } finally {
        await store.close();
      }
    };

    expect((await cli('label', id, '--stance', 'support', '--note', 'n2')).stdout).toBe(`article ${id} labelled support: ${headline}\n`);
    // again without a note: said so, exit 0, no row, and the note stays (it was lost)
    expect(await cli('label', id, '--stance', 'support')).toEqual({ code: 0, stdout: `article ${id} is already labelled support: ${headline}\n`, stderr: '' });
    expect(await cli('label', id, '--stance', 'support', '--note', 'n2')).toMatchObject({ code: 0, stdout: `article ${id} is already labelled support: ${headline}\n` });
    const again = JSON.parse((await cli('label', id, '--stance', 'support', '--json')).stdout);
    expect(again).toEqual({ articleId: article!.id, label: 'support', note: 'n2', at: expect.stringMatching(/^\d{4}-/), duplicateOf: null, recorded: false });
    expect(await rows()).toEqual([{ label: 'support', note: 'n2' }]);
    expect(await listed()).toEqual([expect.objectContaining({ articleId: article!.id, label: 'support', note: 'n2' })]);
    expect(await stanceOf(article!.id)).toMatchObject({ label: 'support', override: { label: 'support', note: 'n2' } });

    // the same label with another note: the new note is recorded
    expect((await cli('label', id, '--stance', 'support', '--note', 'n3')).stdout).toBe(`article ${id} is still labelled support, with the new note: ${headline}\n`);
    expect(await listed()).toEqual([expect.objectContaining({ label: 'support', note: 'n3' })]);
    // an empty note (a script's empty variable) is no note: the label already there, nothing recorded, its note kept
    expect(await cli('label', id, '--stance', 'support', '--note', '')).toMatchObject({ code: 0, stdout: `article ${id} is already labelled support: ${headline}\n` });
    expect(await cli('label', id, '--stance', 'support', '--note', '  ')).toMatchObject({ code: 0, stdout: `article ${id} is already labelled support: ${headline}\n` });
    expect(await listed()).toEqual([expect.objectContaining({ label: 'support', note: 'n3' })]);
    // another label: a new row, as before, with no note unless given one
    const changed = JSON.parse((await cli('label', id, '--stance', 'oppose', '--note', '', '--json')).stdout);
    expect(changed).toMatchObject({ label: 'oppose', note: null, recorded: true });
    expect(await listed()).toEqual([expect.objectContaining({ label: 'oppose', note: null })]);
    // after a withdrawal, the same verdict is a new one
    await cli('label', id, '--clear');
    expect((await cli('label', id, '--stance', 'oppose')).stdout).toBe(`article ${id} labelled oppose: ${headline}\n`);
    expect(await rows()).toEqual([
      { label: 'support', note: 'n2' },
      { label: 'support', note: 'n3' },
      { label: 'oppose', note: null },
      { label: 'cleared', note: null },
      { label: 'oppose', note: null },
    ]);
  });

  it('calls an id larger than the database holds an id no article or story has, with exit 2, not an internal error', async () => {
    expect((await cli('run', '--quiet')).code).toBe(0);
    // PostgreSQL holds ids in 32 bits and refused to compare with anything larger: an internal error, exit 3
    const noArticle = (shown: string) => ({ name: 'UsageError', message: `<article-id>: no article ${shown} in pipeline labels` });
    await expect(cli('label', '2147483648', '--stance', 'support')).rejects.toMatchObject(noArticle('2147483648'));
    await expect(cli('label', '99999999999', '--clear')).rejects.toMatchObject(noArticle('99999999999'));
    // past what a JavaScript number holds exactly: named as typed, not rounded, nor called "not an article id"
    await expect(cli('label', '000099999999999999999999', '--stance', 'oppose')).rejects.toMatchObject(noArticle('99999999999999999999'));
    const noStory = (shown: string) => ({ name: 'UsageError', message: expect.stringContaining(`--story: no story ${shown} in pipeline labels`) });
    await expect(cli('articles', '--story', '2147483648')).rejects.toMatchObject(noStory('2147483648'));
    await expect(cli('articles', '--story', '99999999999999999999')).rejects.toMatchObject(noStory('99999999999999999999'));
    // the largest id there can be is still looked up, and the articles that are there still found
    await expect(cli('label', '2147483647', '--clear')).rejects.toMatchObject(noArticle('2147483647'));
    const [article] = JSON.parse((await cli('articles', '--json')).stdout) as { id: number; storyId: number }[];
    expect((await cli('label', `00${article!.id}`, '--stance', 'neutral')).stdout).toBe(`article ${article!.id} labelled neutral: Labs weigh a verified pause of frontier AI\n`);
    expect(JSON.parse((await cli('articles', '--story', String(article!.storyId), '--json')).stdout)).toMatchObject([{ id: article!.id }]);
  });

  it("names the original to label as a command for this pipeline and database, when a syndicated copy is labelled", async () => {
    project.writeFile('caps/copy.txt', capture);
    expect((await cli('run', '--quiet')).code).toBe(0);
    const articles = JSON.parse((await cli('articles', '--json')).stdout) as { id: number; duplicateOf: number | null }[];
    const copy = articles.find((article) => article.duplicateOf !== null)!;
    const labelled = await cli('label', String(copy.id), '--stance', 'oppose');
    expect(labelled.code).toBe(0);
    expect(labelled.stderr).toContain(`so label the original for this verdict to count: pausewatch label ${copy.duplicateOf} --stance oppose ${project.shownFlags}\n`);
    // and `labels` says so beside it, in its JSON too
    expect((await cli('labels')).stdout).toMatch(new RegExp(`\\b${copy.id}\\s+oppose .*copy of #${copy.duplicateOf}: not counted`));
    expect(JSON.parse((await cli('labels', '--json')).stdout)).toContainEqual(expect.objectContaining({ articleId: copy.id, duplicateOf: copy.duplicateOf }));
  });

  it('labels --export says what it wrote on stdout, as JSON under --json, and nothing under --quiet', async () => {
    expect((await cli('run', '--quiet')).code).toBe(0);
    const [article] = JSON.parse((await cli('articles', '--json')).stdout) as { id: number }[];
    await cli('label', String(article!.id), '--stance', 'neutral');
    const file = path.join(project.root, 'labels.jsonl');
    expect(await cli('labels', '--export', file)).toMatchObject({ code: 0, stdout: `1 labelled article written to ${file}\n`, stderr: '' });
    expect(await cli('labels', '--export', file, '--quiet')).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const json = await cli('labels', '--export', file, '--json');
    expect(JSON.parse(json.stdout)).toEqual({ file, count: 1, otherLanguagesLeftOut: 0 });
    expect(readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line).label)).toEqual(['neutral']);
  });

  it('labels shows an untitled article by its first words, as articles does, and its JSON keeps the title null', async () => {
    // a capture whose first paragraph is prose has no headline, as one of the seed articles
    project.writeFile('caps/pause.txt', `${capture.split('\n').slice(2).join(' ').trim()}\n`);
    expect((await cli('run', '--quiet')).code).toBe(0);
    const [article] = JSON.parse((await cli('articles', '--json')).stdout) as { id: number; title: string | null }[];
    expect((await cli('label', String(article!.id), '--stance', 'neutral')).code).toBe(0);
    expect((await cli('labels')).stdout).toMatch(/neutral\s+\S+\s+Leading AI labs are discussing/);
    expect((JSON.parse((await cli('labels', '--json')).stdout) as { title: string | null }[])[0]!.title).toBeNull();
  });
});
