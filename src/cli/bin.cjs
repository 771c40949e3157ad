#!/usr/bin/env node
// The executable. CommonJS because it must run before libuv's thread pool starts: the pool takes its size from
// UV_THREADPOOL_SIZE once, at its first use, and node loading an ES module already uses it (bin.mjs alone gets 4).
// Name look-ups hold those threads until the resolver gives up, so a few names whose DNS server never answers
// would starve every other feed's look-ups and file work; 64 unless the user chose a size.
'use strict';

if (!process.env.UV_THREADPOOL_SIZE) process.env.UV_THREADPOOL_SIZE = '64';
import('./bin.mjs');
