/**
 * The formats a digest comes in: `standard` names the heaviest users, `leadership` is aggregate only.
 * Stored per subscription, chosen in `/codex digest subscribe`, read by the digest builder.
 */
export const digestStyles = ['standard', 'leadership'] as const;
export type DigestStyle = (typeof digestStyles)[number];
