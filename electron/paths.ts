/** Where the built parts of PushTrail live, relative to this compiled module (dist/electron/). */
import { fileURLToPath } from 'node:url';

/** The Vite build of the renderer. */
export const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
