import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerArticles } from '../../src/cli/commands/articles.ts';
import { registerDigest } from '../../src/cli/commands/digest.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerTrends } from '../../src/cli/commands/trends.ts';
import { localDate } from '../../src/digest/day.ts';
import { freshSqlite } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/** Captures dated by a dateline without a time: the day itself, in an ISO and a written form. */
const captures: Record<string, string> = {
  'letter.txt': `Scientists renew their call for a pause of frontier AI

By Dana Whitfield

2026-06-01

A group of scientists renewed their call on Monday for a coordinated, verified pause of frontier AI development until
safety testing rules are in place. "A pause is the responsible choice," one of them said.
`,
  'summit.txt': `Ministers discuss a moratorium on frontier AI models

By Dana Whitfield

June 5, 2026

Ministers meeting at the summit discussed whether a pause of frontier AI development could be verified through chip
tracking, and agreed to study a pause treaty next year.
`,
};

/** A news sitemap dating its article by the day alone, as many do. */
const sitemap = (origin: string) => `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url>
    <loc>${origin}/2026/06/03/labs-pause</loc>
    <news:news>
      <news:publication><news:name>The Example Paper</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>2026-06-03</news:publication_date>
      <news:title>Two labs sign a letter calling for a pause</news:title>
    </news:news>
  </url>
</urlset>
`;

const page = `<!doctype html><html><head><title>Two labs sign a letter calling for a pause</title></head><body><article>
<h1>Two labs sign a letter calling for a pause</h1>
<p>Researchers at two frontier AI labs signed an open letter on Wednesday calling for a global pause on training runs
larger than today's, with audits of compute by an international agency.</p>
<p>"A verified pause of frontier AI would give regulators the time they need," said one of the signatories.</p>
</article></body></html>`;

interface ArticleOut {
  title: string;
  publishedAt: string | null;
  fetchedAt: string;
}

// West of UTC a date read as UTC midnight fell on the day before; east of it, it did not, and must not now either.
describe.each(['America/New_York', 'Asia/Tokyo'])('dates given without a time, with the digest in %s', (timeZone) => {
  let project: TempProject;

  beforeEach(async () => {
    project = await tempProject({
      name: 'date-only',
      database: freshSqlite,
      commands: [registerRun, registerArticles, registerTrends, registerDigest],
      routes: {
        '/sitemap.xml': (_req, res) => res.writeHead(200, { 'content-type': 'application/xml' }).end(sitemap(project.server.url)),
        '/2026/06/03/labs-pause': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page),
      },
    });
    for (const [name, text] of Object.entries(captures)) project.writeFile(`caps/${name}`, text);
    project.writePipeline({
      ...pipelineDefinition({
        id: 'dates',
        name: 'Dates',
        sources: [
          { id: 'caps', kind: 'files', name: 'Captures', glob: 'caps/*.txt' },
          { id: 'paper', kind: 'feed', name: 'The Example Paper', url: `${project.server.url}/sitemap.xml` },
        ],
        fetch: localFetch,
      }),
      digest: { timeZone },
    });
    expect((await project.cli('run', '--quiet')).code).toBe(0);
  });
  afterEach(() => project.remove());

  it('keeps the day as given in articles, trends and the digest', async () => {
    const articles = JSON.parse((await project.cli('articles', '--json')).stdout) as ArticleOut[];
    const published = Object.fromEntries(articles.map((a) => [a.title, a.publishedAt]));
    expect(published).toEqual({
      'Scientists renew their call for a pause of frontier AI': '2026-06-01',
      'Ministers discuss a moratorium on frontier AI models': '2026-06-05',
      'Two labs sign a letter calling for a pause': '2026-06-03',
    });
    const table = (await project.cli('articles')).stdout;
    expect(table).toMatch(/ 2026-06-01 .*Scientists renew/);
    expect(table).toMatch(/ 2026-06-05 .*Ministers discuss/);

    const trends = async (by: string) =>
      (JSON.parse((await project.cli('trends', '--json', '--by', by)).stdout) as { period: string; articles: number }[]).map((r) => [r.period, r.articles]);
    expect(await trends('month')).toEqual([['2026-06', 3]]);
    expect(await trends('day')).toEqual([['2026-06-01', 1], ['2026-06-02', 0], ['2026-06-03', 1], ['2026-06-04', 0], ['2026-06-05', 1]]);
    expect(await trends('week')).toEqual([['2026-W23', 3]]);
    const since = JSON.parse((await project.cli('trends', '--json', '--by', 'day', '--since', '2026-06-01', '--until', '2026-06-01')).stdout) as { articles: number }[];
    expect(since.map((r) => r.articles)).toEqual([1]);

    const day = localDate(new Date(articles[0]!.fetchedAt), timeZone);
    const markdown = (await project.cli('digest', '--date', day, '--quiet')).stdout;
    expect(markdown).toMatch(/Scientists renew their call .* · 2026-06-01 · #/);
    expect(markdown).toMatch(/Ministers discuss a moratorium .* · 2026-06-05 · #/);
    expect(markdown).toMatch(/Two labs sign a letter .* · 2026-06-03 · #/);
  });
});
