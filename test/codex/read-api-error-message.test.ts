import { describe, expect, it } from 'vitest';
import { readApiErrorMessage } from '../../src/codex/read-api-error-message.js';

describe('readApiErrorMessage', () => {
  it('reads a FastAPI detail list, dropping the query/body prefix of loc', () => {
    const body = {
      detail: [{ loc: ['query', 'limit'], msg: 'must be between 1 and 30000', type: 'value_error' }],
    };
    expect(readApiErrorMessage(JSON.stringify(body))).toBe('limit: must be between 1 and 30000');
  });

  it('falls back from detail to error.message to message', () => {
    expect(readApiErrorMessage('{"detail":"window too old"}')).toBe('window too old');
    expect(readApiErrorMessage('{"error":{"message":"bad key"},"message":"ignored"}')).toBe('bad key');
    expect(readApiErrorMessage('{"message":"plain"}')).toBe('plain');
  });

  it('returns undefined for bodies without a message', () => {
    expect(readApiErrorMessage('<html>502</html>')).toBeUndefined();
    expect(readApiErrorMessage('{"detail":[]}')).toBeUndefined();
    expect(readApiErrorMessage('[]')).toBeUndefined();
  });
});
