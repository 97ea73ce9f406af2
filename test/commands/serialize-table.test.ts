import { describe, expect, it } from 'vitest';
import { csvField, tableToCsv, tableToJson } from '../../commands/serialize-table.js';

describe('export serialisation', () => {
  it('quotes per RFC 4180: commas, quotes, CR and LF; quotes are doubled', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rhere')).toBe('"cr\rhere"');
  });

  it('guards text cells that a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil.example","x")')).toBe(
      '"\'=HYPERLINK(""http://evil.example"",""x"")"',
    );
    expect(csvField('+1+1')).toBe("'+1+1");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tcmd')).toBe("'\tcmd");
    expect(csvField('a=b')).toBe('a=b');
  });

  it('writes numbers as numbers (negative ones too) and unknown as empty', () => {
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField(0)).toBe('0');
    expect(csvField(null)).toBe('');
    expect(csvField(Number.NaN)).toBe('');
  });

  it('CSV: header row, CRLF records, short rows padded with empty cells', () => {
    const csv = tableToCsv({
      columns: ['day', 'user', 'credits'],
      rows: [['2026-11-17', '=evil', 4.5], ['x']],
    });
    expect(csv).toBe("day,user,credits\r\n2026-11-17,'=evil,4.5\r\nx,,\r\n");
    expect(tableToCsv({ columns: ['day'], rows: [] })).toBe('day\r\n');
  });

  it('JSON: an array of objects, nulls kept, and [] for no rows', () => {
    const json = tableToJson({
      columns: ['day', 'tokens'],
      rows: [
        ['2026-11-17', null],
        ['2026-11-18', 7],
      ],
    });
    expect(JSON.parse(json)).toEqual([
      { day: '2026-11-17', tokens: null },
      { day: '2026-11-18', tokens: 7 },
    ]);
    expect(tableToJson({ columns: ['day'], rows: [] })).toBe('[]\n');
  });
});
