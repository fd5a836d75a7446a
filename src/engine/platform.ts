/** The node-llama-cpp release conch pins (engine/package.json and its lock say the same; a test checks). */
export const NODE_LLAMA_CPP_VERSION = '3.21.1';

/** Roughly what the engine adds on disk: node-llama-cpp, its CPU binaries and dependencies. */
export const ENGINE_APPROX_BYTES = 88_000_000;

/**
 * node-llama-cpp's prebuilt CPU package for this platform (on Apple Silicon the
 * Metal one, which runs on the CPU too), or undefined where none is published.
 */
export function cpuPackage(platform: string = process.platform, arch: string = process.arch): string | undefined {
  const name = CPU_PACKAGES[`${platform}-${arch}`];
  return name ? `@node-llama-cpp/${name}` : undefined;
}

const CPU_PACKAGES: Record<string, string> = {
  'linux-x64': 'linux-x64',
  'linux-arm64': 'linux-arm64',
  'linux-arm': 'linux-armv7l',
  'darwin-arm64': 'mac-arm64-metal',
  'darwin-x64': 'mac-x64',
  'win32-x64': 'win-x64',
  'win32-arm64': 'win-arm64',
};
