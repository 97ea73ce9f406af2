/** A plain weekly digest subscription, as the embedded store's own tests create it. */
export const weeklySubscription = {
  teamId: 'T1',
  channelId: 'C1',
  ownerUserId: 'U1',
  day: 'wed',
  time: '10:00',
  timeZone: 'UTC',
  style: 'standard',
  cadence: 'weekly',
} as const;
