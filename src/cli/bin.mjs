#!/usr/bin/env node
// Runs the TypeScript sources directly (tsx), so pipeline definition files can be TypeScript too.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./index.ts');
process.exitCode = await main(process.argv.slice(2));
