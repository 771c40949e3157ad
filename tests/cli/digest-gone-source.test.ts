import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerDigest } from '../../src/cli/commands/digest.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerSources } from '../../src/cli/commands/sources.ts';
import { localDate, renderPlainText, type DigestData } from '../../src/digest/index.ts';
import { renderHtml } from '../../src/digest/render-html.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * A feed whose server answered 410 Gone is `gone` in `pausewatch sources`; the digest's sources table says the same,
 * in each of its renderings and in its JSON, rather than calling it failed like a feed that is only down.
 */

const captures = { id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' };

/** The rows of the Markdown digest's `## Sources` table, without its header. */
function sourceRows(markdown: string): string[] {
  const section = markdown.split('\n## Sources\n')[1]!;
  return section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| source |') && !line.startsWith('| --- |'));
}

describe('a feed that answered 410 Gone, in the digest', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({
      name: 'digest-gone-source',
      database: freshSqlite,
      commands: [registerRun, registerDigest, registerSources],
      routes: {
        '/retired.xml': (_req, res) => void res.writeHead(410, { 'content-type': 'text/plain' }).end('gone'),
        '/down.xml': (_req, res) => void res.writeHead(500, { 'content-type': 'text/plain' }).end('down'),
      },
    });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    const retired = { id: 'retired', kind: 'feed', name: 'Retired feed', url: `${project.server.url}/retired.xml` };
    const down = { id: 'down', kind: 'feed', name: 'Down feed', url: `${project.server.url}/down.xml` };
    project.writePipeline(pipelineDefinition({ id: 'pause', name: 'Pause', sources: [captures, retired, down], fetch: localFetch }));
    expect((await project.cli('run', '--quiet')).code).toBe(1);
  });
  afterEach(() => project.remove());

  it('is gone in the JSON, the Markdown, the text and the HTML, as sources says, and a feed that is down is failed', async () => {
    const sources = JSON.parse((await project.cli('sources', '--json')).stdout) as { id: string; status: string }[];
    expect(sources.map((s) => [s.id, s.status])).toEqual([['caps', 'ok'], ['retired', 'gone'], ['down', 'failed']]);

    const digest = await project.cli('digest', '--json');
    expect(digest.code).toBe(0);
    const data = JSON.parse(digest.stdout) as DigestData;
    // failing and gone first (by name), then the rest
    expect(data.sources.map((s) => [s.id, s.status])).toEqual([['down', 'failed'], ['retired', 'gone'], ['caps', 'ok']]);
    const retired = data.sources.find((s) => s.id === 'retired')!;
    expect(retired.lastError).toMatch(/HTTP 410/);

    const markdown = readFileSync(path.join(project.root, 'data', 'digests', `${localDate(new Date(), data.timeZone)}.md`), 'utf8');
    const rows = sourceRows(markdown);
    expect(rows[0]).toMatch(/^\| Down feed \| failed \| .*HTTP 500/);
    expect(rows[1]).toMatch(/^\| Retired feed \| gone \| .*HTTP 410/);
    expect(rows[2]).toBe('| Captures | ok |  |');
    expect(renderPlainText(data)).toMatch(/^- Retired feed: gone — .*HTTP 410/m);
    expect(renderHtml(data)).toMatch(/<tr><td>Retired feed<\/td><td>gone<\/td><td>[^<]*HTTP 410/);
  });
});
