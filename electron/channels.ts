/** The only IPC channels between the renderer and main. */

/** Renderer → main → core: one API call (`invoke(method, input)`). */
export const INVOKE_CHANNEL = 'inson:invoke';

/** Main → renderer: a shell event (`lock`, `quickHide`). */
export const EVENT_CHANNEL = 'inson:event';

/** Renderer → main: the updater's messages (unsaved forms, "install and restart"); src/host/update. */
export const UPDATE_CHANNEL = 'inson:update';
