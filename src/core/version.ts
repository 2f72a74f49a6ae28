import packageJson from '../../package.json';

/** The application version, from package.json, shown on the first screen and sent in batches. */
export const APP_VERSION: string = packageJson.version;
