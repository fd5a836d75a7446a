declare const __CONCH_VERSION__: string | undefined;

/** Set by the build from package.json; 'dev' when run from source. */
export const VERSION: string = typeof __CONCH_VERSION__ === 'string' ? __CONCH_VERSION__ : 'dev';
