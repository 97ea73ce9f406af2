/**
 * The daily identity refresh inside `serve` (issue 12) with a manual clock, over the fake Slack and a
 * real embedded warehouse: a refresh at the first look, the next only a day later; a failure or a
 * refresh that found no Codex users yet retried after an hour; stop() ends the schedule.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import {
  createDirectoryClient,
  createIdentityRefreshJob,
} from '../../src/teams/create-identity-refresh-job.js';
import {
  type IdentityRefreshScheduler,
  startIdentityRefreshScheduler,
} from '../../src/teams/identity-refresh-scheduler.js';
import type { Warehouse } from '../../src/warehouse/warehouse.js';
import { sec, usageRow } from '../figures/fixture-rows.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { testClock } from '../helpers/test-clock.js';
import { duckdbBackend } from '../warehouse/warehouse-backends.js';

const HOUR = 3_600_000;
const backend = duckdbBackend();

describe('identity refresh scheduler', () => {
  let warehouse: Warehouse;
  let fake: FakeSlack;
  let clock: ReturnType<typeof testClock>;
  let scheduler: IdentityRefreshScheduler;

  beforeEach(async () => {
    clock = testClock();
    await backend.setUp();
    warehouse = await backend.open({ clock });
    fake = await startFakeSlack({ now: clock.now });
    fake.users.set('U1', { id: 'U1', name: 'ana', email: 'ana@example.com' });
    fake.usergroups.set('S1', { id: 'S1', handle: 'platform', name: 'Platform' });
    fake.usergroupMembers.set('S1', ['U1']);
    const logger = createMemoryLogger();
    let ids = 0;
    const job = createIdentityRefreshJob({
      config: loadConfig({}).teams,
      api: createDirectoryClient({ token: 'xoxb-test', apiUrl: fake.url, logger }),
      warehouse: warehouse.teams,
      clock,
      logger,
      readText: async () => '',
      uploadedRoster: warehouse.roster,
      newId: () => `refresh-${++ids}`,
    });
    scheduler = startIdentityRefreshScheduler({
      job,
      history: warehouse.teams,
      clock,
      logger,
      manual: true,
    });
  });
  afterEach(async () => {
    await scheduler.stop();
    await warehouse.close();
    await fake.close();
    await backend.tearDown();
  });

  const usersListCalls = () => fake.calls.filter((c) => c.method === 'users.list').length;
  const withActor = () =>
    warehouse.replaceUserUsage({ start: sec('2026-11-01'), end: sec('2026-11-25') }, [
      usageRow({
        user: 'u1',
        day: '2026-11-20',
        email: 'ana@example.com',
        clients: [{ client: 'CODEX_CLI', threads: 1 }],
      }),
    ]);

  it('refreshes at the first look, then once a day', async () => {
    await withActor();
    expect(await scheduler.tick()).toMatchObject({ status: 'ran', refresh: { status: 'ok', matched: 1 } });
    clock.advance(23 * HOUR);
    expect(await scheduler.tick()).toEqual({ status: 'not_due' });
    expect(usersListCalls()).toBe(1);
    clock.advance(HOUR);
    expect(await scheduler.tick()).toMatchObject({ status: 'ran' });
    expect(usersListCalls()).toBe(2);
    expect(await warehouse.teams.teams()).toEqual([
      { id: 'S1', name: '@platform', origin: 'usergroup', seats: false },
    ]);
  });

  it('tries again after an hour when the warehouse had no Codex users yet (first sync still loading)', async () => {
    expect(await scheduler.tick()).toMatchObject({ status: 'ran', refresh: { codexUsers: 0 } });
    clock.advance(HOUR - 1);
    expect(await scheduler.tick()).toEqual({ status: 'not_due' });
    await withActor();
    clock.advance(1);
    expect(await scheduler.tick()).toMatchObject({ status: 'ran', refresh: { codexUsers: 1, matched: 1 } });
  });

  it('retries a failed refresh after an hour, not before', async () => {
    await withActor();
    fake.failNext('users.list', { error: 'invalid_auth' });
    expect(await scheduler.tick()).toEqual({ status: 'failed' });
    expect((await warehouse.teams.lastRefresh())?.status).toBe('failed');
    clock.advance(30 * 60_000);
    expect(await scheduler.tick()).toEqual({ status: 'not_due' });
    clock.advance(30 * 60_000);
    expect(await scheduler.tick()).toMatchObject({ status: 'ran', refresh: { status: 'ok' } });
  });

  it('does nothing once stopped', async () => {
    await scheduler.stop();
    expect(await scheduler.tick()).toEqual({ status: 'stopped' });
    expect(usersListCalls()).toBe(0);
  });
});
