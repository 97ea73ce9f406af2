import { afterEach, beforeEach } from 'vitest';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import type { WarehouseBackend } from '../warehouse/warehouse-backends.js';

/**
 * Gives each test of the enclosing describe a fresh dir or schema with its warehouse open, handed to
 * `hold`; after the test, the warehouse it holds is closed and the dir or schema removed. A test that
 * checks what outlives a reopen closes its warehouse and takes the next from `reopen` (held from then on).
 * Nothing runs where the backend is unavailable (the tests skip there).
 */
export function warehouseEachTest(
  backend: WarehouseBackend,
  hold: (warehouse: Warehouse) => void,
): { reopen(): Promise<Warehouse> } {
  let held: Warehouse | undefined;
  const open = async () => {
    const warehouse = await backend.open();
    held = warehouse;
    hold(warehouse);
    return warehouse;
  };
  beforeEach(async () => {
    if (!backend.available) return;
    await backend.setUp();
    await open();
  });
  afterEach(async () => {
    if (!backend.available) return;
    await held?.close();
    held = undefined;
    await backend.tearDown();
  });
  return { reopen: open };
}
