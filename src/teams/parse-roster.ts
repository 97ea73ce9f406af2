/**
 * The roster file (issue 12): CSV or JSON, one entry per person and team — email, team, optional
 * manager and cost centre. Every problem is reported with its line number, all at once, and nothing is
 * imported unless the whole file is valid.
 */
import { z } from 'zod';
import { CodexPulseError } from '../errors.js';

export interface RosterEntry {
  /** Lower-cased: the identity join folds case. */
  email: string;
  team: string;
  manager: string | null;
  costCentre: string | null;
}

export interface RosterProblem {
  /** 1-based line of the file where the entry starts. */
  line: number;
  message: string;
}

/** A roster that cannot be imported; `problems` lists every one, in line order. */
export class RosterError extends CodexPulseError {
  constructor(readonly problems: readonly RosterProblem[]) {
    super(
      'config_invalid',
      `The roster has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems
        .map((p) => `line ${p.line}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'RosterError';
  }
}

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : null));
const entrySchema = z.object({
  email: z
    .string({ error: 'an email address' })
    .trim()
    .pipe(z.email({ error: 'an email address' })),
  team: z.string({ error: 'a team name' }).trim().min(1, { error: 'a team name' }),
  manager: optionalText,
  costCentre: optionalText,
});

/** Parses `text` as CSV or JSON (by `format`, usually the file's extension). Throws RosterError. */
export function parseRoster(text: string, format: 'csv' | 'json'): RosterEntry[] {
  const records = format === 'csv' ? csvRecords(text) : jsonRecords(text);
  const problems: RosterProblem[] = [];
  const entries: RosterEntry[] = [];
  const seen = new Map<string, number>();
  for (const { line, fields } of records) {
    const parsed = entrySchema.safeParse(fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ line, message: `${String(issue.path[0] ?? 'entry')}: expected ${issue.message}` });
      }
      continue;
    }
    const entry = { ...parsed.data, email: parsed.data.email.toLowerCase() };
    const key = `${entry.email}\u0000${entry.team.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({
        line,
        message: `${entry.email} is listed in ${entry.team} twice (first on line ${first})`,
      });
      continue;
    }
    seen.set(key, line);
    entries.push(entry);
  }
  if (records.problems.length > 0 || problems.length > 0) {
    throw new RosterError([...records.problems, ...problems].sort((a, b) => a.line - b.line));
  }
  return entries;
}

interface RawRecords extends Array<{ line: number; fields: Record<string, unknown> }> {
  problems: RosterProblem[];
}

const headerNames: Record<string, string> = {
  email: 'email',
  team: 'team',
  manager: 'manager',
  cost_centre: 'costCentre',
  cost_center: 'costCentre',
  costcentre: 'costCentre',
  'cost centre': 'costCentre',
};

function csvRecords(text: string): RawRecords {
  const rows = csvRows(text);
  const records = Object.assign([], { problems: [] as RosterProblem[] }) as RawRecords;
  const [header, ...body] = rows;
  if (!header) {
    records.problems.push({
      line: 1,
      message: 'the file is empty (expected a header: email,team,manager,cost_centre)',
    });
    return records;
  }
  const columns = header.cells.map((cell) => headerNames[cell.trim().toLowerCase()]);
  for (const required of ['email', 'team']) {
    if (!columns.includes(required)) {
      records.problems.push({ line: header.line, message: `the header has no ${required} column` });
    }
  }
  if (records.problems.length > 0) return records;
  for (const row of body) {
    if (row.cells.every((cell) => cell.trim() === '')) continue;
    if (row.cells.length > columns.length) {
      records.problems.push({
        line: row.line,
        message: `${row.cells.length} fields, the header has ${columns.length}`,
      });
      continue;
    }
    const fields: Record<string, unknown> = {};
    row.cells.forEach((cell, i) => {
      const name = columns[i];
      if (name) fields[name] = cell;
    });
    records.push({ line: row.line, fields });
  }
  return records;
}

/** RFC 4180 rows (quoted fields may hold commas, quotes as "" and line breaks), with their first line. */
function csvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i += 1) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line += 1;
        cell += ch;
      }
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i += 1;
      cells.push(cell);
      rows.push({ line: rowLine, cells });
      cells = [];
      cell = '';
      line += 1;
      rowLine = line;
    } else cell += ch;
  }
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: rowLine, cells });
  }
  return rows;
}

function jsonRecords(text: string): RawRecords {
  const records = Object.assign([], { problems: [] as RosterProblem[] }) as RawRecords;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
    const line = at ? lineAt(text, Number(at[1])) : 1;
    records.problems.push({ line, message: 'not valid JSON' });
    return records;
  }
  if (!Array.isArray(parsed)) {
    records.problems.push({
      line: 1,
      message: 'expected a JSON array of {email, team, manager?, costCentre?}',
    });
    return records;
  }
  const starts = elementStarts(text);
  parsed.forEach((item: unknown, i) => {
    const line = lineAt(text, starts[i] ?? 0);
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      records.problems.push({ line, message: 'expected an object {email, team, manager?, costCentre?}' });
      return;
    }
    const fields = { ...(item as Record<string, unknown>) };
    if (fields.costCentre === undefined) fields.costCentre = fields.cost_centre ?? fields.cost_center;
    records.push({ line, fields });
  });
  return records;
}

/** Offsets of the top-level array's elements (the text is known to be a valid JSON array). */
function elementStarts(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  let expecting = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i += 1;
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t') continue;
    if (expecting && depth === 1 && ch !== ']') {
      starts.push(i);
      expecting = false;
    }
    if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') {
      depth += 1;
      if (depth === 1) expecting = true;
    } else if (ch === ']' || ch === '}') depth -= 1;
    else if (ch === ',' && depth === 1) expecting = true;
  }
  return starts;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i += 1) if (text[i] === '\n') line += 1;
  return line;
}
