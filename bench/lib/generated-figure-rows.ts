/**
 * The synthetic warehouse of bench/warehouse-figures.ts as SQL statements both engines run, shared with
 * the profiling of single queries (bench/warehouse-query-profile.ts).
 */
import { DAY_SECONDS } from '../../src/domain/utc-days.js';

export interface GeneratedShape {
  users: number;
  days: number;
  /** 00:00 UTC of the first day, Unix seconds. */
  firstDay: number;
  /** `short`: each row's raw JSON holds its bucket and user only (see the bench's --raw). */
  raw: 'full' | 'short';
}

/**
 * The synthetic rows as SQL both engines run (generate_series, integer arithmetic, string
 * concatenation): millions of rows in seconds, where the sync's own writes would take tens of minutes on
 * a shared machine. The raw JSON is a valid API row (the previous path parses it back).
 * Per (user u, day d): present when (u·7919 + d·104729) mod 100 < 56; 5% of rows without clients[],
 * 30% with two; one models[] item; tokens unknown on 2%.
 */
export function generatedRows(shape: GeneratedShape): string[] {
  const { users, days, firstDay } = shape;
  const grid = `SELECT d, u, ${firstDay} + d * ${DAY_SECONDS} AS day_start,
      1 + (u * 31 + d * 17) % 5 AS th,
      ((u * 7919 + d * 104729) % 4000) / 100.0 AS cr,
      CASE WHEN (u + d) % 50 = 0 THEN NULL ELSE 1000 * (1 + (u * 31 + d * 17) % 5) + u % 1000 END AS tok,
      CASE WHEN (u + 2 * d) % 20 = 0 THEN 0 WHEN (u * 3 + d) % 10 < 3 THEN 2 ELSE 1 END AS cc
    FROM generate_series(0, ${days - 1}) AS ds(d) CROSS JOIN generate_series(0, ${users - 1}) AS us(u)
    WHERE (u * 7919 + d * 104729) % 100 < 56`;
  const clientId = (u: string) =>
    `CASE (${u}) % 5 WHEN 0 THEN 'CODEX_CLI' WHEN 1 THEN 'CODEX_IDE_VSCODE' WHEN 2 THEN 'CODEX_WEB' WHEN 3 THEN 'CODEX_DESKTOP_APP' ELSE 'CODEX_GITHUB' END`;
  const model = `CASE u % 4 WHEN 0 THEN 'gpt-5.4' WHEN 1 THEN 'gpt-5.4' WHEN 2 THEN 'gpt-5.4-mini' ELSE 'other' END`;
  const speed = `CASE u % 4 WHEN 0 THEN 'standard' WHEN 1 THEN 'fast' WHEN 2 THEN 'standard' ELSE NULL END`;
  const text = (sql: string) => `COALESCE(CAST(${sql} AS TEXT), 'null')`;
  const metricsJson = (th: string, cr: string, tok: string) =>
    `'"threads":' || ${text(th)} || ',"turns":' || ${text(`${th} * 4`)} || ',"credits":' || ${text(cr)} ||
     ',"cost_usd":null,"estimated_cost_usd":' || ${text(`${cr} * 0.04`)} ||
     ',"uncached_text_input_tokens":' || ${text(tok)} || ',"cached_text_input_tokens":' || ${text(`${tok} * 2`)} ||
     ',"text_output_tokens":' || ${text(tok)} || ',"text_total_tokens":' || ${text(`${tok} * 4`)}`;
  const client1 = `'{"client_id":"' || ${clientId('u')} || '",' || ${metricsJson('th', 'cr', 'tok')} || '}'`;
  const client2 = `'{"client_id":"' || ${clientId('u + 1')} || '",' || ${metricsJson('1', '0.5', 'CAST(NULL AS BIGINT)')} || '}'`;
  const raw = `'{"start_time":' || CAST(day_start AS TEXT) || ',"end_time":' || CAST(day_start + ${DAY_SECONDS} AS TEXT) ||
    ',"user_id":"user-' || CAST(u AS TEXT) || '","actor":null,"email":"user' || CAST(u AS TEXT) || '@example.com",' ||
    '"totals":{' || ${metricsJson('th', 'cr', 'tok')} || '},' ||
    '"clients":[' || CASE cc WHEN 0 THEN '' WHEN 1 THEN ${client1} ELSE ${client1} || ',' || ${client2} END || '],' ||
    '"models":[{"model":"' || ${model} || '","speed":' || COALESCE('"' || ${speed} || '"', 'null') || ',' ||
    ${metricsJson('0', 'cr', 'tok')} || '}],"code_attribution":null}'`;
  const shortRaw = `'{"start_time":' || CAST(day_start AS TEXT) || ',"end_time":' || CAST(day_start + ${DAY_SECONDS} AS TEXT) ||
    ',"user_id":"user-' || CAST(u AS TEXT) || '"}'`;
  const metricValues = (th: string, cr: string, tok: string) =>
    `${th}, ${th} * 4, ${cr}, CAST(NULL AS DOUBLE PRECISION), ${cr} * 0.04, ${tok}, ${tok} * 2, ${tok}, ${tok} * 4`;
  return [
    `INSERT INTO usage_user_daily
     SELECT day_start, day_start + ${DAY_SECONDS}, 'user-' || CAST(u AS TEXT), 'user' || CAST(u AS TEXT) || '@example.com',
       TRUE, cc, ${metricValues('th', 'cr', 'tok')}, CAST(NULL AS BIGINT), CAST(NULL AS BIGINT), ${shape.raw === 'short' ? shortRaw : raw}
     FROM (${grid}) AS g ORDER BY day_start, u`,
    `INSERT INTO usage_user_client_daily
     SELECT day_start, 'user-' || CAST(u AS TEXT), ${clientId('u')}, ${metricValues('th', 'cr', 'tok')}
     FROM (${grid}) AS g WHERE cc >= 1
     UNION ALL
     SELECT day_start, 'user-' || CAST(u AS TEXT), ${clientId('u + 1')}, ${metricValues('1', '0.5', 'CAST(NULL AS BIGINT)')}
     FROM (${grid}) AS g WHERE cc = 2`,
    `INSERT INTO usage_user_model_daily
     SELECT day_start, 'user-' || CAST(u AS TEXT), ${model}, ${speed}, ${metricValues('0', 'cr', 'tok')}
     FROM (${grid}) AS g`,
  ];
}
