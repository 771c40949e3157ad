import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerSources } from '../../src/cli/commands/sources.ts';
import { registerSourcesHistory } from '../../src/cli/commands/sources-history.ts';
import { NOTE_MAX_ON_TERMINAL } from '../../src/cli/views.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * `sources` and `sources history` print a source's error whole, on a line of its own under its row: a real feed URL
 * is 100 characters and more, and the reason and the hint of what to do come after it. A column of 60 cut them off,
 * in cron mail and files too. On a terminal, only an error longer than any real one is cut.
 */

const html = '<!doctype html><html><head><title>Newsroom</title></head><body><p>Our latest news on AI policy.</p></body></html>';
// as long as the feed addresses of real outlets, with their query strings
const longPath = `/news/section/technology/artificial-intelligence/policy/${'regulation-and-governance-'.repeat(3)}index.html`;

describe('the error of a failing source in the sources table and its history', () => {
  let project: TempProject;
  let url: string;

  beforeEach(async () => {
    project = await tempProject({
      name: 'sources-error-lines',
      database: freshSqlite,
      commands: [registerRun, registerSources, registerSourcesHistory],
      routes: { [longPath]: (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html) },
    });
    url = `${project.server.url}${longPath}`;
    expect(url.length).toBeGreaterThan(150);
    project.writePipeline(pipelineDefinition({ id: 'errors', name: 'Errors', sources: [{ id: 'newsroom', kind: 'feed', name: 'Newsroom', url, fetchArticles: false }], fetch: localFetch }));
    expect((await project.cli('run', '--quiet')).code).toBe(1);
  });
  afterEach(() => project.remove());

  /** Runs the CLI with stdout taken for a terminal, as `pausewatch sources` in a shell has it. */
  async function onTerminal(...args: string[]) {
    const before = Object.getOwnPropertyDescriptor(process.stdout, 'isTTY');
    Object.defineProperty(process.stdout, 'isTTY', { value: true, configurable: true, writable: true });
    try {
      return await project.cli(...args);
    } finally {
      if (before) Object.defineProperty(process.stdout, 'isTTY', before);
      else delete (process.stdout as { isTTY?: boolean }).isTTY;
    }
  }

  it('is whole, with the hint for an HTML page, in a file or a pipe and on a terminal', async () => {
    const reason = 'the document is an HTML page, not a feed (`pausewatch sources add <its URL> --dry-run` lists the feeds it links to)';
    for (const listing of [await project.cli('sources'), await onTerminal('sources')]) {
      expect(listing.code).toBe(0);
      const lines = listing.stdout.split('\n');
      expect(lines[0]).toMatch(/^source +status +last success UTC +streak +next check UTC +items$/);
      expect(lines[1]).toMatch(/^newsroom +failing +- +1 +\d{4}-\d\d-\d\d \d\d:\d\d +0$/);
      expect(lines[2]).toMatch(/^ {4}last error: parse_not_a_feed: /);
      expect(lines[2]).toContain(url);
      expect(lines[2]!.endsWith(reason)).toBe(true);
    }
    for (const history of [await project.cli('sources', 'history', 'newsroom'), await onTerminal('sources', 'history', 'newsroom')]) {
      const lines = history.stdout.split('\n');
      expect(lines[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d +failed +200 +0 +\d+\.\d$/);
      expect(lines[2]).toMatch(/^ {4}error: parse_not_a_feed: /);
      expect(lines[2]).toContain(url);
      expect(lines[2]!.endsWith(reason)).toBe(true);
      expect(lines[3]).toMatch(/^1 check from .* UTC: 1 failed$/);
    }
  });

  it('is cut on a terminal only when it is longer than any real error, and whole in a file', async () => {
    // an error message that quotes kilobytes of what a hostile server sent
    const sqlite = new Database(project.database.target);
    sqlite.prepare("UPDATE sources SET last_error = ? WHERE id = 'newsroom'").run(`the XML could not be parsed: ${'<x>'.repeat(2_000)} (line 1)`);
    sqlite.close();
    const whole = (await project.cli('sources')).stdout.split('\n')[2]!;
    expect(whole.endsWith('(line 1)')).toBe(true);
    const cut = (await onTerminal('sources')).stdout.split('\n')[2]!;
    expect(cut).toMatch(/^ {4}last error: parse_not_a_feed: the XML could not be parsed: <x><x>.*…$/);
    expect(cut.length).toBe(4 + NOTE_MAX_ON_TERMINAL);
  });

  it('gives a failing source the status word of the digest\'s JSON in sources --json; the table keeps "failing"', async () => {
    const [source] = JSON.parse((await project.cli('sources', '--json')).stdout) as { status: string; lastErrorCode: string }[];
    expect(source).toMatchObject({ status: 'failed', lastErrorCode: 'parse_not_a_feed' });
  });
});
