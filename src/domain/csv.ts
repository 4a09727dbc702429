// CSV as spreadsheet tools and helpdesks write it (RFC 4180): fields separated by commas, quoted
// with double quotes when they hold commas, quotes or line breaks, quotes doubled inside quotes.

export interface CsvRecord {
  /** The physical line the record starts on, 1-based (the header is line 1). */
  line: number;
  fields: string[];
}

/** Records of a CSV text; a leading byte-order mark is ignored, CRLF and LF both end records. */
export function* parseCsv(text: string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            // An unterminated quote runs to the end of the text.
            value += text.slice(i);
            i = n;
            break;
          }
          value += text.slice(i, q);
          i = q + 1;
          if (text[i] === '"') {
            value += '"';
            i++;
          } else break;
        }
        line += countNewlines(value);
        // Anything between the closing quote and the next separator is kept, as spreadsheets do.
        const end = fieldEnd(text, i);
        value += text.slice(i, end);
        i = end;
      } else {
        const end = fieldEnd(text, i);
        value = text.slice(i, end);
        i = end;
      }
      fields.push(value);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    // Blank lines carry no record.
    if (!(fields.length === 1 && fields[0] === '')) yield { line: start, fields };
  }
}

/** Where an unquoted stretch starting at i ends: the next comma, line break or the end. */
function fieldEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const ch = text.charCodeAt(j);
    if (ch === 44 || ch === 10 || ch === 13) break; // , \n \r
    j++;
  }
  return j;
}

function countNewlines(s: string): number {
  let count = 0;
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '\n') count++;
    else if (s[k] === '\r' && s[k + 1] !== '\n') count++;
  }
  return count;
}

/**
 * Cells starting with these run as formulas when a spreadsheet opens the file; a leading apostrophe
 * makes the tool show them as text (OWASP's advice for CSV exports).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One field, quoted when needed; free text is defused against formula injection. */
export function csvField(value: string | number | null | undefined, opts: { text?: boolean } = {}): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  if (opts.text && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole record with its CRLF line end. */
export function csvRow(fields: readonly string[]): string {
  return `${fields.join(',')}\r\n`;
}

/** Prepended to an export so spreadsheet tools read it as UTF-8. */
export const UTF8_BOM = '\uFEFF';
