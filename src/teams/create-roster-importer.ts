/**
 * Importing a roster uploaded in the bot's DM (issue 12 §1b): the whole file is validated first (every
 * problem with its line number), then stored in the warehouse in one transaction — replacing any roster
 * uploaded before and overriding ROSTER_FILE until removed — and the identity refresh runs at once, so
 * the reply can say how many of its emails match no Slack user. A file with any problem imports nothing.
 */
import type { Clock } from '../clock.js';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type { WarehouseRoster } from '../warehouse/warehouse-roster.js';
import type { TeamRefreshStatus, WarehouseTeams } from '../warehouse/warehouse-teams.js';
import type { IdentityRefreshJob } from './create-identity-refresh-job.js';
import { parseRoster, RosterError, type RosterProblem } from './parse-roster.js';

export type RosterFormat = 'csv' | 'json';

/** The roster format a file name says (`.csv` or `.json`, any case); null for any other file. */
export function rosterFormatOf(fileName: string): RosterFormat | null {
  const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  return extension === 'csv' || extension === 'json' ? extension : null;
}

export interface RosterUpload {
  fileName: string;
  format: RosterFormat;
  bytes: Uint8Array;
  /** The Slack user id of the admin who uploaded it (checked by the caller). */
  uploadedBy: string;
}

/** How the refresh right after an import went: its matches, or that it failed (retried within the hour). */
export type RosterRefreshOutcome =
  | { status: Exclude<TeamRefreshStatus, 'failed'>; emailsNotInSlack: number }
  | { status: 'failed'; code: string };

export type RosterImportOutcome =
  | { kind: 'invalid'; fileName: string; problems: readonly RosterProblem[] }
  | {
      kind: 'imported';
      fileName: string;
      /** Distinct emails and distinct team names (case-insensitive) in the file. */
      people: number;
      teams: number;
      /** True when ROSTER_FILE is configured: the upload is used in its place until removed. */
      overridesRosterFile: boolean;
      refresh: RosterRefreshOutcome;
    };

export type RosterRemoveOutcome =
  | { kind: 'removed'; overridesRosterFile: boolean; refresh: RosterRefreshOutcome }
  | { kind: 'none' };

export interface RosterImporter {
  import(upload: RosterUpload): Promise<RosterImportOutcome>;
  /** Removes the uploaded roster (ROSTER_FILE, if set, applies again) and refreshes the teams. */
  remove(by: string): Promise<RosterRemoveOutcome>;
}

export interface RosterImporterDeps {
  roster: Pick<WarehouseRoster, 'replace' | 'remove'>;
  /** Read after the refresh: which roster emails no Slack profile has. */
  teams: Pick<WarehouseTeams, 'memberships'>;
  refresh: IdentityRefreshJob;
  rosterFile: string | undefined;
  clock: Clock;
  logger: Logger;
}

export function createRosterImporter(deps: RosterImporterDeps): RosterImporter {
  return {
    async import(upload) {
      const { fileName } = upload;
      let text: string;
      try {
        // Fatal: a spreadsheet saved as UTF-16 or Latin-1 must not import with mangled names.
        text = new TextDecoder('utf-8', { fatal: true }).decode(upload.bytes);
      } catch {
        return { kind: 'invalid', fileName, problems: [{ line: 1, message: 'the file is not UTF-8 text' }] };
      }
      let entries: ReturnType<typeof parseRoster>;
      try {
        entries = parseRoster(text, upload.format);
      } catch (error) {
        if (error instanceof RosterError) return { kind: 'invalid', fileName, problems: error.problems };
        throw error;
      }
      await deps.roster.replace({
        uploadedAt: deps.clock.now(),
        uploadedBy: upload.uploadedBy,
        fileName,
        entries,
      });
      const people = new Set(entries.map((e) => e.email)).size;
      const teams = new Set(entries.map((e) => e.team.toLowerCase())).size;
      deps.logger.info('teams: roster uploaded', { user: upload.uploadedBy, people, teams });
      return {
        kind: 'imported',
        fileName,
        people,
        teams,
        overridesRosterFile: deps.rosterFile !== undefined,
        refresh: await refreshAfterImport(deps),
      };
    },

    async remove(by) {
      if (!(await deps.roster.remove())) return { kind: 'none' };
      deps.logger.info('teams: uploaded roster removed', { user: by });
      return {
        kind: 'removed',
        overridesRosterFile: deps.rosterFile !== undefined,
        refresh: await refreshAfterImport(deps),
      };
    },
  };
}

async function refreshAfterImport(deps: RosterImporterDeps): Promise<RosterRefreshOutcome> {
  try {
    const refresh = await deps.refresh.run();
    if (refresh.status === 'failed') return { status: 'failed', code: 'internal' };
    const notInSlack = new Set<string>();
    for (const m of await deps.teams.memberships()) {
      if (m.teamId.startsWith('roster:') && m.slackUserId === null && m.email) notInSlack.add(m.email);
    }
    return { status: refresh.status, emailsNotInSlack: notInSlack.size };
  } catch (error) {
    // The refresh logged and recorded its failure; the roster is stored and the scheduler retries.
    return { status: 'failed', code: errorCode(error) };
  }
}
