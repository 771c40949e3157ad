// A process of its own that writes one day's digest again and again, as a cron `run` and a user's `digest` write the
// same day: it loads the pipeline and opens the store its arguments name, says it is ready, and starts writing once
// its parent writes a line to its stdin (a start signal every process gets at the same moment, later than the
// seconds loading the modules takes). Each write is stamped with a time of this process's own, so every rendering is
// different; it prints each one it wrote, whole, as a line of JSON.
import { loadPipeline } from '../../src/config/index.ts';
import { renderMarkdown } from '../../src/digest/index.ts';
import { writeDigest } from '../../src/run/write-digest.ts';
import { openStore } from '../../src/store/index.ts';

const [pipelineFile, target, date, writer, times] = process.argv.slice(2) as [string, string, string, string, string];
const loaded = await loadPipeline(pipelineFile);
const store = await openStore(target);
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
try {
  for (let i = 0; i < Number(times); i++) {
    // writer w's i-th write: a time no other write has
    const at = new Date(Date.UTC(2026, 5, 10, 18, Number(writer), i));
    const { data } = await writeDigest({ loaded, store, date, now: () => at });
    process.stdout.write(`${JSON.stringify({ markdown: renderMarkdown(data), json: `${JSON.stringify(data, null, 2)}\n` })}\n`);
  }
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await store.close();
  process.stdin.destroy();
}
