#!/usr/bin/env node
// The executable. CommonJS because it must run before libuv's thread pool starts: the pool takes its size from
// UV_THREADPOOL_SIZE once, at its first use, and node loading an ES module already uses it (bin.mjs alone gets 4).
// Name look-ups hold those threads until the resolver gives up, so a few names whose DNS server never answers
// would starve every other feed's look-ups and file work; 64 unless the user chose a size.
'use strict';

if (!process.env.UV_THREADPOOL_SIZE) process.env.UV_THREADPOOL_SIZE = '64';

// Node ends a process whose top-level await never settles (a pipeline file's) with 13, but only when the await is its
// entry module's: from here the process would end with 0, which cron and scripts take for success. (An exit code set
// here in advance would be Commander's for `help`, which exits with process.exitCode.)
let settled = false;
process.on('exit', (code) => {
  if (settled || code !== 0) return;
  process.exitCode = 13;
  process.stderr.write('pausewatch: ended before its command finished: an await that never settled (in the pipeline file?)\n');
});
import('./bin.mjs').then(
  () => (settled = true),
  (error) => {
    // the program itself failed to load (a broken install, a syntax error): an internal error, as the contract says
    settled = true;
    process.stderr.write(`pausewatch: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 3;
  },
);
