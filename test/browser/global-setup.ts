import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** One Vite dev server for every browser test: no HMR and no file watching, so nothing reloads a page mid-test. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server: ViteDevServer = await createServer({
    root,
    configFile: `${root}vite.config.ts`,
    logLevel: 'error',
    clearScreen: false,
    server: { port: 5310, strictPort: false, hmr: false, watch: null, open: false },
  });
  await server.listen();
  const baseURL = server.resolvedUrls!.local[0]!;
  // Let Vite pre-bundle the dependencies before the first page asks for them.
  await fetch(baseURL);
  await server.warmupRequest('/src/main.ts');
  project.provide('baseURL', baseURL);
  return async () => {
    await server.close();
  };
}
