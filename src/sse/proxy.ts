/** Proxy settings as the environment gives them (HTTP_PROXY, HTTPS_PROXY, NO_PROXY); empty or absent means none. */
export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

export type Fetch = typeof globalThis.fetch;

const agents = new Map<string, Promise<Fetch>>();

/**
 * The proxy `url` goes through, or undefined to go direct. Loopback (a local
 * model server, the probe) is always reached directly, whatever the settings
 * say. Otherwise HTTPS_PROXY for https (falling back to HTTP_PROXY) and
 * HTTP_PROXY for http, unless NO_PROXY lists the host: the rules of undici's
 * EnvHttpProxyAgent, decided here so that a failure can say whether it was the
 * proxy's.
 */
export function proxyFor(url: string, proxy: ProxySettings | undefined): string | undefined {
  if (!proxy?.httpProxy && !proxy?.httpsProxy) return undefined;
  const target = new URL(url);
  if (isLoopback(target.hostname)) return undefined;
  const chosen = target.protocol === 'https:' ? proxy.httpsProxy || proxy.httpProxy : proxy.httpProxy;
  if (!chosen) return undefined;
  const port = Number(target.port) || (target.protocol === 'https:' ? 443 : 80);
  return inNoProxy(target.hostname.toLowerCase(), port, proxy.noProxy ?? '') ? undefined : chosen;
}

/**
 * NO_PROXY: entries split on commas and spaces; `*` alone means every host;
 * `host`, `.host` and `*.host` match the host and its subdomains; `host:port`
 * only that port.
 */
function inNoProxy(hostname: string, port: number, noProxy: string): boolean {
  if (noProxy.trim() === '*') return true;
  for (const entry of noProxy.split(/[,\s]/)) {
    if (!entry) continue;
    const parsed = /^(.+):(\d+)$/.exec(entry);
    if (parsed && Number(parsed[2]) !== port) continue;
    const host = (parsed ? parsed[1]! : entry).replace(/^\*?\./, '').toLowerCase();
    if (hostname === host || hostname.endsWith(`.${host}`)) return true;
  }
  return false;
}

/**
 * The fetch that sends a request through `proxy` (a URL from proxyFor), or
 * the global one for none. Node's built-in fetch has no proxy support (and
 * Node 20 does not expose its dispatcher), so undici itself is loaded then,
 * and only then.
 */
export async function fetchThrough(proxy: string | undefined): Promise<Fetch> {
  if (!proxy) return globalThis.fetch;
  let made = agents.get(proxy);
  if (!made) {
    made = import('undici').then((module) => {
      // undici is CommonJS: its exports object is the default export, bundled and from source alike
      // (bundled, it is the only one).
      const { fetch, ProxyAgent } = module.default as unknown as typeof module;
      const dispatcher = new ProxyAgent(proxy);
      return ((input: string, init?: RequestInit) => fetch(input, { ...(init as object), dispatcher })) as unknown as Fetch;
    });
    agents.set(proxy, made);
  }
  return made;
}

/** A proxy URL fit to print: its user name and password left out. */
export function redactProxy(proxy: string): string {
  return proxy.replace(/^([a-z][\w+.-]*:\/\/)?[^@/]*@/i, '$1');
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
