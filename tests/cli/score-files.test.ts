import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { registerScore } from '../../src/cli/commands/score.ts';
import { runCommands } from '../helpers/in-process-cli.ts';
import { ELF_START, tempFiles } from '../helpers/temp-files.ts';

/** `pausewatch score …` run in this process, capturing what it prints and the exit code it sets. */
const score = (...args: string[]) => runCommands([registerScore], ['score', '--pipeline', pipeline, ...args]);

const { dir, file, remove } = tempFiles('score-files');
afterAll(remove);

const pipeline = file(
  'pipeline.ts',
  `export default ${JSON.stringify({
    id: 'score-files', name: 'Score files', sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }],
    topic: { description: 'x', proposalTerms: ['pause'], contextTerms: ['frontier AI', 'labs'] },
  })};\n`,
);
const good = file('p1.txt', 'Critics call the proposed pause of frontier AI development a marketing ploy that would only hand the lead to rival labs.');
const otherGood = file('p2.txt', 'Supporters of a pause on frontier AI say the labs need time to agree on safety rules.');
const empty = file('empty.txt', '');
const binary = file('bin.dat', ELF_START);
const missing = path.join(dir, 'nofile.txt');
const folder = path.join(dir, 'folder');
mkdirSync(folder);

interface ScoreEntry {
  file: string;
  scorerVersion: string | null;
  relevance: { score: number; relevant: boolean; evidence: string[] } | null;
  stance: { label: string | null } | null;
  voices: unknown[];
  error: { code: string; message: string } | null;
}
const entries = (stdout: string) => JSON.parse(stdout) as ScoreEntry[];

describe('score --json gives one element per input file, in input order', () => {
  it('a good, an empty, a binary and a missing file: four elements, the failed ones with an error naming the file', async () => {
    const { code, stdout, stderr } = await score('--json', good, empty, binary, missing);
    const scores = entries(stdout);
    expect(scores.map((entry) => entry.file)).toEqual([good, empty, binary, missing]);
    expect(scores.map((entry) => entry.error?.code ?? null)).toEqual([null, 'empty', 'not_text', 'not_found']);

    expect(scores[0]).toMatchObject({ error: null, scorerVersion: expect.any(String), relevance: { relevant: true }, stance: { label: 'oppose' } });
    for (const failed of scores.slice(1)) {
      expect(failed).toMatchObject({ scorerVersion: null, relevance: null, stance: null, voices: [] });
      expect(failed.error!.message).toContain(failed.file);
    }
    expect(scores[1]!.error!.message).toBe(`${empty} is empty`);
    expect(scores[2]!.error!.message).toMatch(new RegExp(`^${escapeRegExp(binary)} is not text: `));
    expect(scores[3]!.error!.message).toBe(`cannot read ${missing}: no such file`);
    // A script reads every element the same way: a failed file has the keys of a scored one.
    for (const entry of scores) expect(Object.keys(entry)).toEqual(Object.keys(scores[0]!));

    // a file that is not there is a typing mistake on the command line: exit 2, after the others were scored
    expect(code).toBe(2);
    expect(stderr).toContain(`empty: ${empty} is empty`);
    expect(stderr).toContain(`not_text: ${binary} is not text`);
    expect(stderr).toContain(`cannot read ${missing}: no such file`);
  });

  it('a file alone that does not exist gives one element, not an empty array, and exit 2', async () => {
    const { code, stdout } = await score('--json', missing);
    expect(entries(stdout)).toEqual([
      { file: missing, scorerVersion: null, relevance: null, stance: null, voices: [], unreadLanguage: null, error: { code: 'not_found', message: `cannot read ${missing}: no such file` } },
    ]);
    expect(code).toBe(2);
  });

  it('files that all do not exist give one element each, and the same file twice gives two', async () => {
    const other = path.join(dir, 'other-missing.txt');
    const { code, stdout } = await score('--json', missing, other, missing);
    expect(entries(stdout).map((entry) => [entry.file, entry.error?.code])).toEqual([[missing, 'not_found'], [other, 'not_found'], [missing, 'not_found']]);
    expect(code).toBe(2);
  });

  it('a directory named as a file is an error of its own, between the scored files', async () => {
    const { code, stdout } = await score('--json', good, folder, otherGood);
    const scores = entries(stdout);
    expect(scores.map((entry) => entry.file)).toEqual([good, folder, otherGood]);
    expect(scores[1]!.error).toEqual({ code: 'is_directory', message: `cannot read ${folder}: it is a directory` });
    expect(scores[2]).toMatchObject({ error: null, relevance: { relevant: true } });
    expect(code).toBe(2);
  });

  it.skipIf(process.getuid?.() === 0)('a file that may not be read is an error of its own, exit 2', async () => {
    const locked = file('locked.txt', 'A pause on frontier AI labs.');
    chmodSync(locked, 0o000);
    const { code, stdout } = await score('--json', locked);
    expect(entries(stdout)[0]!.error).toEqual({ code: 'permission_denied', message: `cannot read ${locked}: permission denied` });
    expect(code).toBe(2);
  });
});

describe('score exit codes', () => {
  it('0 when every file was scored, each with error null', async () => {
    const { code, stdout, stderr } = await score('--json', good, otherGood);
    expect(entries(stdout).map((entry) => entry.error)).toEqual([null, null]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('1 when a file is there but holds no text (empty or binary), and every file is still tried', async () => {
    const { code, stdout } = await score('--json', empty, good, binary);
    expect(entries(stdout).map((entry) => entry.error?.code ?? null)).toEqual(['empty', null, 'not_text']);
    expect(code).toBe(1);
  });

  it('2 when a file does not exist, even when another failed for its content', async () => {
    const { code } = await score('--json', binary, missing, empty);
    expect(code).toBe(2);
  });

  it('without --json: the scored files are printed as before, the missing one named on stderr, and exit 2', async () => {
    const { code, stdout, stderr } = await score(good, missing, otherGood);
    expect(stdout.split('\n').filter((line) => line.startsWith(dir))).toEqual([good, otherGood]);
    expect(stdout).toContain('  relevance ');
    expect(stdout).not.toContain(missing);
    expect(stderr).toBe(`pausewatch: cannot read ${missing}: no such file\n`);
    expect(code).toBe(2);
  });

  it('without --json, an empty file still gives exit 1', async () => {
    const { code, stdout, stderr } = await score(empty, good);
    expect(stdout.startsWith(`${good}\n`)).toBe(true);
    expect(stderr).toBe(`empty: ${empty} is empty\n`);
    expect(code).toBe(1);
  });
});

describe('score reads a page\'s article text, never its markup', () => {
  // The topic only in a script, a style and an attribute: text no reader sees.
  const markup = file(
    'markup.html',
    '<html><head><script>var topic = "Anthropic calls for a moratorium: pause frontier AI development now. We strongly support a pause of frontier AI development.";</script>' +
      '<style>.pause-frontier-ai { color: red }</style></head><body><div data-x="moratorium on frontier AI development"></div></body></html>',
  );
  const blank = file('blank.html', '<html><body></body></html>');

  it('a page with no article text is reported as empty, exit 1, with no score, as a file of whitespace is', async () => {
    const { code, stdout, stderr } = await score('--json', markup, blank, good);
    const scores = entries(stdout);
    expect(scores.map((entry) => entry.error)).toEqual([
      { code: 'empty', message: `${markup}: no article text found` },
      { code: 'empty', message: `${blank}: no article text found` },
      null,
    ]);
    expect(scores[0]).toMatchObject({ scorerVersion: null, relevance: null, stance: null, voices: [] });
    expect(stderr).toBe(`empty: ${markup}: no article text found\nempty: ${blank}: no article text found\n`);
    expect(code).toBe(1);
  });

  it('without --json, no evidence line quotes the markup', async () => {
    const { code, stdout } = await score(markup);
    expect(stdout).not.toContain('<');
    expect(stdout).not.toContain('relevance');
    expect(code).toBe(1);
  });

  it('a page with a paragraph is scored on that paragraph alone', async () => {
    const page = file('page.html', `<html><head><script>var x = "<b>pause</b>";</script></head><body><p>${'Supporters of a pause on frontier AI say the labs need time to agree on safety rules.'}</p></body></html>`);
    const { code, stdout } = await score('--json', page);
    const [entry] = entries(stdout) as (ScoreEntry & { relevance: { evidence: string[] } })[];
    expect(entry!.relevance!.relevant).toBe(true);
    expect(entry!.relevance!.evidence.join(' ')).not.toMatch(/<|var x/);
    expect(code).toBe(0);
  });

  it('a text file is still scored as its text, even one line the capture cleaner takes for no article', async () => {
    const line = file('line.txt', 'Pause frontier AI labs');
    const { code, stdout } = await score('--json', line, good);
    expect(entries(stdout).map((entry) => entry.error)).toEqual([null, null]);
    expect(entries(stdout)[0]!.relevance!.score).toBeGreaterThan(0);
    expect(code).toBe(0);
  });

  it('the one line is scored once: its evidence is not listed a second time as the title', async () => {
    const line = file('line-once.txt', '\n  Anthropic calls for a pause of frontier AI development  \r\n\n');
    const { stdout } = await score('--json', line);
    const [entry] = entries(stdout) as (ScoreEntry & { relevance: { evidence: string[] }; stance: { evidence: { sentence: string }[] } })[];
    expect(entry!.relevance.evidence).toEqual(['Anthropic calls for a pause of frontier AI development']);
    expect(entry!.stance.evidence.map((e) => e.sentence)).toEqual(['Anthropic calls for a pause of frontier AI development']);
  });

  it('a text capture of nothing but page furniture is empty, exit 1, as a run and extract refuse it', async () => {
    const furniture = file('furniture.txt', 'Subscribe\nSign in\nCookie settings\nShare this article\nAdvertisement\n');
    const { code, stdout, stderr } = await score('--json', furniture, good);
    expect(entries(stdout).map((entry) => entry.error)).toEqual([{ code: 'empty', message: `${furniture}: no article text found` }, null]);
    expect(stderr).toBe(`empty: ${furniture}: no article text found\n`);
    expect(code).toBe(1);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
