/**
 * A real undici Agent (the Codex client's `dispatcher` seam) that counts the requests sent through it and
 * how each ended — answered, aborted by its signal, or failed — with events to wait on instead of
 * sleeping: `started(n)` once n requests went out, `idle()` once none is in flight.
 */
import { Agent, type Dispatcher } from 'undici';

export interface RequestCounts {
  started: number;
  answered: number;
  aborted: number;
  failed: number;
}

export function trackedAgent() {
  const agent = new Agent();
  const counts: RequestCounts = { started: 0, answered: 0, aborted: 0, failed: 0 };
  let inFlight = 0;
  const waiters = new Set<{ ready: () => boolean; resolve: () => void }>();
  const notify = () => {
    for (const waiter of [...waiters]) {
      if (!waiter.ready()) continue;
      waiters.delete(waiter);
      waiter.resolve();
    }
  };
  const until = (ready: () => boolean) =>
    new Promise<void>((resolve) => {
      const waiter = { ready, resolve };
      waiters.add(waiter);
      notify();
    });

  const dispatcher = agent.compose(
    (dispatch) => (options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler) => {
      // undici's request() passes its signal on in the options (absent from DispatchOptions' type).
      const signal = (options as { signal?: { aborted?: boolean } }).signal;
      counts.started += 1;
      inFlight += 1;
      let ended = false;
      const end = (how: 'answered' | 'aborted' | 'failed') => {
        if (ended) return;
        ended = true;
        inFlight -= 1;
        counts[how] += 1;
        notify();
      };
      notify();
      return dispatch(options, {
        onRequestStart: (controller, context) => handler.onRequestStart?.(controller, context),
        onRequestUpgrade: (controller, status, headers, socket) =>
          handler.onRequestUpgrade?.(controller, status, headers, socket),
        onResponseStart: (controller, status, headers, message) =>
          handler.onResponseStart?.(controller, status, headers, message),
        onResponseData: (controller, chunk) => handler.onResponseData?.(controller, chunk),
        onResponseEnd: (controller, trailers) => {
          end('answered');
          handler.onResponseEnd?.(controller, trailers);
        },
        onResponseError: (controller, error) => {
          end(signal?.aborted ? 'aborted' : 'failed');
          handler.onResponseError?.(controller, error);
        },
      });
    },
  );

  return {
    dispatcher,
    counts,
    /** Resolves once `n` requests have been sent. */
    started: (n: number) => until(() => counts.started >= n),
    /** Resolves once every request sent so far has ended. */
    idle: () => until(() => inFlight === 0),
    close: () => agent.close(),
  };
}
