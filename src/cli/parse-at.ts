import { UsageError } from '../errors.js';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * An `--at`/`--now` flag: an ISO instant with an explicit zone (a bare local time would mean whatever TZ
 * the host has); `now` when the flag is absent.
 */
export function parseAt(raw: string | boolean | undefined, now: Date, flag = '--at'): Date {
  if (raw === undefined) return now;
  const text = typeof raw === 'string' ? raw.trim() : '';
  const at = new Date(text);
  if (!ISO_INSTANT.test(text) || Number.isNaN(at.getTime()))
    throw new UsageError(`${flag} expects an ISO time with a zone, e.g. 2026-11-23T09:00:00Z; got '${text}'`);
  return at;
}
