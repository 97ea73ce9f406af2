/**
 * The playground's Slack workspace (issue 12): people whose profile emails match the simulator's actors
 * (a share unmatched, a share without email, Slack-only newcomers who never started), spread over
 * @platform, @payments and @mobile; @codex-licensed holds the seats (SEATS_GROUP), and @design has three
 * members, under the five a team needs before non-admins see its figures.
 */
import type { TeamsConfig } from '../../config/env.js';
import type { FakeSlack } from '../fake-slack/fake-slack-types.js';
import { seedFakeSlack, simulatedSlackPeople } from '../fake-slack/simulated-slack-people.js';

export const PLAYGROUND_SEATS_GROUP = '@codex-licensed';

/** The teams settings the playground's refresh runs with: every user group, seats by @codex-licensed. */
export const playgroundTeamsConfig: TeamsConfig = {
  sources: ['usergroups'],
  channels: [],
  seatsGroup: PLAYGROUND_SEATS_GROUP,
};

/**
 * Seeds `fake` with the people of a simulator of `users` users and seed `seed`; `player` (the page's
 * "you") is one of them — see {@link becomePlayer}.
 */
export function seedPlaygroundPeople(
  fake: FakeSlack,
  simulator: { seed: string; users: number },
  player: { id: string; name: string },
): void {
  const people = simulatedSlackPeople({
    seed: simulator.seed,
    people: simulator.users,
    unmatchedShare: 0.05,
    withoutEmailShare: 0.05,
    slackOnly: Math.max(3, Math.round(simulator.users / 10)),
    groups: ['platform', 'payments', 'mobile'],
  });
  seedFakeSlack(fake, people);
  const humans = people.users.filter((u) => !u.deleted && !u.is_bot).map((u) => u.id);
  // About four in five people hold a seat; everyone else in Slack does not.
  const seats = humans.filter((_, index) => index % 5 !== 4);
  const extra = [
    { id: 'S0SEATS001', handle: PLAYGROUND_SEATS_GROUP.slice(1), name: 'Codex licensed', members: seats },
    { id: 'S0DESIGN01', handle: 'design', name: 'Design', members: humans.slice(0, 3) },
  ];
  for (const { members, ...group } of extra) {
    fake.usergroups.set(group.id, group);
    fake.usergroupMembers.set(group.id, members);
  }
  becomePlayer(fake, player);
}

/**
 * The page's person takes over the first seeded person whose Slack email is their Codex one: same email,
 * same groups and seat, the player's id. With an address no Codex user has, `/codex me` and
 * `/codex me subscribe` (issue 13: "delivers a personal DM") could only ever answer "no usage found".
 */
function becomePlayer(fake: FakeSlack, player: { id: string; name: string }): void {
  const person = [...fake.users.values()].find(
    (u) =>
      !u.deleted &&
      !u.is_bot &&
      u.email !== undefined &&
      !u.email.endsWith('@corp.example.org') &&
      !u.name.startsWith('newcomer'),
  );
  const email = person?.email ?? 'you@example.com';
  if (person) fake.users.delete(person.id);
  fake.users.set(player.id, { id: player.id, name: player.name, email, tz: 'UTC' });
  if (!person) return;
  for (const members of [...fake.usergroupMembers.values(), ...fake.channelMembers.values()]) {
    const at = members.indexOf(person.id);
    if (at >= 0) members[at] = player.id;
  }
}
