import { describe, expect, it } from 'vitest';
import { isOpeningOf, MAX_TEASER_WORDS, MIN_TEASER_WORDS } from '../../src/dedup/index.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

const ARTICLE = ON_TOPIC_TEXTS[0]!;
const words = ARTICLE.split(' ');

describe("a feed's teaser of an article", () => {
  it('is the opening of the article: its first words, cut mid-word, with an ellipsis or "Read more" after', () => {
    const opening = words.slice(0, 30).join(' ');
    expect(isOpeningOf(opening, ARTICLE)).toBe(true);
    expect(isOpeningOf(`${opening.slice(0, -3)}…`, ARTICLE)).toBe(true);
    expect(isOpeningOf(`${opening} […] Read more`, ARTICLE)).toBe(true);
    // WordPress's and other feeds' endings, naming the headline or the site after them
    expect(isOpeningOf(`${opening} […] The post Labs weigh a pause appeared first on Policy Desk.`, ARTICLE)).toBe(true);
    expect(isOpeningOf(`${opening}… Continue reading "Labs weigh a pause"`, ARTICLE)).toBe(true);
    expect(isOpeningOf(`${opening}… Read the full story`, ARTICLE)).toBe(true);
    expect(isOpeningOf(`${opening}… Keep reading`, ARTICLE)).toBe(true);
    // quotes, case and spacing as copies differ in them
    expect(isOpeningOf(opening.toUpperCase().replace(/,/g, ' ,'), ARTICLE)).toBe(true);
  });

  it('is not a text of too few words, another text, the whole text, or one longer than the article', () => {
    expect(isOpeningOf(words.slice(0, MIN_TEASER_WORDS - 1).join(' '), ARTICLE)).toBe(false);
    expect(isOpeningOf(words.slice(0, MIN_TEASER_WORDS).join(' '), ARTICLE)).toBe(true);
    expect(isOpeningOf(ON_TOPIC_TEXTS[1]!, ARTICLE)).toBe(false);
    expect(isOpeningOf(ARTICLE, ARTICLE)).toBe(false);
    // more words than a summary: an article that another goes on from (an update with a paragraph added) is no teaser
    const long = Array.from({ length: 40 }, () => ARTICLE).join(' ');
    expect(isOpeningOf(long.split(' ').slice(0, MAX_TEASER_WORDS + 1).join(' '), long)).toBe(false);
    expect(isOpeningOf(long.split(' ').slice(0, MAX_TEASER_WORDS - 5).join(' '), long)).toBe(true);
    expect(isOpeningOf(ARTICLE, words.slice(0, 30).join(' '))).toBe(false);
    // a word changed inside the opening: a rewrite, not the teaser
    expect(isOpeningOf(words.slice(0, 30).join(' ').replace('coordinated', 'unilateral'), ARTICLE)).toBe(false);
  });
});
