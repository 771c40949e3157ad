import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Command } from 'commander';
import { oneLine, shortenText } from '../../model/display-text.ts';
import type { FeedItem, ParsedFeed } from '../../model/index.ts';
import { fetchUrl, type FetchResult } from '../../ingest/fetch.ts';
import { requestAddress, urlForDisplay, withoutCredentials, withoutFeedScheme } from '../../ingest/url-display.ts';
import { parseFeed, FeedParseError } from '../../ingest/feed/index.ts';
import { formatDuration, nextCheck } from '../../run/schedule.ts';
import { commandFetchOptions, commandFetchSettings, fetchFailureText, httpUrlArgument, printJson, type GlobalOptions } from '../context.ts';
import { UsageError, ExitCode, NamedFileError, readNamedFile, type CliState } from '../errors.ts';
import { writeText } from '../views.ts';

/** The `feed --json` shape (a public contract): the normalised feed as the pipeline reads it. */
export interface FeedJson extends Pick<ParsedFeed, 'title' | 'link' | 'language' | 'format' | 'wellFormed' | 'bozo' | 'warnings'> {
  /** How the URL answered, for someone deciding whether to add it; null for a file. */
  fetched: FetchedJson | null;
  items: Omit<FeedItem, 'guid'>[];
}

/** What a run would make of the answer: whether later checks can be conditional, and when it would check next. */
export interface FetchedJson {
  /** Where the feed was read, after redirects. */
  url: string;
  httpStatus: number | null;
  /** The validators a run sends back, so that an unchanged feed costs a 304: null when the server gives none. */
  etag: string | null;
  lastModified: string | null;
  /** The interval a run would set after this answer (schedule.ts's policy, as for a first good read), and why. */
  nextCheckSeconds: number;
  nextCheckReason: string;
}

/** What a run would schedule after reading this feed from this answer, now. */
function fetchedJson(response: Extract<FetchResult, { status: 'ok' }>, feed: ParsedFeed, now: Date): FetchedJson {
  const next = nextCheck({
    now,
    outcome: 'ok',
    failuresBefore: 0,
    recentPublished: feed.items.map((item) => item.published ?? item.updated),
    ttlSeconds: feed.ttlSeconds,
    // a Retry-After counts on a 429 or a 503 only, as in a run (askedWaitSeconds), and this answer was a good one
    ...response.hints,
    retryAfterSeconds: null,
    skip: feed.skip,
    // used by failures' backoff only
    random: () => 0.5,
  });
  return {
    // its login masked, as every address printed
    url: urlForDisplay(response.url),
    httpStatus: response.httpStatus,
    etag: response.headers['etag'] ?? null,
    lastModified: response.headers['last-modified'] ?? null,
    nextCheckSeconds: Math.round((Date.parse(next.at) - now.getTime()) / 1000),
    nextCheckReason: next.reason,
  };
}

export function feedJson(feed: ParsedFeed, fetched: FetchedJson | null = null): FeedJson {
  return {
    title: feed.title,
    link: feed.link,
    language: feed.language,
    format: feed.format,
    wellFormed: feed.wellFormed,
    bozo: feed.bozo,
    warnings: feed.warnings,
    fetched,
    items: feed.items.map((item) => ({
      id: item.id,
      title: item.title,
      link: item.link,
      published: item.published,
      updated: item.updated,
      author: item.author,
      summary: item.summary,
      content: item.content,
      enclosures: item.enclosures.map((e) => ({ url: e.url, type: e.type, length: e.length })),
      categories: item.categories,
      outlet: item.outlet,
      outletUrl: item.outletUrl ?? null,
      language: item.language ?? null,
    })),
  };
}

/** Longest title and link shown on a line; `--json` has them whole. */
const TITLE_MAX = 160;
const LINK_MAX = 300;

/**
 * Each field on its line, whatever the feed put in it: a link that is no URL is kept as written, line breaks
 * included, and a JSON Feed id may hold any string; a title may run to megabytes.
 */
const shown = (text: string, max: number) => shortenText(oneLine(text), max);

function formatFeed(feed: FeedJson): string {
  const lines = [
    `title: ${feed.title === null ? '(none)' : shown(feed.title, TITLE_MAX)}`,
    `link: ${feed.link === null ? '(none)' : shown(feed.link, LINK_MAX)}`,
    `format: ${feed.format}, ${feed.items.length} item${feed.items.length === 1 ? '' : 's'}${feed.wellFormed ? '' : ', not well-formed'}${feed.language === null ? '' : `, in ${feed.language}`}`,
    ...feed.warnings.map((warning) => `warning: ${oneLine(warning)}`),
    ...(feed.fetched ? fetchedLines(feed.fetched) : []),
    '',
  ];
  for (const item of feed.items) {
    const outlet = item.outlet ? ` (${shown(item.outlet, 100)})` : '';
    lines.push(`${(item.published ?? item.updated ?? 'undated').slice(0, 16).padEnd(16)}  ${item.title === null ? '(untitled)' : shown(item.title, TITLE_MAX)}${outlet}`);
    lines.push(`${''.padEnd(16)}  ${shown(item.link ?? item.id, LINK_MAX)}`);
  }
  return lines.join('\n');
}

/** Whether later checks can be conditional, and when a run would check again, in words. */
function fetchedLines(fetched: FetchedJson): string[] {
  const validators = [fetched.etag !== null ? 'ETag' : null, fetched.lastModified !== null ? 'Last-Modified' : null].filter((name) => name !== null);
  return [
    validators.length > 0
      ? `validators: ${validators.join(' and ')}, so a check of an unchanged feed costs a 304`
      : 'validators: none, so every check downloads the whole feed (a run still tells an unchanged one by its hash)',
    `a run would check it again in ${formatDuration(fetched.nextCheckSeconds)}: ${oneLine(fetched.nextCheckReason)}`,
  ];
}

export function registerFeed(program: Command, state: CliState): void {
  program
    .command('feed')
    .description('parse a feed file or URL and print it as the pipeline normalises it')
    .argument('<file-or-url>')
    .option('--base <url>', 'base URL for relative links in a saved file (default: none)')
    .action(async (typed: string, local: { base?: string }, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      // a `feed:` link copied from a page, as the http(s) address it wraps
      const target = withoutFeedScheme(typed);
      let bytes: Buffer;
      let url: string;
      let headers: Record<string, string> = {};
      let redirected = false;
      let answer: Extract<FetchResult, { status: 'ok' }> | null = null;
      const targetUrl = httpUrlArgument(target, 'the feed');
      if (local.base !== undefined && !(/^https?:\/\//i.test(local.base) && URL.canParse(local.base))) {
        throw new UsageError(`--base must be an absolute http(s) URL, got ${JSON.stringify(urlForDisplay(local.base))}`);
      }
      // ignoring it would let the user believe the links were resolved against it
      if (targetUrl && local.base !== undefined) throw new UsageError('--base is for a saved file; the links of a feed read from a URL resolve against that URL');
      // A saved file needs no fetch settings, but a --pipeline named by the user must still be a valid one.
      const { settings } = targetUrl || options.pipeline !== undefined ? await commandFetchSettings(options) : { settings: null };
      if (targetUrl && settings) {
        // The host of a URL typed by the user is trusted, unlike links found in feeds: it may be private.
        // as a run sends it (a host's trailing dot dropped, escapes normalised), so the check asks what a run would
        const response = await fetchUrl(requestAddress(target), {
          ...commandFetchOptions(settings, targetUrl.href),
          accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, */*;q=0.5',
        });
        if (response.status !== 'ok') {
          writeText(process.stderr, `${fetchFailureText(target, response)}\n`);
          state.exitCode = ExitCode.partial;
          return;
        }
        answer = response;
        bytes = response.body;
        url = response.url;
        headers = response.headers;
        redirected = response.redirects.length > 0;
      } else {
        bytes = await readNamedFile(target).catch((error: unknown) => {
          throw error instanceof NamedFileError ? new UsageError(error.message) : error;
        });
        url = local.base ?? pathToFileURL(path.resolve(target)).href;
      }
      const via = redirected ? ` (redirected to ${urlForDisplay(url)})` : '';
      const shownTarget = `${targetUrl ? urlForDisplay(target) : target}${via}`;
      let feed: ParsedFeed;
      try {
        // links resolve against the address without its login, so none is printed with it
        // a gzip file (sitemap.xml.gz) is decompressed within the pipeline's cap, as a run does
        feed = await parseFeed(bytes, { url: withoutCredentials(url), headers, maxBytes: settings?.maxBytes });
      } catch (error) {
        if (!(error instanceof FeedParseError)) throw error;
        // one line: a reason may quote the document (the sitemaps an index lists)
        writeText(process.stderr, `${shownTarget} is not a readable feed: ${oneLine(error.message)}\n`);
        state.exitCode = ExitCode.partial;
        return;
      }
      const json = feedJson(feed, answer ? fetchedJson(answer, feed, new Date()) : null);
      if (options.json) printJson(json);
      else writeText(process.stdout, `${formatFeed(json)}\n`);
      if (!targetUrl && local.base === undefined && json.items.some((item) => item.link !== null && !/^https?:/i.test(item.link))) {
        writeText(process.stderr, `some links in ${target} are relative: pass --base <the feed's URL> to resolve them as a run would\n`);
      }
      // A feed that was not well-formed and gave nothing is a failure, as in a run; what was read is printed above.
      if (!feed.wellFormed && feed.items.length === 0) {
        writeText(process.stderr, `${shownTarget} is not a readable feed: it is not well-formed XML, and no item could be read from it\n`);
        state.exitCode = ExitCode.partial;
      }
    });
}
