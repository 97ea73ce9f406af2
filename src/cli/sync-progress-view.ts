import type { SyncPhase, SyncProgress } from '../sync/run-sync.js';

const phaseLabels: Record<SyncPhase, string> = {
  workspace: 'workspace usage',
  code_reviews: 'code reviews',
  code_review_responses: 'code review responses',
  users: 'per-user usage',
  done: 'done',
};

const BAR_WIDTH = 30;

/**
 * Renders sync progress on stderr: on a terminal one bar redrawn in place, elsewhere (logs, CI) one line
 * per phase so the output stays readable. `finish()` ends the bar's line.
 */
export function createSyncProgressView(write: (text: string) => void, tty: boolean) {
  let lastPhase: SyncPhase | undefined;
  let drawn = false;
  return {
    update(progress: SyncProgress): void {
      const percent = Math.floor(progress.fraction * 100);
      const what = progress.kind === 'backfill' ? 'loading history' : 'syncing recent days';
      if (tty) {
        const filled = Math.round(progress.fraction * BAR_WIDTH);
        const bar = `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
        const days = `${progress.daysDone}/${progress.daysTotal} days`;
        write(
          `\r[${bar}] ${String(percent).padStart(3)}% ${what}: ${phaseLabels[progress.phase]}, ${days}\x1b[K`,
        );
        drawn = true;
        return;
      }
      if (progress.phase === lastPhase) return;
      lastPhase = progress.phase;
      write(`sync: ${what}: ${phaseLabels[progress.phase]} (${percent}%)\n`);
    },
    finish(): void {
      if (drawn) write('\n');
      drawn = false;
    },
  };
}
