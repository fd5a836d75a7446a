/** Where input comes from: the real terminal, in raw mode. */
export interface InputSource {
  onInput(listener: (data: Buffer) => void): () => void;
}

/**
 * Listens for keys typed from now on, for a question that must not be answered
 * by keys typed before it appeared (a proposed command, a yes/no). Input typed
 * earlier is dropped: what the terminal queued for the next listener (it
 * arrives while subscribing) and what is still unread in the kernel's buffer
 * (Node has no tcflush: that arrives in the next poll phase, which has passed
 * by the second setImmediate). Then `ready` runs: show the question there.
 */
export function onFreshInput(source: InputSource, listener: (data: Buffer) => void, ready: () => void): () => void {
  let fresh = false;
  let stopped = false;
  const unsubscribe = source.onInput((data) => {
    if (fresh) listener(data);
  });
  setImmediate(() =>
    setImmediate(() => {
      if (stopped) return;
      fresh = true;
      ready();
    }),
  );
  return () => {
    stopped = true;
    unsubscribe();
  };
}
