import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { registerExtract } from '../../src/cli/commands/extract.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { openStore } from '../../src/store/index.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A link with a user name and password in it (`http://reader:hunter2@host/a`), in a feed's item or in a page's
 * canonical link, og:url or og:image, is stored and shown without them: the canonical URL, the article's URL, the
 * feed's link and the image are shown by `articles`, the digest and `extract`. They were kept with the password.
 */

const text =
  'Leading AI labs weigh a coordinated, verified pause of frontier AI development. Officials met on Tuesday to discuss how the labs ' +
  'would verify compute use, which regulators would audit them, and what a pause would cost.';
const SECRET = 'hunter2';

describe('links that carry a login', () => {
  let project: TempProject;
  let run: Awaited<ReturnType<TempProject['cli']>>;
  const withLogin = (url: string) => url.replace('http://', `http://reader:${SECRET}@`);
  let reads = 0;

  beforeAll(async () => {
    project = await tempProject({
      name: 'links-with-logins',
      database: freshSqlite,
      commands: [registerRun, registerArticles, registerExtract],
      routes: {
        '/feed.xml': (req, res) => {
          const base = `http://${req.headers.host}`;
          reads += 1;
          const item = (slug: string, link: string) => `<item><title>Labs weigh a pause (${slug})</title><link>${link}</link><guid>${slug}</guid><description>${text}</description></item>`;
          res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
            '<?xml version="1.0"?><rss version="2.0"><channel><title>Paper</title>' +
              // the item's own link has a login; so has its page's canonical link
              item('linked', withLogin(`${base}/linked.html`)) +
              // a plain link; the page's og:url and og:image have a login
              item('og', `${base}/og.html`) +
              // a link with a login whose page is not there: the article is stored by its link
              item('gone', withLogin(`${base}/gone.html`)) +
              // no GUID: the item is known by its link (without the login), and its page is not there either
              `<item><title>Labs weigh a pause (keyless)</title><link>${withLogin(`${base}/keyless.html`)}</link><description>${text}</description></item>` +
              // a body of its own each time, so a second run reads the items rather than taking the feed as unchanged
              `<!-- read ${reads} --></channel></rss>`,
          );
        },
        '/linked.html': (req, res) =>
          res.writeHead(200, { 'content-type': 'text/html' }).end(
            `<html><head><title>Linked</title><link rel="canonical" href="${withLogin(`http://${req.headers.host}/linked`)}"></head><body><article><p>${text} Linked.</p></article></body></html>`,
          ),
        '/og.html': (req, res) =>
          res.writeHead(200, { 'content-type': 'text/html' }).end(
            `<html><head><title>Og</title><meta property="og:url" content="${withLogin(`http://${req.headers.host}/og`)}">` +
              `<meta property="og:image" content="${withLogin(`http://${req.headers.host}/og.png`)}"></head><body><article><p>${text} Og.</p></article></body></html>`,
          ),
      },
    });
    project.writePipeline(
      pipelineDefinition({
        id: 'paper',
        name: 'Paper',
        sources: [{ id: 'paper', kind: 'feed', name: 'Paper', url: `${project.server.url}/feed.xml` }],
        fetch: { ...localFetch, fetchArticles: true },
      }),
    );
    run = await project.cli('run', '--json');
  }, 60_000);
  afterAll(() => project?.remove());

  it('stores the articles\' keys, URLs, canonical URLs, feed links and images without the login', async () => {
    const store = await openStore(project.database.target);
    try {
      const rows = await store.db.selectFrom('articles').select(['item_key', 'url', 'canonical_url', 'feed_link', 'image']).orderBy('item_key').execute();
      const base = project.server.url;
      expect(rows).toEqual([
        { item_key: 'gone', url: `${base}/gone.html`, canonical_url: `${base}/gone.html`, feed_link: `${base}/gone.html`, image: null },
        // known by its link, which is its key without the login
        { item_key: `${base}/keyless.html`, url: `${base}/keyless.html`, canonical_url: `${base}/keyless.html`, feed_link: `${base}/keyless.html`, image: null },
        { item_key: 'linked', url: `${base}/linked.html`, canonical_url: `${base}/linked`, feed_link: `${base}/linked.html`, image: null },
        { item_key: 'og', url: `${base}/og.html`, canonical_url: `${base}/og`, feed_link: `${base}/og.html`, image: `${base}/og.png` },
      ]);
    } finally {
      await store.close();
    }
  });

  it('shows no password in articles --json nor in the digest', async () => {
    const listed = await project.cli('articles', '--json');
    expect(listed).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(listed.stdout)).toHaveLength(4);
    expect(listed.stdout).not.toContain(SECRET);
    const digests = path.join(project.root, 'data', 'digests');
    expect(readdirSync(digests)).not.toEqual([]);
    for (const file of readdirSync(digests)) expect(readFileSync(path.join(digests, file), 'utf8')).not.toContain(SECRET);
  });

  it('names an item known by its link without the login in the run\'s report', () => {
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { sources: { itemErrors: { key: string; error: { code: string } }[] }[] };
    expect(report.sources[0]!.itemErrors.map((item) => item.key)).toContain(`${project.server.url}/keyless.html`);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it('finds every item under the key it was stored with when the feed is read again', async () => {
    const again = await project.cli('run', '--json', '--all');
    const report = JSON.parse(again.stdout) as { articlesAdded: number; sources: { itemsSeen: number }[] };
    expect(reads).toBe(2);
    expect(report.sources[0]!.itemsSeen).toBe(4);
    expect(report.articlesAdded).toBe(0);
    const store = await openStore(project.database.target);
    try {
      expect(await store.db.selectFrom('articles').select('item_key').execute()).toHaveLength(4);
    } finally {
      await store.close();
    }
  });

  it('extract shows the canonical URL, the image and the URL without the login', async () => {
    for (const page of ['linked.html', 'og.html']) {
      const json = await project.cli('extract', '--json', withLogin(`${project.server.url}/${page}`));
      expect(json).toMatchObject({ code: 0, stderr: '' });
      expect(JSON.parse(json.stdout)).toMatchObject({ url: `${project.server.url}/${page}`, canonicalUrl: `${project.server.url}/${page.replace('.html', '')}` });
      expect(json.stdout).not.toContain(SECRET);
      const shown = await project.cli('extract', withLogin(`${project.server.url}/${page}`));
      expect(shown.stdout).toContain(`canonical: ${project.server.url}/${page.replace('.html', '')}\n`);
      expect(shown.stdout).not.toContain(SECRET);
    }
  });
});
