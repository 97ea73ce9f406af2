/**
 * The leadership digest's "adoption by team" reply (issue 12): aggregate only — team names and counts,
 * never a person — with teams under five matched members folded into "other teams" whoever reads it,
 * since a digest goes to a channel. Pure.
 */
import type { DigestFigures, DigestTeamAdoption } from '../../src/figures/figure-types.js';
import { section } from '../blocks/block-helpers.js';
import { formatWindow } from '../blocks/format.js';
import { fitRows, linesToSections, moreLine } from '../blocks/line-sections.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { finishReport } from '../limits/finish-report.js';
import { acrossTeams, adoptionText, neverStartedText, teamLines, visibleSeats } from './team-lines.js';

/** The team lines may take this much of the reply (the rest: intro, footer). */
const TEAM_REPLY_BUDGET = 6000;

const unavailableText: Record<Exclude<DigestTeamAdoption['status'], 'ok'>, string> = {
  not_loaded: 'Adoption by team: teams are not loaded from Slack yet.',
  emails_hidden:
    "Adoption by team: the Codex Analytics API returns no emails for this workspace, so people can't be matched to Slack teams.",
  unavailable: 'Adoption by team: team figures were unavailable for this digest.',
};

export function teamAdoptionReply(digest: DigestFigures, teams: DigestTeamAdoption): ReportMessage {
  const finish = (text: string, lines: string[]) =>
    finishReport({
      text,
      blocks: linesToSections(lines),
      charts: [],
      window: teams.window,
      freshness: digest.freshness,
    });
  if (teams.status !== 'ok') {
    const text = unavailableText[teams.status];
    return finish(text, [text]);
  }
  const lines = teamLines(teams, false);
  if (lines.length === 0) {
    const text = 'Adoption by team: no teams found in Slack.';
    return finish(text, [text]);
  }
  const fitted = fitRows(lines, TEAM_REPLY_BUDGET);
  const rows = fitted.omitted > 0 ? [...fitted.rows, moreLine(fitted.omitted, 'team')] : fitted.rows;
  const across = acrossTeams(teams.current, false);
  const seats = visibleSeats(teams.current, false);
  const seatsLine = seats ? ` Seats: ${adoptionText(seats)}, ${neverStartedText(seats)}.` : '';
  const intro = `*Adoption by team*, ${formatWindow(teams.window)}: ${across.label.toLowerCase()} ${adoptionText(across.figures)}.${seatsLine}`;
  return finishReport({
    text: `Adoption by team, ${formatWindow(teams.window)}: ${adoptionText(across.figures)}.`,
    blocks: [section(intro), ...linesToSections(rows)],
    charts: [],
    window: teams.window,
    freshness: digest.freshness,
  });
}
