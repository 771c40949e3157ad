import { definePipeline } from '../src/config/index.ts';

/**
 * The default pipeline: coverage of the proposal that the leading AI labs coordinate a verified global pause or
 * slowdown of frontier AI development (Anthropic's call of June 2026, echoing the 2023 open letter asking labs to
 * pause giant AI experiments).
 *
 * Copy this file to monitor another topic: `pausewatch run --pipeline pipelines/<your-topic>.ts`.
 */
export default definePipeline({
  id: 'ai-pause',
  name: 'The frontier-AI pause proposal',

  sources: [
    { id: 'seeds', kind: 'files', name: 'Seed articles', glob: 'seeds/*.txt' },
    // A news search for the proposal itself catches outlets that are not listed below.
    {
      id: 'google-news-ai-pause',
      kind: 'feed',
      name: 'Google News: AI pause',
      url: 'https://news.google.com/rss/search?q=%22AI+pause%22+OR+%22pause+AI+development%22+OR+%22AI+moratorium%22+OR+%22frontier+AI%22+slowdown&hl=en-US&gl=US&ceid=US:en',
      // Links point at a redirector, not at the article: the headline and snippet are what the feed offers.
      fetchArticles: false,
    },
    {
      id: 'bing-news-ai-pause',
      kind: 'feed',
      name: 'Bing News: Anthropic pause',
      url: 'https://www.bing.com/news/search?q=Anthropic+pause+AI+development&format=rss',
      fetchArticles: false,
    },
    { id: 'guardian-ai', kind: 'feed', name: 'The Guardian: AI', url: 'https://www.theguardian.com/technology/artificialintelligenceai/rss' },
    { id: 'nyt-technology', kind: 'feed', name: 'The New York Times: Technology', url: 'https://rss.nytimes.com/services/xml/rss/nyt/Technology.xml' },
    { id: 'bbc-technology', kind: 'feed', name: 'BBC News: Technology', url: 'https://feeds.bbci.co.uk/news/technology/rss.xml' },
    { id: 'mit-tr-ai', kind: 'feed', name: 'MIT Technology Review: AI', url: 'https://www.technologyreview.com/topic/artificial-intelligence/feed' },
    { id: 'verge-ai', kind: 'feed', name: 'The Verge: AI', url: 'https://www.theverge.com/rss/ai-artificial-intelligence/index.xml' },
    { id: 'techcrunch-ai', kind: 'feed', name: 'TechCrunch: AI', url: 'https://techcrunch.com/category/artificial-intelligence/feed/' },
    { id: 'ars-ai', kind: 'feed', name: 'Ars Technica: AI', url: 'https://arstechnica.com/ai/feed/' },
    { id: 'wired-ai', kind: 'feed', name: 'Wired: AI', url: 'https://www.wired.com/feed/tag/ai/latest/rss' },
    { id: 'venturebeat-ai', kind: 'feed', name: 'VentureBeat: AI', url: 'https://venturebeat.com/category/ai/feed/' },
    { id: 'register-ai', kind: 'feed', name: 'The Register: AI and ML', url: 'https://www.theregister.com/software/ai_ml/headlines.atom' },
    { id: 'euractiv-tech', kind: 'feed', name: 'Euractiv: Technology', url: 'https://www.euractiv.com/sections/tech/feed/' },
  ],

  topic: {
    description:
      'Coverage of the proposal that leading AI labs coordinate a verified global pause or slowdown of frontier AI development',
    proposalTerms: [
      'pause',
      'paused',
      'pausing',
      'moratorium',
      'slowdown',
      'slow down',
      'slowing down',
      'halt',
      'freeze',
      'stop training',
      'compute cap',
      'pause giant AI experiments',
    ],
    contextTerms: [
      'frontier AI',
      'AI development',
      'AI labs',
      'AI laboratories',
      'AI developers',
      'advanced AI',
      'training runs',
      'AI models',
      'Anthropic',
      'OpenAI',
      'superintelligence',
      'recursive self-improvement',
      'AI race',
      'alignment',
      'open letter',
    ],
    excludeTerms: ['pause button', 'state AI laws', 'hiring freeze'],
  },

  stance: { scorer: 'pause-proposal', relevanceThreshold: 0.5 },

  fetch: { concurrency: 8, perHostConcurrency: 2, perHostGapMs: 500, timeoutMs: 30_000, maxBytes: 10_000_000 },

  digest: { dir: 'data/digests', timeZone: 'UTC', maxStories: 50 },

  alerts: {
    minRelevance: 0.5,
    channels: [{ type: 'stdout' }, { type: 'file', path: 'data/alerts.jsonl' }],
  },

  schedule: { cron: '0 6 * * *' },
});
