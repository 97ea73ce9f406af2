import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';

/**
 * Who holds a delivery claim: host and pid say which replica (for people reading the store), the random
 * part keeps a restarted process that reuses a pid from passing for the one that died.
 */
export function digestWorkerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
