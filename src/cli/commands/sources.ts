import dns from 'node:dns';
import net from 'node:net';
import type { Command } from 'commander';
import type { SourceMove } from '../../config/pipeline-file.ts';
import { isLocalhostName, isMetadataAddress, isPrivateAddress } from '../../ingest/fetch.ts';
import { listSources, pendingMove, sourceWarnings, storedStateApplies } from '../../store/index.ts';
import { runningHostWaits, type HostWaitRecord } from '../../store/host-waits.ts';
import { oneLine, plural, shortenText } from '../../model/display-text.ts';
import { commandClock, noSourcesText, openPipeline, printJson, withStore, type GlobalOptions } from '../context.ts';
import { otherPipelinesText, pipelineRuns } from '../pipeline-runs.ts';
import { commandLine, noteText, shownPath, table, writeText } from '../views.ts';
import { hostKeyOf, unbracketedHost, urlForDisplay, withCredentialsOf, withoutCredentials } from '../../ingest/url-display.ts';
import { isHeldBack } from '../../run/schedule.ts';

/**
 * The `sources` command, for its subcommands (`add`, `update-moved`, `recheck`, `history`) to register under: the one
 * registerSources made, else a bare one, for a program given a subcommand alone.
 */
export function sourcesCommand(program: Command): Command {
  return program.commands.find((command) => command.name() === 'sources') ?? program.command('sources');
}

/** A host name's addresses, as the system resolver gives them to a run's requests (dns.lookup). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

const systemResolver: ResolveHost = async (hostname) => (await dns.promises.lookup(hostname, { all: true })).map((answer) => answer.address);

/**
 * Whether `to` is on the host and port `from` names, or on https after http on the same name: trusted as `from` is
 * (as fetch trusts the host of a URL the user named).
 */
function keepsTrustedHost(from: URL, to: URL): boolean {
  const port = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');
  return from.hostname === to.hostname && (port(from) === port(to) || (port(from) === '80' && to.protocol === 'https:' && port(to) === '443'));
}

/**
 * Why a move's new URL must not be written into the pipeline file, or null when it may. A URL in the file is trusted:
 * its host and port may be on a private address (FetchOptions.trustedHostname), while where a feed redirects is its
 * server's choice. So a move does not carry that trust to a private, loopback, link-local or cloud-metadata address
 * (written as one, `localhost`, or a name that resolves to one now) that the old URL did not name already: a hostile
 * feed would otherwise have the user's own network, or a cloud machine's credentials, read as a trusted source from then
 * on. fetch.allowPrivateAddresses lets every URL reach private and loopback addresses, so those moves are written
 * then; link-local and metadata addresses, where no feed lives and a cloud machine's credentials do, never are. A name
 * that does not resolve now is written: the runs read the feed there.
 */
export async function refusedMoveReason(move: Pick<SourceMove, 'from' | 'to'>, allowPrivateAddresses: boolean, resolveHost: ResolveHost = systemResolver): Promise<string | null> {
  const from = new URL(move.from);
  const to = new URL(move.to);
  if (keepsTrustedHost(from, to)) return null;
  const host = unbracketedHost(to.hostname);
  // the address the URL names, or those its name resolves to now, each with how to name it in the reason
  const reached: { address: string; named: string }[] =
    net.isIP(host) !== 0 ? [{ address: host, named: to.host }]
    : isLocalhostName(host) ? [{ address: '127.0.0.1', named: to.host }]
    : (await resolveHost(host).catch(() => [])).map((address) => ({ address, named: `${to.host} (which resolves to ${address})` }));
  const metadata = reached.find(({ address }) => isMetadataAddress(address));
  if (metadata) return `${metadata.named} is a link-local or cloud-metadata address: a redirect never puts one in the pipeline file, where its URL would be trusted`;
  const local = reached.find(({ address }) => isPrivateAddress(address));
  if (local && !allowPrivateAddresses) {
    return `${local.named} is a private or loopback address: a redirect puts one in the pipeline file, where its URL would be trusted, only with fetch.allowPrivateAddresses`;
  }
  return null;
}

/**
 * refusedMoveReason judged from the address as written, looking up no names: for a listing or a run's summary, which
 * say which moves update-moved will not write without a DNS lookup per moved feed.
 */
export function refusedMoveAsWritten(move: Pick<SourceMove, 'from' | 'to'>, allowPrivateAddresses: boolean): Promise<string | null> {
  return refusedMoveReason(move, allowPrivateAddresses, async () => []);
}

/**
 * A source's health as `sources --json` gives it: the words of the digest's JSON (`ok`, `failed`, `gone`, `never`),
 * which the README documents, so a script reads one vocabulary from both. The table says `failing` and `never
 * checked` (STATUS_TEXT).
 */
export type SourceStatus = 'ok' | 'failed' | 'gone' | 'never';

export function sourceStatus(row: { last_checked_at: string | null; gone: number | boolean; error_streak: number } | undefined): SourceStatus {
  return !row || !row.last_checked_at ? 'never' : row.gone ? 'gone' : row.error_streak > 0 ? 'failed' : 'ok';
}

/** The table's words for a status: "failing" says it is still so, "never checked" what has not happened yet. */
const STATUS_TEXT: Record<SourceStatus, string> = { ok: 'ok', failed: 'failing', gone: 'gone', never: 'never checked' };

export function registerSources(program: Command): void {
  program
    .command('sources')
    .description('health of every source: last success, last error, error streak, next check, items seen, warnings of the last read, permanent moves')
    .action(async (_local, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      const loaded = await openPipeline(options);
      // A new pipeline, its sources still to add: nothing to list, whatever the database holds (no database is needed
      // to say so), and rather than an empty table, how to add them.
      if (loaded.pipeline.sources.length === 0) {
        if (options.json) return printJson([]);
        return writeText(process.stdout, `No sources yet: ${noSourcesText(loaded, options)}.\n`);
      }
      await withStore(options, loaded, async (store) => {
        const rows = await listSources(store.db, loaded.pipeline.id);
        const known = new Map(rows.map((r) => [r.id, r]));
        // A source the file has since pointed at another feed (another address, kind or login) is the next run's to
        // read afresh: the stored health is the old feed's, not to be shown beside the new address.
        const replaced = new Map(
          loaded.pipeline.sources.flatMap((s) => {
            const row = known.get(s.id);
            const applies = !row || storedStateApplies(row, { id: s.id, kind: s.kind, name: s.name, location: s.kind === 'feed' ? s.url : s.glob });
            return applies ? [] : [[s.id, row.location] as const];
          }),
        );
        // A host that asked (429, 503) to wait holds every feed and page of it: nothing is sent to it till then.
        const hostWaits = await runningHostWaits(store.db, loaded.pipeline.id, (await commandClock(store))().toISOString());
        const hostWaitOf = (address: string) => hostWaits.find((wait) => wait.host === hostKeyOf(address)) ?? null;
        const heldBy = new Map<string, HostWaitRecord>();
        // Sources defined but never run yet are listed too, so a new feed is visible before the first run.
        const all = loaded.pipeline.sources.map((s) => {
          const row = replaced.has(s.id) ? undefined : known.get(s.id);
          // a move learnt for the URL the file has: one learnt for another URL (the file since changed) is no address
          // runs read
          const moved = s.kind === 'feed' ? pendingMove(s.url, row) : null;
          // the wait of the host of the address runs read (a move's, else the file's)
          const hostWait = s.kind === 'feed' ? hostWaitOf(moved ?? s.url) : null;
          if (hostWait) heldBy.set(s.id, hostWait);
          return {
            id: s.id,
            kind: s.kind,
            name: s.name,
            location: s.kind === 'feed' ? urlForDisplay(s.url) : s.glob,
            // the address runs read: with the file's login (masked) on the same origin
            movedTo: s.kind === 'feed' && moved !== null ? urlForDisplay(withCredentialsOf(moved, s.url)) : null,
            status: sourceStatus(row),
            lastCheckedAt: row?.last_checked_at ?? null,
            lastSuccessAt: row?.last_success_at ?? null,
            lastError: row?.last_error ?? null,
            lastErrorCode: row?.last_error_code ?? null,
            errorStreak: row?.error_streak ?? 0,
            nextCheckAt: row?.next_check_at ?? null,
            hostWaitUntil: hostWait?.until ?? null,
            // a reason without its time is one an upgrade left when it forgot the time (migration 029): no longer so
            nextCheckReason: row?.next_check_at ? (row.next_check_reason ?? null) : null,
            itemsSeen: (row ?? known.get(s.id))?.items_seen ?? 0,
            // What the last feed document read recovered from (kept up to 10); the count includes those not kept.
            lastWarnings: row ? sourceWarnings(row) : [],
            lastWarningCount: row?.last_warning_count ?? 0,
            lastWarningsAt: row?.last_warnings_at ?? null,
          };
        });
        if (rows.length === 0) {
          // A database that other pipelines ran against, but not this one: most likely the wrong --pipeline or
          // --database. Only a warning here, since the pipeline's sources are listed all the same (never checked).
          const runs = await pipelineRuns(store, loaded.pipeline.id);
          if (runs.kind === 'others') {
            process.stderr.write(`pausewatch: ${otherPipelinesText(loaded.pipeline.id, store.location, runs.pipelineIds)} (check --pipeline and --database)\n`);
          }
        }
        if (options.json) return printJson(all);
        const time = (iso: string | null) => (iso ? iso.slice(0, 16).replace('T', ' ') : '-');
        // The last error stays after a source recovers (it is history); marked so it is not read as current. It is on
        // a line of its own under its row, whole but on a terminal (noteText): the message often starts with a URL of
        // 100 characters, and its reason, and the hint of what to do, come last, which a column cut off.
        const lastError = (s: (typeof all)[number]) =>
          s.lastError ? noteText(`last error${s.errorStreak === 0 ? ' (past)' : ''}: ${s.lastErrorCode ? `${s.lastErrorCode}: ` : ''}${s.lastError}`, process.stdout) : null;
        // A feed read leniently is working but not clean: its status says so, and the warnings are listed below.
        const status = (s: (typeof all)[number]) => (s.status === 'ok' && s.lastWarningCount > 0 ? `ok (${plural(s.lastWarningCount, 'warning')})` : STATUS_TEXT[s.status]);
        // No next check stored (never checked, cleared by `sources recheck`, a files source) means the next run checks
        // it, which "-" did not say. The times are UTC, as the header says now (`sources history` says so too).
        const nextCheck = (s: (typeof all)[number]) => (s.nextCheckAt ? time(s.nextCheckAt) : 'next run');
        const rowsOut = all.map((s) => [s.id, status(s), time(s.lastSuccessAt), String(s.errorStreak), nextCheck(s), String(s.itemsSeen)]);
        process.stdout.write(`${table(['source', 'status', 'last success UTC', 'streak', 'next check UTC', 'items'], rowsOut, [24, 16, 16, 6, 16, 6], all.map(lastError))}\n`);
        const warned = all.filter((s) => s.lastWarningCount > 0);
        if (warned.length > 0) {
          const lines = warned.flatMap((s) => [
            `  ${s.id} (read ${time(s.lastWarningsAt)} UTC):`,
            ...s.lastWarnings.slice(0, 3).map((warning) => `    - ${shortenText(oneLine(warning), 160)}`),
            ...(s.lastWarningCount > 3 ? [`    … and ${s.lastWarningCount - 3} more (sources --json lists ${s.lastWarningCount > s.lastWarnings.length ? `the first ${s.lastWarnings.length}` : 'them'})`] : []),
          ]);
          // Feed text (a charset name, an XML error's excerpt) goes to the terminal cleaned, as in the table.
          writeText(process.stdout, `\nwarnings from the last read of the feed:\n${lines.join('\n')}\n`);
        }
        if (replaced.size > 0) {
          const lines = [...replaced].map(([id, old]) => {
            const source = loaded.pipeline.sources.find((defined) => defined.id === id)!;
            const now = source.kind === 'feed' ? withoutCredentials(source.url) : source.glob;
            // the address stored has no login: the same one means the kind changed
            return old === now ? `  ${id}: its kind changed` : `  ${id}: was ${/^https?:/i.test(old) ? urlForDisplay(old) : old}`;
          });
          writeText(process.stdout, `\nanother feed than the last run read (the next run reads it afresh, its health unknown till then):\n${lines.join('\n')}\n`);
        }
        // Only the JSON said so before: a feed that moved works until the old URL goes, then fails for no visible reason.
        const moved = all.filter((s) => s.movedTo !== null);
        if (moved.length > 0) {
          const file = shownPath(loaded.file);
          // A move update-moved will not write is said so here.
          const notWritten = async (s: (typeof all)[number]) => {
            const source = loaded.pipeline.sources.find((defined) => defined.id === s.id);
            const movedTo = known.get(s.id)?.moved_to;
            if (source?.kind !== 'feed' || !movedTo) return '';
            const reason = await refusedMoveAsWritten({ from: source.url, to: movedTo }, loaded.pipeline.fetch.allowPrivateAddresses);
            return reason === null ? '' : ` (not written by update-moved: ${reason})`;
          };
          const lines = await Promise.all(moved.map(async (s) => `  ${s.id}: ${s.location} -> ${s.movedTo!}${await notWritten(s)}`));
          writeText(process.stdout, `\nmoved permanently (\`${commandLine('sources update-moved', options)}\` puts the new URL in ${file}):\n${lines.join('\n')}\n`);
        }
        // The hosts asked to wait that hold a listed feed: the reason a healthy feed is failed unsent.
        const holding = hostWaits.filter((wait) => [...heldBy.values()].includes(wait));
        if (holding.length > 0) {
          const lines = holding.map((wait) => {
            const feeds = [...heldBy].filter(([, held]) => held === wait).map(([id]) => id);
            return `  ${wait.host} until ${time(wait.until)} UTC (HTTP ${wait.status} to ${urlForDisplay(wait.askedBy)}): ${feeds.join(', ')}`;
          });
          writeText(
            process.stdout,
            `\nhosts that asked to wait, sent nothing till then, their feeds and pages alike (\`${commandLine('sources recheck <id>', options)}\` of a feed forgets its host's):\n${lines.join('\n')}\n`,
          );
        }
        // Why each next check falls when it does, below the table (too long for a column), for the sources a server
        // or a failure holds back: those are the ones a user asks about.
        const heldBack = all.filter((s) => s.nextCheckReason && isHeldBack(s.nextCheckReason));
        if (heldBack.length > 0) {
          process.stdout.write(`\nnext checks held back (\`${commandLine('sources recheck <id>', options)}\` has the next run check one all the same):\n${heldBack.map((s) => `  ${s.id}: ${s.nextCheckReason}`).join('\n')}\n`);
        }
      });
    });
}
