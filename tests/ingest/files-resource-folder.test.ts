import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { ingestFiles } from '../../src/ingest/files.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { tempFolders } from '../helpers/temp-files.ts';

/**
 * A page saved by a browser as "Webpage, Complete" is `page.html` and a folder of its resources beside it,
 * `page_files/` (`page-Dateien/`, `page_fichiers/`, ... in other languages). Besides scripts and style sheets, which
 * are refused by their names, the folder holds files without an extension and the pages of the page's frames (an ad,
 * an embedded player, `saved_resource.html`): none is an article, each an item error `not_article` naming the page it
 * was saved with. A folder so named with no page beside it is an ordinary folder of captures.
 */

const folders = tempFolders('resource-folder');
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  folders.removeAll();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const ARTICLE =
  'Leading AI labs should coordinate a verified global pause of frontier AI development, researchers said on Thursday. ' +
  'Critics called the pause unworkable, while supporters said the labs could verify compute limits.';
const PAGE = `<!DOCTYPE html><html><head><title>Labs back a global pause</title></head><body><article><h1>Labs back a global pause</h1><p>${ARTICLE}</p></article></body></html>`;
/** An ad in a frame, as Chrome saves it into the folder. */
const AD_FRAME = '<!DOCTYPE html><html><head><title>Advertisement</title></head><body><p>Buy cheap flights to Lisbon today, book now and save on every fare.</p></body></html>';
/** An embedded post, saved as the frame's page. */
const EMBED = '<html><head><title>Post</title></head><body><blockquote><p>The pause debate continues today, says a researcher who follows it closely.</p></blockquote></body></html>';
/** A resource Chrome saves without an extension: text that would be read as a capture. */
const EXTENSIONLESS = 'Subscribe to our newsletter for the latest on frontier AI and the proposed pause of its development.\n';

const refusal = (key: string, page: string) => ({
  key,
  error: { code: 'not_article', message: `${key} is a resource saved with the page ${page}, not a text capture or a saved page` },
});

describe('ingestFiles: the folder of resources a browser saves beside a page', () => {
  it('reads the page, and none of the frames, extensionless files or nested pages in its folder', async () => {
    const root = folders.make({
      'caps/labs-pause.html': PAGE,
      'caps/labs-pause_files/saved_resource.html': AD_FRAME,
      'caps/labs-pause_files/embed.htm': EMBED,
      'caps/labs-pause_files/saved_resource': EXTENSIONLESS,
      'caps/labs-pause_files/frames/player.html': EMBED,
      'caps/labs-pause_files/analytics.js': "window.dataLayer = window.dataLayer || [];\n",
    });
    const { items, errors } = await ingestFiles('caps', 'caps/**', root);
    expect(items.map((item) => item.key)).toEqual(['caps/labs-pause.html']);
    expect(errors).toEqual([
      // a script keeps the reason its name gives
      { key: 'caps/labs-pause_files/analytics.js', error: { code: 'not_article', message: 'caps/labs-pause_files/analytics.js is a script (.js), not a text capture or a saved page' } },
      refusal('caps/labs-pause_files/embed.htm', 'caps/labs-pause.html'),
      refusal('caps/labs-pause_files/frames/player.html', 'caps/labs-pause.html'),
      refusal('caps/labs-pause_files/saved_resource', 'caps/labs-pause.html'),
      refusal('caps/labs-pause_files/saved_resource.html', 'caps/labs-pause.html'),
    ]);
  });

  it('knows the folder by the names browsers give it in other languages, beside an .htm or XHTML page, in any case', async () => {
    const root = folders.make({
      'de/Pause.htm': PAGE,
      'de/Pause-Dateien/saved_resource.html': AD_FRAME,
      'fr/pause.html': PAGE,
      'fr/pause_fichiers/pub.html': AD_FRAME,
      'es/pausa.html': PAGE,
      'es/pausa_archivos/anuncio.html': AD_FRAME,
      'ie/pause.htm': PAGE,
      'ie/pause.files/frame.htm': AD_FRAME,
      'ff/pause.xhtml': PAGE,
      'ff/pause_files/frame.html': AD_FRAME,
      'up/PAUSE.html': PAGE,
      'up/PAUSE_FILES/frame.html': AD_FRAME,
    });
    const { items, errors } = await ingestFiles('caps', '**/*.{html,htm,xhtml}', root);
    expect(items.map((item) => item.key)).toEqual(['de/Pause.htm', 'es/pausa.html', 'ff/pause.xhtml', 'fr/pause.html', 'ie/pause.htm', 'up/PAUSE.html']);
    expect(errors).toEqual([
      refusal('de/Pause-Dateien/saved_resource.html', 'de/Pause.htm'),
      refusal('es/pausa_archivos/anuncio.html', 'es/pausa.html'),
      refusal('ff/pause_files/frame.html', 'ff/pause.xhtml'),
      refusal('fr/pause_fichiers/pub.html', 'fr/pause.html'),
      refusal('ie/pause.files/frame.htm', 'ie/pause.htm'),
      refusal('up/PAUSE_FILES/frame.html', 'up/PAUSE.html'),
    ]);
  });

  it('reads a folder named like one as an ordinary folder when no page of its name is beside it', async () => {
    const root = folders.make({
      'caps/x_files/story.html': PAGE,
      'caps/x_files/notes': `Labs back a global pause\n\n${ARTICLE}\n`,
      // a page of another name, or the page inside the folder, does not make it one
      'caps/y.html': PAGE,
      'caps/x_files/x.html': PAGE,
    });
    const { items, errors } = await ingestFiles('caps', 'caps/**', root);
    expect(errors).toEqual([]);
    expect(items.map((item) => [item.key, item.bodyFormat])).toEqual([
      ['caps/x_files/notes', 'text'],
      ['caps/x_files/story.html', 'html'],
      ['caps/x_files/x.html', 'html'],
      ['caps/y.html', 'html'],
    ]);
  });
});

describe('a run over a folder with a page saved complete', () => {
  it('stores the page alone and reports each resource of its folder, then lists it as refused before', async () => {
    const { store, loaded } = await feedRunProject(cleanups, 'resource-folder', [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/**' }]);
    const { pipeline, rootDir: root } = loaded;
    const write = (name: string, content: string) => {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), content);
    };
    write('caps/labs-pause.html', PAGE);
    write('caps/labs-pause_files/saved_resource.html', AD_FRAME);
    write('caps/labs-pause_files/saved_resource', EXTENSIONLESS);
    const channels = createChannels(pipeline.alerts, root, new PassThrough().resume());
    let hour = 6;
    const run = () => {
      const at = new Date(`2026-06-10T${String(hour++).padStart(2, '0')}:00:00.000Z`);
      return runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5 });
    };
    const itemErrors = [refusal('caps/labs-pause_files/saved_resource', 'caps/labs-pause.html'), refusal('caps/labs-pause_files/saved_resource.html', 'caps/labs-pause.html')];

    expect((await run()).sources[0]).toMatchObject({ articlesAdded: 1, itemErrors });
    const stored = await store.db.selectFrom('articles').select(['item_key', 'title']).execute();
    expect(stored).toEqual([{ item_key: 'caps/labs-pause.html', title: 'Labs back a global pause' }]);
    // refused as before: listed, no longer failing the run
    const again = (await run()).sources[0]!;
    expect(again).toMatchObject({ articlesAdded: 0, articlesUpdated: 0, itemErrors: [] });
    expect(again.itemsRefusedBefore.map(({ key, error }) => ({ key, error }))).toEqual(itemErrors);
  }, 60_000);
});
