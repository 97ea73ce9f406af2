/**
 * The fake Slack's people, built from the Codex simulator's own users (issue 12): Slack profile emails
 * equal the simulator's actor emails (src/dev/simulator/user-profiles.ts), so the identity join has
 * something real to match — except for a seeded share whose Slack email differs (unmatched), a share
 * with no email on their profile, the simulator users whose rows hide their email, plus Slack-only
 * people, deactivated accounts and bots, as a real workspace has.
 */
import { uniform } from '../simulator/seeded-random.js';
import { createSimulatedOrg } from '../simulator/simulated-org.js';
import { buildUserProfile } from '../simulator/user-profiles.js';
import type { FakeSlack, FakeSlackUser, FakeSlackUsergroup } from './fake-slack-types.js';

export interface SimulatedSlackPeopleOptions {
  /** The simulator's seed and org start (SIMULATOR_SEED; default org start when omitted). */
  seed: string;
  orgStart?: Date;
  /** How many of the simulator's users (indexes 0…people−1) get a Slack account. */
  people: number;
  /** Share of them whose Slack email differs from their Codex one (an alias): unmatched. */
  unmatchedShare: number;
  /** Share of them with no email on their Slack profile. */
  withoutEmailShare: number;
  /** Slack-only people who never used Codex (they are the "never started" of their groups). */
  slackOnly: number;
  /** Team groups to spread people over: `platform`, `payments`, … (each handle becomes a group). */
  groups: readonly string[];
}

export interface SimulatedSlackPeople {
  users: FakeSlackUser[];
  usergroups: { group: FakeSlackUsergroup; members: string[] }[];
  /** The same first group as a channel, `#team-<handle>`, for channel-based teams. */
  channels: { id: string; name: string; members: string[] }[];
}

const SALT = { unmatched: 901, noEmail: 902, group: 903, second: 904 };

/** Builds the people; deterministic in the options. */
export function simulatedSlackPeople(options: SimulatedSlackPeopleOptions): SimulatedSlackPeople {
  // The org's `now` plays no part in identities: any fixed instant will do.
  const org = createSimulatedOrg({
    seed: options.seed,
    users: options.people,
    now: () => new Date(0),
    ...(options.orgStart ? { orgStart: options.orgStart } : {}),
  });
  const users: FakeSlackUser[] = [];
  const members = options.groups.map(() => [] as string[]);
  const join = (id: string, index: number) => {
    if (options.groups.length === 0) return;
    const first = Math.floor(uniform(org.seed, SALT.group, index) * options.groups.length);
    members[first]?.push(id);
    // About one person in ten is in a second group too (a person in two teams counts in both).
    if (uniform(org.seed, SALT.second, index) < 0.1 && options.groups.length > 1) {
      members[(first + 1) % options.groups.length]?.push(id);
    }
  };
  for (let index = 0; index < options.people; index += 1) {
    const profile = buildUserProfile(org, index);
    const id = `U${String(index + 1).padStart(8, '0')}`;
    const name = profile.email?.split('@')[0] ?? `person${index + 1}`;
    const noEmail = uniform(org.seed, SALT.noEmail, index) < options.withoutEmailShare;
    const alias = uniform(org.seed, SALT.unmatched, index) < options.unmatchedShare;
    // Codex rows without an email still belong to someone with a Slack email: it just cannot match.
    const email = noEmail
      ? undefined
      : alias || profile.email === null
        ? `${name}@corp.example.org`
        : mixedCase(profile.email, index);
    users.push({ id, name, tz: 'UTC', ...(email ? { email } : {}) });
    join(id, index);
  }
  for (let k = 0; k < options.slackOnly; k += 1) {
    const id = `U9${String(k + 1).padStart(7, '0')}`;
    users.push({ id, name: `newcomer${k + 1}`, email: `newcomer${k + 1}@example.com`, tz: 'UTC' });
    join(id, options.people + k);
  }
  users.push({ id: 'U0DELETED1', name: 'former', email: 'former@example.com', deleted: true });
  users.push({ id: 'U0BOTUSER1', name: 'deploybot', is_bot: true });
  const usergroups = options.groups.map((handle, g) => ({
    group: { id: `S${String(g + 1).padStart(8, '0')}`, handle, name: titleCase(handle) },
    members: members[g] ?? [],
  }));
  const channels = usergroups.slice(0, 1).map(({ group, members: m }) => ({
    id: `C${String(1).padStart(8, '0')}`,
    name: `team-${group.handle}`,
    members: [...m],
  }));
  return { users, usergroups, channels };
}

/** Puts the people into a running fake Slack. */
export function seedFakeSlack(fake: FakeSlack, people: SimulatedSlackPeople): void {
  for (const user of people.users) fake.users.set(user.id, user);
  for (const { group, members } of people.usergroups) {
    fake.usergroups.set(group.id, group);
    fake.usergroupMembers.set(group.id, members);
  }
  for (const channel of people.channels) {
    fake.channels.set(channel.id, { id: channel.id, name: channel.name, is_member: true });
    fake.channelMembers.set(channel.id, channel.members);
  }
}

/** Slack keeps the case people typed: every third email has a capital, so the join must fold case. */
function mixedCase(email: string, index: number): string {
  return index % 3 === 0 ? email.charAt(0).toUpperCase() + email.slice(1) : email;
}

function titleCase(handle: string): string {
  return handle.charAt(0).toUpperCase() + handle.slice(1);
}
