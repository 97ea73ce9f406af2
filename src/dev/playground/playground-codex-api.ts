/**
 * "Stop the Codex API" for the playground (issue 11, Done when: "the API can be stopped and the bot still
 * answers with the data's age"). Stopping the simulator is followed by one real sync, as the schedule in
 * `serve` would run, so the failure shows where an operator looks — the `sync: failed` log line and
 * codex_pulse_sync_runs_total — while questions keep their answers from the warehouse, with its age.
 * Starting it again syncs at once, so the warehouse catches up.
 */
import type { Clock } from '../../clock.js';
import type { Composition } from '../../main/compose.js';
import { describeFreshness } from '../../warehouse/describe-freshness.js';

export interface PlaygroundCodexApiDeps {
  composition: Pick<Composition, 'sync'>;
  clock: Clock;
  /** The simulator's stop and restart (RunningSimulator.setRunning). */
  setRunning: (running: boolean) => Promise<void>;
}

export interface PlaygroundCodexApi {
  /** Stops or starts the API, syncs once, and says what happened and where it shows. */
  set(running: boolean): Promise<{ running: boolean; summary: string }>;
  /** Whether the API runs now: the page's Stop/Start button says so, after a reload too. */
  running(): boolean;
}

export function createPlaygroundCodexApi(deps: PlaygroundCodexApiDeps): PlaygroundCodexApi {
  // The simulator listens from the start.
  let running = true;
  return {
    running: () => running,
    async set(next) {
      await deps.setRunning(next);
      running = next;
      // The failed sync while it was down opened the client's circuit breaker, which would fail every
      // request at once for its cool-down (30 s): we restarted the API ourselves, so we know it is back.
      if (next) deps.composition.sync.resetCodexCircuit();
      const sync = await deps.composition.sync.job.run({ onProgress: () => {} });
      const age = describeFreshness(await deps.composition.sync.warehouse.freshness(), deps.clock.now());
      const outcome = sync.outcome === 'ok' ? 'ok' : (sync.errorCode ?? sync.outcome);
      if (!next) {
        return {
          running: next,
          summary:
            `Codex API stopped. A sync just ran and failed (${outcome}): the operator sees it in the log ('sync: failed') ` +
            `and in codex_pulse_sync_runs_total{outcome="${outcome}"}, people are not told. ` +
            `Answers still come from the warehouse (${age}): try /codex usage last-week.`,
        };
      }
      return {
        running: next,
        summary:
          sync.outcome === 'ok'
            ? `Codex API running again. A sync caught up: ${age}.`
            : `Codex API running again, but the sync did not finish (${outcome}): answers come from the warehouse (${age}).`,
      };
    },
  };
}
