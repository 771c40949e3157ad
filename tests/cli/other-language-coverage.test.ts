import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { registerDigest } from '../../src/cli/commands/digest.ts';
import { registerLabel } from '../../src/cli/commands/label.ts';
import { registerRescore } from '../../src/cli/commands/rescore.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerScore } from '../../src/cli/commands/score.ts';
import { registerTrends } from '../../src/cli/commands/trends.ts';
import { dialects } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * Coverage in a language the scorer does not read is found by the pipeline's words for that language and listed as
 * coverage, with no stance made up for it: the digest counts it apart, `articles` says which language went unread,
 * trends count only stances, and an analyst's label counts as for any article.
 */
describe.each(dialects)('coverage in another language, on $name', ({ fresh }) => {
  let project: TempProject;

  beforeAll(async () => {
    project = await tempProject({ name: 'other-language', database: fresh, commands: [registerRun, registerArticles, registerDigest, registerTrends, registerScore, registerLabel, registerRescore] });
    project.writeFile('caps/en.txt', 'Labs weigh a pause\n\nLeading AI labs should agree to a coordinated, verified pause of frontier AI development now, the report says.\n');
    project.writeFile('caps/de.txt', [
      'KI-Pause: Forscher fordern globales Moratorium', '',
      'Der Vorschlag von Anthropic, die Entwicklung der mächtigsten KI-Systeme weltweit und überprüfbar zu pausieren, stößt in Berlin auf Widerstand. ' +
        '"Eine solche Pause wäre ein Fehler", sagte der Digitalminister am Dienstag. Andere Experten unterstützen das Moratorium ausdrücklich.', '',
    ].join('\n'));
    project.writeFile('caps/de-sport.txt', [
      'Bundesliga nach der Winterpause', '',
      'Nach der langen Winterpause beginnt am Freitag wieder die Bundesliga. Die Trainer haben die Zeit für Testspiele genutzt, und die Fans freuen sich auf das erste Spiel im neuen Jahr.', '',
    ].join('\n'));
    project.writePipeline({
      ...pipelineDefinition({ id: 'langs', name: 'Langs', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }),
      topic: {
        description: 'The pause', proposalTerms: ['pause'], contextTerms: ['frontier AI'],
        otherLanguages: { de: { proposalTerms: ['*pause', 'pausier*', 'moratori*'], contextTerms: ['KI', 'Anthropic'] } },
      },
    });
    expect((await project.cli('run', '--quiet')).code).toBe(0);
  });
  afterAll(() => project.remove());

  type ArticleOut = { id: number; title: string; lang: string | null; relevance: number | null; onTopic: boolean; stance: { label: string | null; unreadLanguage: string | null } };
  const articles = async () => JSON.parse((await project.cli('articles', '--json')).stdout) as ArticleOut[];
  const byTitle = async (prefix: string) => (await articles()).find((a) => a.title.startsWith(prefix))!;

  it('stores it on topic by its German words, with no stance and the language it went unread in', async () => {
    const german = await byTitle('KI-Pause');
    expect(german).toMatchObject({ lang: 'de', onTopic: true, stance: { label: null, unreadLanguage: 'de' } });
    expect(german.relevance).toBeGreaterThanOrEqual(0.5);
    expect(await byTitle('Bundesliga')).toMatchObject({ onTopic: false, relevance: 0, stance: { label: null, unreadLanguage: 'de' } });
    expect((await byTitle('Labs weigh')).stance).toMatchObject({ label: 'support', unreadLanguage: null });
    const table = (await project.cli('articles')).stdout;
    expect(table).toMatch(/unread de\s.*KI-Pause/);
    expect(table).toMatch(/off-topic\s.*Bundesliga/);
  });

  it('lists it in the digest as coverage not scored, counted apart from the stances', async () => {
    const digest = JSON.parse((await project.cli('digest', '--json', '--quiet')).stdout) as {
      totals: { onTopic: number; offTopic: number; stance: Record<string, number>; notScored: Record<string, number> };
      stories: { articles: { title: string; unreadLanguage?: string | null }[] }[];
    };
    expect(digest.totals).toMatchObject({ onTopic: 2, offTopic: 1, stance: { support: 1, oppose: 0, neutral: 0 }, notScored: { de: 1 } });
    expect(digest.stories.flatMap((s) => s.articles).find((a) => a.title.startsWith('KI-Pause'))?.unreadLanguage).toBe('de');
    const markdown = (await project.cli('digest', '--quiet')).stdout;
    expect(markdown).toContain('Stance of original articles: 1 support · 0 oppose · 0 neutral; 1 not scored, in German (1).');
    expect(markdown).toContain('Stance: not scored (in German: the scorer reads English)');
  });

  it('counts it apart in the trends until an analyst labels it', async () => {
    const totals = async () => {
      const rows = JSON.parse((await project.cli('trends', '--json', '--by', 'month')).stdout) as { articles: number; oppose: number; notScored?: number }[];
      const sum = (pick: (row: (typeof rows)[number]) => number) => rows.reduce((total, row) => total + pick(row), 0);
      return { articles: sum((r) => r.articles), oppose: sum((r) => r.oppose), notScored: sum((r) => r.notScored ?? 0) };
    };
    // counted apart, as the digest counts it, in a column of its own
    expect(await totals()).toEqual({ articles: 1, oppose: 0, notScored: 1 });
    expect((await project.cli('trends', '--by', 'month')).stdout).toMatch(/period\s+articles\s+support\s+oppose\s+neutral\s+mean score\s+not scored/);
    expect((await project.cli('label', String((await byTitle('KI-Pause')).id), '--stance', 'oppose')).code).toBe(0);
    expect(await totals()).toEqual({ articles: 2, oppose: 1, notScored: 0 });
    expect((await byTitle('KI-Pause')).stance).toMatchObject({ label: 'oppose', unreadLanguage: 'de' });
    const digest = JSON.parse((await project.cli('digest', '--json', '--quiet')).stdout) as { totals: { stance: Record<string, number>; notScored: Record<string, number> } };
    expect(digest.totals).toMatchObject({ stance: { support: 1, oppose: 1, neutral: 0 }, notScored: {} });
    // evaluation data for the English scorer leaves it out, and says so
    expect((await project.cli('label', String((await byTitle('Labs weigh')).id), '--stance', 'support')).code).toBe(0);
    const file = `${project.root}/labels.jsonl`;
    expect((await project.cli('labels', '--export', file)).stdout).toBe(`1 labelled article written to ${file} (1 in languages the scorer does not read left out)\n`);
    expect(readFileSync(file, 'utf8')).toContain('Labs weigh a pause');
  });

  it('counts an article that rescore moves on or off topic among those whose verdict changed', async () => {
    project.writePipeline({
      ...pipelineDefinition({ id: 'langs', name: 'Langs', sources: [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' }] }),
      topic: {
        description: 'The pause', proposalTerms: ['pause'], contextTerms: ['frontier AI'],
        otherLanguages: { de: { proposalTerms: ['*pause', 'pausier*', 'moratori*'], contextTerms: ['KI', 'Anthropic', 'Bundesliga'] } },
      },
    });
    const rescored = JSON.parse((await project.cli('rescore', '--json')).stdout) as { rescored: number; labelsChanged: number };
    expect(rescored).toMatchObject({ rescored: 3, labelsChanged: 1 });
    expect((await byTitle('Bundesliga')).stance).toMatchObject({ label: null, unreadLanguage: 'de' });
    expect((await byTitle('Bundesliga')).relevance).toBeGreaterThanOrEqual(0.5);
  });

  it('says so when scoring a file', async () => {
    const scored = await project.cli('score', `${project.root}/caps/de.txt`);
    expect(scored.stdout).toMatch(/relevance 0\.\d\d \(on topic, by its German words\)/);
    expect(scored.stdout).toContain('stance not scored: the text is in German, and the scorer reads English');
    const json = JSON.parse((await project.cli('score', '--json', `${project.root}/caps/de.txt`)).stdout) as { unreadLanguage: string | null; stance: { label: string | null } }[];
    expect(json[0]).toMatchObject({ unreadLanguage: 'de', stance: { label: null } });
  });
});
