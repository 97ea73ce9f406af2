import type { DigestDeps } from '../../../commands/command-deps.js';
import type { DigestService } from '../../digests/digest-service.js';
import type { Store } from '../../store/store-types.js';

/**
 * Digest deps whose store opens on first use. The playground keeps `npm run demo` starting in about two
 * seconds: the embedded store (a scratch DuckDB file) opens only when someone first manages or
 * runs a digest — and the slash commands and the "run digests" control then share that one store.
 */
export function lazyDigestDeps(open: () => Promise<{ store: Store; service: DigestService }>): DigestDeps {
  const forward = <T extends object>(pick: (runtime: { store: Store; service: DigestService }) => T): T =>
    new Proxy({} as T, {
      get:
        (_target, name) =>
        async (...args: unknown[]) => {
          const target = pick(await open()) as Record<PropertyKey, (...a: unknown[]) => unknown>;
          const method = target[name];
          if (typeof method !== 'function') throw new TypeError(`no method ${String(name)}`);
          return method.apply(target, args);
        },
    });
  return {
    subscriptions: forward((r) => r.store.subscriptions),
    deliveries: forward((r) => r.store.deliveries),
    service: forward((r) => r.service),
  };
}
