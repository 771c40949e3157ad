import { describe, expect, it } from 'vitest';
import { extractHtml } from '../../src/extract/html.ts';

/**
 * A JSON-LD `articleBody` much longer than what the page shows replaces it only when it is the article the page
 * shows (a teaser's full text), or when the page shows none (a body its scripts render). A body that disagrees with
 * the page (another article's) lost to the page's own text when the page showed less than 60% of its length.
 */

const PAUSE = [
  'Delegates from forty countries met in Geneva on Tuesday to discuss a coordinated, verified pause of frontier AI development, the first such talks since the spring summit.',
  'The draft under discussion would halt training runs above a fixed compute threshold until an international agency can inspect the largest data centres and confirm compliance.',
  'Supporters of the proposal said the pause was overdue and that chip export records already give inspectors most of what they need to check a lab’s claims.',
  'Critics from several industry groups argued that a pause could not be verified in practice and would hand an advantage to countries that refuse to sign.',
  'The chair of the talks said a second round would be held next month, with technical experts invited to present verification methods to the delegates.',
  'Observers noted that the draft leaves open how long a pause would last and who would decide when the conditions for lifting it had been met.',
];
const HARBOUR = [
  'The harbour board of Tartu approved its budget for the coming year on Monday evening after a debate that lasted nearly five hours.',
  'Most of the money will go to dredging the main channel, which has silted up since the floods, and to repairing the eastern quay.',
  'Ferry operators welcomed the decision but warned that the timetable for the works would disrupt summer crossings to the islands.',
  'A smaller sum was set aside for a study of new mooring places for the yachts that crowd the old harbour in July and August.',
  'The board also agreed to raise port fees by three percent, the first rise in six years, to pay for the upkeep of the cranes.',
  'Two members voted against the budget, saying the repairs should have been put out to tender before the board committed to them.',
  'Residents of the waterfront district asked the board to limit night work, and the chair promised that noisy works would stop at ten.',
  'The budget now goes to the city council, which is expected to approve it at its next meeting without changes.',
];

const jsonLd = (body: string) =>
  `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'Talks on a pause', articleBody: body })}</script>`;
const page = (ld: string, shown: string) =>
  `<html><head><title>Talks on a pause</title>${ld}</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>${shown}</body></html>`;
const paragraphs = (texts: readonly string[]) => texts.map((p) => `<p>${p}</p>`).join('');

describe('a JSON-LD articleBody longer than the page\'s text', () => {
  it('is taken when the page shows its first paragraphs: a teaser', () => {
    const html = page(jsonLd(PAUSE.join('\n\n')), `<article>${paragraphs(PAUSE.slice(0, 2))}<div class="paywall-prompt"><p>Subscribe to continue reading.</p></div></article>`);
    expect(extractHtml(html).text).toBe(PAUSE.join('\n\n'));
  });

  it('is taken when the page shows no article: its scripts would render it', () => {
    const html = page(jsonLd(PAUSE.join('\n\n')), '<div id="root"></div><footer>© 2026 The Ledger</footer>');
    expect(extractHtml(html).text).toBe(PAUSE.join('\n\n'));
  });

  it('is taken for a Japanese teaser, compared character by character', () => {
    const JA = [
      '研究者らは火曜日、最先端のAIシステムの開発を協調して検証可能な形で一時停止するよう改めて求め、各国政府には査察体制を構築する時間が必要だと主張した。',
      '提案はジュネーブの代表団の間で回覧されており、国際機関が遵守を検証できるまで、一定の計算量を超える訓練を停止するという内容だ。',
      '批判派は一時停止は実施不可能だと述べたが、支持派は半導体の供給網を通じて検証は可能だと反論した。',
      '議長は来月に第二回の協議を開き、検証方法について技術専門家を招いて説明を求める予定だと述べた。',
    ];
    const html = page(jsonLd(JA.join('\n\n')), `<article>${paragraphs(JA.slice(0, 1))}</article>`);
    expect(extractHtml(html).text).toBe(JA.join('\n\n'));
  });

  it('is not taken when it is another article than the one the page shows', () => {
    // the page's article, 60% of the length of the other one or less: the JSON-LD body used to replace it
    const html = page(jsonLd(HARBOUR.join('\n\n') + '\n\n' + HARBOUR.join('\n\n')), `<article>${paragraphs(PAUSE.slice(0, 4))}</article>`);
    expect(extractHtml(html).text).toBe(PAUSE.slice(0, 4).join('\n\n'));
  });

  it('is not taken when it shares only a sentence with the page\'s article', () => {
    const html = page(jsonLd([PAUSE[0]!, ...HARBOUR, ...HARBOUR].join('\n\n')), `<article>${paragraphs(PAUSE)}</article>`);
    expect(extractHtml(html).text).toBe(PAUSE.join('\n\n'));
  });

  it('is read as the page\'s text is: the text of its scripts and styles is not the article\'s', () => {
    // written as pages write it: "</" escaped in the JSON, so the block's own </script> ends it
    const body = `<p>${PAUSE.slice(0, 3).join('</p><p>')}</p><script>window.track('pause')</script><style>.lead{color:red}</style><p>${PAUSE[3]}</p>`;
    const ld = jsonLd(body).replace(/(?<=ld\+json">)(.*)(?=<\/script>$)/s, (json) => json.replace(/<\//g, '<\\/'));
    expect(extractHtml(page(ld, '<div id="root"></div>')).text).toBe(PAUSE.slice(0, 4).join('\n\n'));
  });

  it('as plain text, keeps its line breaks and collapses white space and control characters within a line, as on a page', () => {
    const body = `${PAUSE[0]}\r\n\r\n${PAUSE[1]!.replace(/ /g, '\u00a0 \t')}\n${PAUSE[2]}\u001b[2J\n\n\n\n${PAUSE.slice(3).join(' ')}`;
    expect(extractHtml(page(jsonLd(body), '<div id="root"></div>')).text).toBe(`${PAUSE[0]}\n\n${PAUSE[1]}\n${PAUSE[2]} [2J\n\n${PAUSE.slice(3).join(' ')}`);
  });
});
