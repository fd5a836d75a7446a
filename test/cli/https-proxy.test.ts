import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunk, sse, startFakeModelServer, type FakeModelServer } from '../fixtures/fake-model-server.ts';
import { startLoopbackProxy, type LoopbackProxy } from '../fixtures/loopback-proxy.ts';
import { makeTestCertificates, type TestCertificates } from '../fixtures/test-certificates.ts';
import { runConch } from '../helpers/run-conch.ts';

// A name only the proxy resolves (it tunnels every CONNECT to the fake server), and which the certificate names:
// conch sees a remote https host, as it would see openrouter.ai, and no DNS is involved.
const HOST = 'api.conch-test.invalid';
const BASE_URL = `https://${HOST}/v1`;

let certificates: TestCertificates;
let server: FakeModelServer;
let proxy: LoopbackProxy;
let refusing: LoopbackProxy;
let home: string;
beforeAll(async () => {
  certificates = await makeTestCertificates(HOST);
  server = await startFakeModelServer({ tls: { cert: certificates.cert, key: certificates.key } });
  const target = { host: '127.0.0.1', port: Number(new URL(server.baseUrl).port) };
  proxy = await startLoopbackProxy(target);
  refusing = await startLoopbackProxy(target, { refuseWith: 403 });
  home = mkdtempSync(join(tmpdir(), 'conch-https-proxy-'));
});
afterAll(async () => {
  await refusing.close();
  await proxy.close();
  await server.close();
});

/** `conch ask` with the cloud preset (OpenRouter's, its base URL pointed at HOST), in a child process. */
function ask(env: Record<string, string>) {
  server.script({ chunks: [sse(chunk({ content: 'through' }), chunk({ content: ' tls' }, { finish_reason: 'stop' }), '[DONE]')] });
  return conch(['ask', 'hi'], env);
}

function conch(args: string[], env: Record<string, string>) {
  return runConch(args, {
    PATH: process.env.PATH,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    CONCH_PRESET: 'cloud',
    CONCH_BASE_URL: BASE_URL,
    OPENROUTER_API_KEY: 'sk-or-test',
    ...env,
  });
}

async function deadPort(): Promise<number> {
  const dead = createServer();
  await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
  const { port } = dead.address() as AddressInfo;
  await new Promise((r) => dead.close(r));
  return port;
}

/** One line on stderr, no stack trace. */
function oneLine(stderr: string): string {
  expect(stderr.endsWith('\n')).toBe(true);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
  return stderr.trimEnd();
}

describe('conch ask to an https server behind a proxy', () => {
  it('streams the answer through the HTTPS_PROXY (lower-case too) by a CONNECT tunnel, trusting NODE_EXTRA_CA_CERTS', async () => {
    for (const variable of ['HTTPS_PROXY', 'https_proxy']) {
      const tunnels = proxy.tunnels.length;
      const requests = server.requests.length;
      expect(await ask({ [variable]: proxy.url, NODE_EXTRA_CA_CERTS: certificates.caFile })).toEqual({ status: 0, stdout: 'through tls\n', stderr: '' });
      expect(proxy.tunnels.slice(tunnels), variable).toEqual([`${HOST}:443`]);
      const seen = server.requests.slice(requests);
      expect(seen.map((r) => [r.method, r.url, r.headers.host])).toEqual([['POST', '/v1/chat/completions', HOST]]);
      expect(seen[0]!.headers.authorization).toBe('Bearer sk-or-test');
    }
  });

  it('bypasses the proxy for a host NO_PROXY lists (and then cannot resolve it: the name exists only behind the proxy)', async () => {
    const tunnels = proxy.tunnels.length;
    const requests = server.requests.length;
    const result = await ask({ HTTPS_PROXY: proxy.url, NO_PROXY: `example.org,.conch-test.invalid`, NODE_EXTRA_CA_CERTS: certificates.caFile });
    expect(proxy.tunnels.length).toBe(tunnels);
    expect(server.requests.length).toBe(requests);
    expect(result.status).toBe(1);
    expect(oneLine(result.stderr)).toMatch(new RegExp(`^conch: cannot reach cloud \\(${BASE_URL.replace(/[./]/g, '\\$&')}\\): ENOTFOUND`));
  });

  it('says the proxy refused the tunnel when it answers CONNECT with 403, not that the server is down', async () => {
    const tunnels = refusing.tunnels.length;
    const result = await ask({ HTTPS_PROXY: refusing.url, NODE_EXTRA_CA_CERTS: certificates.caFile });
    expect(refusing.tunnels.slice(tunnels)).toEqual([`${HOST}:443`]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const line = oneLine(result.stderr);
    expect(line).toContain(`the proxy ${refusing.url}`);
    expect(line).toContain('403');
    expect(line).not.toContain('is the server running');
  });

  it('names the proxy when nothing answers at its address', async () => {
    const dead = `http://127.0.0.1:${await deadPort()}`;
    const result = await ask({ HTTPS_PROXY: dead, NODE_EXTRA_CA_CERTS: certificates.caFile });
    expect(result.status).toBe(1);
    const line = oneLine(result.stderr);
    expect(line).toContain(`the proxy ${dead}`);
    expect(line).toContain('ECONNREFUSED');
    expect(line).not.toContain('is the server running');
  });

  it('never shows the credentials in a proxy URL', async () => {
    const port = await deadPort();
    const result = await ask({ HTTPS_PROXY: `http://alice:s3cret@127.0.0.1:${port}`, NODE_EXTRA_CA_CERTS: certificates.caFile });
    expect(result.status).toBe(1);
    const line = oneLine(result.stderr);
    expect(line).toContain(`the proxy http://127.0.0.1:${port}`);
    expect(line).not.toMatch(/alice|s3cret/);
  });

  it('says the certificate is not trusted when the CA is unknown, in one line', async () => {
    const requests = server.requests.length;
    const result = await ask({ HTTPS_PROXY: proxy.url });
    expect(server.requests.length).toBe(requests);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    const line = oneLine(result.stderr);
    expect(line).toMatch(/certificate/i);
    expect(line).toContain('NODE_EXTRA_CA_CERTS');
    expect(line).not.toContain('is the server running');
  });

  it('conch models says why the cloud preset is unreachable: the proxy, or the certificate', async () => {
    const cloudLine = (stdout: string) => {
      const lines = stdout.split('\n');
      return lines[lines.findIndex((line) => line.includes(BASE_URL) && line.includes('cloud')) + 1]!.trim();
    };
    const refused = await conch(['models'], { HTTPS_PROXY: refusing.url, NODE_EXTRA_CA_CERTS: certificates.caFile });
    expect(cloudLine(refused.stdout)).toBe(`unreachable: the proxy ${refusing.url} refused the tunnel (403)`);
    const untrusted = await conch(['models'], { HTTPS_PROXY: proxy.url });
    expect(cloudLine(untrusted.stdout)).toMatch(/^unreachable: certificate not trusted \(\w+; see NODE_EXTRA_CA_CERTS\)$/);
    const listed = await conch(['models'], { HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: certificates.caFile });
    expect(cloudLine(listed.stdout)).toBe('offers: fake-model, other-model');
  });
});
