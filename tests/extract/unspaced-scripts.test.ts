import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerExtract } from '../../src/cli/commands/extract.ts';
import { articleTextProblem } from '../../src/extract/article-words.ts';
import { extractHtml } from '../../src/extract/html.ts';
import { startServer } from '../helpers/http-server.ts';
import { runCommands } from '../helpers/in-process-cli.ts';

/** Japanese and Chinese are written without spaces: an article in them is not "only 10 words". */
const JA = [
  '研究者らは火曜日、最先端のAIシステムの開発を協調して検証可能な形で一時停止するよう改めて求め、各国政府には査察体制を構築する時間が必要だと主張した。',
  '提案はジュネーブの代表団の間で回覧されており、国際機関が遵守を検証できるまで、一定の計算量を超える訓練を停止するという内容だ。',
  '批判派は一時停止は実施不可能だと述べたが、支持派は半導体の供給網を通じて検証は可能だと反論した。',
];
const ZH = '研究人员周二再次呼吁以协调和可核查的方式暂停前沿人工智能系统的开发，认为各国政府需要时间建立核查制度。';

describe('articles in scripts written without spaces', () => {
  it('three Japanese paragraphs are an article, not "only 10 words"', () => {
    expect(articleTextProblem(JA.join('\n\n'))).toBeNull();
    expect(articleTextProblem(ZH)).toBeNull();
  });

  it('a one-line Japanese teaser is still too short', () => {
    expect(articleTextProblem('一時停止を求める声が高まっている。')).toMatch(/^only \d+ words, fewer than the 20/);
  });

  const long = Array.from({ length: 4 }, (_, i) => JA.map((p) => `第${i + 1}部：${p}`)).flat();

  it('a long Japanese page is not flagged partial for want of spaces', () => {
    expect(extractHtml(`<html lang="ja"><body><article>${long.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`).partial).toBe(false);
  });

  describe('extract <url>', () => {
    let site: Awaited<ReturnType<typeof startServer>>;
    beforeAll(async () => {
      const page = `<html lang="ja"><head><meta charset="utf-8"><title>AI一時停止</title></head><body><article>${JA.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;
      site = await startServer({ '/ja.html': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page) });
    });
    afterAll(() => site.close());

    it('takes a Japanese article page as the article: exit 0, nothing on stderr', async () => {
      const { code, stdout, stderr } = await runCommands([registerExtract], ['extract', '--json', `${site.url}/ja.html`]);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(JSON.parse(stdout).text).toBe(JA.join('\n\n'));
    });
  });
});
