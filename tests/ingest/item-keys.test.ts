import { describe, expect, it } from 'vitest';
import { feedItemsToRawItems, itemKeys } from '../../src/ingest/feed-source.ts';
import type { FeedItem } from '../../src/model/index.ts';

describe('the keys feed items are stored under', () => {
  it('are their ids without a user name and password', () => {
    expect(itemKeys(['https://reader:secret@news.example/a', 'https://token@news.example/b?x=1#top', 'guid-3'])).toEqual([
      'https://news.example/a', 'https://news.example/b?x=1#top', 'guid-3',
    ]);
  });

  it('leave ids that are not URLs with a login as they are, "@" and all', () => {
    const ids = ['tag:news.example,2026:desk@story-1', 'https://news.example/@author/post', 'mailto:desk@news.example', 'urn:uuid:1f0e', 'sha256:ab12#1'];
    expect(itemKeys(ids)).toEqual(ids);
  });

  it('stay unique: an id without its login that is another item\'s id, or an earlier one\'s key, keeps the login', () => {
    expect(itemKeys([
      'https://reader:secret@news.example/a', // would be the next item's id
      'https://news.example/a',
      'https://reader:one@news.example/b',
      'https://reader:two@news.example/b', // would be the key of the item before
    ])).toEqual([
      'https://reader:secret@news.example/a',
      'https://news.example/a',
      'https://news.example/b',
      'https://reader:two@news.example/b',
    ]);
  });

  it('name an item without a link, in its address inside the feed, without the login of its GUID', () => {
    const item: FeedItem = {
      id: 'https://reader:secret@news.example/a', guid: 'https://reader:secret@news.example/a', title: 'A', link: null, published: null, updated: null,
      author: null, summary: null, content: '<p>Text</p>', enclosures: [], categories: [], outlet: null,
    };
    const [raw] = feedItemsToRawItems('paper', 'https://reader:secret@news.example/feed', [item]);
    expect(raw).toMatchObject({ key: 'https://news.example/a', url: 'https://news.example/feed#https%3A%2F%2Fnews.example%2Fa', hasPage: false });
  });
});
