import type { DigestDeps } from '../../../commands/command-deps.js';
import type { DigestService } from '../../digests/digest-service.js';
import type { AlertStore, BudgetStore } from '../../store/alert-store-types.js';
import type { Store } from '../../store/store-types.js';

/**
 * Digest deps whose store opens on first use. The playground keeps `npm run demo` starting in about two
 * seconds: the embedded store (a scratch DuckDB file) opens only when someone first manages or
 * runs a digest — and the slash commands and the "run digests" control then share that one store.
 */
type Runtime = { store: Store; service: DigestService };

/** A proxy whose methods open the runtime on first call, then call `pick(runtime)`'s method. */
function forwardTo<T extends object>(open: () => Promise<Runtime>, pick: (runtime: Runtime) => T): T {
  return new Proxy({} as T, {
    get:
      (_target, name) =>
      async (...args: unknown[]) => {
        const target = pick(await open()) as Record<PropertyKey, (...a: unknown[]) => unknown>;
        const method = target[name];
        if (typeof method !== 'function') throw new TypeError(`no method ${String(name)}`);
        return method.apply(target, args);
      },
  });
}

/** The store's alert rules and budgets, opened on first use like the digest deps (the same one store). */
export function lazyAlertStores(open: () => Promise<Runtime>): { alerts: AlertStore; budgets: BudgetStore } {
  return { alerts: forwardTo(open, (r) => r.store.alerts), budgets: forwardTo(open, (r) => r.store.budgets) };
}

export function lazyDigestDeps(open: () => Promise<Runtime>): DigestDeps {
  return {
    subscriptions: forwardTo(open, (r) => r.store.subscriptions),
    deliveries: forwardTo(open, (r) => r.store.deliveries),
    service: forwardTo(open, (r) => r.service),
  };
}
