import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { definePipeline, loadPipeline, type LoadedPipeline } from '../../src/config/index.ts';
import { renderPlainText, type DigestData, type DigestStory } from '../../src/digest/index.ts';
import { articlesNotShownNote } from '../../src/digest/render-markdown.ts';
import { renderHtml } from '../../src/digest/render-html.ts';
import type { ScoreResult, StanceLabel } from '../../src/model/index.ts';
import { writeDigest } from '../../src/run/write-digest.ts';
import * as repo from '../../src/store/index.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

const scored = (label: StanceLabel): ScoreResult => ({
  scorerVersion: 'test',
  relevance: { score: 0.9, relevant: true, evidence: ['pause'] },
  stance: { label, score: label === 'support' ? 0.6 : label === 'oppose' ? -0.6 : 0, confidence: 0.7, evidence: [] },
  voices: [],
});

const DAY = '2026-06-10';
/** The digest's default cap on the articles listed under one story (`digest.maxArticlesPerStory`). */
const CAP = 20;
/** A headline from a feed: the HTML digest must show it as text. */
const HOSTILE = 'Why a pause fails <script>alert(1)</script> & "why" it matters';
/** The pipeline: the digest's settings are the defaults but for its folder. */
const definition = {
  ...(pipelineDefinition({ id: 'p', name: 'Pause watch', sources: [{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://news.example/feed.xml' }] }) as Parameters<typeof definePipeline>[0]),
  digest: { dir: 'digests', timeZone: 'UTC' },
};

/**
 * A big story, as generated coverage makes one: a wire piece syndicated to hundreds of outlets would list every copy
 * and make the digest unreadable. The digest lists a story's articles up to a cap, keeps every side of the debate and
 * the originals in view, says how many more there are and how to list them, and still counts them all.
 */
describe.each(dialects)('a story with more articles than the digest lists, on $name', ({ fresh }) => {
  let project: TempProject;
  let store: Store;
  let loaded: LoadedPipeline;
  /** The pipeline with `digest.maxArticlesPerStory` set to `max`. */
  const capAt = (max: number): LoadedPipeline => ({ ...loaded, pipeline: definePipeline({ ...definition, digest: { ...definition.digest, maxArticlesPerStory: max } }) });
  /** The announcement: one support original first, 24 neutral originals, the one oppose original last, 30 copies. */
  let big: { id: number; support: number; neutrals: number[]; oppose: number; copies: number[] };
  /** The wire piece: two originals, 25 copies, and a copy today of an oppose original first seen the day before. */
  let wire: { id: number; originals: number[]; copies: number[]; opposeCopy: number; opposeOriginal: number };
  /** Three articles, one of each side: under the cap. */
  let small: { id: number; ids: number[] };
  let capped: { data: DigestData; json: DigestData; markdown: string; text: string; html: string };

  let keys = 0;
  async function insert(story: number, title: string, outlet: string, publishedAt: string, label: StanceLabel, duplicateOf: number | null = null, fetchedAt = `${DAY}T23:00:00.000Z`): Promise<number> {
    keys += 1;
    const key = `a${keys}`;
    const id = await repo.insertArticle(store.db, {
      pipeline_id: 'p', source_id: 'wire', item_key: key, url: `https://news.example/${key}`, canonical_url: `https://news.example/${key}`,
      title, byline: null, published_at: publishedAt, modified_at: null, fetched_at: fetchedAt, lang: 'en', site_name: outlet, image: null,
      summary: null, text: 'Body.', word_count: 1, partial: 0, content_hash: `hash-${key}`, near_signature: '', topic_signature: '',
      duplicate_of: duplicateOf, duplicate_reason: duplicateOf === null ? null : 'content_hash', story_id: story, extract_error: null, updated_at: fetchedAt,
    });
    await repo.saveScore(store.db, id, scored(label), fetchedAt);
    return id;
  }
  const at = (hour: number, minute = 0) => `${DAY}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00.000Z`;

  async function digestOf(of: LoadedPipeline) {
    const { data, paths } = await writeDigest({ loaded: of, store, date: DAY, now: () => new Date(`${DAY}T23:30:00.000Z`) });
    const markdown = readFileSync(paths.find((p) => p.endsWith('.md'))!, 'utf8');
    const json = JSON.parse(readFileSync(paths.find((p) => p.endsWith('.json'))!, 'utf8')) as DigestData;
    return { data, json, markdown, text: renderPlainText(data), html: renderHtml(data) };
  }

  beforeAll(async () => {
    project = await tempProject({ name: 'story-article-cap', database: fresh, commands: [registerArticles] });
    project.writePipeline(definition);
    loaded = await loadPipeline(project.pipelineFile);
    store = await openStore(project.database.target);
    await repo.syncSources(store.db, 'p', [{ id: 'wire', kind: 'feed', name: 'Wire', location: 'https://news.example/feed.xml' }], '2026-06-01T00:00:00.000Z');

    const bigId = await repo.createStory(store.db, 'p', 'Labs announce a verified pause', at(6));
    const support = await insert(bigId, 'Labs announce a verified pause', 'Herald', at(6), 'support');
    const neutrals: number[] = [];
    for (let i = 0; i < 24; i += 1) neutrals.push(await insert(bigId, `Labs announce a pause, report ${i}`, `Neutral outlet ${i}`, at(7, i), 'neutral'));
    // the one dissent, published last of the originals: listed in the order of the day, the cap would cut it
    const oppose = await insert(bigId, HOSTILE, 'Dissent Weekly', at(21), 'oppose');
    const copies: number[] = [];
    for (let i = 0; i < 30; i += 1) copies.push(await insert(bigId, 'Labs announce a pause, report 0', `Syndicator ${i}`, at(22, i), 'neutral', neutrals[0]!));
    big = { id: bigId, support, neutrals, oppose, copies };
    // the next day, one more copy joins the story: `articles --story` lists it too
    await insert(bigId, 'Labs announce a pause, report 0', 'Late syndicator', '2026-06-11T08:00:00.000Z', 'neutral', neutrals[0]!, '2026-06-11T09:00:00.000Z');

    const wireId = await repo.createStory(store.db, 'p', 'Wire: what a pause would mean', '2026-06-09T08:00:00.000Z');
    const opposeOriginal = await insert(wireId, 'Critics: a pause would hand the lead away', 'Opinion Daily', '2026-06-09T08:00:00.000Z', 'oppose', null, '2026-06-09T09:00:00.000Z');
    const originals = [await insert(wireId, 'Wire: what a pause would mean', 'Wire service', at(8), 'neutral'), await insert(wireId, 'What a pause would mean for labs', 'Tech desk', at(9), 'neutral')];
    const wireCopies: number[] = [];
    for (let i = 0; i < 25; i += 1) wireCopies.push(await insert(wireId, 'Wire: what a pause would mean', `Paper ${i}`, at(10, i), 'neutral', originals[0]!));
    // today's reprint of yesterday's dissent, scored neutral on its own text: it counts as its original, against
    const opposeCopy = await insert(wireId, 'Critics: a pause would hand the lead away', 'Reprint Gazette', at(20), 'neutral', opposeOriginal);
    wire = { id: wireId, originals, copies: wireCopies, opposeCopy, opposeOriginal };

    const smallId = await repo.createStory(store.db, 'p', 'Senators weigh a pause bill', at(12));
    small = {
      id: smallId,
      ids: [await insert(smallId, 'Senators weigh a pause bill', 'Capitol', at(12), 'support'), await insert(smallId, 'A pause bill, explained', 'Explainer', at(13), 'neutral'), await insert(smallId, 'The pause bill is a mistake', 'Op-ed', at(14), 'oppose')],
    };

    capped = await digestOf(loaded);
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await project?.remove();
  });

  /** A story's part of the Markdown, from its heading to the next. */
  const markdownStory = (markdown: string, n: number) => markdown.slice(markdown.indexOf(`\n### ${n}. `), markdown.indexOf(n === 3 ? '\n## Sources' : `\n### ${n + 1}. `));
  const textStory = (text: string, n: number) => text.slice(text.indexOf(`\n${n}. `), text.indexOf(n === 3 ? '\nSources\n' : `\n${n + 1}. `));
  const htmlStory = (html: string, n: number) => html.slice(html.indexOf(`<h3>${n}. `), html.indexOf(n === 3 ? '<h2>Sources' : `<h3>${n + 1}. `));
  /** The ids of the articles a part lists, in its order: `#id` after each headline. */
  const listedIn = (part: string, articleLine: RegExp) => part.split('\n').filter((line) => articleLine.test(line)).map((line) => Number(/ · #(\d+)/.exec(line)![1]));
  const listed = {
    markdown: (n: number, digest = capped) => listedIn(markdownStory(digest.markdown, n), /^- /),
    text: (n: number, digest = capped) => listedIn(textStory(digest.text, n), /^ {3}- /),
    html: (n: number, digest = capped) => listedIn(htmlStory(digest.html, n).replace(/<li>/g, '\n<li>'), /^<li><a href=/),
  };

  it('lists exactly the cap under a big story, in every rendering, and says how many more there are', () => {
    expect(capped.data.stories.map((s) => s.id)).toEqual([big.id, wire.id, small.id]);
    for (const render of ['markdown', 'text', 'html'] as const) {
      expect(listed[render](1), render).toHaveLength(CAP);
      expect(listed[render](2), render).toHaveLength(CAP);
    }
    expect(markdownStory(capped.markdown, 1)).toContain(`\n_… and 36 more articles of this story not shown; \`pausewatch articles --pipeline pipeline.ts --story ${big.id} --limit 57\` lists them all._\n`);
    expect(markdownStory(capped.markdown, 2)).toContain(`\n_… and 8 more articles of this story not shown; \`pausewatch articles --pipeline pipeline.ts --story ${wire.id} --limit 29\` lists them all._\n`);
    expect(textStory(capped.text, 1)).toContain(`\n   … and 36 more articles of this story not shown; \`pausewatch articles --pipeline pipeline.ts --story ${big.id} --limit 57\` lists them all.\n`);
    expect(htmlStory(capped.html, 1)).toContain(`<p><i>… and 36 more articles of this story not shown; <code>pausewatch articles --pipeline pipeline.ts --story ${big.id} --limit 57</code> lists them all.</i></p>`);
  });

  it('keeps the one article against in view, and the originals before the copies', () => {
    const bigListed = listed.markdown(1);
    // the first of each side, then the originals in the order of the day: no copy while an original is left out
    expect(bigListed).toEqual([big.support, ...big.neutrals.slice(0, CAP - 2), big.oppose]);
    expect(bigListed.some((id) => big.copies.includes(id))).toBe(false);
    const wireListed = listed.markdown(2);
    // both originals, yesterday's dissent reprinted today, and the earliest copies
    expect(wireListed).toEqual([...wire.originals, ...wire.copies.slice(0, CAP - 3), wire.opposeCopy]);
    const dissent = markdownStory(capped.markdown, 2).split('\n');
    const line = dissent.findIndex((l) => l.includes(`#${wire.opposeCopy} · duplicate of #${wire.opposeOriginal}`));
    expect(dissent.slice(line + 1, line + 3)).toEqual([`  - Its original, #${wire.opposeOriginal}, was first seen on an earlier day and is counted there`, '  - Stance: **oppose** (score -0.60, confidence 0.70)']);
    // every rendering lists the same articles
    for (const n of [1, 2]) {
      expect(listed.text(n)).toEqual(listed.markdown(n));
      expect(listed.html(n)).toEqual(listed.markdown(n));
    }
  });

  it('keeps the order of the day among the articles listed: the uncapped digest\'s, less those left out', async () => {
    const uncapped = await digestOf(capAt(10_000));
    for (const n of [1, 2]) {
      const shown = new Set(listed.markdown(n));
      expect(shown.size).toBe(CAP);
      expect(listed.markdown(n, uncapped).filter((id) => shown.has(id))).toEqual(listed.markdown(n));
    }
  });

  it('counts every article of the day in the story\'s header, and the JSON still lists them all', () => {
    const header = `56 articles from 56 outlets · 1 support · 1 oppose · 24 neutral · story ${big.id}`;
    expect(markdownStory(capped.markdown, 1)).toContain(`\n${header}\n`);
    expect(textStory(capped.text, 1)).toContain(`\n   ${header}\n`);
    expect(htmlStory(capped.html, 1)).toContain(`<p>${header}</p>`);
    // the copies of the wire count in its size, not its stance (yesterday's original counts on its own day)
    expect(markdownStory(capped.markdown, 2)).toContain(`\n28 articles from 28 outlets · 0 support · 0 oppose · 2 neutral · story ${wire.id}\n`);
    const [bigStory, wireStory] = capped.json.stories;
    expect(bigStory).toMatchObject({ articleCount: 56, articlesNotShown: 36, allDaysArticleCount: 57 });
    expect(bigStory!.articles).toHaveLength(56);
    expect(bigStory!.shownArticleIds).toEqual(listed.markdown(1));
    expect(wireStory).toMatchObject({ articleCount: 28, articlesNotShown: 8, allDaysArticleCount: 29 });
    expect(wireStory!.articles).toHaveLength(28);
    expect(capped.json.totals).toMatchObject({ onTopic: 87, duplicates: 56 });
  });

  it('leaves a story under the cap as it was: every article listed, no line about more', async () => {
    for (const render of ['markdown', 'text', 'html'] as const) expect(listed[render](3), render).toEqual(small.ids);
    expect(capped.json.stories[2]).toMatchObject({ articleCount: 3, shownArticleIds: small.ids, articlesNotShown: 0, allDaysArticleCount: null });
    const uncapped = await digestOf(capAt(10_000));
    expect(markdownStory(capped.markdown, 3)).toBe(markdownStory(uncapped.markdown, 3));
    expect(markdownStory(capped.markdown, 3)).not.toContain('not shown');
    expect(textStory(capped.text, 3)).toBe(textStory(uncapped.text, 3));
    expect(htmlStory(capped.html, 3)).toBe(htmlStory(uncapped.html, 3));
  });

  it('shows the dissent kept by the cap, a hostile headline, as text in the HTML digest', () => {
    const part = htmlStory(capped.html, 1);
    expect(listed.html(1)).toHaveLength(CAP);
    expect(listed.html(1)).toContain(big.oppose);
    expect(part).toContain('Why a pause fails &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;why&quot; it matters');
    expect(part).not.toContain('<script>');
  });

  it('names a command that lists every article the digest leaves out', async () => {
    for (const n of [1, 2]) {
      // the pipeline, not the default one, is named as from the project's root; the test's own CLI names it whole
      const command = /`pausewatch articles --pipeline pipeline\.ts (--story \d+ --limit \d+)`/.exec(markdownStory(capped.markdown, n))![1]!;
      const result = await project.cli('articles', ...command.split(' '));
      expect(result.code).toBe(0);
      const rows = new Set(result.stdout.split('\n').slice(1).map((row) => Number(row.trim().split(/\s+/)[0])));
      const story = capped.json.stories[n - 1]!;
      const shown = new Set(story.shownArticleIds);
      const leftOut = story.articles.map((a) => a.id).filter((id) => !shown.has(id));
      expect(leftOut).toHaveLength(story.articlesNotShown);
      expect(leftOut.filter((id) => !rows.has(id))).toEqual([]);
    }
  });

  it('takes its cap from digest.maxArticlesPerStory, a whole number of 1 or more', async () => {
    const five = await digestOf(capAt(5));
    expect(listed.markdown(1, five)).toEqual([big.support, big.neutrals[0], big.neutrals[1], big.neutrals[2], big.oppose]);
    expect(markdownStory(five.markdown, 1)).toContain('… and 51 more articles of this story not shown;');
    expect(() => capAt(0)).toThrow(/digest\.maxArticlesPerStory/);
  });
});

describe('the command a digest suggests for a story\'s articles', () => {
  it('names the pipeline file only where it is not the default, as one shell word', () => {
    const story = { id: 7, articlesNotShown: 3, allDaysArticleCount: 10 } as DigestStory;
    expect(articlesNotShownNote(story, (command) => command, null)).toBe('… and 3 more articles of this story not shown; pausewatch articles --story 7 --limit 10 lists them all.');
    expect(articlesNotShownNote(story, (command) => command, "my pipelines/p's.ts"))
      .toContain(`pausewatch articles --pipeline 'my pipelines/p'\\''s.ts' --story 7 --limit 10`);
  });
});
