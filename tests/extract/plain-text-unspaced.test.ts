import { describe, expect, it } from 'vitest';
import { extractPlainText } from '../../src/extract/plain-text.ts';

/**
 * A capture in Japanese: its paragraphs end in "。" and have no spaces, so by space-separated words each was a short
 * line without a sentence ending, dropped as a heading: the whole text was lost.
 */
const JA = [
  '研究者らは火曜日、最先端のAIシステムの開発を協調して検証可能な形で一時停止するよう改めて求め、各国政府には査察体制を構築する時間が必要だと主張した。',
  '提案はジュネーブの代表団の間で回覧されており、国際機関が遵守を検証できるまで、一定の計算量を超える訓練を停止するという内容だ。',
  '批判派は一時停止は実施不可能だと述べたが、支持派は半導体の供給網を通じて検証は可能だと反論した。',
];

describe('a plain-text capture in Japanese', () => {
  it('keeps its paragraphs', () => {
    expect(extractPlainText(JA.join('\n\n')).text).toBe(JA.join('\n\n'));
  });

  it('reads a headline above them as the title', () => {
    const article = extractPlainText(`AI開発の一時停止を改めて要求\n\n${JA.join('\n\n')}`);
    expect(article.title).toBe('AI開発の一時停止を改めて要求');
    expect(article.text).toBe(JA.join('\n\n'));
  });

  it('is not partial when long, for want of spaces', () => {
    const long = Array.from({ length: 4 }, (_, i) => JA.map((p) => `第${i + 1}部：${p}`)).flat();
    expect(extractPlainText(long.join('\n\n')).partial).toBe(false);
  });
});
