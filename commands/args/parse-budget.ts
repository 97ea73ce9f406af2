/**
 * `/codex budget …` (issue 13 §3): `budget` or `budget status` shows every budget with its forecast;
 * `budget set <amount> [credits|usd] [monthly] [team <name>]` and `budget remove [team <name>]` (admins).
 */
import { z } from 'zod';
import { closestMatch } from './closest-match.js';
import { quoteInput } from './echo-input.js';
import type { BudgetRequest } from './parsed-command.js';
import { readToken } from './token-schemas.js';
import { usageError } from './usage-error.js';

const budgetActions = ['status', 'set', 'remove'] as const;
const budgetEntries = budgetActions.map((a) => `budget ${a}`);

/** `50000`, `50,000`, `50k`, `$2,500`, `1.5m`: a positive amount. */
const amountSchema = z
  .string()
  .regex(/^\$?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?[km]?$/i)
  .transform((s) => {
    const body = s.replace(/[$,]/g, '').toLowerCase();
    const scale = body.endsWith('k') ? 1_000 : body.endsWith('m') ? 1_000_000 : 1;
    return Number(body.replace(/[km]$/, '')) * scale;
  })
  .pipe(z.number().positive().max(1e12));

/** `team @platform`, `team <!subteam^S1|@platform>`, `team #payments`, `team payments` → `platform`. */
const teamSchema = z
  .string()
  .regex(
    /^(<!subteam\^[A-Z0-9]{2,30}(\|@?[^<>|]{1,80})?>|<#[A-Z0-9]{2,30}(\|[^<>|]{0,80})?>|[@#]?[\w.-]{1,80})$/,
  )
  .transform((s) => (/\|@?([^<>|]+)>$/.exec(s)?.[1] ?? s.replace(/^[@#]/, '')).toLowerCase());

export function parseBudget(words: readonly string[]): BudgetRequest {
  const [first, ...rest] = words;
  if (first === undefined) return { name: 'budget', action: 'status' };
  const action = budgetActions.find((a) => a === first.toLowerCase());
  if (action === undefined) {
    const guess = closestMatch(first, budgetActions);
    const hint = guess ? ` Did you mean \`budget ${guess}\`?` : '';
    throw usageError(`I don't know the budget action ${quoteInput(first)}.${hint}`, budgetEntries);
  }
  const entry = `budget ${action}`;
  const team = (words: readonly string[]): { team: string | null; rest: string[] } => {
    const at = words.findIndex((w) => w.toLowerCase() === 'team');
    if (at < 0) return { team: null, rest: [...words] };
    const name = words[at + 1] === undefined ? null : readToken(teamSchema, words[at + 1] ?? '');
    if (name === null) throw usageError('Which team? E.g. `team @platform`.', entry);
    return { team: name, rest: words.filter((_, i) => i !== at && i !== at + 1) };
  };
  switch (action) {
    case 'status':
      if (rest[0] !== undefined) throw usageError('`/codex budget status` takes nothing after it.', entry);
      return { name: 'budget', action };
    case 'remove': {
      const scoped = team(rest);
      if (scoped.rest[0] !== undefined)
        throw usageError(`I don't understand ${quoteInput(scoped.rest[0])} here.`, entry);
      return { name: 'budget', action, team: scoped.team };
    }
    case 'set': {
      const scoped = team(rest);
      let amount: number | null = null;
      let unit: 'credits' | 'usd' | null = null;
      for (const word of scoped.rest) {
        const lower = word.toLowerCase();
        if (lower === 'monthly') continue;
        if (lower === 'credits' || lower === 'usd') {
          unit = lower;
          continue;
        }
        const value = readToken(amountSchema, word);
        if (value !== null && amount === null) {
          amount = value;
          if (word.startsWith('$')) unit = unit ?? 'usd';
          continue;
        }
        throw usageError(`I don't understand ${quoteInput(word)} in a budget.`, entry);
      }
      if (amount === null) throw usageError('How much? E.g. `/codex budget set 50000 credits`.', entry);
      return { name: 'budget', action, amount, unit: unit ?? 'credits', team: scoped.team };
    }
  }
}
