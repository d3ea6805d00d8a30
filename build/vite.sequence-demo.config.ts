/**
 * The renderer build plus the sequence demo page (renderer/sequence-demo.html), a harness for
 * the sequence screen with generated data and no backend. Written to dist/sequence-demo so it
 * never replaces the app build in dist/renderer that other tests serve.
 *
 *   npx vite build --config build/vite.sequence-demo.config.ts
 */
import { fileURLToPath } from 'node:url';
import { mergeConfig } from 'vite';
import base from './vite.config.js';

const page = (name: string): string => fileURLToPath(new URL(`../renderer/${name}`, import.meta.url));

export default mergeConfig(base, {
  build: {
    outDir: fileURLToPath(new URL('../dist/sequence-demo', import.meta.url)),
    rolldownOptions: {
      input: { main: page('index.html'), 'sequence-demo': page('sequence-demo.html') },
    },
  },
});
