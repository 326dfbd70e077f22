import { defineConfig } from 'vite';

/**
 * The editor is served from the repository root: index.html loads src/main.ts,
 * and the gallery reads examples/*.json through import.meta.glob. tfjs's WASM
 * binaries are bundled as assets from node_modules (see src/runtime/tfjs.ts),
 * so nothing is fetched from a CDN.
 */
export default defineConfig({
  server: {
    port: 5173,
    // Tests and tools write generated files (tsconfigs included) under test/; they are not the app's sources.
    watch: { ignored: ['**/test/**', '**/bench/**', '**/cli/**', '**/docs/**', '**/coverage/**', '**/dist/**'] },
  },
  resolve: {
    // elkjs's Node entry probes for worker threads with require.resolve; the bundled build runs in the page.
    alias: [{ find: /^elkjs$/, replacement: 'elkjs/lib/elk.bundled.js' }],
  },
  optimizeDeps: {
    // Pre-bundle everything the editor imports up front, so a first visit never triggers a reload mid-session.
    entries: ['index.html'],
    include: [
      'lit',
      'lit/directives/class-map.js',
      'lit/directives/style-map.js',
      'lit/directives/live.js',
      'lit/directives/unsafe-html.js',
      'rete',
      'rete-area-plugin',
      'rete-connection-plugin',
      'rete-context-menu-plugin',
      'rete-history-plugin',
      'rete-auto-arrange-plugin',
      'rete-minimap-plugin',
      'rete-readonly-plugin',
      '@retejs/lit-plugin',
      'elkjs/lib/elk.bundled.js',
      'highlight.js/lib/core',
      'highlight.js/lib/languages/typescript',
      'zod',
      '@tensorflow/tfjs',
      '@tensorflow/tfjs-backend-wasm',
      // The Train tab's "Your data…" reads CSV files, zips and images (CommonJS papaparse and jpeg-js among them).
      'papaparse',
      'fflate',
      'fast-png',
      'jpeg-js',
    ],
  },
  // The training worker (src/runtime/train-worker.ts) is a module worker that loads MNIST's digits and tfjs's chunks on demand.
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
});
