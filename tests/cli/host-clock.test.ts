import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerDigest } from '../../src/cli/commands/digest.ts';
import { registerRun } from '../../src/cli/commands/run.ts';
import { registerSources } from '../../src/cli/commands/sources.ts';
import { registerSourcesRecheck } from '../../src/cli/commands/sources-recheck.ts';
import { localDate } from '../../src/digest/index.ts';
import { openStore } from '../../src/store/index.ts';
import { dialects } from '../helpers/databases.ts';
import { localFetch, pipelineDefinition, tempProject, type TempProject } from '../helpers/temp-project.ts';

/**
 * The commands of a host whose clock is four days ahead of its database's (here this process's Date, set ahead; the
 * database keeps the machine's clock): each goes by the database's clock and says so. By the host's, `run` alerted
 * none of the day's articles and scheduled feeds four days on, `digest` wrote an empty digest of a day to come, and
 * `sources` and `sources recheck` took a host's wait the database holds for one gone by.
 */

const FOUR_DAYS_MS = 4 * 86_400_000;

const outlet = { limited: false };

describe.each(dialects)('the commands of a host whose clock is four days ahead, on $name', ({ fresh }) => {
  let project: TempProject;

  beforeEach(async () => {
    outlet.limited = false;
    project = await tempProject({
      name: 'host-clock',
      database: fresh,
      commands: [registerRun, registerDigest, registerSources, registerSourcesRecheck],
      routes: {
        '/wire.xml': (_req, res) =>
          outlet.limited
            ? res.writeHead(429, { 'retry-after': '86400' }).end()
            : res
                .writeHead(200, { 'content-type': 'application/rss+xml', 'cache-control': 'max-age=86400' })
                .end(
                  `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Labs weigh a pause</title><guid>w-1</guid>` +
                    `<pubDate>${new Date(Date.now() - 3_600_000).toUTCString()}</pubDate><description>Labs discuss a coordinated pause of frontier AI.</description></item></channel></rss>`,
                ),
      },
    });
    const sources = [{ id: 'wire', kind: 'feed', name: 'Wire', url: `${project.server.url}/wire.xml`, fetchArticles: false }];
    project.writePipeline(pipelineDefinition({ id: 'clock', name: 'Clock', sources, fetch: localFetch }));
  });
  afterEach(async () => {
    vi.useRealTimers();
    await project.remove();
  });

  it("go by the database's clock: the run dates and schedules by it, and the digest is today's", async () => {
    const realNow = Date.now();
    const today = localDate(new Date(realNow), 'UTC');
    vi.useFakeTimers({ toFake: ['Date'], now: realNow + FOUR_DAYS_MS });

    const run = await project.cli('run', '--quiet');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("clock        this host's clock is 4 days ahead of the database's: the run went by the database's");
    const store = await openStore(project.database.target);
    try {
      const source = await store.db.selectFrom('sources').select(['last_checked_at', 'next_check_at']).where('id', '=', 'wire').executeTakeFirstOrThrow();
      expect(source.last_checked_at!.slice(0, 10)).toBe(today);
      // the server's max-age of a day, from the database's now
      expect(Date.parse(source.next_check_at!)).toBeLessThan(realNow + 2 * 86_400_000);
    } finally {
      await store.close();
    }

    const digest = await project.cli('digest', '--json');
    expect(digest.code).toBe(0);
    expect(JSON.parse(digest.stdout)).toMatchObject({ date: today, totals: { articles: 1 } });
    expect(digest.stderr).toContain("note: this host's clock is 4 days ahead of the database's: went by the database's, as runs do");
  });

  it("show and forget a host's wait by the database's clock", async () => {
    outlet.limited = true;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + FOUR_DAYS_MS });
    expect((await project.cli('run', '--quiet')).code).toBe(1);

    const [listed] = JSON.parse((await project.cli('sources', '--json')).stdout) as { id: string; hostWaitUntil: string | null }[];
    expect(listed!.hostWaitUntil).not.toBeNull();
    const recheck = JSON.parse((await project.cli('sources', 'recheck', 'wire', '--json')).stdout) as { sources: { clearedHostWaits: unknown[] }[] };
    expect(recheck.sources[0]!.clearedHostWaits).toHaveLength(1);
  });
});
