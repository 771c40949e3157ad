// A process of its own that opens the store its argument names as soon as its parent writes a line to its stdin: a
// start signal every process gets at the same moment, later than the seconds loading the modules takes.
import { openStore } from '../../src/store/index.ts';

const target = process.argv[2]!;
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
try {
  const store = await openStore(target);
  await store.close();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 1;
}
process.stdin.destroy();
