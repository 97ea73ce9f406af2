import { createLogger, type Logger, type LogLevel } from '../../src/logger.js';

/** A logger that keeps its lines in memory, for tests that assert what was logged (redacted, as in production). */
export function createMemoryLogger(level: LogLevel = 'debug'): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
  });
  return Object.assign(logger, { lines });
}
