import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addSourcesToPipelineFile, findSourcesList, PipelineEditError, replaceSourceUrlsInPipelineFile, stringLiteral, unfoundMovesMessage, withSourcesAdded, withSourceUrlsReplaced } from '../../src/config/pipeline-file.ts';
import { loadPipeline } from '../../src/config/index.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const entry = `{ id: 'wire', kind: 'feed', name: 'Wire', url: 'https://wire.example/feed' }`;
const other = `{ id: 'wire-2', kind: 'feed', name: 'Wire 2', url: 'https://wire.example/feed2' }`;

/** A pipeline file in a project of its own (a package.json beside it), importing definePipeline from this repo. */
function project(source: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-pipeline-file-'));
  writeFileSync(path.join(dir, 'package.json'), '{}');
  mkdirSync(path.join(dir, 'pipelines'));
  const file = path.join(dir, 'pipelines', 'topic.ts');
  writeFileSync(file, source.replace('DEFINE', JSON.stringify(path.join(repoRoot, 'src/config/index.ts'))));
  return file;
}

const topic = `topic: { description: 'x', proposalTerms: ['pause'], contextTerms: ['AI'] }`;

describe('withSourcesAdded', () => {
  it('adds one entry per line at the end of a list written one source per line, leaving the rest byte for byte', () => {
    const text = readFileSync(path.join(repoRoot, 'pipelines/ai-pause.ts'), 'utf8');
    const edited = withSourcesAdded(text, [entry, other], 'pipelines/ai-pause.ts');
    const close = text.indexOf('\n  ],\n\n  topic:') + 1;
    expect(edited).toBe(`${text.slice(0, close)}    ${entry},\n    ${other},\n${text.slice(close)}`);
  });

  it('puts a comma after a last entry that has none, before a comment that ends its line', () => {
    const text = `export default definePipeline({\n  sources: [\n    { id: 'a' } // the first\n  ],\n});\n`;
    expect(withSourcesAdded(text, [entry], 'p.ts')).toBe(`export default definePipeline({\n  sources: [\n    { id: 'a' }, // the first\n    ${entry},\n  ],\n});\n`);
  });

  it('indents like the last entry, not like a comment at the start of the list, and an empty list by its bracket', () => {
    const text = `export default {\n  sources: [\n// feeds\n    { id: 'a' },\n  ],\n};\n`;
    expect(withSourcesAdded(text, [entry], 'p.ts')).toBe(`export default {\n  sources: [\n// feeds\n    { id: 'a' },\n    ${entry},\n  ],\n};\n`);
    expect(withSourcesAdded(`export default {\n  sources: [\n  ],\n};\n`, [entry], 'p.ts')).toBe(`export default {\n  sources: [\n    ${entry},\n  ],\n};\n`);
  });

  it('adds inline to an inline list, an empty one included, and keeps Windows line ends', () => {
    // written as JSON: the entries too
    const asJson = (code: string) => code.replace(/'/g, '"').replace(/(\w+):/g, (_m, key: string) => `"${key}":`).replace('"https"://', 'https://');
    expect(withSourcesAdded(`export default {"id":"x","sources":[{"id":"a"}],"topic":{}};\n`, [entry, other], 'p.ts')).toBe(
      `export default {"id":"x","sources":[{"id":"a"}, ${asJson(entry)}, ${asJson(other)}],"topic":{}};\n`,
    );
    expect(withSourcesAdded(`export default { sources: [] }`, [entry], 'p.ts')).toBe(`export default { sources: [${entry}] }`);
    expect(withSourcesAdded(`export default definePipeline({\r\n  sources: [\r\n    { id: 'a' },\r\n  ],\r\n});\r\n`, [entry], 'p.ts')).toBe(
      `export default definePipeline({\r\n  sources: [\r\n    { id: 'a' },\r\n    ${entry},\r\n  ],\r\n});\r\n`,
    );
  });

  it('writes the entries in the quotes most of the file\'s strings take, and quotes their keys where its entries do', () => {
    const doubled = `export default definePipeline({\n  id: "topic",\n  sources: [\n    { id: "a", kind: "feed", name: "A", url: "https://a.example/feed" },\n  ],\n});\n`;
    const hostile = `{ id: 'it\\'s', kind: 'feed', name: 'Say "hi" \\\\', url: 'https://wire.example/feed' }`;
    expect(withSourcesAdded(doubled, [entry, hostile], 'p.ts')).toBe(
      doubled.replace('  ],', `    { id: "wire", kind: "feed", name: "Wire", url: "https://wire.example/feed" },\n    { id: "it's", kind: "feed", name: "Say \\"hi\\" \\\\", url: "https://wire.example/feed" },\n  ],`),
    );
    // an empty list: the definition's strings say; a JSON-style definition quotes the keys
    expect(withSourcesAdded(`export default {\n  id: "topic",\n  sources: [],\n};\n`, [entry], 'p.ts')).toBe(
      `export default {\n  id: "topic",\n  sources: [\n    { id: "wire", kind: "feed", name: "Wire", url: "https://wire.example/feed" },\n  ],\n};\n`,
    );
    expect(withSourcesAdded(`export default { "id": "topic", "sources": [] };\n`, [entry], 'p.ts')).toBe(
      `export default { "id": "topic", "sources": [{ "id": "wire", "kind": "feed", "name": "Wire", "url": "https://wire.example/feed" }] };\n`,
    );
    // single quotes win a tie, and a file of single quotes is written as it always was
    expect(withSourcesAdded(`export default { id: 'a', name: "b", sources: [] };\n`, [entry], 'p.ts')).toBe(`export default { id: 'a', name: "b", sources: [${entry}] };\n`);
  });

  it('writes a moved URL in the quotes the old one was written in', () => {
    const text = `export default {\n  sources: [\n    { id: "wire", url: "https://old.example/feed" },\n    { id: 'desk', url: 'https://old.example/desk' },\n  ],\n};\n`;
    const moves = [{ id: 'wire', from: 'https://old.example/feed', to: 'https://new.example/feed' }, { id: 'desk', from: 'https://old.example/desk', to: 'https://new.example/desk' }];
    expect(withSourceUrlsReplaced(text, moves, 'p.ts').text).toBe(text.replace('"https://old.example/feed"', '"https://new.example/feed"').replace("'https://old.example/desk'", "'https://new.example/desk'"));
  });

  it('is not misled by brackets and "sources" in strings, templates, comments or nested objects', () => {
    const text = [
      '// sources: [ not this one ]',
      'const note = `sources: [ ${[1].map((n) => `]${n}`)} ]`;',
      'export default definePipeline({',
      "  name: 'sources: [ ] and ] too',",
      '  /* sources: [] */',
      "  topic: { sources: ['nested'], description: ']' },",
      '  sources: [',
      "    { id: 'a', name: '[x]' },",
      '  ],',
      '});',
    ].join('\n');
    const list = findSourcesList(text)!;
    expect(text.slice(list.open, list.close + 1)).toBe("[\n    { id: 'a', name: '[x]' },\n  ]");
  });

  it('refuses a definition whose sources are not a list literal, naming the file', () => {
    for (const text of ['const s = [];\nexport default definePipeline({ sources: s });', 'export default definePipeline({ sources: base.concat([]) });', 'export default definePipeline({ sources, topic });']) {
      expect(() => withSourcesAdded(text, [entry], 'pipelines/mine.ts')).toThrow(new PipelineEditError('cannot find a "sources: [ ... ]" list in the definition exported by pipelines/mine.ts, so the feeds were not added to it'));
    }
  });
});

describe('addSourcesToPipelineFile', () => {
  it('writes the edited file, which then loads with the new sources, keeping its mode', async () => {
    const file = project(`import { definePipeline } from DEFINE;\nexport default definePipeline({\n  id: 'topic',\n  name: 'Topic',\n  sources: [\n    { id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' },\n  ],\n  ${topic},\n});\n`);
    chmodSync(file, 0o640);
    await addSourcesToPipelineFile(file, [{ id: 'wire', code: entry }]);
    const loaded = await loadPipeline(file);
    expect(loaded.pipeline.sources.map((s) => [s.id, s.kind === 'feed' ? s.url : null])).toEqual([['seeds', null], ['wire', 'https://wire.example/feed']]);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(path.dirname(file))).toEqual(['topic.ts']);
  });

  it('leaves the file as it was when the edited definition would not validate, and says why', async () => {
    const source = `import { definePipeline } from DEFINE;\nexport default definePipeline({\n  id: 'topic',\n  name: 'Topic',\n  sources: [\n    { id: 'wire', kind: 'feed', name: 'Old', url: 'https://old.example/feed' },\n  ],\n  ${topic},\n});\n`;
    const file = project(source);
    const before = readFileSync(file, 'utf8');
    const failure = addSourcesToPipelineFile(file, [{ id: 'wire', code: entry }]);
    await expect(failure).rejects.toThrow(PipelineEditError);
    await expect(addSourcesToPipelineFile(file, [{ id: 'wire', code: entry }])).rejects.toThrow(`${file} would no longer load after the edit, so it was left as it was: invalid pipeline definition in ${file}`);
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(path.dirname(file))).toEqual(['topic.ts']);
  });

  it('leaves the file as it was when the list it found is not the pipeline\'s sources', async () => {
    const seeds = `{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }`;
    const file = project(
      `import { definePipeline } from DEFINE;\nconst draft = definePipeline({ id: 'draft', name: 'Draft', sources: [${seeds}], ${topic} });\n` +
        `export default definePipeline({ id: 'topic', name: 'Topic', sources: [${seeds}], ${topic} });\n`,
    );
    const before = readFileSync(file, 'utf8');
    await expect(addSourcesToPipelineFile(file, [{ id: 'wire', code: entry }])).rejects.toThrow(`the list edited is not the sources list of the definition ${file} exports ("wire" missing), so it was left as it was`);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('edits the file a symlink points at, and leaves the link a link', async () => {
    const file = project(`export default { id: 'topic', name: 'Topic', sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }], ${topic} };\n`);
    const link = path.join(path.dirname(file), 'link.ts');
    symlinkSync(file, link);
    await addSourcesToPipelineFile(link, [{ id: 'wire', code: entry }]);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect((await loadPipeline(file)).pipeline.sources.map((s) => s.id)).toEqual(['seeds', 'wire']);
    expect(readdirSync(path.dirname(file)).sort()).toEqual(['link.ts', 'topic.ts']);
  });

  it('leaves a read-only file as it was, saying so', async () => {
    const file = project(`export default { id: 'topic', name: 'Topic', sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }], ${topic} };\n`);
    chmodSync(file, 0o444);
    const before = readFileSync(file, 'utf8');
    await expect(addSourcesToPipelineFile(file, [{ id: 'wire', code: entry }])).rejects.toThrow(new PipelineEditError(`${file} is read-only, so the feeds were not added to it`));
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect(readdirSync(path.dirname(file))).toEqual(['topic.ts']);
  });

  it('works on a copy of the default pipeline file', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pausewatch-pipeline-file-'));
    writeFileSync(path.join(dir, 'package.json'), '{}');
    const file = path.join(dir, 'ai-pause.ts');
    copyFileSync(path.join(repoRoot, 'pipelines/ai-pause.ts'), file);
    writeFileSync(file, readFileSync(file, 'utf8').replace("'../src/config/index.ts'", JSON.stringify(path.join(repoRoot, 'src/config/index.ts'))));
    const before = (await loadPipeline(file)).pipeline.sources.length;
    await addSourcesToPipelineFile(file, [{ id: 'wire', code: entry }, { id: 'wire-2', code: other }]);
    const sources = (await loadPipeline(file)).pipeline.sources;
    expect(sources.length).toBe(before + 2);
    expect(sources.slice(-2).map((s) => s.id)).toEqual(['wire', 'wire-2']);
  });
});

describe('withSourceUrlsReplaced', () => {
  const text = [
    'export default definePipeline({',
    "  sources: [",
    "    { id: 'seeds', kind: 'files', glob: 'seeds/*.txt' },",
    "    { id: 'wire', kind: 'feed', name: 'Wire', url: 'https://old.example/feed' }, // moved in June",
    '    {',
    '      id: "desk",',
    "      name: 'Desk: url: https://old.example/desk',",
    '      url: `https://old.example/desk`,',
    '    },',
    '  ],',
    "  topic: { id: 'wire', url: 'https://old.example/feed' },",
    '});',
  ].join('\n');

  it('replaces the URL literal of each moved source, in single quotes, and nothing else', () => {
    const edited = withSourceUrlsReplaced(text, [{ id: 'wire', from: 'https://old.example/feed', to: "https://new.example/feed?a=1&b='2'" }, { id: 'desk', from: 'https://old.example/desk', to: 'https://new.example/desk' }], 'p.ts');
    expect(edited.unfound).toEqual([]);
    expect(edited.text).toBe(
      text
        .replace("url: 'https://old.example/feed' }, //", "url: 'https://new.example/feed?a=1&b=\\'2\\'' }, //")
        .replace('url: `https://old.example/desk`', "url: 'https://new.example/desk'"),
    );
  });

  it('finds a URL written with white space around it, which the pipeline reads without', () => {
    const padded = "export default { sources: [{ id: 'wire', kind: 'feed', url: ' https://old.example/feed\\n' }] }";
    const edited = withSourceUrlsReplaced(padded, [{ id: 'wire', from: 'https://old.example/feed', to: 'https://new.example/feed' }], 'p.ts');
    expect(edited).toEqual({ text: "export default { sources: [{ id: 'wire', kind: 'feed', url: 'https://new.example/feed' }] }", unfound: [] });
  });

  it('finds values on the next line or in aligned columns, and not a `.url` inside another value', () => {
    const layouts = [
      "export default { sources: [{\n  id:      'wire',\n  url:\n            'https://old.example/feed',\n}] }",
      "export default { sources: [{ id: 'wire', name: flag ? other.url : 'x', url: 'https://old.example/feed' }] }",
    ];
    for (const layout of layouts) {
      expect(withSourceUrlsReplaced(layout, [{ id: 'wire', from: 'https://old.example/feed', to: 'https://new.example/feed' }], 'p.ts').text).toBe(
        layout.replace("'https://old.example/feed'", "'https://new.example/feed'"),
      );
    }
  });

  it('leaves the moves whose entry has no URL string saying the old URL for the user, and makes the others', () => {
    const elsewhere = { id: 'wire', from: 'https://other.example/feed', to: 'https://new.example/feed' };
    expect(withSourceUrlsReplaced(text, [elsewhere], 'p.ts')).toEqual({ text, unfound: [elsewhere] });
    const gone = { id: 'gone', from: 'https://old.example/gone', to: 'x' };
    expect(withSourceUrlsReplaced(text, [{ id: 'desk', from: 'https://old.example/desk', to: 'https://new.example/desk' }, gone], 'p.ts')).toEqual({
      text: text.replace('url: `https://old.example/desk`', "url: 'https://new.example/desk'"),
      unfound: [gone],
    });
    const computed = "export default { sources: [{ id: 'wire', url: BASE + '/feed' }] }";
    expect(withSourceUrlsReplaced(computed, [{ id: 'wire', from: 'https://old.example/feed', to: 'x' }], 'p.ts').unfound.map((move) => move.id)).toEqual(['wire']);
    expect(unfoundMovesMessage([elsewhere, gone], 'p.ts')).toBe('cannot find the URL of "wire", "gone" written as a string in the sources list of p.ts; change them by hand');
  });

  it('refuses a file without a sources list to edit', () => {
    expect(() => withSourceUrlsReplaced('export default makePipeline(SOURCES);', [{ id: 'wire', from: 'https://old.example/feed', to: 'x' }], 'p.ts')).toThrow(
      new PipelineEditError('cannot find a "sources: [ ... ]" list in the definition exported by p.ts, so no URL was changed'),
    );
  });

  it('reads entries written as JSON, quoted keys and escapes included', () => {
    const json = 'export default {"sources":[{"id":"wire","url":"https:\\/\\/old.example\\/feed"}]}';
    expect(withSourceUrlsReplaced(json, [{ id: 'wire', from: 'https://old.example/feed', to: 'https://new.example/feed' }], 'p.ts').text).toBe(
      'export default {"sources":[{"id":"wire","url":"https://new.example/feed"}]}',
    );
  });
});

describe('replaceSourceUrlsInPipelineFile', () => {
  it('writes the new URL, which the pipeline then reads', async () => {
    const file = project(`import { definePipeline } from DEFINE;\nexport default definePipeline({\n  id: 'topic',\n  name: 'Topic',\n  sources: [\n    { id: 'wire', kind: 'feed', name: 'Wire', url: 'https://old.example/feed' },\n  ],\n  ${topic},\n});\n`);
    await replaceSourceUrlsInPipelineFile(file, [{ id: 'wire', from: 'https://old.example/feed', to: 'https://new.example/feed' }]);
    expect((await loadPipeline(file)).pipeline.sources[0]).toMatchObject({ id: 'wire', url: 'https://new.example/feed' });
  });
});

describe('stringLiteral', () => {
  it('writes text as a single-quoted literal that reads back as the text', () => {
    for (const text of ["It's", 'a "b" \\ c', 'line\nbreak', 'tab\t', '\u2028', 'plain']) {
      expect(stringLiteral(text).startsWith("'")).toBe(true);
      expect(new Function(`return ${stringLiteral(text)};`)()).toBe(text);
    }
  });
});
