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
    // The scorer reads English. Coverage in these languages is found by their own words (a sentence holding a
    // proposal term and a context term) and listed without a stance; a `*` at a word's end or start stands for more
    // letters (inflections, compounds, Arabic's attached articles). Korean, Chinese and Japanese terms match anywhere.
    otherLanguages: {
      de: {
        proposalTerms: ['*pause', 'pausier*', 'moratori*', 'verlangsam*', 'anhalten', 'anzuhalten', 'stopp*', 'stoppen', 'einfrier*', 'bremse*', 'innehalten'],
        contextTerms: ['KI', 'künstlich* Intelligenz', 'AI', 'AGI', 'Superintelligenz', 'Sprachmodell*', 'KI-Labor*', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['Bundesstaat*', 'Pausentaste', 'Anmeldung*', 'Registrierung*', 'Neukunden'],
      },
      fr: {
        proposalTerms: ['pause', 'pauses', 'moratoire*', 'ralenti*', 'suspendre', 'suspension', 'geler', 'gel', 'arrêter', 'arrêt', 'frein*'],
        contextTerms: ['IA', 'I.A.', 'intelligence* artificielle*', 'AGI', 'superintelligence', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['lois des États', 'États américains', 'inscription*'],
      },
      es: {
        proposalTerms: ['pausa*', 'pausar', 'moratoria*', 'ralentiz*', 'desaceler*', 'frenar', 'freno', 'detener', 'congelar', 'suspender'],
        contextTerms: ['IA', 'inteligencia* artificial*', 'AGI', 'superinteligencia', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['leyes estatales', 'registro*', 'inscripci*'],
      },
      it: {
        proposalTerms: ['pausa', 'pause', 'moratoria*', 'rallenta*', 'sospendere', 'sospensione', 'frenare', 'freno', 'stop', 'fermare', 'congelare'],
        contextTerms: ['IA', 'AI', 'intelligenz* artificial*', 'AGI', 'superintelligenza', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['leggi statali', 'iscrizion*', 'registrazion*'],
      },
      nl: {
        proposalTerms: ['*pauze', 'pauzeren', 'moratorium', 'vertrag*', 'stilleggen', 'bevriez*', 'op de rem', 'afremmen'],
        contextTerms: ['AI', 'KI', 'kunstmatige intelligentie', 'AGI', 'superintelligentie', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['aanmelding*', 'registratie*'],
      },
      pt: {
        proposalTerms: ['pausa*', 'pausar', 'moratória*', 'moratoria*', 'desaceler*', 'frear', 'freio', 'suspender', 'congelar', 'travar'],
        contextTerms: ['IA', 'inteligência* artificial*', 'AGI', 'superinteligência', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['leis estaduais', 'cadastro*', 'inscriç*'],
      },
      ru: {
        proposalTerms: ['пауз*', 'моратори*', 'приостанов*', 'замедл*', 'останов*', 'заморо*'],
        contextTerms: ['ИИ', 'искусственн* интеллект*', 'нейросет*', 'AI', 'AGI', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['регистрац*'],
      },
      uk: {
        proposalTerms: ['пауз*', 'моратор*', 'призупин*', 'сповільн*', 'зупин*', 'замороз*'],
        contextTerms: ['ШІ', 'штучн* інтелект*', 'AI', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['реєстрац*'],
      },
      ar: {
        proposalTerms: ['*وقف*', '*إيقاف*', '*تعليق*', '*تجميد*', '*إبطاء*', '*بطء*', '*بطئ*', '*موراتوريوم*'],
        contextTerms: ['*الذكاء الاصطناعي', 'AI', 'Anthropic', 'OpenAI', '*أنثروبيك', '*أوبن إيه آي'],
        excludeTerms: ['*تسجيل*', '*اشتراك*'],
      },
      zh: {
        proposalTerms: ['暂停', '暫停', '暂缓', '暫緩', '放缓', '放緩', '叫停', '冻结', '凍結', '停止开发', '停止開發', '停止训练', '停止訓練'],
        contextTerms: ['人工智能', '人工智慧', 'AI', '大模型', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['注册', '註冊'],
      },
      ja: {
        proposalTerms: ['一時停止', '停止', '中断', '休止', '凍結', 'モラトリアム', '減速', 'ペースを落と'],
        contextTerms: ['人工知能', 'AI', 'ＡＩ', 'アンソロピック', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['登録'],
      },
      ko: {
        proposalTerms: ['중단', '일시 정지', '일시정지', '모라토리엄', '속도 조절', '감속', '동결'],
        contextTerms: ['인공지능', 'AI', '앤트로픽', 'Anthropic', 'OpenAI', '오픈AI', 'DeepMind'],
        excludeTerms: ['가입'],
      },
    },
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
