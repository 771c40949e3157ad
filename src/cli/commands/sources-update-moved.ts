import dns from 'node:dns';
import net from 'node:net';
import { Command } from 'commander';
import { sourcesCommand } from './sources.ts';
import { PipelineEditError, replaceSourceUrlsInPipelineFile, unfoundMovesMessage, type SourceMove } from '../../config/pipeline-file.ts';
import { isMetadataAddress, isPrivateAddress, trustedHostOf } from '../../ingest/fetch.ts';
import { urlForDisplay, withCredentialsOf } from '../../ingest/url-display.ts';
import { pendingMoves } from '../../store/index.ts';
import { printJson, withContext, type GlobalOptions } from '../context.ts';
import { ExitCode, type CliState } from '../errors.ts';
import { shownPath, writeText } from '../views.ts';

/** A host name's addresses, as the system resolver gives them to a run's requests (dns.lookup). */
export type ResolveHost = (hostname: string) => Promise<string[]>;

const systemResolver: ResolveHost = async (hostname) => (await dns.promises.lookup(hostname, { all: true })).map((answer) => answer.address);

/** Whether `to` is on the host and port `from` names, or on https after http on the same name: trusted as `from` is. */
function keepsTrustedHost(from: URL, to: URL): boolean {
  if (trustedHostOf(from.href) === trustedHostOf(to.href)) return true;
  return from.hostname === to.hostname && trustedHostOf(from.href)?.endsWith(':80') === true && to.protocol === 'https:' && trustedHostOf(to.href)?.endsWith(':443') === true;
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
  const host = to.hostname.replace(/^\[|\]$/g, '');
  // the address the URL names, or those its name resolves to now, each with how to name it in the reason
  const reached: { address: string; named: string }[] =
    net.isIP(host) !== 0 ? [{ address: host, named: to.host }]
    : host === 'localhost' || host.endsWith('.localhost') ? [{ address: '127.0.0.1', named: to.host }]
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
 * `pausewatch sources update-moved`: puts the new URL of every feed that moved permanently (the one runs already
 * read, and that `run` and `sources` name) into the pipeline file, so the notice stops and the file says where the
 * feed is. A feed's login goes with it to a new URL on the same origin, as the run sends it there. A feed whose URL
 * the file does not write as a string, or that moved to an address a redirect may not make trusted (refusedMoveReason),
 * is listed for the user to change, and the others are changed all the same.
 */
export function registerSourcesUpdateMoved(program: Command, state: CliState): void {
  sourcesCommand(program)
    .command('update-moved')
    .description('put the new URL of each feed that moved permanently into the pipeline file')
    .option('--dry-run', 'list the changes without making them')
    .action(async (local: { dryRun?: boolean }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      await withContext(options, async ({ loaded, store }) => {
        const pending = (await pendingMoves(store.db, loaded.pipeline.id, loaded.pipeline.sources)).map((move) => ({
          id: move.sourceId,
          from: move.from,
          to: withCredentialsOf(move.movedTo, move.from),
        }));
        const allowPrivate = loaded.pipeline.fetch.allowPrivateAddresses;
        const refusals = new Map<SourceMove, string>();
        for (const move of pending) {
          const reason = await refusedMoveReason(move, allowPrivate);
          if (reason !== null) refusals.set(move, reason);
        }
        const moves = pending.filter((move) => !refusals.has(move));
        const file = shownPath(loaded.file);
        let error: string | null = null;
        // the moves left for the user: all of them when the file could not be edited at all
        let unmade: SourceMove[] = [];
        if (moves.length > 0 && !local.dryRun) {
          try {
            unmade = await replaceSourceUrlsInPipelineFile(loaded.file, moves);
            if (unmade.length > 0) error = unfoundMovesMessage(unmade, file);
          } catch (caught) {
            if (!(caught instanceof PipelineEditError)) throw caught;
            error = caught.message;
            unmade = moves;
          }
        }
        if (refusals.size > 0) {
          const refused = `${[...refusals].map(([move, reason]) => `${JSON.stringify(move.id)} moved to ${urlForDisplay(move.to)}, and ${reason}`).join('; ')}; change ${refusals.size === 1 ? 'it' : 'them'} by hand only if you trust the new address`;
          error = error ? `${refused}; ${error}` : refused;
        }
        if (error) state.exitCode = ExitCode.partial;
        const made = (move: SourceMove) => !local.dryRun && !refusals.has(move) && !unmade.includes(move);
        // no login in what is printed: the file has it
        const shown = pending.map((move) => ({
          sourceId: move.id,
          from: urlForDisplay(move.from),
          to: urlForDisplay(move.to),
          updated: made(move),
          refused: refusals.get(move) ?? null,
        }));
        if (options.json) return printJson({ moves: shown, updated: shown.some((move) => move.updated), file, error });
        if (pending.length === 0) return writeText(process.stdout, 'No feed has moved: the pipeline file has every feed at the URL runs read.\n');
        const section = (heading: string, list: typeof shown) =>
          list.length === 0 ? '' : `${heading}\n${list.map((move) => `  ${move.sourceId}: ${move.from} -> ${move.to}`).join('\n')}\n`;
        const refusedSection = section(
          `Not updated, since a redirect may not make these new addresses trusted (change them in ${file} by hand only if you trust them):`,
          shown.filter((move) => move.refused !== null),
        );
        if (local.dryRun) writeText(process.stdout, section(`Would update ${file} (--dry-run):`, shown.filter((move) => move.refused === null)) + refusedSection);
        else {
          writeText(
            process.stdout,
            section(`Updated ${file}:`, shown.filter((move) => move.updated)) +
              refusedSection +
              section(`Not updated; change these in ${file} by hand:`, shown.filter((move) => !move.updated && move.refused === null)),
          );
        }
        if (error) writeText(process.stderr, `not updated: ${error}\n`);
      });
    });
}
