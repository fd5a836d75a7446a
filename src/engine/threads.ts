/**
 * CPU threads for generation. llama.cpp's threads spin while they wait for
 * each other, so on a small machine they starve everything else, the shell
 * and Node's own event loop included: on 2 cores one thread gave 2,500-4,000
 * tokens/s on a tiny model where two gave 4-53 (bench/RESULTS.md). Half the
 * cores, at most 8, leaves the terminal responsive; 1 on 2 cores or fewer.
 */
export function pickThreads(cores: number): number {
  return cores <= 2 ? 1 : Math.min(8, Math.floor(cores / 2));
}
