import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { articleWordCount } from '../../src/extract/article-words.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * The word count stored with an article (shown by `articles --json` and in the digest's data) counts Japanese and
 * Chinese as the article checks do, half a word a character, on every way an article is stored: a page read with its
 * item, a page read on a later try, a feed item's own text, a capture and a capture revised. It was the count of what
 * spaces separate: 1 to 3 "words" for a whole Japanese article.
 */

const JA = [
  '研究者らは火曜日、最先端のAIシステムの開発を協調して検証可能な形で一時停止するよう改めて求め、各国政府には査察体制を構築する時間が必要だと主張した。',
  '提案はジュネーブの代表団の間で回覧されており、国際機関が遵守を検証できるまで、一定の計算量を超える訓練を停止するという内容だ。',
  '批判派は一時停止は実施不可能だと述べたが、支持派は半導体の供給網を通じて検証は可能だと反論した。',
];
const ZH = '研究人员周二再次呼吁以协调和可核查的方式暂停前沿人工智能系统的开发，认为各国政府需要时间建立核查制度。各国代表团在日内瓦讨论了这一提议。';
const page = (paragraphs: readonly string[]) =>
  `<html lang="ja"><head><meta charset="utf-8"><title>AI一時停止</title></head><body><article>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

interface Listed {
  url: string;
  wordCount: number;
}

describe('the stored word count of an article in Japanese or Chinese', () => {
  let project: TempProject;
  let flakyUp = false;
  const listed = async () => {
    const result = await project.cli('articles', '--json');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return Object.fromEntries((JSON.parse(result.stdout) as Listed[]).map((a) => [a.url.replace(/^http:\/\/[^/]+/, ''), a.wordCount]));
  };

  beforeAll(async () => {
    project = await tempProject({
      name: 'unspaced-word-count',
      database: freshSqlite,
      commands: [registerRun, registerArticles],
      routes: {
        '/feed.xml': (req, res) => {
          const base = `http://${req.headers.host}`;
          res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Shimbun</title>' +
              `<item><title>一時停止</title><link>${base}/ja.html</link><guid>ja</guid><description>一時停止</description></item>` +
              `<item><title>再試行</title><link>${base}/flaky.html</link><guid>flaky</guid><description>一時停止</description></item>` +
              `<item><title>暂停</title><guid>zh</guid><description>${ZH}</description></item>` +
              '</channel></rss>',
          );
        },
        '/ja.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(JA)),
        '/flaky.html': (_req, res) =>
          flakyUp ? res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(JA.slice(1))) : res.writeHead(503).end(),
      },
    });
    project.writeFile('caps/ja.html', page(JA.slice(0, 1)));
    project.writePipeline(
      pipelineDefinition({
        id: 'shimbun',
        name: 'Shimbun',
        sources: [
          { id: 'shimbun', kind: 'feed', name: 'Shimbun', url: `${project.server.url}/feed.xml` },
          { id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.html' },
        ],
        fetch: { ...localFetch, fetchArticles: true },
      }),
    );
    await project.cli('run', '--quiet');
  }, 60_000);
  afterAll(() => project?.remove());

  it('counts a page read with its item, a feed item\'s own text and a capture as the article checks count them', async () => {
    const counts = await listed();
    expect(counts['/ja.html']).toBe(articleWordCount(JA.join('\n\n')));
    expect(counts['/ja.html']).toBeGreaterThan(80);
    expect(counts['/feed.xml#zh']).toBe(articleWordCount(ZH));
    expect(counts['/feed.xml#zh']).toBeGreaterThan(30);
    expect(counts['caps/ja.html']).toBe(articleWordCount(JA[0]!));
    expect(counts['caps/ja.html']).toBeGreaterThan(30);
  });

  it('counts a page read on a later try and a capture revised alike', async () => {
    flakyUp = true;
    project.writeFile('caps/ja.html', page(JA));
    expect((await project.cli('run', '--quiet', '--all')).code).toBe(0);
    const counts = await listed();
    expect(counts['/flaky.html']).toBe(articleWordCount(JA.slice(1).join('\n\n')));
    expect(counts['/flaky.html']).toBeGreaterThan(50);
    expect(counts['caps/ja.html']).toBe(articleWordCount(JA.join('\n\n')));
  });
});
