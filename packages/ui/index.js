import { fileURLToPath } from 'node:url';

/** The folder of the built UI (`index.html` and `assets/`), for a server to serve at `/`. */
export const uiAssetsDir = fileURLToPath(new URL('./dist/app/', import.meta.url));
