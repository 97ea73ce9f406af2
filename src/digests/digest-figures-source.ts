import type { WorkspaceAnalytics } from '../analytics/workspace-analytics.js';
import type { Clock } from '../clock.js';
import { codexErrorCodes, codexOutageCodes, errorCode, isCodexPulseError } from '../errors.js';
import type { DigestFigures } from '../figures/figure-types.js';
import type { Logger } from '../logger.js';
import type { Subscription } from '../store/store-types.js';
import { type DigestTeams, digestFiguresFor } from './digest-figures-for.js';

/** True for an error that says the Codex Analytics API could not give us figures. */
export function isCodexError(error: unknown): boolean {
  return isCodexPulseError(error, ...codexErrorCodes);
}

export interface FiguresSourceDeps {
  analytics: WorkspaceAnalytics;
  clock: Clock;
  logger: Logger;
  topN: number;
  teams?: DigestTeams | undefined;
  /** Pauses before each extra attempt when the API is down; default 30 s then 2 min. */
  retryDelaysMs?: readonly number[];
  signal?: AbortSignal;
}

/** What a subscription's figures depend on: how often, and whose (a team's own digest, or the workspace). */
export type DigestTarget = Pick<Subscription, 'cadence' | 'team'>;

/** Digest figures by due instant and target, for one run. */
export type FiguresSource = (dueAt: Date, target: DigestTarget) => Promise<DigestFigures>;

/**
 * Figures for every subscription due at the same instant come from one promise: one pull per distinct
 * window (the analytics cache shares it across runs too), and when the API is down, one retry sequence
 * for all of them instead of one per subscription. Retries sleep on the injected clock.
 */
export function createFiguresSource(deps: FiguresSourceDeps): FiguresSource {
  const delays = deps.retryDelaysMs ?? [30_000, 120_000];
  const byDueAt = new Map<string, Promise<DigestFigures>>();
  const signal = deps.signal ? { signal: deps.signal } : {};
  const pull = async (dueAt: Date, target: DigestTarget): Promise<DigestFigures> => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await digestFiguresFor(deps.analytics, dueAt, target.cadence, {
          topN: deps.topN,
          teams: deps.teams,
          team: target.team,
          ...signal,
        });
      } catch (error) {
        const delay = delays[attempt];
        // Down for now (after the client's own retries): worth another try later.
        if (!isCodexPulseError(error, ...codexOutageCodes) || delay === undefined) throw error;
        deps.logger.warn('digest figures unavailable; retrying', {
          code: errorCode(error),
          attempt: attempt + 1,
          retryInMs: delay,
        });
        await deps.clock.sleep(delay, deps.signal);
      }
    }
  };
  return (dueAt, target) => {
    // Team ids are Slack or roster ids: no space, so the key cannot collide with another target's.
    const key = `${target.cadence}@${dueAt.getTime()}${target.team === null ? '' : ` ${target.team.id}`}`;
    let figures = byDueAt.get(key);
    if (!figures) {
      figures = pull(dueAt, target);
      // Rejections are handled by every caller; this keeps an unawaited copy from being "unhandled".
      figures.catch(() => undefined);
      byDueAt.set(key, figures);
    }
    return figures;
  };
}
