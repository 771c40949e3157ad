import type { Command } from 'commander';
import { articleTextProblem, captureTextError, extractArticle, extractFetchedPage, MIN_ARTICLE_WORDS, pageWall } from '../../extract/index.ts';
import type { ExtractedArticle } from '../../model/index.ts';
import { fetchUrl } from '../../ingest/fetch.ts';
import { urlForDisplay, withoutCredentials } from '../../ingest/url-display.ts';
import { readPageBody } from '../../ingest/decode-page.ts';
import { getHeader } from '../../ingest/feed/decode.ts';
import { decodeCapture } from '../../ingest/files.ts';
import { commandFetchOptions, commandFetchSettings, fetchFailureText, httpUrlArgument, printJson, type GlobalOptions } from '../context.ts';
import { UsageError, ExitCode, NamedFileError, readNamedFile, type CliState } from '../errors.ts';
import { writeText } from '../views.ts';

export function registerExtract(program: Command, state: CliState): void {
  program
    .command('extract')
    .description('extract the article from a saved page, a text capture or a URL, as the pipeline would')
    .argument('<file-or-url>')
    .action(async (target: string, _local, command: Command) => {
      const options = command.optsWithGlobals<GlobalOptions>();
      let article: ExtractedArticle;
      let url: string | null = null;
      /** What answered in place of the article, when a fetched page is a bot challenge or block page (see pageWall). */
      let wall: string | null = null;
      let warnings: string[];
      const targetUrl = httpUrlArgument(target, 'the page');
      // A saved file needs no fetch settings, but a --pipeline named by the user must still be a valid one.
      const { settings } = targetUrl || options.pipeline !== undefined ? await commandFetchSettings(options) : { settings: null };
      if (targetUrl && settings) {
        // The pipeline's fetch settings, as a run would fetch the page; the host of a URL typed by the user is
        // trusted, unlike links found in feeds: it may be private.
        const response = await fetchUrl(target, commandFetchOptions(settings, targetUrl.href));
        if (response.status !== 'ok') {
          writeText(process.stderr, `${fetchFailureText(target, response)}\n`);
          state.exitCode = ExitCode.partial;
          return;
        }
        // A PDF or an image read as HTML would print garbage as the article, with exit 0.
        const { page, problem } = readPageBody(response.body, response.headers);
        if (problem) {
          writeText(process.stderr, `${problem.code}: cannot extract ${urlForDisplay(target)}: ${problem.message}\n`);
          state.exitCode = ExitCode.partial;
          return;
        }
        warnings = page.warnings;
        // shown in the JSON and the base of the page's links: without the login the URL may have been given with
        url = withoutCredentials(response.url);
        // read as a run reads the page: a text/plain page as text
        article = extractFetchedPage(page.text, getHeader(response.headers, 'content-type'), url, page.encoding);
        // by its vendor's marks only: a title or a sentence like a wall's is one only beside a headline it says nothing of
        const found = pageWall({ html: page.text, text: article.text, title: article.title });
        wall = found && !found.weak ? found.what : null;
      } else {
        const bytes = await readNamedFile(target).catch((error: unknown) => {
          throw error instanceof NamedFileError ? new UsageError(error.message) : error;
        });
        // A file that is there but holds no article failed as an item would in a run: exit 1, not a usage error.
        const decoded = decodeCapture(target, bytes);
        if ('error' in decoded) {
          writeText(process.stderr, `${decoded.error.code}: ${decoded.error.message}\n`);
          state.exitCode = ExitCode.partial;
          return;
        }
        warnings = decoded.warnings;
        article = extractArticle(decoded.text, decoded.format, null, decoded.encoding);
      }
      // on stderr, so stdout stays the article (or its JSON): a wrong charset label is worth knowing about a source
      for (const warning of warnings) writeText(process.stderr, `note: ${warning}\n`);
      if (options.json) printJson(article);
      else {
        const meta = [
          ['title', article.title], ['byline', article.byline], ['published', article.publishedAt ?? 'unknown'],
          ['modified', article.modifiedAt], ['site', article.siteName], ['lang', article.lang], ['canonical', article.canonicalUrl],
          ['partial', article.partial ? 'yes' : null],
        ].filter(([, v]) => v);
        writeText(process.stdout, `${meta.map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${article.text}\n`);
      }
      // What was found is printed all the same; but a page a run would not take as the article fails, as in the run:
      // a fetched page needs as many words as a run asks of an article page, a file (as a run's files source reads
      // it) any text at all.
      let failure: string | null = null;
      if (wall !== null) {
        failure = `blocked: ${urlForDisplay(target)}: ${wall} answered, not the article; a run would keep the feed's text for the item instead of this page`;
      } else if (url !== null) {
        const problem = articleTextProblem(article.text, MIN_ARTICLE_WORDS);
        if (problem) failure = `extract_empty: ${urlForDisplay(target)}: ${problem}; a run would keep the feed's text for the item instead of this page`;
      } else {
        const noText = captureTextError(target, article.text);
        if (noText) failure = `${noText.code}: ${noText.message}`;
      }
      if (failure) {
        writeText(process.stderr, `${failure}\n`);
        state.exitCode = ExitCode.partial;
      }
    });
}
