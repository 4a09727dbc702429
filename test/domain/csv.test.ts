import { describe, expect, it } from 'vitest';
import { csvField, csvRow, parseCsv } from '../../src/domain/csv';

const records = (text: string) => [...parseCsv(text)].map((r) => [r.line, ...r.fields]);

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks', () => {
    expect(records('a,b\r\n"x, y","say ""hi"""\n"two\nlines",z\n')).toEqual([
      [1, 'a', 'b'],
      [2, 'x, y', 'say "hi"'],
      [3, 'two\nlines', 'z'],
    ]);
  });

  it('skips a byte-order mark and blank lines, and keeps empty fields', () => {
    expect(records('\uFEFFa,b\n\n1,\n,2')).toEqual([
      [1, 'a', 'b'],
      [3, '1', ''],
      [4, '', '2'],
    ]);
  });

  it('reads a last record without a line end, and an unterminated quote to the end', () => {
    expect(records('a\n"open')).toEqual([
      [1, 'a'],
      [2, 'open'],
    ]);
  });
});

describe('csvField', () => {
  it('quotes only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(7)).toBe('7');
  });

  it('keeps free text from running as a spreadsheet formula', () => {
    expect(csvField('=HYPERLINK("x")', { text: true })).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-5 stars', { text: true })).toBe("'-5 stars");
    expect(csvField('-5', {})).toBe('-5');
  });

  it('round-trips through the parser', () => {
    const values = ['María, "la" jefa', '客服很耐心', 'line\r\nbreak', ''];
    const [parsed] = [...parseCsv(csvRow(values.map((v) => csvField(v))))];
    expect(parsed!.fields).toEqual(values);
  });
});
