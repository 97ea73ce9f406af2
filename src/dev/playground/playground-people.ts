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

/** Seeds `fake` with the people of a simulator of `users` users and seed `seed`. */
export function seedPlaygroundPeople(fake: FakeSlack, simulator: { seed: string; users: number }): void {
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
}
