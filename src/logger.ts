import type { Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import { redactPersonalData, redactText } from './redact-personal-data.js';

/** Bolt's Logger shape, so one logger serves Bolt, the Codex client and our own code. */
export type Logger = BoltLogger;
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LoggerOptions {
  level?: LogLevel;
  name?: string;
  /** Where lines go; one JSON object per line. Defaults to stderr so stdout stays for command output. */
  write?: (line: string) => void;
}

/**
 * Structured JSON-lines logger. A trailing plain object argument becomes fields
 * (`log.info('done', { command, durationMs })`); Errors are reduced to name, code and message.
 * Every line is redacted first, at every level: Bolt and WebClient log Slack payloads through us, and
 * those carry profile emails and names (users.info) and tokens (issue 9, 5.6).
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  let level: LogLevel = options.level ?? 'info';
  let name = options.name ?? 'codex-pulse';
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));

  const emit = (at: LogLevel, args: unknown[]): void => {
    if (order[at] < order[level]) return;
    const fields: Record<string, unknown> = {};
    const words: string[] = [];
    for (const arg of args) {
      if (arg instanceof Error) Object.assign(fields, describeError(arg));
      else if (arg !== null && typeof arg === 'object' && !Array.isArray(arg)) Object.assign(fields, arg);
      else words.push(String(arg));
    }
    const safe = redactPersonalData(fields) as Record<string, unknown>;
    const msg = redactText(words.join(' '));
    write(JSON.stringify({ time: new Date().toISOString(), level: at, name, msg, ...safe }));
  };

  return {
    debug: (...args) => emit('debug', args),
    info: (...args) => emit('info', args),
    warn: (...args) => emit('warn', args),
    error: (...args) => emit('error', args),
    setLevel: (next: BoltLogLevel) => {
      level = next as LogLevel;
    },
    getLevel: () => level as BoltLogLevel,
    setName: (next: string) => {
      name = next;
    },
  };
}

function describeError(error: Error): Record<string, unknown> {
  const code = (error as { code?: unknown }).code;
  return { err: error.name, ...(typeof code === 'string' ? { code } : {}), errMsg: error.message };
}
