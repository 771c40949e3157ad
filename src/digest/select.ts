import { storyLabel } from '../dedup/story-label.ts';
import type { Evidence, StanceLabel, Voice } from '../model/index.ts';
import { collectDigestVoices } from './collect-digest-voices.ts';

/** One article as the digest shows it. */
export interface DigestArticle {
  id: number;
  /** The headline, or for an article that came without one (`untitled`), its first words. */
  title: string;
  untitled: boolean;
  url: string;
  outlet: string;
  sourceId: string;
  publishedAt: string | null;
  fetchedAt: string;
  wordCount: number;
  duplicateOf: number | null;
  storyId: number | null;
  relevance: number | null;
  relevant: boolean;
  stance: { label: StanceLabel; score: number | null; confidence: number | null; override: boolean } | null;
  /**
   * Its language when the scorer does not read it (it reads English): an on-topic article with no stance, found by
   * that language's words, unless an analyst labelled it. Absent or null: read.
   */
  unreadLanguage?: string | null;
  evidence: Evidence[];
  voices: Voice[];
}

/** What counts of an article, which its syndicated copies take: on topic or not, its stance, the language it went unread in. */
export type DigestVerdict = Pick<DigestArticle, 'relevant' | 'stance' | 'unreadLanguage'>;

export interface DigestStory {
  id: number | null;
  label: string;
  /** All the story's articles of the day, listed or not, as `outletCount`, `outlets` and `stance` count them. */
  articleCount: number;
  outletCount: number;
  outlets: string[];
  stance: Record<StanceLabel, number>;
  /** Every article of the story of the day, in the digest's order; the rendered digest lists `shownArticleIds` of them. */
  articles: DigestArticle[];
  /**
   * The articles the rendered digest lists under the story, at most `digest.maxArticlesPerStory` of them, chosen by
   * `pickShownArticles` and in the order of `articles`.
   */
  shownArticleIds: number[];
  /** The story's articles of the day the rendered digest does not list: `articleCount` - `shownArticleIds.length`. */
  articlesNotShown: number;
  /**
   * The story's articles of every day, as `pausewatch articles --story <id>` lists them, counted when the digest was
   * written; only for a story with articles not shown (null otherwise, or when not counted).
   */
  allDaysArticleCount: number | null;
}

export interface SourceHealth {
  id: string;
  name: string;
  /**
   * `gone`: the feed's server answered 410 Gone (and nothing has been read from it since), as `pausewatch sources`
   * says; `failed`: any other failure of the last check.
   */
  status: 'ok' | 'not_modified' | 'failed' | 'gone' | 'never';
  lastError: string | null;
  /** How many problems the last feed document read was recovered from (not well-formed, mislabelled charset, ...). */
  warningCount?: number;
}

/** Stance of on-topic original articles that appeared in a span of days. */
export interface StanceTally {
  from: string;
  to: string;
  articles: number;
  support: number;
  oppose: number;
  neutral: number;
  /**
   * How much of the span pausewatch watched, from the day of the pipeline's first run on: `whole`, `part` (it began
   * during the span), or `none` (the span ended before it began; its figures are only the articles published then
   * that it found later). Null when no run of the pipeline is recorded, so nothing is known of it.
   */
  watched?: SpanWatched | null;
}

export type SpanWatched = 'whole' | 'part' | 'none';

/** How much of the days `from` to `to` were watched, when watching began on `watchedFrom` (null: not known). */
export function spanWatched(span: { from: string; to: string }, watchedFrom: string | null): SpanWatched | null {
  if (watchedFrom === null) return null;
  return watchedFrom <= span.from ? 'whole' : watchedFrom <= span.to ? 'part' : 'none';
}

/** A speaker quoted in the day's coverage, with the side they took and how many articles quote them so. */
export interface DigestVoice {
  actor: string;
  stance: StanceLabel;
  articles: number;
  /** One of their quotes, for a flavour of the argument. */
  quote: string;
}

/**
 * The last seven days against the seven before. `watchedFrom`: the day (in the digest's time zone) of the pipeline's
 * first run, from which on pausewatch watched; null when no run is recorded (none is made up from the articles).
 * The seven days before are compared only when they were watched whole: a week nobody watched holds only the
 * articles published then and found later, and a change against it would be no change.
 */
export interface DigestShift {
  current: StanceTally;
  previous: StanceTally;
  watchedFrom?: string | null;
  /**
   * When the digest's day was still in progress as it was written: the moment its last day is counted to (ISO-8601
   * UTC), and the days before count theirs to the same time of day, so that a morning's digest compares like with
   * like. Null or absent for a day written after it ended.
   */
  countedTo?: string | null;
}

export interface DigestData {
  /**
   * The pipeline; `file` is its definition's path from the project's root where it is not the default
   * (`pipelines/ai-pause.ts`), for the commands the digest suggests, and null where it is.
   */
  pipeline: { id: string; name: string; description: string; file?: string | null };
  date: string;
  timeZone: string;
  generatedAt: string;
  /**
   * The day's articles add up: `articles` = `onTopic` + `offTopic`, and `onTopic` - `duplicates` = the originals
   * whose stances `stance` counts. `duplicates` are the on-topic copies, listed under their stories; an off-topic
   * copy is off-topic like its original and counted there only, since nothing else about it is shown.
   */
  totals: {
    articles: number;
    onTopic: number;
    offTopic: number;
    duplicates: number;
    outlets: number;
    stance: Record<StanceLabel, number>;
    /** On-topic originals with no stance, by the language the scorer does not read (`{ de: 2 }`). */
    notScored: Record<string, number>;
  };
  /**
   * The `digest.maxStories` most covered stories, each with all its articles of the day; the rendered digest lists
   * `digest.maxArticlesPerStory` of them at most (`shownArticleIds`) and says how many more there are.
   */
  stories: DigestStory[];
  /** Stories beyond `digest.maxStories`, and their articles, counted since they are not listed. */
  storiesNotShown: { stories: number; articles: number };
  /**
   * Who argues for and against, across the day's on-topic originals, the most quoted first. A speaker is listed
   * under each side they took, and as neutral only when they took none.
   */
  voices: DigestVoice[];
  offTopic: DigestArticle[];
  sources: SourceHealth[];
  /** The last seven days against the seven before: how the debate is shifting. */
  shift: DigestShift | null;
}

export interface DigestInput {
  pipeline: DigestData['pipeline'];
  date: string;
  timeZone: string;
  generatedAt: string;
  articles: readonly DigestArticle[];
  sources: readonly SourceHealth[];
  maxStories: number;
  /** Articles listed under one story at most (`pickShownArticles` chooses them); all of them when not given. */
  maxArticlesPerStory?: number;
  /**
   * How many articles each story has on every day (`allDaysArticleCount`), for the stories with articles not shown:
   * the digest's line about them says how to list them all.
   */
  storyArticleCounts?: ReadonlyMap<number, number>;
  shift?: DigestData['shift'];
  /** List off-topic articles; otherwise they are only counted. */
  includeOffTopic: boolean;
  /**
   * What counts for the originals of the day's copies that are not among `articles` (first seen on an earlier day):
   * their relevance and stance, which those copies take. A copy whose original is in neither keeps its own.
   */
  originals?: ReadonlyMap<number, DigestVerdict>;
}

const emptyTally = (): Record<StanceLabel, number> => ({ support: 0, oppose: 0, neutral: 0 });

/**
 * Groups the day's on-topic articles into stories, most covered first. Duplicates stay listed under their story
 * (readers want to see who ran the wire copy) but count once in the stance tallies, so syndication does not
 * inflate one side. A story lists `maxArticlesPerStory` articles at most (`pickShownArticles`); its counts, and the
 * JSON's `articles`, take in all of them.
 */
export function buildDigest(input: DigestInput): DigestData {
  const articles = countedAsOriginals(input.articles, input.originals);
  const onTopic = articles.filter((a) => a.relevant);
  const offTopic = articles.filter((a) => !a.relevant);
  const originals = onTopic.filter((a) => a.duplicateOf === null);

  const groups = new Map<string, DigestArticle[]>();
  for (const article of onTopic) {
    const key = article.storyId === null ? `article:${article.id}` : `story:${article.storyId}`;
    const list = groups.get(key) ?? [];
    list.push(article);
    groups.set(key, list);
  }

  const stories: DigestStory[] = [...groups.values()].map((articles) => {
    articles.sort((a, b) => Number(a.duplicateOf !== null) - Number(b.duplicateOf !== null) || (a.publishedAt ?? a.fetchedAt).localeCompare(b.publishedAt ?? b.fetchedAt) || a.id - b.id);
    const first = articles[0]!;
    const outlets = [...new Set(articles.map((a) => a.outlet))];
    const stance = emptyTally();
    for (const a of articles) if (a.duplicateOf === null && a.stance) stance[a.stance.label] += 1;
    const shown = pickShownArticles(articles, input.maxArticlesPerStory ?? Number.POSITIVE_INFINITY);
    const articlesNotShown = articles.length - shown.length;
    return {
      id: first.storyId,
      // From the articles listed here, not the story's stored label, which follows its newest headline: a digest
      // rewritten for an older day must not be headed by news from after that day.
      label: digestStoryLabel(articles),
      articleCount: articles.length,
      outletCount: outlets.length,
      outlets,
      stance,
      articles,
      shownArticleIds: shown.map((a) => a.id),
      articlesNotShown,
      allDaysArticleCount: articlesNotShown > 0 && first.storyId !== null ? (input.storyArticleCounts?.get(first.storyId) ?? null) : null,
    };
  });
  stories.sort((a, b) => b.outletCount - a.outletCount || b.articleCount - a.articleCount || (a.id ?? 0) - (b.id ?? 0));

  const stanceTotals = emptyTally();
  const notScored: Record<string, number> = {};
  for (const a of originals) {
    if (a.stance) stanceTotals[a.stance.label] += 1;
    else if (a.unreadLanguage) notScored[a.unreadLanguage] = (notScored[a.unreadLanguage] ?? 0) + 1;
  }

  const storiesNotShown = stories.slice(input.maxStories);
  return {
    voices: collectDigestVoices(originals),
    pipeline: input.pipeline,
    date: input.date,
    timeZone: input.timeZone,
    generatedAt: input.generatedAt,
    totals: {
      articles: articles.length,
      onTopic: onTopic.length,
      offTopic: offTopic.length,
      duplicates: onTopic.length - originals.length,
      outlets: new Set(onTopic.map((a) => a.outlet)).size,
      stance: stanceTotals,
      notScored,
    },
    stories: stories.slice(0, input.maxStories),
    storiesNotShown: { stories: storiesNotShown.length, articles: storiesNotShown.reduce((sum, story) => sum + story.articleCount, 0) },
    offTopic: input.includeOffTopic ? offTopic.sort((a, b) => a.id - b.id) : [],
    sources: [...input.sources],
    shift: input.shift ?? null,
  };
}

/**
 * The articles of a story the digest lists when it has more than `max` (a wire piece syndicated to hundreds of
 * outlets), in the digest's order. The rule, so the cut loses the least: first, for each side of the debate the
 * story's articles take (support, oppose, neutral), the first article taking it, so thirty neutral copies cannot hide
 * the one that opposes; then the rest in the digest's order, which puts originals before syndicated copies (and the
 * earliest first). A copy takes its original's stance, so it stands for a side only when no original in the story
 * does, and no copy fills a place before every original has one: a listed copy's original in the story is listed
 * above it. Fewer places than sides go to the sides met first.
 */
export function pickShownArticles(articles: readonly DigestArticle[], max: number): DigestArticle[] {
  if (articles.length <= max) return [...articles];
  const picked = new Set<DigestArticle>();
  const sides = new Set<StanceLabel>();
  for (const article of articles) {
    if (picked.size >= max) break;
    if (!article.stance || sides.has(article.stance.label)) continue;
    sides.add(article.stance.label);
    picked.add(article);
  }
  for (const article of articles) {
    if (picked.size >= max) break;
    picked.add(article);
  }
  return articles.filter((article) => picked.has(article));
}

/** The articles the rendered digest lists under `story` (`shownArticleIds`), in the digest's order. */
export function shownArticles(story: DigestStory): DigestArticle[] {
  const shown = new Set(story.shownArticleIds);
  return story.articles.filter((article) => shown.has(article.id));
}

/**
 * The day's articles with each copy on-topic or off-topic, and of the stance, that its original is, as trends count
 * the pair: judged by its own score, the copy of an original an analyst labelled irrelevant stayed on-topic and headed
 * a story of its own. The copy keeps its own evidence and voices, which are about its text.
 */
function countedAsOriginals(articles: readonly DigestArticle[], earlier: DigestInput['originals']): DigestArticle[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return articles.map((article) => {
    if (article.duplicateOf === null) return article;
    const original = byId.get(article.duplicateOf) ?? earlier?.get(article.duplicateOf);
    return original ? { ...article, relevant: original.relevant, stance: original.stance, unreadLanguage: original.unreadLanguage } : article;
  });
}

/**
 * A story's label from the articles listed, read as the stored label is read (`stories`): from their headlines,
 * and only when none has one, from the first words shown for them, so the digest and `stories` name a story alike.
 * The day's own news heads it: copies of originals counted on earlier days (a wire explainer republished a day
 * later) only when the day has nothing else.
 */
function digestStoryLabel(articles: readonly DigestArticle[]): string {
  const ofTheDay = new Set(articles.map((a) => a.id));
  const own = articles.filter((a) => a.duplicateOf === null || ofTheDay.has(a.duplicateOf));
  const inOrder = [...(own.length > 0 ? own : articles)].sort((a, b) => a.id - b.id);
  const headlines = inOrder.filter((a) => !a.untitled).map((a) => a.title);
  return storyLabel(headlines.length > 0 ? headlines : inOrder.map((a) => a.title));
}
