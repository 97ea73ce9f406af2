/**
 * Promise.all with cancellation: the tasks share one signal (linked to the caller's), and the first
 * failure aborts the others instead of leaving them running unobserved. It is rethrown only after the
 * others settle, so no request outlives the call.
 */

/** Starts the tasks with a shared signal; resolves with all results or rejects with the first failure. */
export async function allOrAbort<T extends readonly unknown[]>(
  signal: AbortSignal | undefined,
  start: (signal: AbortSignal) => { readonly [K in keyof T]: Promise<T[K]> },
): Promise<T> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  const tasks: Promise<unknown>[] = start(controller.signal).map((task: Promise<unknown>) =>
    task.catch((error: unknown) => {
      controller.abort(error);
      throw error;
    }),
  );
  try {
    // Promise.all rejects with the first failure in time — the cause, not the aborts it triggered.
    return (await Promise.all(tasks)) as unknown as T;
  } catch (error) {
    await Promise.allSettled(tasks);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
