/**
 * The only reader of process.env. Everything is validated once, at boot, with every problem reported
 * together (each naming its variable and what it expects); an empty string counts as missing; secrets
 * are never echoed back in messages.
 */
import { z } from 'zod';
import { type Surface, surfaces } from '../domain/surfaces.js';
import { ConfigError } from '../errors.js';

export const DEFAULT_CODEX_API_BASE_URL = 'https://api.chatgpt.com/v1/analytics/codex';
/** The simulator's documented demo credentials (README): used when none are configured. */
export const DEMO_API_KEY = 'demo-key';
export const DEMO_WORKSPACE_ID = 'ws-demo';

const csv = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
const fraction = (fallback: number) => z.coerce.number().min(0).max(1).default(fallback);
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
const surfaceMap = z
  .string()
  .optional()
  .transform((raw, ctx): Record<string, Surface> => {
    if (!raw) return {};
    try {
      return z.record(z.string(), z.enum(surfaces)).parse(JSON.parse(raw));
    } catch {
      ctx.addIssue({
        code: 'custom',
        message: `a JSON object of client_id → one of ${surfaces.join('|')}, e.g. {"CODEX_FOO":"cli"}`,
      });
      return z.NEVER;
    }
  });

const envSchema = z.object({
  CODEX_API_BASE_URL: z.url({ protocol: /^https?$/ }).default(DEFAULT_CODEX_API_BASE_URL),
  CODEX_API_KEY: z.string().optional(),
  CODEX_WORKSPACE_ID: z.string().optional(),
  CODEX_API_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  CODEX_API_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(4),
  CODEX_API_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(6),
  // Bigger pages mean fewer requests against the API's per-route budget (limit 1..30000).
  CODEX_API_PAGE_LIMIT: z.coerce.number().int().min(1).max(30_000).default(5000),
  // The API allows about 100 requests a minute per route [spec/guess]; stay under it. 0 = unpaced.
  CODEX_API_REQUESTS_PER_MINUTE: z.coerce.number().int().min(0).default(90),
  // Consecutive failures to connect before requests fail fast for the cool-down (issue 9, 5.4). 0 = off.
  CODEX_API_BREAKER_FAILURES: z.coerce.number().int().min(0).default(3),
  CODEX_API_BREAKER_COOLDOWN_SECONDS: z.coerce.number().int().min(1).default(30),
  SURFACE_MAP: surfaceMap,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

  CHART_RENDERER: z.enum(['local', 'quickchart', 'none']).default('local'),
  QUICKCHART_URL: z.url({ protocol: /^https?$/ }).default('https://quickchart.io'),

  SLACK_SIGNING_SECRET: z.string().optional(),
  SLACK_BOT_TOKEN: z.string().startsWith('xoxb-', 'a bot token starting with xoxb-').optional(),
  SLACK_APP_TOKEN: z.string().startsWith('xapp-', 'an app-level token starting with xapp-').optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  SLACK_BOT_ID: z.string().optional(),
  SLACK_BOT_USER_ID: z.string().optional(),
  PORT: port(3000),
  ADMIN_USER_IDS: csv,
  ADMIN_USERGROUP_ID: z.string().optional(),
  CACHE_TTL_SECONDS: z.coerce.number().int().min(0).default(300),
  // USD per credit where the API gives no cost (issue 13): the API's own example row prices 182.5 credits
  // at an estimated $7.30, i.e. $0.04. Always shown as an estimate.
  CREDIT_PRICE_USD: z.coerce.number().positive().max(1000).default(0.04),
  // Slash commands and mentions: the person hears what is wrong within this many seconds (issue 9, 5.4).
  SLACK_ANSWER_DEADLINE_SECONDS: z.coerce.number().int().min(1).default(10),
  // Answers computed at once behind the ack; more wait their turn, in order (issue 9, 5.5). 0 = no limit.
  SLACK_ANSWER_CONCURRENCY: z.coerce.number().int().min(0).default(4),

  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL')
    .optional(),
  // The usage warehouse (issue 11): complete days before the running day each incremental sync re-pulls
  // (the API says the last 1–5 days can still change), and the embedded DuckDB engine's limits (its
  // buffer pool: 64 MB keeps the first 90-day backfill of 20,000 users at 393 MB peak RSS vs 460 at
  // 128 MB, issue 11's ≤ 400, same wall time; the 90-day distinct-users query 0.75 s vs 0.6 s;
  // bench/warehouse-sync.ts under the production heap cap).
  SYNC_TRAILING_DAYS: z.coerce.number().int().min(0).max(89).default(5),
  // How often `serve` syncs the warehouse (one replica at a time); the issue's default is every 6 h.
  SYNC_INTERVAL_HOURS: z.coerce.number().int().min(1).max(168).default(6),
  WAREHOUSE_MEMORY_LIMIT_MB: z.coerce.number().int().min(64).default(64),
  WAREHOUSE_THREADS: z.coerce.number().int().min(1).max(64).default(2),

  // Teams (issue 12): where they come from (default: every Slack user group is a team), the channels
  // that are teams, the roster file, and the user group or channel whose members hold a Codex seat.
  TEAM_SOURCES: csv.pipe(z.array(z.enum(['usergroups', 'channels', 'roster']))),
  TEAM_CHANNELS: csv,
  ROSTER_FILE: z.string().optional(),
  // A user group id (S…) or @handle, a channel id (C…), or a roster team's name; not a #name (Slack
  // resolves channel names only by listing every channel).
  SEATS_GROUP: z
    .string()
    .refine((v) => !v.startsWith('#'), 'a channel id (C…), not a #name')
    .optional(),
  // The DM `/codex nudge inactive` sends (Slack mrkdwn; a sensible default when unset). Slack's own
  // limit for a message's text is far above this; a nudge should be short.
  NUDGE_MESSAGE: z.string().max(2000).optional(),

  SIMULATOR_PORT: port(0),
  SIMULATOR_USERS: z.coerce.number().int().min(1).max(200_000).default(200),
  SIMULATOR_SEED: z.string().default('codex-pulse'),
  SIMULATOR_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  SIMULATOR_RATE_429: fraction(0),
  SIMULATOR_RATE_5XX: fraction(0),
  SIMULATOR_RATE_MALFORMED: fraction(0),
});

export type Env = z.infer<typeof envSchema>;

/** The process environment: the entry point hands it to subcommands, which pass it back to loadConfig. */
export function processEnv(): NodeJS.ProcessEnv {
  return process.env;
}

/** What a subcommand needs beyond the defaults; each missing piece becomes one listed problem. */
export type Need = 'codex' | 'slack';

/** The Codex Analytics API client's section. */
export interface CodexConfig {
  baseUrl: string;
  apiKey: string;
  workspaceId: string;
  /** True when no key was configured and the simulator's demo credentials are in use. */
  demo: boolean;
  timeoutMs: number;
  maxRetries: number;
  concurrency: number;
  pageLimit: number;
  requestsPerMinute: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
  surfaceMap: Record<string, Surface>;
}

/** The Slack edge's section (Bolt app, Web API clients). Tokens are present when loaded with needs ['slack']. */
export interface SlackConfig {
  botToken?: string;
  /** HTTP mode (required unless appToken is set). */
  signingSecret?: string;
  /** xapp- token: Socket Mode instead of HTTP. */
  appToken?: string;
  /** Web API base URL (GovSlack, the fake Slack), always ending with '/' (the client joins method names on). */
  apiUrl?: string;
  /** Both ids or neither: with both, Bolt skips auth.test at start-up. */
  botId?: string;
  botUserId?: string;
  port: number;
  adminUserIds: string[];
  adminUsergroupId?: string;
  /** Slash commands and mentions: when the person is told what is wrong (issue 9, 5.4). */
  answerDeadlineMs: number;
  /** Answers computed at once behind acks; the rest queue in order (issue 9, 5.5). 0 = no limit. */
  answerConcurrency: number;
}

/** Where subscriptions, deliveries and shared answers are kept: embedded in dataDir, or PostgreSQL. */
export interface StoreConfig {
  dataDir: string;
  databaseUrl?: string;
}

/**
 * The usage warehouse (issue 11): DuckDB in `${dataDir}/warehouse` by default, PostgreSQL when
 * databaseUrl is set (the same DATA_DIR / DATABASE_URL as the store).
 */
export interface WarehouseConfig {
  dataDir: string;
  databaseUrl?: string;
  /** Complete days before the running day an incremental sync re-pulls. */
  syncTrailingDays: number;
  /** `serve` syncs when the newest successful sync started at least this long ago. */
  syncIntervalHours: number;
  /** DuckDB's memory_limit and worker threads. */
  memoryLimitMb: number;
  threads: number;
}

export type TeamSourceKind = 'usergroups' | 'channels' | 'roster';

/** Where teams come from (issue 12); several sources may be mixed. */
export interface TeamsConfig {
  /** Never empty: without TEAM_SOURCES, every user group is a team. */
  sources: TeamSourceKind[];
  /** Channel ids whose members form a team each (TEAM_CHANNELS; required with the `channels` source). */
  channels: string[];
  /** A CSV or JSON roster (ROSTER_FILE; required with the `roster` source). */
  rosterFile?: string;
  /** Who holds a Codex seat: a user group (S… or @handle), a channel id (C…), or a roster team's name. */
  seatsGroup?: string;
  /** The nudge DM's text (NUDGE_MESSAGE); the default one when absent. */
  nudgeMessage?: string;
}

export interface ChartsConfig {
  renderer: Env['CHART_RENDERER'];
  quickchartUrl: string;
}

export interface AnalyticsConfig {
  cacheTtlMs: number;
  /** CREDIT_PRICE_USD: the estimate of a credit's price where the API gives no USD. */
  creditPriceUsd: number;
}

/** The built-in Codex API simulator (`simulate`, and `demo`/`preview` without a key). */
export interface SimulatorConfig {
  port: number;
  users: number;
  seed: string;
  latencyMs: number;
  rate429: number;
  rate5xx: number;
  rateMalformed: number;
}

/** The validated configuration, one typed section per part: each part receives only its own. */
export interface Config {
  codex: CodexConfig;
  slack: SlackConfig;
  store: StoreConfig;
  warehouse: WarehouseConfig;
  teams: TeamsConfig;
  charts: ChartsConfig;
  analytics: AnalyticsConfig;
  simulator: SimulatorConfig;
  logLevel: Env['LOG_LEVEL'];
}

/**
 * Parses `source` (the process environment the entry point hands down). Throws ConfigError listing every
 * problem at once. Secrets are validated for presence and shape only; values never appear in messages.
 */
export function loadConfig(source: NodeJS.ProcessEnv, needs: readonly Need[] = []): Config {
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(
      ([key, value]) => key in envSchema.shape && value !== undefined && value !== '',
    ),
  );
  const parsed = envSchema.safeParse(cleaned);
  const problems: string[] = parsed.success
    ? []
    : parsed.error.issues.map((issue) => `${String(issue.path[0])}: expected ${describe(issue)}`);
  const env = parsed.success ? parsed.data : undefined;

  if (needs.includes('codex')) {
    for (const key of ['CODEX_API_KEY', 'CODEX_WORKSPACE_ID'] as const) {
      if (!cleaned[key]) problems.push(`${key}: required (the Codex Analytics API ${label(key)})`);
    }
  }
  if (needs.includes('slack')) {
    if (!cleaned.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN: required (the bot token, xoxb-…)');
    if (!cleaned.SLACK_SIGNING_SECRET && !cleaned.SLACK_APP_TOKEN) {
      problems.push('SLACK_SIGNING_SECRET: required for HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)');
    }
  }
  if (env?.TEAM_SOURCES.includes('channels') && env.TEAM_CHANNELS.length === 0) {
    problems.push(
      'TEAM_CHANNELS: required when TEAM_SOURCES includes channels (comma-separated channel ids)',
    );
  }
  if (env?.TEAM_SOURCES.includes('roster') && !env.ROSTER_FILE) {
    problems.push('ROSTER_FILE: required when TEAM_SOURCES includes roster (a .csv or .json file)');
  }
  if (problems.length > 0 || !env) throw new ConfigError(problems);
  return sections(env);
}

function sections(env: Env): Config {
  const apiUrl = env.SLACK_API_URL;
  return {
    codex: {
      baseUrl: env.CODEX_API_BASE_URL.replace(/\/+$/, ''),
      apiKey: env.CODEX_API_KEY ?? DEMO_API_KEY,
      workspaceId: env.CODEX_WORKSPACE_ID ?? DEMO_WORKSPACE_ID,
      demo: env.CODEX_API_KEY === undefined,
      timeoutMs: env.CODEX_API_TIMEOUT_MS,
      maxRetries: env.CODEX_API_MAX_RETRIES,
      concurrency: env.CODEX_API_CONCURRENCY,
      pageLimit: env.CODEX_API_PAGE_LIMIT,
      requestsPerMinute: env.CODEX_API_REQUESTS_PER_MINUTE,
      breakerThreshold: env.CODEX_API_BREAKER_FAILURES,
      breakerCooldownMs: env.CODEX_API_BREAKER_COOLDOWN_SECONDS * 1000,
      surfaceMap: env.SURFACE_MAP,
    },
    slack: {
      ...(env.SLACK_BOT_TOKEN ? { botToken: env.SLACK_BOT_TOKEN } : {}),
      ...(env.SLACK_SIGNING_SECRET ? { signingSecret: env.SLACK_SIGNING_SECRET } : {}),
      ...(env.SLACK_APP_TOKEN ? { appToken: env.SLACK_APP_TOKEN } : {}),
      ...(apiUrl ? { apiUrl: apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/` } : {}),
      // Bolt skips auth.test only when it has both ids: one alone would be silently ignored.
      ...(env.SLACK_BOT_ID && env.SLACK_BOT_USER_ID
        ? { botId: env.SLACK_BOT_ID, botUserId: env.SLACK_BOT_USER_ID }
        : {}),
      port: env.PORT,
      adminUserIds: env.ADMIN_USER_IDS,
      ...(env.ADMIN_USERGROUP_ID ? { adminUsergroupId: env.ADMIN_USERGROUP_ID } : {}),
      answerDeadlineMs: env.SLACK_ANSWER_DEADLINE_SECONDS * 1000,
      answerConcurrency: env.SLACK_ANSWER_CONCURRENCY,
    },
    store: { dataDir: env.DATA_DIR, ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}) },
    warehouse: {
      dataDir: env.DATA_DIR,
      ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
      syncTrailingDays: env.SYNC_TRAILING_DAYS,
      syncIntervalHours: env.SYNC_INTERVAL_HOURS,
      memoryLimitMb: env.WAREHOUSE_MEMORY_LIMIT_MB,
      threads: env.WAREHOUSE_THREADS,
    },
    teams: {
      sources: env.TEAM_SOURCES.length > 0 ? [...new Set(env.TEAM_SOURCES)] : ['usergroups'],
      channels: env.TEAM_CHANNELS,
      ...(env.ROSTER_FILE ? { rosterFile: env.ROSTER_FILE } : {}),
      ...(env.SEATS_GROUP ? { seatsGroup: env.SEATS_GROUP } : {}),
      ...(env.NUDGE_MESSAGE ? { nudgeMessage: env.NUDGE_MESSAGE } : {}),
    },
    charts: { renderer: env.CHART_RENDERER, quickchartUrl: env.QUICKCHART_URL },
    analytics: { cacheTtlMs: env.CACHE_TTL_SECONDS * 1000, creditPriceUsd: env.CREDIT_PRICE_USD },
    simulator: {
      port: env.SIMULATOR_PORT,
      users: env.SIMULATOR_USERS,
      seed: env.SIMULATOR_SEED,
      latencyMs: env.SIMULATOR_LATENCY_MS,
      rate429: env.SIMULATOR_RATE_429,
      rate5xx: env.SIMULATOR_RATE_5XX,
      rateMalformed: env.SIMULATOR_RATE_MALFORMED,
    },
    logLevel: env.LOG_LEVEL,
  };
}

function label(key: 'CODEX_API_KEY' | 'CODEX_WORKSPACE_ID'): string {
  return key === 'CODEX_API_KEY' ? 'key, scoped codex.enterprise.analytics.read' : 'workspace id';
}

/** zod's message, rephrased without ever quoting the received value (it may be a secret). */
function describe(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `one of ${issue.values.map(String).join(', ')}`;
    case 'too_small':
      return `at least ${String(issue.minimum)}`;
    case 'too_big':
      return `at most ${String(issue.maximum)}`;
    case 'invalid_type':
      return issue.expected === 'number' ? 'a number' : `a ${issue.expected}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'an http(s) URL' : issue.message;
    default:
      return issue.message;
  }
}
