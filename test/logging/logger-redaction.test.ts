import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';

/** What Slack's users.info answers, as WebClient's debug logging would hand it to us. */
const usersInfoResult = {
  ok: true,
  user: {
    id: 'U0ALICE001',
    name: 'alice',
    real_name: 'Alice Liddell',
    tz: 'Europe/Paris',
    profile: {
      real_name: 'Alice Liddell',
      real_name_normalized: 'Alice Liddell',
      display_name: 'alice.l',
      email: 'alice.liddell@wonderland.example',
      fields: [{ label: 'Backup', value: 'second.alice@mirror.example' }],
    },
  },
  response_metadata: { scopes: ['users:read'] },
};

const personal = [
  'alice.liddell@wonderland.example',
  'second.alice@mirror.example',
  'Alice Liddell',
  'alice.l',
  'xoxb-1234-5678-abcdEFGH',
  'xoxp-9876-5432-zyxw',
  'xapp-1-A0-123-abc',
  'xoxe.xoxp-1-Mi0yLTEy',
  'sk-live-4f9a8b7c6d5e',
];

describe('the logger redacts personal data and secrets at every level', () => {
  it('drops emails and profile names from a users.info result, whatever the nesting', () => {
    const log = createMemoryLogger('debug');
    log.debug('http request result', { result: usersInfoResult });
    log.info({ deep: [{ a: { b: [{ email: 'alice.liddell@wonderland.example' }] } }] });
    const out = JSON.stringify(log.lines);
    for (const secret of personal.slice(0, 4)) expect(out).not.toContain(secret);
    // What is not personal stays readable.
    expect(out).toContain('U0ALICE001');
    expect(out).toContain('Europe/Paris');
    expect(out).toContain('users:read');
  });

  it('redacts emails, Slack tokens and bearer keys inside plain strings, as Bolt and WebClient log them', () => {
    const log = createMemoryLogger('debug');
    log.debug(`http request result: ${JSON.stringify(usersInfoResult)}`);
    log.warn('calling users.lookupByEmail for alice.liddell@wonderland.example');
    log.error('token xoxb-1234-5678-abcdEFGH rejected; user token xoxp-9876-5432-zyxw');
    log.info('socket mode with xapp-1-A0-123-abc, refreshed xoxe.xoxp-1-Mi0yLTEy');
    log.debug('Authorization: Bearer sk-live-4f9a8b7c6d5e');
    log.debug('http request body: token=opaque123&user=U0ALICE001&email=alice%40wonderland.example');
    log.info('headers', { headers: { Authorization: 'Bearer sk-live-4f9a8b7c6d5e' }, token: 'opaque123' });
    const out = JSON.stringify(log.lines);
    for (const secret of [...personal, 'opaque123']) expect(out).not.toContain(secret);
    expect(out).toContain('calling users.lookupByEmail for');
    expect(out).not.toContain('alice%40wonderland');
    expect(out).toContain('user=U0ALICE001');
    expect(out).toContain('[redacted');
  });

  it('redacts error messages and plain fields too, and survives cycles', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', write: (line) => lines.push(line) });
    const cyclic: Record<string, unknown> = { email: 'alice.liddell@wonderland.example' };
    cyclic.self = cyclic;
    log.error('lookup failed', new Error('no user alice.liddell@wonderland.example'), { cyclic });
    log.info('user', 'alice.liddell@wonderland.example', { display_name: 'alice.l' });
    const out = lines.join('\n');
    expect(out).not.toContain('alice.liddell@wonderland.example');
    expect(out).not.toContain('alice.l"');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ level: 'error', err: 'Error' });
  });
});
