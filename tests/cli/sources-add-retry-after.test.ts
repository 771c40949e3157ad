import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerFeed } from '../../src/cli/commands/feed.ts';
import { registerSourcesAdd } from '../../src/cli/commands/sources-add.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * `sources add` on an outlet that answers 429 or 503 says how long the server asks to be left alone (Retry-After), in
 * the words `feed` uses: someone adding a source needs to know when to try again more than the status.
 */

describe('sources add and a server that asks to wait', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({
      name: 'sources-add-retry-after',
      database: freshSqlite,
      commands: [registerFeed, registerSourcesAdd],
      routes: {
        '/429': (_req, res) => res.writeHead(429, { 'retry-after': '3600' }).end(),
        '/busy/': (_req, res) => res.writeHead(503, { 'retry-after': '120' }).end(),
        // the home page too, where discovery would otherwise go on to the common feed paths
        '/': (_req, res) => res.writeHead(429, { 'retry-after': '600' }).end(),
      },
    });
    project.writePipeline(pipelineDefinition({ id: 'waits', name: 'Waits', sources: [{ id: 'seeds', kind: 'files', name: 'Seeds', glob: 'seeds/*.txt' }], fetch: localFetch }));
  });
  afterEach(() => project.remove());

  /** The time a Retry-After names, as fetchFailureText writes it: the same text whichever second the command ran in. */
  const anyTime = (text: string) => text.replace(/until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, 'until <time>');

  it('prints the wait a 429 or 503 asks for, as `feed` does', async () => {
    for (const [route, seconds] of [['/429', 3600], ['/busy/', 120]] as const) {
      const url = `${project.server.url}${route}`;
      const started = Date.now();
      const added = await project.cli('sources', 'add', url, '--dry-run');
      expect(added.code).toBe(1);
      expect(added.stdout).toBe('');
      const [first] = added.stderr.split('\n');
      expect(first).toMatch(new RegExp(`^cannot fetch ${url}: HTTP \\d{3} from ${url}; the server asks to wait ${seconds} s \\(Retry-After\\), until \\S+Z$`));
      const until = Date.parse(/until (\S+)$/.exec(first!)![1]!);
      expect(until).toBeGreaterThanOrEqual(Math.floor(started / 1000) * 1000 + seconds * 1000);
      expect(until).toBeLessThanOrEqual(Date.now() + seconds * 1000);

      const feed = await project.cli('feed', url);
      expect(anyTime(first!)).toBe(anyTime(feed.stderr.trimEnd()));
    }
  });

  it('prints it for a home page too, and sends the common feed paths nothing while the server asks to wait', async () => {
    const url = `${project.server.url}/`;
    const added = await project.cli('sources', 'add', url, '--dry-run');
    expect(added.code).toBe(1);
    // after a line for each common path held back, as it was
    expect(anyTime(added.stderr)).toContain(`\ncannot fetch ${url}: HTTP 429 from ${url}; the server asks to wait 600 s (Retry-After), until <time>\n`);
    expect([...project.server.hits.keys()]).toEqual(['/']);
  });
});
