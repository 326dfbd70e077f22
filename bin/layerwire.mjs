#!/usr/bin/env node
// The layerwire CLI: TypeScript sources run through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../cli/main.ts');
// tfjs greets Node users on stdout; keep stdout for results only.
const log = console.log;
console.log = (...args) => {
  if (typeof args[0] === 'string' && args[0].includes('tfjs-node')) return;
  if (typeof args[0] === 'string' && /^=+$/.test(args[0].trim())) return;
  log(...args);
};
const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
process.exitCode = code;
