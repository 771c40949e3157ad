import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { parseFeed } from '../../src/ingest/feed/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { startServer } from '../helpers/http-server.ts';

/**
 * A news-search feed in German gives a headline and a line for each item, too few words to tell their language by:
 * the feed's own `<language>` tells it, so its items are found by the pipeline's German words (they were read as
 * English and were off topic).
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const rss = (language: string | null) => `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Nachrichten: KI</title><link>https://news.example.de/</link>${language === null ? '' : `<language>${language}</language>`}
<item><title>KI-Moratorium gefordert</title><link>https://news.example.de/a</link><guid>a</guid><pubDate>Fri, 05 Jun 2026 08:00:00 GMT</pubDate></item>
<item><title>Winterpause der Bundesliga</title><link>https://news.example.de/b</link><guid>b</guid><pubDate>Fri, 05 Jun 2026 08:00:00 GMT</pubDate></item>
</channel></rss>`;

describe('the language a feed declares', () => {
  it('is read from RSS, RSS 1.0, Atom, JSON Feed and a news sitemap, and a value that is no language tag is none', async () => {
    const languageOf = async (body: string) => (await parseFeed(Buffer.from(body), { url: 'https://news.example.de/feed' })).language;
    expect(await languageOf(rss('de-DE'))).toBe('de-DE');
    expect(await languageOf(rss('en_us'))).toBe('en-us');
    expect(await languageOf(rss('Deutsch, bitte'))).toBeNull();
    expect(await languageOf(rss(null))).toBeNull();
    expect(await languageOf('<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="https://e.fr/"><title>T</title><link>https://e.fr/</link><dc:language>fr</dc:language></channel><item rdf:about="https://e.fr/a"><title>A</title><link>https://e.fr/a</link></item></rdf:RDF>')).toBe('fr');
    expect(await languageOf('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nl-BE"><title>T</title><id>urn:x</id><updated>2026-06-05T08:00:00Z</updated><entry><title>A</title><id>urn:a</id><link href="https://e.be/a"/><updated>2026-06-05T08:00:00Z</updated></entry></feed>')).toBe('nl-BE');
    expect(await languageOf(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', language: 'es-ES', items: [{ id: '1', url: 'https://e.es/1', title: 'A' }] }))).toBe('es-ES');
    expect(await languageOf('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://e.it/a</loc><news:news><news:publication><news:name>E</news:name><news:language>it</news:language></news:publication><news:publication_date>2026-06-05</news:publication_date><news:title>A</news:title></news:news></url></urlset>')).toBe('it');
  });
});

describe.each(dialects)('short items of a feed in German, on $name', ({ fresh }) => {
  it('are stored in its language and found by its words, where read as English they were off topic', async () => {
    const server = await startServer({ '/feed.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss('de')) });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'feed-language', [{ id: 'news', kind: 'feed', name: 'Nachrichten', url: `${server.url}/feed.xml`, fetchArticles: false }], {
      database: fresh,
      topic: {
        description: 'The pause', proposalTerms: ['pause'], contextTerms: ['frontier AI'],
        otherLanguages: { de: { proposalTerms: ['*pause', 'moratori*'], contextTerms: ['KI'], excludeTerms: ['Bundesliga'] } },
      },
    });
    const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, new PassThrough().resume());
    await runPipeline({ loaded, store, channels, now: () => new Date('2026-06-05T10:00:00.000Z'), random: () => 0.5 });
    const rows = await store.db.selectFrom('articles').innerJoin('stance_scores', 'stance_scores.article_id', 'articles.id')
      .select(['articles.title', 'articles.lang', 'stance_scores.relevant', 'stance_scores.unread_language', 'stance_scores.label']).orderBy('articles.id').execute();
    expect(rows).toEqual([
      { title: 'KI-Moratorium gefordert', lang: 'de', relevant: 1, unread_language: 'de', label: null },
      { title: 'Winterpause der Bundesliga', lang: 'de', relevant: 0, unread_language: 'de', label: null },
    ]);
  });
});

const multilingualAtom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>World desk</title><id>urn:desk</id><updated>2026-06-05T08:00:00Z</updated>
<entry xml:lang="de-DE"><title>KI-Moratorium gefordert</title><id>urn:a</id><link href="https://desk.example/a"/><updated>2026-06-05T08:00:00Z</updated></entry>
<entry><title>Labs weigh a pause of frontier AI</title><id>urn:b</id><link href="https://desk.example/b"/><updated>2026-06-05T08:00:00Z</updated></entry>
</feed>`;

describe('an item\'s own language', () => {
  it('is read apart from its feed\'s in Atom, RSS, JSON Feed and a news sitemap', async () => {
    const languagesOf = async (body: string) => (await parseFeed(Buffer.from(body), { url: 'https://desk.example/feed' })).items.map((item) => item.language ?? null);
    expect(await languagesOf(multilingualAtom)).toEqual(['de-DE', null]);
    // marked on the entry's text alone, or on an RSS item
    expect(await languagesOf(multilingualAtom.replace('<entry><title>Labs weigh', '<entry><title xml:lang="fr">Labs weigh'))).toEqual(['de-DE', 'fr']);
    expect(await languagesOf(multilingualAtom.replace('<entry><title>Labs weigh a pause of frontier AI</title>', '<entry><title>Labs weigh a pause of frontier AI</title><content type="text" xml:lang="nl">Tekst</content>'))).toEqual(['de-DE', 'nl']);
    expect(await languagesOf('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://e.example/</link><language>en</language><item xml:lang="es"><title>A</title><link>https://e.example/a</link></item></channel></rss>')).toEqual(['es']);
    expect(await languagesOf('<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title><link>https://e.example/</link><language>en</language><item><title>A</title><link>https://e.example/a</link><dc:language>fr</dc:language></item><item><title>B</title><link>https://e.example/b</link></item></channel></rss>')).toEqual(['fr', null]);
    expect(await languagesOf(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', language: 'en', items: [{ id: '1', url: 'https://e.example/1', title: 'A', language: 'es' }, { id: '2', url: 'https://e.example/2', title: 'B' }] }))).toEqual(['es', null]);
    const entry = (loc: string, language: string) => `<url><loc>${loc}</loc><news:news><news:publication><news:name>E</news:name><news:language>${language}</news:language></news:publication><news:publication_date>2026-06-05</news:publication_date><news:title>A</news:title></news:news></url>`;
    expect(await languagesOf(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">${entry('https://e.example/a', 'en')}${entry('https://e.example/b', 'it')}</urlset>`)).toEqual(['en', 'it']);
  });
});

describe.each(dialects)('a feed of items in several languages, on $name', ({ fresh }) => {
  it('has each item stored in its own language and scored by it, and an English headline of a German feed read as English', async () => {
    const germanFeed = rss('de').replace('<item><title>Winterpause der Bundesliga</title>', '<item><title>OpenAI rejects Anthropic pause proposal</title>');
    const server = await startServer({
      '/desk.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(multilingualAtom),
      '/de.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(germanFeed),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'item-language', [
      { id: 'desk', kind: 'feed', name: 'World desk', url: `${server.url}/desk.xml`, fetchArticles: false },
      { id: 'news', kind: 'feed', name: 'Nachrichten', url: `${server.url}/de.xml`, fetchArticles: false },
    ], {
      database: fresh,
      topic: {
        description: 'The pause', proposalTerms: ['pause'], contextTerms: ['frontier AI', 'Anthropic'],
        otherLanguages: { de: { proposalTerms: ['*pause', 'moratori*'], contextTerms: ['KI', 'Anthropic'] } },
      },
    });
    const channels = createChannels(loaded.pipeline.alerts, loaded.rootDir, new PassThrough().resume());
    await runPipeline({ loaded, store, channels, now: () => new Date('2026-06-05T10:00:00.000Z'), random: () => 0.5 });
    const rows = await store.db.selectFrom('articles').innerJoin('stance_scores', 'stance_scores.article_id', 'articles.id')
      .select(['articles.title', 'articles.lang', 'stance_scores.relevant', 'stance_scores.unread_language', 'stance_scores.label']).orderBy('articles.id').execute();
    expect(rows).toEqual([
      { title: 'KI-Moratorium gefordert', lang: 'de-DE', relevant: 1, unread_language: 'de', label: null },
      { title: 'Labs weigh a pause of frontier AI', lang: 'en', relevant: 1, unread_language: null, label: 'neutral' },
      { title: 'KI-Moratorium gefordert', lang: 'de', relevant: 1, unread_language: 'de', label: null },
      { title: 'OpenAI rejects Anthropic pause proposal', lang: 'de', relevant: 1, unread_language: null, label: 'oppose' },
    ]);
  });
});
