import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../../src/extract/index.ts';
import { parseFeed } from '../../../src/ingest/feed/parse-feed.ts';
import { htmlToText } from '../../../src/ingest/feed/normalise.ts';

/**
 * A JSON Feed item's `content_text` is plain text whose paragraphs are separated by blank lines. Escaped into one
 * HTML run, they were one paragraph to extraction (or none at all); each is a paragraph now, and the text stays escaped.
 */
const paragraphs = [
  'Ministers from twelve countries met in Brussels on Monday to discuss a coordinated pause of frontier AI development.',
  'The proposal would halt training runs above an agreed threshold until verification methods are in place.',
  'Critics said a pause <without> enforcement would be symbolic & unverifiable.',
];

async function jsonFeedItem(contentText: string) {
  const json = { version: 'https://jsonfeed.org/version/1.1', title: 'Desk', items: [{ id: '1', url: 'https://desk.example/1', title: 'Talks', content_text: contentText }] };
  const feed = await parseFeed(Buffer.from(JSON.stringify(json)), { url: 'https://desk.example/feed.json' });
  return feed.items[0]!;
}

describe('JSON Feed content_text', () => {
  it('keeps each blank-line-separated block a paragraph of its own, escaped, in the content and in the extracted text', async () => {
    const item = await jsonFeedItem(`${paragraphs[0]}\n\n${paragraphs[1]}\r\n \r\n\n${paragraphs[2]}\n`);
    expect(item.content).toBe(
      '<p>Ministers from twelve countries met in Brussels on Monday to discuss a coordinated pause of frontier AI development.</p>' +
        '<p>The proposal would halt training runs above an agreed threshold until verification methods are in place.</p>' +
        '<p>Critics said a pause &lt;without&gt; enforcement would be symbolic &amp; unverifiable.</p>',
    );
    expect(extractArticle(item.content!, 'html', item.link).text).toBe(paragraphs.join('\n\n'));
    // read as text elsewhere (a summary line, dedup), the words stay apart
    expect(htmlToText(item.content!)).toBe(paragraphs.join(' '));
  });

  it('keeps a line break within a block as <br>, and reads U+2029 and U+2028 as a paragraph and a line break', async () => {
    expect((await jsonFeedItem('Line one\nLine two\n\nNext')).content).toBe('<p>Line one<br>Line two</p><p>Next</p>');
    expect((await jsonFeedItem('A\u2029B\u2028C')).content).toBe('<p>A</p><p>B<br>C</p>');
  });

  it("decodes the character references WordPress writes into a plain-text summary and content_text, and nothing else", async () => {
    const json = {
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Desk',
      items: [{ id: '1', url: 'https://desk.example/1', title: 'It&#8217;s a pause', summary: 'It&#8217;s time to pause &#8211; says the board [&hellip;]', content_text: 'AT&T and R&D &amp copy stay; It&#x2019;s &lt;here&gt;' }],
    };
    const [item] = (await parseFeed(Buffer.from(JSON.stringify(json)), { url: 'https://desk.example/feed.json' })).items;
    expect(item!.title).toBe('It’s a pause');
    expect(item!.summary).toBe('It’s time to pause – says the board […]');
    expect(item!.content).toBe('<p>AT&amp;T and R&amp;D &amp;amp copy stay; It’s &lt;here&gt;</p>');
  });
});
