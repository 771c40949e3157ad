import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerDigest } from '../../src/cli/commands/digest.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerSources } from '../../src/cli/commands/sources.ts';
import { localDate, renderPlainText, type DigestData } from '../../src/digest/index.ts';
import { renderHtml } from '../../src/digest/render-html.ts';
import { openStore } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

const captures = { id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' };
const older = { id: 'old', kind: 'files', name: 'Old captures', glob: 'old/*.txt' };
const later = { id: 'later', kind: 'files', name: 'Later captures', glob: 'later/*.txt' };

/** The rows of the Markdown digest's `## Sources` table, without its header. */
function sourceRows(markdown: string): string[] {
  const section = markdown.split('\n## Sources\n')[1]!;
  return section.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| source |') && !line.startsWith('| --- |'));
}

describe.each(dialects)('the source health of a digest after sources were removed from the pipeline file, on $name', ({ fresh }) => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({
      name: 'digest-sources',
      database: fresh,
      commands: [registerRun, registerDigest, registerSources],
      routes: { '/slow.xml': (_req, res) => void res.writeHead(500, { 'content-type': 'text/plain' }).end('down') },
    });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    project.writeFile('old/treaty.txt', 'Envoys draft a pause treaty\n\nEnvoys draft a treaty for a verified pause of frontier AI development.\n');
    const slow = { id: 'slow', kind: 'feed', name: 'Slow', url: `${project.server.url}/slow.xml` };
    project.writePipeline(pipelineDefinition({ id: 'pause', name: 'Pause', sources: [captures, older, slow], fetch: localFetch }));
    // the feed fails: exit 1, and its stored row says so
    expect((await project.cli('run', '--quiet')).code).toBe(1);
    project.writePipeline(pipelineDefinition({ id: 'pause', name: 'Pause', sources: [captures], fetch: localFetch }));
    expect((await project.cli('run', '--quiet')).code).toBe(0);
  });
  afterEach(() => project.remove());

  it('lists the sources defined now, as sources does, while the removed ones\' articles still count in the day', async () => {
    const digest = await project.cli('digest', '--json');
    expect(digest.code).toBe(0);
    const data = JSON.parse(digest.stdout) as DigestData;
    expect(data.sources.map((s) => [s.name, s.status, s.lastError])).toEqual([['Captures', 'ok', null]]);
    const today = localDate(new Date(), data.timeZone);
    const markdown = readFileSync(path.join(project.root, 'data', 'digests', `${today}.md`), 'utf8');
    expect(sourceRows(markdown)).toEqual(['| Captures | ok |  |']);
    expect(markdown).not.toContain('Slow');
    // the email's parts, rendered from the same data
    expect(renderPlainText(data)).not.toContain('Slow');
    expect(renderHtml(data)).not.toContain('Slow');
    // only the health table changes: the removed source's article is still one of the day's, under its outlet
    expect(data.totals.articles).toBe(2);
    expect(markdown).toContain('Envoys draft a pause treaty');
    expect(markdown).toContain('— Old captures ·');
    const sources = JSON.parse((await project.cli('sources', '--json')).stdout) as { name: string }[];
    expect(sources.map((s) => s.name)).toEqual(data.sources.map((s) => s.name));
  });

  it('lists a source added since the last run as never read, and an older day\'s digest lists today\'s sources too', async () => {
    project.writePipeline(pipelineDefinition({ id: 'pause', name: 'Pause', sources: [captures, later], fetch: localFetch }));
    // the pipeline watched 5 January: its first run began before it (a digest of a day before the first run is refused)
    const store = await openStore(project.database.target, { mustExist: true });
    try {
      const [first] = await store.db.selectFrom('runs').select('id').orderBy('started_at').execute();
      await store.db.updateTable('runs').set({ started_at: '2026-01-01T06:00:00.000Z' }).where('id', '=', first!.id).execute();
    } finally {
      await store.close();
    }
    for (const args of [['digest', '--json'], ['digest', '--json', '--date', '2026-01-05']]) {
      const data = JSON.parse((await project.cli(...args)).stdout) as DigestData;
      expect(data.sources.map((s) => [s.name, s.status, s.lastError]), args.join(' ')).toEqual([['Later captures', 'never', null], ['Captures', 'ok', null]]);
    }
    const markdown = readFileSync(path.join(project.root, 'data', 'digests', '2026-01-05.md'), 'utf8');
    expect(markdown).toMatch(/_Source health as of \S+, when this digest was written, not on 2026-01-05\._/);
    expect(sourceRows(markdown)).toEqual(['| Later captures | never |  |', '| Captures | ok |  |']);
  });
});
