/** Polls a condition until it holds, for at most `timeoutMs`; never a fixed sleep. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  // Built before waiting so a failure points at the caller.
  const failure = new Error('condition never became true');
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw failure;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
