import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannels } from '../../src/alert/index.ts';
import { registerExtract } from '../../src/cli/commands/extract.ts';
import { localDate } from '../../src/digest/index.ts';
import { runPipeline } from '../../src/run/run-pipeline.ts';
import { loadDigestData } from '../../src/run/write-digest.ts';
import { dialects } from '../helpers/databases.ts';
import { feedRunProject } from '../helpers/feed-run-project.ts';
import { mhtmlArchive } from '../helpers/mhtml-archive.ts';
import { runCommands } from '../helpers/in-process-cli.ts';

/**
 * A folder of captures read with `caps/**` holds one page saved twice by Chrome: as "Webpage, Single File" (an MHTML
 * archive) and as "Webpage, Complete" (the .html and, beside it, the scripts and style sheets it uses). The archive is
 * read as the page it holds, so it is stored as a copy of the .html, not as a second article of MIME headers and
 * quoted-printable; the script and the style sheet are item errors naming each file, the others still read.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const PAGE_URL = 'https://outlet.example/2026/06/05/labs-back-a-global-pause';
/** The page, its resources at the addresses given; Chrome writes it into the archive as it is. */
const page = (resource: (name: string) => string) =>
  '<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">\n' +
  `<title>Labs back a global pause — Outlet</title><link rel="stylesheet" href="${resource('style.css')}"><script src="${resource('analytics.js')}"></script></head>\n` +
  '<body><header class="site"><a href="/">Outlet</a></header><article><h1>Labs back a global pause</h1>\n' +
  '<p>Leading AI labs should coordinate a verified global pause of frontier AI development, researchers meeting in Zürich said on Thursday. ' +
  'Critics called the “pause” unworkable and said the moratorium would fail.</p>\n' +
  '<p>Supporters said frontier AI labs could verify compute limits under a pause, and that the €5bn cost of checking them was worth paying, officials said.</p>\n' +
  `<img src="${resource('logo.png')}" alt=""></article></body></html>`;
const SCRIPT = "window.dataLayer = window.dataLayer || [];\nfunction gtag(){dataLayer.push(arguments);}\ngtag('js', new Date());\ngtag('config', 'G-PAUSE123', { 'anonymize_ip': true });\nif (document.cookie.indexOf('consent=') === -1) { showBanner('We use cookies to improve your experience on this site.'); }\n";
const STYLE = '@charset "utf-8";\n\nbody { font-family: Georgia, serif; margin: 0 auto; max-width: 42em; }\n.site::before { content: "—"; }\n';
/** A 1×1 PNG. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a2a1d4a20000000049454e44ae426082', 'hex');

/** The page as Chrome's "Webpage, Single File" writes it: the page, its style sheet and its image, each a part. */
const chromeArchive = () =>
  mhtmlArchive(
    [
      { type: 'text/html', id: '<frame-4F1A7C0E@mhtml.blink>', location: PAGE_URL, body: page((name) => `https://outlet.example/assets/${name}`) },
      { type: 'text/css', location: 'https://outlet.example/assets/style.css', body: STYLE },
      { type: 'image/png', location: 'https://outlet.example/assets/logo.png', encoding: 'base64', body: PNG },
    ],
    { snapshot: PAGE_URL },
  ).toString('latin1');

describe.each(dialects)('a files source over a folder of pages saved by a browser ($name)', ({ fresh }) => {
  it('reads the .mhtml as the page, a copy of its .html, and refuses the script and the style sheet beside it by name', async () => {
    const { store, loaded } = await feedRunProject(cleanups, 'saved-pages', [{ id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/**' }], { database: fresh });
    const { pipeline, rootDir: root } = loaded;
    const write = (name: string, content: string | Buffer) => {
      mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
      writeFileSync(path.join(root, name), content);
    };
    const archive = chromeArchive();
    // what Chrome writes: ASCII only, "=" and UTF-8 encoded, long lines broken softly
    expect(archive).toMatch(/^[\x00-\x7f]*$/);
    expect(archive).toContain('href=3D"https://outlet.example/assets/style.css"');
    expect(archive).toContain('=E2=80=9Cpause=E2=80=9D');
    expect(archive).toMatch(/[^=]=\r\n/);
    write('caps/labs-pause.mhtml', archive);
    // "Webpage, Complete": the page with its resources' addresses rewritten to the folder beside it
    write('caps/labs-pause.html', `<!-- saved from url=(0058)${PAGE_URL} -->\n${page((name) => `./labs-pause_files/${name}`)}`);
    write('caps/labs-pause_files/analytics.js', SCRIPT);
    write('caps/labs-pause_files/style.css', STYLE);

    const channels = createChannels(pipeline.alerts, root, new PassThrough().resume());
    let hour = 6;
    const run = () => {
      const at = new Date(`2026-06-10T${String(hour++).padStart(2, '0')}:00:00.000Z`);
      return runPipeline({ loaded, store, channels, now: () => at, random: () => 0.5 });
    };

    const first = await run();
    const refused = (name: string, kind: string) => ({
      key: `caps/labs-pause_files/${name}`,
      error: { code: 'not_article', message: `caps/labs-pause_files/${name} is ${kind}, not a text capture or a saved page` },
    });
    const errors = [refused('analytics.js', 'a script (.js)'), refused('style.css', 'a style sheet (.css)')];
    expect(first.sources[0]).toMatchObject({ outcome: 'ok', itemsSeen: 2, articlesAdded: 2, duplicates: 1, itemErrors: errors });

    const rows = await store.db.selectFrom('articles').select(['id', 'item_key', 'title', 'text', 'duplicate_of']).orderBy('item_key').execute();
    expect(rows.map((row) => row.item_key)).toEqual(['caps/labs-pause.html', 'caps/labs-pause.mhtml']);
    const [html, mhtml] = rows;
    expect(mhtml).toMatchObject({ title: 'Labs back a global pause', text: html!.text, duplicate_of: html!.id });
    expect(html).toMatchObject({ title: 'Labs back a global pause', duplicate_of: null });
    expect(mhtml!.text).toContain('researchers meeting in Zürich said on Thursday. Critics called the “pause” unworkable');
    expect(mhtml!.text).not.toMatch(/=3D|=E2|MultipartBoundary|Saved by Blink|dataLayer|font-family/);

    // the day's digest lists the page once, its copy under it: no off-topic articles of code
    const at = new Date('2026-06-10T12:00:00.000Z');
    const digest = await loadDigestData(loaded, store, localDate(at, pipeline.digest.timeZone), at.toISOString());
    expect(digest.totals).toMatchObject({ articles: 2, onTopic: 2, offTopic: 0, duplicates: 1 });
    expect(digest.offTopic).toEqual([]);

    // `extract` reads the files as the run does
    const extracted = await runCommands([registerExtract], ['extract', '--json', path.join(root, 'caps/labs-pause.mhtml')]);
    expect(extracted).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(extracted.stdout)).toMatchObject({ title: 'Labs back a global pause', text: html!.text });
    for (const [name, kind] of [['analytics.js', 'a script (.js)'], ['style.css', 'a style sheet (.css)']]) {
      const file = path.join(root, 'caps/labs-pause_files', name!);
      expect(await runCommands([registerExtract], ['extract', '--json', file])).toEqual({
        code: 1,
        stdout: '',
        stderr: `not_article: ${file} is ${kind}, not a text capture or a saved page\n`,
      });
    }

    // the next run: the same files refused as before (no longer failing the run), nothing added or changed
    const second = await run();
    expect(second.sources[0]).toMatchObject({ itemsSeen: 2, articlesAdded: 0, articlesUpdated: 0, itemErrors: [] });
    expect(second.sources[0]!.itemsRefusedBefore.map(({ key, error }) => ({ key, error }))).toEqual(errors);
    expect(await store.db.selectFrom('articles').select(['item_key', 'text', 'duplicate_of']).orderBy('item_key').execute()).toEqual(
      rows.map(({ item_key, text, duplicate_of }) => ({ item_key, text, duplicate_of })),
    );
  }, 60_000);
});
