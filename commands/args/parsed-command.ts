/**
 * What `/codex …` text parses into: one validated request per subcommand, discriminated by `name`
 * (and by `action` for `digest`). Commands switch on it; they never look at the raw text again.
 */

import type { AlertDestination, AlertRuleSpec } from '../../src/domain/alert-rules.js';
import type { DigestCadence } from '../../src/domain/digest-cadence.js';
import type { DigestDay } from '../../src/domain/digest-days.js';
import type { DigestStyle } from '../../src/domain/digest-styles.js';
import type { Surface } from '../../src/domain/surfaces.js';
import type { Bucket, RankKey } from '../../src/figures/figure-types.js';
import type { ParsedWindow } from './parse-range.js';
import type { ExportFormat, ExportKind } from './token-schemas.js';

export type { ParsedWindow } from './parse-range.js';
export type { ExportFormat, ExportKind } from './token-schemas.js';

export interface UsageRequest {
  name: 'usage';
  window: ParsedWindow;
  /** Null = all surfaces. */
  surface: Surface | null;
  bucket: Bucket;
  /** A team as typed (`@platform`, `#team-x`, a roster name, an escaped mention); null = the workspace. */
  team: string | null;
}

export interface TopRequest {
  name: 'top';
  window: ParsedWindow;
  key: RankKey;
  /** How many users to list, 1..50. */
  limit: number;
  surface: Surface | null;
  /** A team as typed (`@platform`, `#team-x`, a roster name, an escaped mention); null = the workspace. */
  team: string | null;
}

export interface ReviewsRequest {
  name: 'reviews';
  window: ParsedWindow;
  bucket: Bucket;
  /** Typed only to be refused: Code Review figures are workspace-wide (no reviewer in the API). */
  team: string | null;
}

export interface MeRequest {
  name: 'me';
  window: ParsedWindow;
}

/**
 * `/codex me subscribe [day] [HH:MM]` (issue 13 §4): the caller's own last week, by DM, every week at the
 * day and time in their Slack zone (`timeZone`: canonical IANA, UTC when Slack gives none).
 */
export interface MeSubscribeRequest {
  name: 'me';
  action: 'subscribe';
  day: DigestDay;
  /** 24-hour `HH:MM`, zero-padded. */
  time: string;
  timeZone: string;
}

/** `/codex me unsubscribe`: ends the caller's personal subscription. */
export interface MeUnsubscribeRequest {
  name: 'me';
  action: 'unsubscribe';
}

export type MeSubscriptionRequest = MeSubscribeRequest | MeUnsubscribeRequest;

export interface ExportRequest {
  name: 'export';
  kind: ExportKind;
  format: ExportFormat;
  window: ParsedWindow;
  /** A team as typed (`@platform`, `#team-x`, a roster name, an escaped mention); null = the workspace. */
  team: string | null;
}

/** `/codex teams [range]`: adoption by team (issue 12). */
export interface TeamsRequest {
  name: 'teams';
  window: ParsedWindow;
}

/** `/codex teams unmatched`: the Codex users no Slack profile matched (admins only; issue 12 §1a). */
export interface TeamsUnmatchedRequest {
  name: 'teams unmatched';
}

/** `/codex inactive [Nd] [team]`: lapsed and never-started people (admins only). */
export interface InactiveRequest {
  name: 'inactive';
  /** No Codex activity in this many days counts as lapsed. */
  lapsedDays: number;
  /** As typed (`@platform`, `#team-x`, a roster name, Slack's escaped mention); null = every team. */
  team: string | null;
  /** Which page of a long list (from 1). */
  page: number;
}

/** `/codex nudge inactive [team]`: preview of the DM to inactive members, sent on a click (admins only). */
export interface NudgeRequest {
  name: 'nudge';
  team: string | null;
}

export interface HelpRequest {
  name: 'help';
  /** A subcommand name (`top`, `digest`) when help was asked about one. */
  topic?: string;
}

export interface DigestSubscribeRequest {
  name: 'digest';
  action: 'subscribe';
  /** Null = the channel the command was typed in. */
  channelId: string | null;
  /** The channel name Slack sent with the id, for the confirmation; null when unknown. */
  channelName: string | null;
  day: DigestDay;
  /** 24-hour `HH:MM`, zero-padded. */
  time: string;
  /** Canonical IANA name. */
  timeZone: string;
  style: DigestStyle;
  /** Weekly (default), monthly or quarterly. */
  cadence: DigestCadence;
  /** A team's own digest (issue 12 §3): the team as typed; null = the workspace digest. */
  team: string | null;
}

export interface DigestListRequest {
  name: 'digest';
  action: 'list';
}

export interface DigestUnsubscribeRequest {
  name: 'digest';
  action: 'unsubscribe';
  id: string;
}

export interface DigestPreviewRequest {
  name: 'digest';
  action: 'preview';
  /** Null = preview the standard digest without a subscription. */
  id: string | null;
}

export interface DigestResumeRequest {
  name: 'digest';
  action: 'resume';
  id: string;
}

export interface DigestSendNowRequest {
  name: 'digest';
  action: 'send-now';
  id: string;
}

export type DigestRequest =
  | DigestSubscribeRequest
  | DigestListRequest
  | DigestUnsubscribeRequest
  | DigestPreviewRequest
  | DigestResumeRequest
  | DigestSendNowRequest;

/** `/codex alert preview <rule>`: how often the rule would have fired (issue 13). */
export interface AlertPreviewRequest {
  name: 'alert';
  action: 'preview';
  spec: AlertRuleSpec;
}

/** `/codex alert add <rule> [#channel|dm]` (admins): saves a rule; its firings go to the destination. */
export interface AlertAddRequest {
  name: 'alert';
  action: 'add';
  spec: AlertRuleSpec;
  destination: AlertDestination;
}

export interface AlertListRequest {
  name: 'alert';
  action: 'list';
}

export interface AlertRemoveRequest {
  name: 'alert';
  action: 'remove';
  id: string;
}

export type AlertRequest = AlertPreviewRequest | AlertAddRequest | AlertListRequest | AlertRemoveRequest;

/** `/codex budget [status]`, `budget set …`, `budget remove …` (issue 13 §3). */
export type BudgetRequest =
  | { name: 'budget'; action: 'status' }
  | { name: 'budget'; action: 'set'; amount: number; unit: 'credits' | 'usd'; team: string | null }
  | { name: 'budget'; action: 'remove'; team: string | null };

/** A validated `/codex` request. */
export type ParsedCommand =
  | UsageRequest
  | TopRequest
  | ReviewsRequest
  | MeRequest
  | MeSubscriptionRequest
  | ExportRequest
  | TeamsRequest
  | TeamsUnmatchedRequest
  | InactiveRequest
  | NudgeRequest
  | HelpRequest
  | DigestRequest
  | AlertRequest
  | BudgetRequest;
