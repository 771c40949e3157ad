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
    // Data centres are no other sense here: checking them is how a pause would be verified.
    otherLanguages: {
      de: {
        proposalTerms: ['*pause', 'pausier*', 'moratori*', 'verlangsam*', 'anhalten', 'anzuhalten', 'stopp*', 'stoppen', 'einfrier*', 'bremse*', 'innehalten', 'aussetz*', 'auszusetzen', 'Auszeit', 'Waffenstillstand'],
        contextTerms: ['KI', 'künstlich* Intelligenz', 'AI', 'AGI', 'Superintelligenz', 'Sprachmodell*', 'KI-Labor*', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['Bundesstaat*', 'Pausentaste', 'Anmeldung*', 'Registrierung*', 'Neukunden', 'Einstellungsstopp', 'Neueinstellung*', 'Bundesliga', 'Halbzeit*', 'Schiedsrichter*', 'Übertragung'],
      },
      fr: {
        proposalTerms: ['pause', 'pauses', 'moratoire*', 'ralenti*', 'suspendre', 'suspension', 'geler', 'gel', 'arrêter', 'arrêt', 'frein*', 'trêve', 'cessez-le-feu'],
        contextTerms: ['IA', 'I.A.', 'intelligence* artificielle*', 'AGI', 'superintelligence', 'modèle* de langage', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['lois des États', 'États américains', 'inscription*', 'embauche*', 'recrutement*', 'arbitre', 'mi-temps', 'retransmission'],
      },
      es: {
        proposalTerms: ['pausa*', 'pausar', 'moratoria*', 'ralentiz*', 'desaceler*', 'frenar', 'freno', 'frenazo', 'detener', 'parar', 'congelar', 'suspender', 'tregua', 'alto el fuego'],
        contextTerms: ['IA', 'inteligencia* artificial*', 'AGI', 'superinteligencia', 'modelo* de lenguaje', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['leyes estatales', 'registro*', 'inscripci*', 'contrataci*', 'árbitro', 'retransmisión'],
      },
      it: {
        proposalTerms: ['pausa', 'pause', 'moratoria*', 'rallenta*', 'sospendere', 'sospensione', 'frenare', 'frenata', 'freno', 'stop', 'fermare', 'fermarsi', 'congelare', 'tregua', 'cessate il fuoco'],
        contextTerms: ['IA', 'AI', 'intelligenz* artificial*', 'AGI', 'superintelligenza', 'modell* linguistic*', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['leggi statali', 'iscrizion*', 'registrazion*', 'assunzion*', 'arbitro', 'trasmissione'],
      },
      nl: {
        proposalTerms: ['*pauze', 'pauzeren', 'moratorium', 'vertrag*', 'stilleggen', 'bevriez*', 'op de rem', 'afremmen', 'wapenstilstand'],
        contextTerms: ['AI', 'KI', 'kunstmatige intelligentie', 'AGI', 'superintelligentie', 'taalmodel*', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['aanmelding*', 'registratie*', 'personeelsstop', 'vacaturestop', 'wedstrijd'],
      },
      pt: {
        proposalTerms: ['pausa*', 'pausar', 'moratória*', 'moratoria*', 'desaceler*', 'frear', 'freio', 'suspender', 'congelar', 'travar', 'parar', 'trégua', 'cessar-fogo'],
        contextTerms: ['IA', 'inteligência* artificial*', 'AGI', 'superinteligência', 'modelo* de linguagem', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['leis estaduais', 'cadastro*', 'inscriç*', 'contrataç*', 'árbitro', 'transmissão'],
      },
      ru: {
        proposalTerms: ['пауз*', 'моратори*', 'приостанов*', 'замедл*', 'останов*', 'заморо*', 'тормоз*', 'перемири*'],
        contextTerms: ['ИИ', 'искусственн* интеллект*', 'нейросет*', 'языков* модел*', 'AI', 'AGI', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['регистрац*', 'найм*', 'матч*', 'трансляци*'],
      },
      uk: {
        proposalTerms: ['пауз*', 'моратор*', 'призупин*', 'сповільн*', 'зупин*', 'замороз*', 'гальм*', 'перемир*'],
        contextTerms: ['ШІ', 'штучн* інтелект*', 'мовн* модел*', 'AI', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['реєстрац*', 'найм*', 'матч*', 'трансляці*'],
      },
      ar: {
        proposalTerms: ['*وقف*', '*إيقاف*', '*تعليق*', '*تجميد*', '*إبطاء*', '*بطء*', '*بطئ*', '*هدنة*', '*موراتوريوم*'],
        contextTerms: ['*الذكاء الاصطناعي', 'AI', 'Anthropic', 'OpenAI', '*أنثروبيك', '*أوبن إيه آي'],
        excludeTerms: ['*تسجيل*', '*اشتراك*', '*توظيف*', '*مباراة*'],
      },
      zh: {
        proposalTerms: ['暂停', '暫停', '暂缓', '暫緩', '放缓', '放緩', '叫停', '冻结', '凍結', '刹车', '剎車', '停止开发', '停止開發', '停止训练', '停止訓練', '停战'],
        contextTerms: ['人工智能', '人工智慧', 'AI', '大模型', '语言模型', '語言模型', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['注册', '註冊', '招聘', '比赛', '比賽'],
      },
      ja: {
        proposalTerms: ['一時停止', '停止', '中断', '休止', '凍結', 'モラトリアム', '減速', 'ペースを落と', 'ブレーキ', '休戦'],
        contextTerms: ['人工知能', 'AI', 'ＡＩ', '言語モデル', 'アンソロピック', 'Anthropic', 'OpenAI', 'DeepMind'],
        excludeTerms: ['登録', '採用', '試合'],
      },
      ko: {
        proposalTerms: ['중단', '일시 정지', '일시정지', '모라토리엄', '속도 조절', '감속', '동결', '브레이크', '휴전'],
        contextTerms: ['인공지능', 'AI', '언어모델', '언어 모델', '앤트로픽', 'Anthropic', 'OpenAI', '오픈AI', 'DeepMind'],
        excludeTerms: ['가입', '채용', '심판'],
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
