import { describe, expect, it } from 'vitest';
import { parseRoster, RosterError } from '../../src/teams/parse-roster.js';

function problemsOf(fn: () => unknown): readonly { line: number; message: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof RosterError) return error.problems;
    throw error;
  }
  throw new Error('expected a RosterError');
}

describe('parseRoster (issue 12)', () => {
  it('reads CSV with optional columns, quoted fields and any header case; emails fold to lower case', () => {
    const csv = [
      'Email,Team,Manager,Cost_Centre',
      'Ana.Silva@Example.com,Payments,boss@example.com,CC-1',
      '"ben@example.com","Platform, Core",,',
      '',
      'chen@example.com,"Data ""Lake"""',
    ].join('\r\n');
    expect(parseRoster(csv, 'csv')).toEqual([
      { email: 'ana.silva@example.com', team: 'Payments', manager: 'boss@example.com', costCentre: 'CC-1' },
      { email: 'ben@example.com', team: 'Platform, Core', manager: null, costCentre: null },
      { email: 'chen@example.com', team: 'Data "Lake"', manager: null, costCentre: null },
    ]);
  });

  it('reports every CSV problem with its line, and imports nothing', () => {
    const csv = [
      'email,team',
      'ana@example.com,Payments',
      'not-an-email,Payments',
      '"multi',
      'line"@example.com,Platform',
      'ben@example.com,',
      'ana@example.com,payments',
      'chen@example.com,Data,extra',
    ].join('\n');
    expect(problemsOf(() => parseRoster(csv, 'csv'))).toEqual([
      { line: 3, message: 'email: expected an email address' },
      { line: 4, message: 'email: expected an email address' },
      { line: 6, message: 'team: expected a team name' },
      { line: 7, message: 'ana@example.com is listed in payments twice (first on line 2)' },
      { line: 8, message: '3 fields, the header has 2' },
    ]);
  });

  it('refuses a CSV without the required columns, naming them', () => {
    expect(problemsOf(() => parseRoster('mail,group\na@example.com,x\n', 'csv'))).toEqual([
      { line: 1, message: 'the header has no email column' },
      { line: 1, message: 'the header has no team column' },
    ]);
    expect(problemsOf(() => parseRoster('', 'csv'))[0]?.line).toBe(1);
  });

  it('reads JSON, accepting cost_centre spelt either way', () => {
    const json = JSON.stringify([
      { email: 'ana@example.com', team: 'Payments', costCentre: 'CC-1' },
      { email: 'BEN@example.com', team: 'Platform', manager: 'ana@example.com', cost_centre: 'CC-2' },
    ]);
    expect(parseRoster(json, 'json')).toEqual([
      { email: 'ana@example.com', team: 'Payments', manager: null, costCentre: 'CC-1' },
      { email: 'ben@example.com', team: 'Platform', manager: 'ana@example.com', costCentre: 'CC-2' },
    ]);
  });

  it('gives JSON problems the line where each bad entry starts', () => {
    const json = `[
  { "email": "ana@example.com", "team": "Payments" },
  {
    "email": "nope",
    "team": "Payments"
  },
  "just a string",
  { "email": "ben@example.com" }
]`;
    expect(problemsOf(() => parseRoster(json, 'json'))).toEqual([
      { line: 3, message: 'email: expected an email address' },
      { line: 7, message: 'expected an object {email, team, manager?, costCentre?}' },
      { line: 8, message: 'team: expected a team name' },
    ]);
    expect(problemsOf(() => parseRoster('{"email": "a@example.com"}', 'json'))).toEqual([
      { line: 1, message: 'expected a JSON array of {email, team, manager?, costCentre?}' },
    ]);
    expect(problemsOf(() => parseRoster('[\n{"email": "a@example.com",\n', 'json'))[0]).toMatchObject({
      message: 'not valid JSON',
    });
  });

  it('carries the config_invalid code and a message listing the lines', () => {
    try {
      parseRoster('email,team\nx,y\n', 'csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RosterError);
      expect((error as RosterError).code).toBe('config_invalid');
      expect((error as RosterError).message).toBe(
        'The roster has 1 problem:\nline 2: email: expected an email address',
      );
    }
  });
});
