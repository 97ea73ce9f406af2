/**
 * The daily identity refresh (issue 12): pages users.list within its rate tier, joins Slack profile
 * emails to the Codex actors' emails (case-insensitively), loads every team source, and replaces the
 * warehouse's identities, teams and memberships in one transaction — all sources load before anything
 * is written, so a failing source or a broken roster leaves yesterday's teams in place.
 */
import type { Clock } from '../clock.js';
import { errorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import type {
  CodexIdentity,
  StoredTeam,
  TeamMembership,
  TeamRefresh,
  WarehouseTeams,
} from '../warehouse/warehouse-teams.js';
import type { SlackDirectory, SlackPerson } from './slack-directory.js';
import type { TeamDefinition, TeamMemberRef, TeamSource } from './team-source.js';

/** What admins read when the workspace's analytics carry no emails (refresh status `emails_hidden`). */
export const EMAILS_HIDDEN_EXPLANATION =
  'The Codex Analytics API returns no email for any user of this workspace, so Codex users cannot be ' +
  'matched to Slack people: teams are listed, but their adoption, inactive and never-started figures ' +
  'cannot be computed. An admin can show emails in the ChatGPT workspace analytics settings; the next ' +
  'daily refresh then matches everyone.';

export interface IdentityRefreshDeps {
  directory: SlackDirectory;
  sources: readonly TeamSource[];
  warehouse: WarehouseTeams;
  clock: Clock;
  logger: Logger;
  /** The refresh's id (a UUID in production). */
  newId: () => string;
}

const normalise = (email: string | null): string | null => (email ? email.trim().toLowerCase() : null);

/** Runs one refresh and records it; rethrows a failure after recording it as `failed`. */
export async function refreshIdentities(
  deps: IdentityRefreshDeps,
  signal?: AbortSignal,
): Promise<TeamRefresh> {
  const startedAt = deps.clock.now();
  const id = deps.newId();
  const requestsBefore = deps.directory.requests();
  try {
    const people = (await deps.directory.users(signal)).filter((p) => !p.deleted && !p.bot);
    const actors = await deps.warehouse.codexActors();
    const definitions: TeamDefinition[] = [];
    for (const source of deps.sources) definitions.push(...(await source.load(signal)));

    const slackByEmail = new Map<string, SlackPerson>();
    for (const person of people) {
      const email = normalise(person.email);
      if (email && !slackByEmail.has(email)) slackByEmail.set(email, person);
    }
    const identities: CodexIdentity[] = actors.map((actor) => ({
      codexUserId: actor.userId,
      email: actor.email,
      slackUserId: slackByEmail.get(normalise(actor.email) ?? '')?.id ?? null,
    }));
    const codexBySlack = new Map<string, string>();
    const codexByEmail = new Map<string, string>();
    for (const identity of identities) {
      if (identity.slackUserId) codexBySlack.set(identity.slackUserId, identity.codexUserId);
      const email = normalise(identity.email);
      if (email && !codexByEmail.has(email)) codexByEmail.set(email, identity.codexUserId);
    }
    const { teams, memberships } = resolveTeams(definitions, {
      people: new Map(people.map((p) => [p.id, p])),
      slackByEmail,
      codexBySlack,
      codexByEmail,
    });
    await deps.warehouse.replaceSnapshot({ identities, teams, memberships });

    const withoutEmail = identities.filter((i) => i.email === null).length;
    const matched = identities.filter((i) => i.slackUserId !== null).length;
    const emailsHidden = actors.length > 0 && withoutEmail === actors.length;
    const refresh: TeamRefresh = {
      id,
      startedAt,
      finishedAt: deps.clock.now(),
      status: emailsHidden ? 'emails_hidden' : 'ok',
      slackUsers: people.length,
      codexUsers: actors.length,
      matched,
      unmatched: actors.length - matched - withoutEmail,
      codexWithoutEmail: withoutEmail,
      teams: teams.length,
      memberships: memberships.length,
      requests: deps.directory.requests() - requestsBefore,
      detail: emailsHidden ? EMAILS_HIDDEN_EXPLANATION : null,
    };
    await deps.warehouse.recordRefresh(refresh);
    const { detail: _detail, startedAt: _s, finishedAt: _f, ...fields } = refresh;
    deps.logger.info('teams: identities refreshed', {
      ...fields,
      durationMs: refresh.finishedAt.getTime() - startedAt.getTime(),
    });
    return refresh;
  } catch (error) {
    await deps.warehouse
      .recordRefresh({
        id,
        startedAt,
        finishedAt: deps.clock.now(),
        status: 'failed',
        slackUsers: 0,
        codexUsers: 0,
        matched: 0,
        unmatched: 0,
        codexWithoutEmail: 0,
        teams: 0,
        memberships: 0,
        requests: deps.directory.requests() - requestsBefore,
        detail: `${errorCode(error)}: ${error instanceof Error ? error.message : String(error)}`,
      })
      .catch((recordError: unknown) =>
        deps.logger.error(
          'teams: could not record a failed refresh',
          recordError instanceof Error ? recordError : {},
        ),
      );
    deps.logger.error('teams: identity refresh failed', error instanceof Error ? error : {});
    throw error;
  }
}

interface Lookups {
  people: Map<string, SlackPerson>;
  slackByEmail: Map<string, SlackPerson>;
  codexBySlack: Map<string, string>;
  codexByEmail: Map<string, string>;
}

/**
 * Teams and their members as stored: one row per team and person (a person listed twice in a team, or
 * by id in one source and by email in another, is one member). Deactivated accounts and bots are no
 * one's members. The first definition of a team id wins.
 */
function resolveTeams(
  definitions: readonly TeamDefinition[],
  lookups: Lookups,
): { teams: StoredTeam[]; memberships: TeamMembership[] } {
  const teams: StoredTeam[] = [];
  const memberships: TeamMembership[] = [];
  const seenTeams = new Set<string>();
  for (const definition of definitions) {
    if (seenTeams.has(definition.id)) continue;
    seenTeams.add(definition.id);
    teams.push({
      id: definition.id,
      name: definition.name,
      origin: definition.origin,
      seats: definition.seats,
    });
    const members = new Map<string, TeamMembership>();
    for (const ref of definition.members) {
      const member = resolveMember(definition.id, ref, lookups);
      if (member && !members.has(member.memberKey)) members.set(member.memberKey, member);
    }
    memberships.push(...[...members.values()].sort((a, b) => a.memberKey.localeCompare(b.memberKey)));
  }
  return { teams, memberships };
}

function resolveMember(teamId: string, ref: TeamMemberRef, lookups: Lookups): TeamMembership | null {
  if (ref.kind === 'slack') {
    const person = lookups.people.get(ref.slackUserId);
    // Not an active human in users.list (deactivated, a bot, or gone since): not a member.
    if (!person) return null;
    return {
      teamId,
      memberKey: person.id,
      slackUserId: person.id,
      email: normalise(person.email),
      codexUserId: lookups.codexBySlack.get(person.id) ?? null,
      manager: null,
      costCentre: null,
    };
  }
  const email = normalise(ref.email) ?? '';
  const person = lookups.slackByEmail.get(email);
  return {
    teamId,
    memberKey: person ? person.id : `email:${email}`,
    slackUserId: person?.id ?? null,
    email,
    codexUserId: lookups.codexByEmail.get(email) ?? null,
    manager: ref.manager,
    costCentre: ref.costCentre,
  };
}
