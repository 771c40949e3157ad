import type { Command } from 'commander';
import { sourcesCommand } from './sources.ts';
import { requestAddress, withCredentialsOf } from '../../ingest/url-display.ts';
import { clearNextChecks, currentRateLimit, listSources } from '../../store/index.ts';
import type { SourceRow } from '../../store/schema.ts';
import { commandClock, printJson, openPipeline, requireSources, withStore, type GlobalOptions } from '../context.ts';
import { requireSourceIds } from '../errors.ts';
import { commandLine, writeText } from '../views.ts';
import { formatDuration } from '../../run/schedule.ts';

/**
 * `pausewatch sources recheck <source-id...>`: the next run checks these sources, whatever their schedule says,
 * and even when their server asked with Retry-After to wait (which `run --all` respects). A wait belongs to the
 * address, so the pipeline's other sources read from the same address are cleared with them; otherwise their wait
 * would still hold the shared fetch back.
 */
export function registerSourcesRecheck(program: Command): void {
  sourcesCommand(program)
    .command('recheck')
    .description('have the next run check these sources, even when a failure backed them off or their server asked (Retry-After) to wait')
    .argument('<source-id...>', 'ids of sources of the pipeline (`pausewatch sources` lists them)')
    .action(async (ids: string[], _local: unknown, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const loaded = await openPipeline(options);
      // a new pipeline, its sources still to add, has none to name: said so, with how to add them, whatever the database
      requireSources(loaded, options, `<source-id>: no source ${ids.map((asked) => JSON.stringify(asked)).join(', ')} in pipeline ${loaded.pipeline.id}`);
      await withStore(options, loaded, async (store) => {
        requireSourceIds(ids, loaded.pipeline, commandLine('sources', options));
        const defined = new Map(loaded.pipeline.sources.map((source) => [source.id, source]));
        const rows = new Map((await listSources(store.db, loaded.pipeline.id)).map((row) => [row.id, row]));
        const addressesOf = (id: string): string[] => {
          const source = defined.get(id);
          if (source?.kind !== 'feed') return [];
          const movedTo = rows.get(id)?.moved_to;
          // as the run reads them: a moved address (stored without a login) with the file's login on the same origin
          return [requestAddress(source.url), ...(movedTo ? [requestAddress(withCredentialsOf(movedTo, source.url))] : [])];
        };
        const named = new Set(ids);
        const askedAddresses = ids.map((asked) => ({ asked, addresses: new Set(addressesOf(asked)) }));
        /** The first named source read from an address of `id`'s, or null. */
        const sharedWith = (id: string): string | null => {
          const own = addressesOf(id);
          return askedAddresses.find(({ addresses }) => own.some((address) => addresses.has(address)))?.asked ?? null;
        };
        const targets = [...defined.keys()].filter((id) => named.has(id) || sharedWith(id) !== null);
        const now = await commandClock(store);
        const before = new Map((await clearNextChecks(store.db, loaded.pipeline.id, targets, now().toISOString())).map((row) => [row.id, row]));
        const report = targets.map((id) => ({
          sourceId: id,
          sharesAddressWith: named.has(id) ? null : sharedWith(id),
          neverChecked: !before.get(id)?.last_checked_at,
          clearedNextCheckAt: before.get(id)?.next_check_at ?? null,
          clearedNextCheckReason: before.get(id)?.next_check_reason ?? null,
          clearedServerWaitUntil: before.get(id)?.server_wait_until ?? null,
          // a host's wait holds its other feeds and article pages too: forgetting it is said
          clearedHostWaits: (before.get(id)?.clearedHostWaits ?? []).map((wait) => ({ host: wait.host, until: wait.until })),
          // a rate limit the server showed with a 429 is its manners, not a wait: kept, and said so
          keptRateLimitSeconds: currentRateLimit(before.get(id), now()),
        }));
        if (options.json) return printJson({ sources: report });
        writeText(process.stdout, `${report.map((entry) => `  ${entry.sourceId}: ${recheckLine(entry, before.get(entry.sourceId))}`).join('\n')}\n`);
      });
    });
}

function recheckLine(
  entry: { sharesAddressWith: string | null; neverChecked: boolean; clearedHostWaits: { host: string; until: string }[]; keptRateLimitSeconds: number | null },
  row: SourceRow | undefined,
): string {
  const time = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;
  const shared = entry.sharesAddressWith ? ` (read from the same address as ${entry.sharesAddressWith})` : '';
  const hostWaits = entry.clearedHostWaits.map((wait) => `the wait of ${wait.host} until ${time(wait.until)} (for its other feeds and pages too)`);
  if (entry.neverChecked || !row) return `never checked yet: the next run checks it${hostWaits.length ? `; cleared ${hostWaits.join(' and ')}` : ''}${shared}`;
  const cleared = [
    ...(row.server_wait_until ? [`its server's wait until ${time(row.server_wait_until)}`] : []),
    ...(row.next_check_at ? [`the check scheduled for ${time(row.next_check_at)}`] : []),
    ...hostWaits,
  ];
  const listed = cleared.length < 2 ? cleared.join('') : `${cleared.slice(0, -1).join(', ')} and ${cleared.at(-1)!}`;
  const kept = entry.keptRateLimitSeconds === null ? '' : `; kept the server's rate limit, shown by a 429: no two checks within ${formatDuration(entry.keptRateLimitSeconds)}`;
  return `the next run checks it${listed ? `; cleared ${listed}` : ''}${kept}${shared}`;
}
