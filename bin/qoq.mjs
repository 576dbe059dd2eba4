#!/usr/bin/env node
// The `qoq` command. Runs the TypeScript sources through tsx, so a checkout works right after `npm ci`
// with no build step; the Electron app bundles the same sources with electron-vite instead.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src-main/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
