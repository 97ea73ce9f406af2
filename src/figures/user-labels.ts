/**
 * How people are named in reports: the local part of their email when the workspace shares emails,
 * else a stable pseudonym `user-` + hex of a SHA-256 of the user_id. The pseudonym is a function of the
 * user_id alone (same person, same name, every week) and is only lengthened when two listed users
 * would otherwise share it.
 */
import { createHash } from 'node:crypto';

const PSEUDONYM_HEX = 4;

/** The part of an email before the last '@'; null when there is no usable local part. */
export function emailLocalPart(email: string | null): string | null {
  if (email === null) return null;
  const at = email.lastIndexOf('@');
  const local = (at < 0 ? email : email.slice(0, at)).trim();
  return local === '' ? null : local;
}

/** 64 hex characters identifying a user_id; deterministic across runs and machines. */
function userIdHash(userId: string): string {
  return createHash('sha256').update(userId).digest('hex');
}

/**
 * A label that orders users the same way their displayed labels do (pseudonyms by full hash), for
 * deterministic tie-breaking without first resolving collisions among everyone.
 */
export function sortLabel(userId: string, email: string | null): string {
  return emailLocalPart(email) ?? `user-${userIdHash(userId)}`;
}

/**
 * Display labels for the users listed together, in the same order. Pseudonyms start at 4 hex
 * characters; pseudonyms that collide are all extended two characters at a time until unique, so a
 * reader never sees two different people under one name.
 */
export function assignLabels(users: ReadonlyArray<{ userId: string; email: string | null }>): string[] {
  const labels = users.map((user) => emailLocalPart(user.email));
  let pending: Array<{ index: number; hash: string }> = [];
  users.forEach((user, index) => {
    if (labels[index] === null) pending.push({ index, hash: userIdHash(user.userId) });
  });
  for (let length = PSEUDONYM_HEX; pending.length > 0; length += 2) {
    const byPrefix = new Map<string, Array<{ index: number; hash: string }>>();
    for (const entry of pending) {
      const prefix = entry.hash.slice(0, length);
      const group = byPrefix.get(prefix);
      if (group === undefined) byPrefix.set(prefix, [entry]);
      else group.push(entry);
    }
    pending = [];
    for (const [prefix, group] of byPrefix) {
      // The same user_id listed twice, or a full-hash collision: nothing longer can separate them.
      const unique = group.length === 1 || length >= 64;
      if (unique) for (const entry of group) labels[entry.index] = `user-${prefix}`;
      else pending.push(...group);
    }
  }
  return labels.map((label) => label ?? '');
}
