/**
 * The uploaded roster (issue 12 §1b) on both engines: stored whole with its lines in file order, replaced
 * whole, removed, and kept across a reopen; a replace that fails half-way leaves the previous roster.
 */
import { describe, expect, it } from 'vitest';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import type { UploadedRoster } from '../../src/warehouse/warehouse-roster.js';
import { warehouseEachTest } from '../helpers/warehouse-each-test.js';
import { backends } from './warehouse-backends.js';

const first: UploadedRoster = {
  uploadedAt: new Date('2026-11-24T10:00:00Z'),
  uploadedBy: 'U0ADMIN001',
  fileName: 'roster.csv',
  entries: [
    { email: 'zoe@example.com', team: 'Payments', manager: 'ana@example.com', costCentre: 'CC-1' },
    { email: 'ana@example.com', team: 'Payments', manager: null, costCentre: null },
    { email: 'ana@example.com', team: 'Platform', manager: null, costCentre: 'CC-2' },
  ],
};
const second: UploadedRoster = {
  uploadedAt: new Date('2026-11-25T09:00:00Z'),
  uploadedBy: 'U0ADMIN002',
  fileName: 'people.json',
  entries: [{ email: 'ben@example.com', team: 'Design', manager: null, costCentre: null }],
};

describe.each(backends())('warehouse roster on $kind', (backend) => {
  let warehouse: Warehouse;
  const { reopen } = warehouseEachTest(backend, (opened) => {
    warehouse = opened;
  });

  it.skipIf(!backend.available)(
    'stores a roster in file order, replaces it whole, keeps it across a reopen',
    async () => {
      expect(await warehouse.roster.current()).toBeNull();
      await warehouse.roster.replace(first);
      expect(await warehouse.roster.current()).toEqual(first);
      await warehouse.roster.replace(second);
      expect(await warehouse.roster.current()).toEqual(second);
      await warehouse.close();
      warehouse = await reopen();
      expect(await warehouse.roster.current()).toEqual(second);
    },
  );

  it.skipIf(!backend.available)('removes the roster, and says whether there was one', async () => {
    await warehouse.roster.replace(first);
    expect(await warehouse.roster.remove()).toBe(true);
    expect(await warehouse.roster.current()).toBeNull();
    expect(await warehouse.roster.remove()).toBe(false);
  });

  it.skipIf(!backend.available)('leaves the previous roster when a replace fails half-way', async () => {
    await warehouse.roster.replace(first);
    // A null email violates NOT NULL after the upload row is written: the transaction rolls back whole.
    const broken = {
      ...second,
      entries: [{ email: null as unknown as string, team: 'Design', manager: null, costCentre: null }],
    };
    await expect(warehouse.roster.replace(broken)).rejects.toThrow();
    expect(await warehouse.roster.current()).toEqual(first);
  });
});
