import { afterEach, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { rssFeed } from '../helpers/hostile-server.ts';
import { startServer } from '../helpers/http-server.ts';
import { ON_TOPIC_TEXTS } from '../helpers/pause-topic.ts';

/**
 * An article read from its feed alone keeps the words a reader sees: a WordPress post's gallery style sheet and an
 * embed's script in its HTML are no text (they were stored as words, and the longer text won over the extractor's).
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const GALLERY_STYLE =
  "<style type='text/css'>#gallery-1 { margin: auto; } #gallery-1 .gallery-item { float: left; margin-top: 10px; text-align: center; width: 33%; } " +
  '#gallery-1 img { border: 2px solid #cfcfcf; } #gallery-1 .gallery-caption { margin-left: 0; }</style>';
const AD_SCRIPT = '<SCRIPT type="text/javascript">var adSlots = ["leaderboard", "sidebar"]; googletag.cmd.push(function () { googletag.display("ad-1"); });</SCRIPT>';

describe('feed text without scripts and style sheets', () => {
  it("stores an item's text without its HTML's style sheet and script", async () => {
    const server = await startServer({
      '/blog.xml': (_req, res) =>
        res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
          rssFeed('Blog', [
            {
              guid: 'post-1',
              title: 'Labs weigh a verified pause',
              link: 'https://blog.example/post-1',
              pubDate: 'Fri, 05 Jun 2026 10:00:00 GMT',
              description: `<p>${ON_TOPIC_TEXTS[0]}</p>${GALLERY_STYLE}<div id="gallery-1"></div>${AD_SCRIPT}<p>More to follow.</p>`,
            },
          ]),
        ),
    });
    cleanups.push(() => server.close());
    const { store, loaded } = await feedRunProject(cleanups, 'feed-text-scripts', [
      { id: 'blog', kind: 'feed', name: 'Blog', url: `${server.url}/blog.xml`, fetchArticles: false },
    ]);
    await runPipeline({ loaded, store, channels: [], now: () => new Date('2026-06-05T12:00:00Z'), random: () => 0.5 });
    const [article] = await store.db.selectFrom('articles').select(['text']).execute();
    expect(article!.text).toContain(ON_TOPIC_TEXTS[0]!.slice(0, 60));
    expect(article!.text).toMatch(/More to follow\.$/);
    expect(article!.text).not.toMatch(/gallery|margin|adSlots|googletag/);
  });
});
