/**
 * One line per team, as `/codex teams` and the leadership digest's "adoption by team" show it:
 * "*@platform* 62% (31/50 active) · 1.2k credits ≈ $48.00 est. · mostly CLI · ▲ 4 pts (58% → 62%)". Teams under the privacy
 * threshold are listed by name only to admins; everyone else sees them folded into one "other teams"
 * line, with figures only when that group itself has enough people (issue 12, part 4).
 */
import { surfaceLabels } from '../../src/domain/surfaces.js';
import type { TimeWindow } from '../../src/domain/utc-days.js';
import type { Delta } from '../../src/figures/figure-types.js';
import {
  type GroupFigures,
  TEAM_PRIVACY_MIN_MEMBERS,
  type TeamFigures,
  type TeamFiguresResult,
} from '../../src/figures/team-figures.js';
import { formatLabel } from '../blocks/escape-mrkdwn.js';
import {
  formatCount,
  formatCredits,
  formatDelta,
  formatInteger,
  formatPercent,
  formatUsdEstimate,
} from '../blocks/format.js';

/** A period's team figures with the period before it, for the change column. */
export interface TeamComparison {
  window: TimeWindow;
  current: TeamFiguresResult;
  previousWindow: TimeWindow;
  /** Null when history does not reach back over the previous period: no change column then. */
  previous: TeamFiguresResult | null;
}

/**
 * The "across teams" figures this audience may see: every team's people for admins, and for everyone
 * else too unless "other teams" is too small to show — then only the people of the teams shown, so the
 * hidden teams' figures are not the difference between the total and the lines above (issue 12, part 4).
 */
export function acrossTeams(
  current: TeamFiguresResult,
  isAdmin: boolean,
): { figures: GroupFigures; label: string } {
  const hidden =
    !isAdmin && current.otherTeams.teams > 0 && current.otherTeams.matchedMembers < TEAM_PRIVACY_MIN_MEMBERS;
  return hidden
    ? { figures: current.largeTeams, label: `Across the teams shown` }
    : { figures: current.workspace, label: 'Across all teams' };
}

/** The seat holders' figures for this audience: hidden from non-admins when fewer than five match. */
export function visibleSeats(current: TeamFiguresResult, isAdmin: boolean): GroupFigures | null {
  const seats = current.seats;
  if (seats === null) return null;
  return isAdmin || seats.matchedMembers >= TEAM_PRIVACY_MIN_MEMBERS ? seats : null;
}

/** "62% (31/50 active)". */
export function adoptionText(group: GroupFigures): string {
  return `${formatPercent(group.adoptionRate)} (${formatInteger(group.active)}/${formatInteger(group.members)} active)`;
}

/**
 * "5 never started", and beside it those nobody can tell apart (issue 12): "5 never started, 2 with no
 * Slack email (use unknown)" — the members `/codex inactive` leaves out, so its list and this count agree.
 */
export function neverStartedText(group: GroupFigures, separator = ', '): string {
  const never = `${formatInteger(group.neverStarted)} never started`;
  return group.withoutEmail > 0
    ? `${never}${separator}${formatInteger(group.withoutEmail)} with no Slack email (use unknown)`
    : never;
}

/**
 * "1.2k credits ≈ $48.00 est. · mostly CLI": what the group spent (USD always an estimate) and the
 * surface carrying most of its credits (issue 12 §2), left out when it spent none.
 */
export function spendText(group: GroupFigures): string {
  const spent = `${formatCredits(group.credits)} credits ${formatUsdEstimate(group.usd)}`;
  return group.topSurface === null ? spent : `${spent} · mostly ${surfaceLabels[group.topSurface]}`;
}

function adoptionDelta(
  comparison: TeamComparison,
  current: number | null,
  previous: number | null,
): string | null {
  if (comparison.previous === null) return null;
  const change = current === null || previous === null ? null : current - previous;
  const delta: Delta = {
    current,
    previous,
    change,
    ratio: change === null || !previous ? null : change / previous,
    currentPeriod: comparison.window,
    previousPeriod: comparison.previousWindow,
  };
  return formatDelta(delta, 'share');
}

function teamLine(comparison: TeamComparison, team: TeamFigures, isAdmin: boolean): string {
  const before = comparison.previous?.teams.find((t) => t.teamId === team.teamId);
  const lock = isAdmin && team.belowPrivacyThreshold ? ' :lock:' : '';
  return [
    `*${formatLabel(team.name)}*${lock} ${adoptionText(team)}`,
    spendText(team),
    adoptionDelta(comparison, team.adoptionRate, before?.adoptionRate ?? null),
  ]
    .filter((part) => part !== null)
    .join(' · ');
}

/**
 * The team lines for this audience, highest adoption first. Admins see every team (small ones marked
 * with :lock:); everyone else sees teams of TEAM_PRIVACY_MIN_MEMBERS or more matched members and one
 * "other teams" line for the rest — with its figures only when it has that many matched members too.
 */
export function teamLines(comparison: TeamComparison, isAdmin: boolean): string[] {
  const { current } = comparison;
  const shown = current.teams.filter((team) => isAdmin || !team.belowPrivacyThreshold);
  const lines = shown.map((team) => teamLine(comparison, team, isAdmin));
  const other = current.otherTeams;
  if (isAdmin || other.teams === 0) return lines;
  const teams = formatCount(other.teams, 'team');
  if (other.matchedMembers < TEAM_PRIVACY_MIN_MEMBERS) {
    lines.push(`*Other teams* (${teams} under ${TEAM_PRIVACY_MIN_MEMBERS} matched members): not shown`);
    return lines;
  }
  lines.push(
    [
      `*Other teams* (${teams} under ${TEAM_PRIVACY_MIN_MEMBERS} matched members, together) ${adoptionText(other)}`,
      spendText(other),
      adoptionDelta(comparison, other.adoptionRate, comparison.previous?.otherTeams.adoptionRate ?? null),
    ]
      .filter((part) => part !== null)
      .join(' · '),
  );
  return lines;
}
