import { createManualClock } from '../../src/clock.js';

/**
 * The instant tests run "at" when they do not care which day it is. Every factory takes its clock from
 * the caller (issue #9), so tests pass this one and never meet the real date — `.ci/run` proves it by
 * running the suite again with the system clock moved 40 days ahead.
 */
export const TEST_NOW = new Date('2026-11-24T10:00:00Z');

/** A manual clock at `at` (default TEST_NOW); its sleep advances it instantly. */
export function testClock(at: Date = TEST_NOW): ReturnType<typeof createManualClock> {
  return createManualClock(at);
}
