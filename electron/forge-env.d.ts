/**
 * Constants Forge's Vite plugin defines in the main-process bundle (see
 * @electron-forge/plugin-vite's forge-vite-env.d.ts): the renderer's dev server URL under
 * `electron-forge start` (undefined in a packaged build) and the renderer's name.
 */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
declare const MAIN_WINDOW_VITE_NAME: string;
