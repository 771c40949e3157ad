import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { registerDigest } from '../../src/cli/commands/digest.ts';
import { registerLabel } from '../../src/cli/commands/label.ts';
import { registerRescore } from '../../src/cli/commands/rescore.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerSources } from '../../src/cli/commands/sources.ts';
import { registerStories } from '../../src/cli/commands/stories.ts';
import { registerTrends } from '../../src/cli/commands/trends.ts';
import { openStore } from '../../src/store/index.ts';
import { dialects, freshSqlite } from '../helpers/databases.ts';
import { runCommands, type Register } from '../helpers/in-process-cli.ts';
import { pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

const bin = path.resolve(import.meta.dirname, '../../src/cli/bin.cjs');
const commands: Register[] = [registerRun, registerArticles, registerStories, registerTrends, registerDigest, registerSources, registerLabel, registerRescore];
const reports = [['articles'], ['stories'], ['trends'], ['digest']];
const captures = { id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' };

describe.each(dialects)('a report of a pipeline that has not run against the database, on $name', ({ fresh }) => {
  let project: TempProject;
  let otherFile: string;

  beforeEach(async () => {
    project = await tempProject({ name: 'not-run', database: fresh, commands });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    project.writePipeline(pipelineDefinition({ id: 'pause', name: 'Pause', sources: [captures] }));
    // another pipeline of the same project, with a digest folder of its own, that never ran
    otherFile = path.join(project.root, 'other.ts');
    writeFileSync(otherFile, `export default ${JSON.stringify({ ...pipelineDefinition({ id: 'other', name: 'Other', sources: [captures] }), digest: { dir: 'data/other-digests' } })};\n`);
    expect((await project.cli('run', '--quiet')).code).toBe(0);
  });
  afterEach(() => project.remove());

  const asOther = (...args: string[]) => runCommands(commands, [...args, '--pipeline', otherFile, '--database', project.database.target]);

  it('is refused, naming the pipeline, the database, the pipelines it holds and what to do; digest writes nothing', async () => {
    for (const args of reports) {
      const refused = asOther(...args, '--json');
      await expect(refused, args[0]).rejects.toThrow(/^pipeline "other" has not run against .+; it holds "pause", so there is nothing of "other" to report: check --pipeline \(.*other\.ts\) and --database, or run this pipeline first \(`pausewatch run --pipeline \S+other\.ts --database \S+`\)$/);
    }
    // not even its digest folder: a refused digest leaves no trace to mistake for a pipeline that ran
    expect(existsSync(path.join(project.root, 'data', 'other-digests'))).toBe(false);
    // sources lists the pipeline's sources (never checked) and warns in the same words
    const sources = await asOther('sources', '--json');
    expect(sources.code).toBe(0);
    expect(JSON.parse(sources.stdout)).toEqual([expect.objectContaining({ id: 'caps', status: 'never' })]);
    expect(sources.stderr).toMatch(/^pausewatch: pipeline "other" has not run against .+; it holds "pause" \(check --pipeline and --database\)\n$/);
    // the pipeline that ran reports as before
    for (const args of reports) expect((await project.cli(...args, '--json')).code, args[0]).toBe(0);
  });

  it('label, labels and rescore are refused the same way, and change nothing', async () => {
    const [article] = JSON.parse((await project.cli('articles', '--json')).stdout) as { id: number }[];
    const refusal = (verb: string) =>
      new RegExp(`^pipeline "other" has not run against .+; it holds "pause", so there is nothing of "other" to ${verb}: check --pipeline \\(.*other\\.ts\\) and --database, or run this pipeline first \\(\`pausewatch run --pipeline \\S+other\\.ts --database \\S+\`\\)$`);
    // was "no article 1 in pipeline other", as if the id were wrong
    await expect(asOther('label', String(article!.id), '--stance', 'oppose')).rejects.toThrow(refusal('label'));
    await expect(asOther('label', String(article!.id), '--clear')).rejects.toThrow(refusal('label'));
    await expect(asOther('labels')).rejects.toThrow(refusal('list'));
    // was "0 of 0 articles scored", exit 0
    await expect(asOther('rescore')).rejects.toThrow(refusal('rescore'));
    await expect(asOther('rescore', '--json')).rejects.toThrow(refusal('rescore'));
    // the pipeline that ran still labels and rescores
    expect(JSON.parse((await project.cli('labels', '--json')).stdout)).toEqual([]);
    expect((await project.cli('label', String(article!.id), '--stance', 'oppose')).code).toBe(0);
    expect(JSON.parse((await project.cli('rescore', '--json')).stdout)).toMatchObject({ articles: 1, rescored: 0, alreadyCurrent: 1 });
  });
});

describe('a report of a pipeline that has not run against the database, from the command line', () => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({ name: 'not-run-bin', database: freshSqlite, commands });
    project.writeFile('caps/pause.txt', 'Labs weigh a pause\n\nLeading AI labs discuss a coordinated, verified pause of frontier AI development.\n');
    project.writePipeline(pipelineDefinition({ id: 'pause', name: 'Pause', sources: [captures] }));
    expect((await project.cli('run', '--quiet')).code).toBe(0);
    project.writePipeline({ ...pipelineDefinition({ id: 'other', name: 'Other', sources: [captures] }), digest: { dir: 'data/other-digests' } });
  });
  afterEach(() => project.remove());

  it('exits 2 with the message on stderr and nothing on stdout under --json', async () => {
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const args = [bin, 'trends', '--json', '--pipeline', project.pipelineFile, '--database', project.database.target];
      const child = execFile(process.execPath, args, { cwd: project.root, env: { ...process.env, DATABASE_URL: '' } }, (_error, stdout, stderr) => resolve({ code: child.exitCode, stdout, stderr }));
    });
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `pausewatch: pipeline "other" has not run against ${project.database.target}; it holds "pause", so there is nothing of "other" to report: ` +
        `check --pipeline (pipeline.ts) and --database, or run this pipeline first (\`pausewatch run --pipeline ${project.pipelineFile} --database ${project.database.target}\`)\n`,
    );
    expect(result.code).toBe(2);
  });
});

describe('a report from a database no pipeline has run against', () => {
  it('is empty, as before, and says why on stderr', async () => {
    const project = await tempProject({ name: 'not-run-fresh', database: freshSqlite, commands });
    try {
      project.writePipeline(pipelineDefinition({ id: 'pause', name: 'Pause', sources: [captures] }));
      // the tables, as a run prepares them, but no run
      await (await openStore(project.database.target)).close();
      for (const args of [['articles'], ['stories'], ['trends']]) {
        expect(await project.cli(...args, '--json'), args[0]).toEqual({
          code: 0,
          stdout: '[]\n',
          stderr: `pausewatch: no pipeline has run against ${project.database.target} yet; \`pausewatch run --pipeline ${project.pipelineFile} --database ${project.database.target}\` fills it\n`,
        });
      }
      // but not a digest, whose empty file would replace the day's real one (written from another database)
      const digestFile = path.join(project.root, 'data', 'digests', `${new Date().toISOString().slice(0, 10)}.md`);
      mkdirSync(path.dirname(digestFile), { recursive: true });
      writeFileSync(digestFile, 'the real digest\n');
      await expect(project.cli('digest', '--json')).rejects.toThrow(
        /^no pipeline has run against .+ yet, so the digest of \d{4}-\d\d-\d\d could only be empty \(and would replace any in .+digests\): check --database, or run the pipeline first \(`pausewatch run .+`\)$/,
      );
      expect(readFileSync(digestFile, 'utf8')).toBe('the real digest\n');
    } finally {
      await project.remove();
    }
  });
});
