/** The folder of the built UI (`index.html` and `assets/`), for a server to serve at `/`. */
export declare const uiAssetsDir: string;
