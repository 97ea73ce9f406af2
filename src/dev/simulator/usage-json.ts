/**
 * Serialises internal usage records straight into the API's usage row JSON (see the contract's example
 * row). Rows are written as strings rather than objects passed to JSON.stringify because this is the hot
 * path of a 1000-row page: building ~4,000 small objects and then walking them again cost about twice as
 * much. Every value is a finite number, null, or a string escaped by JSON.stringify, so the output is
 * exactly what JSON.stringify would produce for the same fields.
 */
import { DAY_SECONDS } from './calendar.js';
import { type Metrics, USD_PER_CREDIT, type UsageRecord } from './usage-record.js';
import type { UserProfile } from './user-profiles.js';

const str = (value: string | null): string => (value === null ? 'null' : JSON.stringify(value));

/**
 * Fields from `credits` on, shared by totals, clients[] and models[] items. Unknown tokens → null; on the
 * running day the token keys are left out altogether (integrators saw them missing there). A USD-only item
 * has `credits: null`, its `cost_usd` and no estimate; a mixed aggregate has the credit part's credits and
 * estimate beside the USD part's `cost_usd`.
 */
function metricFields(m: Metrics, running: boolean): string {
  const usdOnly = m.usdBilled && !m.creditBilled;
  const estimate = usdOnly ? 'null' : `${Math.round(m.creditCents * USD_PER_CREDIT) / 100}`;
  const money = `"credits":${usdOnly ? 'null' : m.creditCents / 100},"cost_usd":${m.usdBilled ? m.usdCents / 100 : 'null'},"estimated_cost_usd":${estimate}`;
  if (running) return money;
  if (!m.tokensKnown) {
    return `${money},"uncached_text_input_tokens":null,"cached_text_input_tokens":null,"text_output_tokens":null,"text_total_tokens":null`;
  }
  const sum = m.uncached + m.cached + m.output;
  return `${money},"uncached_text_input_tokens":${m.uncached},"cached_text_input_tokens":${m.cached},"text_output_tokens":${m.output},"text_total_tokens":${sum}`;
}

/**
 * One usage row (as JSON text) for the bucket starting on `startDay`; `user` null → a workspace row.
 * `running`: the bucket holds the running day, so `models`, `code_attribution` and token keys are absent.
 */
export function usageRowJson(
  record: UsageRecord,
  startDay: number,
  days: number,
  user: UserProfile | null,
  running: boolean,
): string {
  const t = record.totals;
  let clients = '';
  for (const c of record.clients) {
    const id = c.clientId === null ? '' : `"client_id":${str(c.clientId)},`;
    clients += `${clients ? ',' : ''}{${id}"threads":${c.threads},"turns":${c.turns},${metricFields(c, running)}}`;
  }
  let models = '';
  // Model items carry no `turns` (contract); the running day has no models key at all.
  for (const m of running ? [] : record.models) {
    models += `${models ? ',' : ''}{"model":${str(m.model)},"speed":${str(m.speed)},"threads":${m.threads},${metricFields(m, running)}}`;
  }
  const a = record.attribution;
  // Some users carry their identity only in `actor` (no legacy user_id/email keys), like real rows.
  const actor = user
    ? `"actor":{"type":"ACCOUNT_USER","user_id":${user.quoted.userId},"email":${user.quoted.email}}`
    : '';
  const who = !user
    ? '"user_id":null,"actor":null,"email":null'
    : user.actorOnly
      ? actor
      : `"user_id":${user.quoted.userId},${actor},"email":${user.quoted.email}`;
  const head =
    `{"object":"${user ? 'user' : 'workspace'}.codex.usage.result","start_time":${startDay * DAY_SECONDS},"end_time":${(startDay + days) * DAY_SECONDS},${who},` +
    `"totals":{"threads":${t.threads},"turns":${t.turns},${metricFields(t, running)}},"clients":[${clients}]`;
  if (running) return `${head}}`;
  return `${head},"models":[${models}],"code_attribution":${a ? `{"lines_added":${a.linesAdded},"lines_removed":${a.linesRemoved}}` : 'null'}}`;
}
