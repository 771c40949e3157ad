import { afterEach, describe, expect, it } from 'vitest';
import { registerExtract } from '../../src/cli/commands/extract.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { alertingPipeline } from '../helpers/alerting-pipeline.ts';
import { dialects } from '../helpers/databases.ts';
import { startServer } from '../helpers/http-server.ts';
import { runCommands } from '../helpers/in-process-cli.ts';

/**
 * An article page that is a wall put up for readers who are not browsers (a CDN's bot challenge or block page, a
 * "page not found" served as 200): the item keeps its feed's text, is judged on it, and its page is asked for again
 * on the next run, whose article replaces the feed's text without a second alert. A real article that speaks of such
 * walls, or is titled like one, is read as the article.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const STORIES = {
  challenge: ['Anthropic urges labs to pause frontier AI training', 'Anthropic urged the leading labs to agree on a verified pause of frontier AI training runs.'],
  blocked: ['Unions back a moratorium on frontier models', 'Tech unions came out in support of a moratorium on training frontier models this week.'],
  akamai: ['Ministers weigh a compute cap for frontier labs', 'European ministers discussed a cap on training compute for frontier AI labs on Thursday.'],
  missing: ['Critics say a slowdown would hand China the lead', 'Critics of a slowdown in frontier AI development warned that it would hand the lead to rival labs.'],
  gated: ['Regulators propose audits to verify a pause', 'Regulators proposed an audit regime that would verify a pause of frontier AI development at the labs.'],
} as const;

const wallPage = (title: string, body: string) => `<!DOCTYPE html><html><head><title>${title}</title></head><body>${body}</body></html>`;
/** Cloudflare's interstitial, as served to a client that runs no JavaScript. */
const CLOUDFLARE_CHALLENGE = wallPage(
  'Just a moment...',
  '<div class="main-wrapper" role="main"><div class="main-content"><h1 class="zone-name-title h1">news.example</h1><h2 class="h2" id="challenge-running">Checking if the site connection is secure</h2>' +
    '<noscript><div id="challenge-error-title"><div class="h2"><span class="icon-wrapper"></span><span id="challenge-error-text">Enable JavaScript and cookies to continue</span></div></div></noscript>' +
    '<div id="challenge-body-text" class="core-msg spacer">news.example needs to review the security of your connection before proceeding. This process is automatic and your browser will redirect to your requested content shortly, please allow up to five seconds.</div></div></div>' +
    "<script>(function(){window._cf_chl_opt={cvId: '3',cZone: 'news.example',cType: 'managed',cRay: '8a1b2c3d4e5f6a7b'};var cpo = document.createElement('script');cpo.src = '/cdn-cgi/challenge-platform/h/b/orchestrate/chl_page/v1?ray=8a1b2c3d4e5f6a7b';document.getElementsByTagName('head')[0].appendChild(cpo);}());</script>",
);
const CLOUDFLARE_BLOCK = wallPage(
  'Attention Required! | Cloudflare',
  '<div id="cf-wrapper"><div id="cf-error-details" class="cf-error-details-wrapper"><div class="cf-wrapper cf-header cf-error-overview"><h1 data-translate="block_headline">Sorry, you have been blocked</h1>' +
    '<h2 class="cf-subheadline">You are unable to access news.example</h2></div><div class="cf-section cf-wrapper"><div class="cf-columns two"><div class="cf-column"><h2 data-translate="blocked_why_headline">Why have I been blocked?</h2>' +
    '<p data-translate="blocked_why_detail">This website is using a security service to protect itself from online attacks. The action you just performed triggered the security solution. There are several actions that could trigger this block including submitting a certain word or phrase, a SQL command or malformed data.</p></div>' +
    '<div class="cf-column"><h2 data-translate="blocked_resolve_headline">What can I do to resolve this?</h2><p data-translate="blocked_resolve_detail">You can email the site owner to let them know you were blocked. Please include what you were doing when this page came up and the Cloudflare Ray ID found at the bottom of this page.</p></div></div></div>' +
    '<div class="cf-error-footer cf-wrapper"><p><span class="cf-footer-item">Cloudflare Ray ID: <strong>8a1b2c3d4e5f6a7c</strong></span></p></div></div></div>',
);
const AKAMAI_DENIED = wallPage(
  'Access Denied',
  '<h1>Access Denied</h1>You don\'t have permission to access "http&#58;&#47;&#47;news&#46;example&#47;akamai" on this server.<p>Reference&#32;&#35;18&#46;2f3c1002&#46;1733464800&#46;5a2b3c4d</p>' +
    '<p>https&#58;&#47;&#47;errors&#46;edgesuite&#46;net&#47;18&#46;2f3c1002&#46;1733464800&#46;5a2b3c4d</p><p>Please contact the site administrator if you believe you should have access to this content, and quote the reference above in your message to them.</p>',
);
const SOFT_404 = wallPage(
  'Page not found | The Daily Example',
  '<main><h1>Sorry, we could not find that page</h1><p>The page you are looking for may have been moved, deleted or possibly never existed. Please check the address, or use the search box above to find what you were looking for.</p>' +
    '<p>You could also return to our home page, or browse the latest news, opinion and analysis from our reporters around the world.</p></main>',
);
const article = (title: string, lead: string) =>
  `<!DOCTYPE html><html><head><title>${title} | The Daily Example</title></head><body><article><h1>${title}</h1><p>${lead}</p>` +
  '<p>The proposal, first made public in June, asks the leading labs to coordinate a verified global pause of frontier AI development while governments agree on how to audit compute. Supporters say a pause is the only way to buy time; opponents say it cannot be verified.</p>' +
  '<p>Officials said talks would continue next month, and that a draft text could be ready before the end of the year.</p></article></body></html>';

describe.each(dialects)('article pages that are walls, on $name', ({ fresh }) => {
  it('keep the feed\'s text, say what answered, and are asked for again: the article, once served, replaces it without a second alert', async () => {
    let walls = true;
    const pageOf = (name: keyof typeof STORIES) => article(STORIES[name][0], STORIES[name][1]);
    const server = await startServer({
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          '<?xml version="1.0"?><rss version="2.0"><channel><title>The Daily Example</title>' +
            Object.entries(STORIES)
              .map(([name, [title, description]]) => `<item><title>${title}</title><link>${server.url}/${name}</link><guid>${name}</guid><pubDate>Wed, 10 Jun 2026 04:00:00 GMT</pubDate><description>${description}</description></item>`)
              .join('') +
            '</channel></rss>',
        ),
      // a challenge as Cloudflare serves it: 403 with its header, here 200 without it, as some configurations do
      '/challenge': (_req, res) => (walls ? res.writeHead(200, { 'content-type': 'text/html' }).end(CLOUDFLARE_CHALLENGE) : res.writeHead(200, { 'content-type': 'text/html' }).end(pageOf('challenge'))),
      '/blocked': (_req, res) => (walls ? res.writeHead(200, { 'content-type': 'text/html' }).end(CLOUDFLARE_BLOCK) : res.writeHead(200, { 'content-type': 'text/html' }).end(pageOf('blocked'))),
      '/akamai': (_req, res) => (walls ? res.writeHead(200, { 'content-type': 'text/html' }).end(AKAMAI_DENIED) : res.writeHead(200, { 'content-type': 'text/html' }).end(pageOf('akamai'))),
      '/missing': (_req, res) => (walls ? res.writeHead(200, { 'content-type': 'text/html' }).end(SOFT_404) : res.writeHead(200, { 'content-type': 'text/html' }).end(pageOf('missing'))),
      // as Cloudflare answers most: 403 with its header (without it, a 403 is a refusal not asked for again)
      '/gated': (_req, res) =>
        walls ? res.writeHead(403, { 'content-type': 'text/html', 'cf-mitigated': 'challenge' }).end(CLOUDFLARE_CHALLENGE) : res.writeHead(200, { 'content-type': 'text/html' }).end(pageOf('gated')),
    });
    cleanups.push(() => server.close());
    const { store, loaded, channels, alerts } = await alertingPipeline(cleanups, { id: 'walls', sources: [{ id: 'daily', kind: 'feed', name: 'The Daily Example', url: `${server.url}/feed.xml` }], database: fresh });
    const run = (at: string) => runPipeline({ loaded, store, channels, now: () => new Date(at), random: () => 0.5, all: true });
    const stored = async () =>
      Object.fromEntries(
        (await store.db.selectFrom('articles').select(['item_key', 'text', 'extract_error_code', 'duplicate_of']).execute()).map((row) => [row.item_key, { text: row.text, error: row.extract_error_code, duplicateOf: row.duplicate_of }]),
      );

    const first = await run('2026-06-10T06:00:00Z');
    expect(first.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 5, duplicates: 0 });
    expect(first.sources[0]!.itemErrors).toEqual([
      { key: 'challenge', error: { code: 'blocked', message: `article page ${server.url}/challenge: a Cloudflare challenge answered, not the article` } },
      { key: 'blocked', error: { code: 'blocked', message: `article page ${server.url}/blocked: a Cloudflare block page answered, not the article` } },
      { key: 'akamai', error: { code: 'blocked', message: `article page ${server.url}/akamai: an Akamai block page answered, not the article` } },
      { key: 'missing', error: { code: 'blocked', message: `article page ${server.url}/missing: a page titled "Page not found | The Daily Example" answered, not the article` } },
      { key: 'gated', error: { code: 'blocked', message: `article page ${server.url}/gated: a Cloudflare challenge answered, not the article` } },
    ]);
    // each its own article, of its feed's text: none a copy of another by the wall they shared
    expect(await stored()).toEqual(Object.fromEntries(Object.entries(STORIES).map(([name, [, description]]) => [name, { text: description, error: 'blocked', duplicateOf: null }])));
    const alerted = alerts().map((alert) => alert.title);
    // `extract` on such a page prints what it found, and fails as the run does
    const extracted = await runCommands([registerExtract], ['extract', `${server.url}/blocked`]);
    expect(extracted.code).toBe(1);
    expect(extracted.stderr).toContain(`blocked: ${server.url}/blocked: a Cloudflare block page answered, not the article`);

    walls = false;
    const second = await run('2026-06-10T07:00:00Z');
    expect(second.sources[0]).toMatchObject({ outcome: 'not_modified', articlesAdded: 0 });
    const after = await stored();
    for (const [name, [, lead]] of Object.entries(STORIES)) {
      expect(after[name]!.error, name).toBeNull();
      expect(after[name]!.text, name).toContain(lead);
      expect(after[name]!.text, name).toContain('verified global pause');
    }
    expect(alerts().map((alert) => alert.title)).toEqual(alerted);
  });

  it('reads a real article titled like a wall, or telling of one, as the article', async () => {
    const deniedTitle = 'Access denied: labs shut outside auditors out of frontier AI training runs';
    const deniedLead = 'Three frontier AI labs refused outside auditors access to their training runs this week, a blow to the proposed verified pause.';
    const traffic =
      'Researchers who tried to read the labs\' public model cards from a university network were met by a page saying the site had detected unusual traffic from your computer network, they said. ';
    const server = await startServer({
      '/feed.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          '<?xml version="1.0"?><rss version="2.0"><channel><title>The Daily Example</title>' +
            `<item><title>${deniedTitle}</title><link>${server.url}/denied</link><guid>denied</guid><description>Labs refused auditors access.</description></item>` +
            `<item><title>Scrapers, walls and the pause</title><link>${server.url}/traffic</link><guid>traffic</guid><description>Walls keep researchers out.</description></item>` +
            '</channel></rss>',
        ),
      '/denied': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(wallPage('Access Denied', `<article><h1>${deniedTitle}</h1><p>${deniedLead}</p><p>The labs said the auditors had not signed their confidentiality terms, and that access would follow once they did.</p></article>`)),
      '/traffic': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(article('Scrapers, walls and the pause', traffic.repeat(12))),
    });
    cleanups.push(() => server.close());
    const { store, loaded, channels } = await alertingPipeline(cleanups, { id: 'not-walls', sources: [{ id: 'daily', kind: 'feed', name: 'The Daily Example', url: `${server.url}/feed.xml` }], database: fresh });
    const report = await runPipeline({ loaded, store, channels, now: () => new Date('2026-06-10T06:00:00Z'), random: () => 0.5 });
    expect(report.sources[0]).toMatchObject({ outcome: 'ok', articlesAdded: 2, itemErrors: [] });
    const texts = Object.fromEntries((await store.db.selectFrom('articles').select(['item_key', 'text']).execute()).map((row) => [row.item_key, row.text]));
    expect(texts.denied).toContain(deniedLead);
    expect(texts.traffic).toContain('unusual traffic from your computer network');
  });
});
