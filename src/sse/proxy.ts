/** Proxy settings as the environment gives them (HTTP_PROXY, HTTPS_PROXY, NO_PROXY); empty or absent means none. */
export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

export type Fetch = typeof globalThis.fetch;

const agents = new Map<string, Promise<Fetch>>();

/**
 * The fetch to use for `url`. Loopback (a local model server, the probe) is
 * always reached directly, whatever the proxy settings say; anything else goes
 * through undici's EnvHttpProxyAgent when a proxy is set, which applies
 * NO_PROXY. Node's built-in fetch has no proxy support (and Node 20 does not
 * expose its dispatcher), so undici itself is loaded then, and only then.
 */
export async function fetchFor(url: string, proxy: ProxySettings | undefined): Promise<Fetch> {
  if (!proxy?.httpProxy && !proxy?.httpsProxy) return globalThis.fetch;
  if (isLoopback(new URL(url).hostname)) return globalThis.fetch;
  const settings = { httpProxy: proxy.httpProxy ?? '', httpsProxy: proxy.httpsProxy ?? '', noProxy: proxy.noProxy ?? '' };
  const key = JSON.stringify(settings);
  let made = agents.get(key);
  if (!made) {
    // Empty strings, not undefined: undefined would make undici read process.env itself.
    made = import('undici').then((module) => {
      // undici is CommonJS: its exports object is the default export, bundled and from source alike
      // (bundled, it is the only one). Its type for that export leaves EnvHttpProxyAgent out.
      const { fetch, EnvHttpProxyAgent } = module.default as unknown as typeof module;
      const dispatcher = new EnvHttpProxyAgent(settings);
      return ((input: string, init?: RequestInit) => fetch(input, { ...(init as object), dispatcher })) as unknown as Fetch;
    });
    agents.set(key, made);
  }
  return made;
}

/** localhost (and *.localhost), 127.0.0.0/8, ::1 and IPv4-mapped loopback: the machine itself. */
export function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return true;
  if (host === '::1') return true;
  // The URL parser writes ::ffff:127.0.0.1 as ::ffff:7f00:1.
  return /^::ffff:(127\.|7f[0-9a-f]{2}:)/.test(host);
}
