declare const __CONCH_VERSION__: string | undefined;

/** Set by the build from package.json; 'dev' when run from source. */
export const VERSION: string = typeof __CONCH_VERSION__ === 'string' ? __CONCH_VERSION__ : 'dev';

/**
 * Where conch comes from, for services that ask an app to name itself
 * (OpenRouter's HTTP-Referer). conch is a local program with no site of its
 * own; OpenRouter tracks a localhost URL together with the title sent beside it.
 */
export const APP_URL = 'http://localhost/conch';
