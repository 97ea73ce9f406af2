import { describe, expect, it } from 'vitest';
import { assignLabels, emailLocalPart } from '../../src/figures/user-labels.js';

describe('user labels', () => {
  it('takes the local part of an email', () => {
    expect(emailLocalPart('dev.one@example.com')).toBe('dev.one');
    expect(emailLocalPart('"a@b"@example.com')).toBe('"a@b"');
    expect(emailLocalPart('@example.com')).toBeNull();
    expect(emailLocalPart(null)).toBeNull();
  });

  it('extends pseudonyms that collide, and only those', () => {
    // sha256('user-185') = ba3d3b46…, sha256('user-765') = ba3de819…: same first 4 hex characters.
    const labels = assignLabels([
      { userId: 'user-185', email: null },
      { userId: 'user-765', email: null },
      { userId: 'carol', email: null },
      { userId: 'x', email: 'x@example.com' },
    ]);
    expect(labels).toEqual(['user-ba3d3b', 'user-ba3de8', 'user-4c26', 'x']);
    // sha256('user-7268') = 30f3703d…, sha256('user-9383') = 30f370d9…: 6 characters are not enough.
    expect(
      assignLabels([
        { userId: 'user-7268', email: null },
        { userId: 'user-9383', email: null },
      ]),
    ).toEqual(['user-30f3703d', 'user-30f370d9']);
  });
});
