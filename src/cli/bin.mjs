// The executable's ES half (bin.cjs sizes the thread pool first): runs the TypeScript sources directly (tsx), so
// pipeline definition files can be TypeScript too.
import { register } from 'tsx/esm/api';

register();
// A reader that stops reading (`pausewatch articles --json | head -1`) closes the pipe: the rest of the output is not
// wanted, which is no error of ours. Writes still waiting end the command (see main); other stdout errors stay errors.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});
const { main } = await import('./index.ts');
process.exitCode = await main(process.argv.slice(2));
