/**
 * How long a person waits for a slash command or mention answer before being told what is wrong
 * (issue 9, 5.4): with the API down or crawling, the retries behind an answer could take minutes while
 * the placeholder said "Working on it…". The deadline aborts the command's signal (commands pass it to
 * analytics, which stops waiting) and the edge answers with answer_deadline. Measured on the injected
 * clock (Clock.until), so tests with a manual clock see it fire when the work has spent that much clock
 * time. Scheduled digests have no deadline: they keep retrying patiently.
 */
import type { Clock } from '../clock.js';
import { CodexPulseError } from '../errors.js';

/** The answer took longer than the deadline; what was still running goes on without the person waiting. */
export class AnswerDeadlineError extends CodexPulseError {
  readonly seconds: number;

  constructor(ms: number) {
    const seconds = Math.round(ms / 100) / 10;
    super('answer_deadline', `no answer within ${seconds} s`);
    this.seconds = seconds;
  }
}

export interface AnswerDeadline {
  /** Aborts (reason: AnswerDeadlineError) when the deadline passes. */
  readonly signal: AbortSignal;
  /** `work`, or an AnswerDeadlineError as soon as the deadline passes (work that ignores the signal runs on). */
  race<T>(work: Promise<T>): Promise<T>;
  /** The answer is in: stop the timer. */
  cancel(): void;
}

/** Starts a deadline `ms` from now on `clock`. */
export function startAnswerDeadline(clock: Clock, ms: number): AnswerDeadline {
  const controller = new AbortController();
  const stop = new AbortController();
  const at = new Date(clock.now().getTime() + ms);
  clock.until(at, stop.signal).then(
    () => controller.abort(new AnswerDeadlineError(ms)),
    () => {}, // cancelled
  );
  const expired = new Promise<never>((_resolve, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  expired.catch(() => {}); // only observed through race()
  return {
    signal: controller.signal,
    race: (work) => {
      work.catch(() => {}); // a late failure after the deadline is not an unhandled rejection
      return Promise.race([work, expired]);
    },
    cancel: () => stop.abort(),
  };
}
