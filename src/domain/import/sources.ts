// Source files read piece by piece, so a file of any size needs only one piece and one record
// in memory: a CSV with a header, or Delighted's survey responses as JSON (one array, or the
// API's pages one after another). Each record is a flat object of column → text.
import { parseCsv } from '../csv';

export type SourceFormat = 'csv' | 'json';
export interface SourceRecord {
  /** The line the record starts on (CSV) or its position in the file (JSON), 1-based. */
  line: number;
  values: Record<string, string>;
}

/** A record longer than this is refused rather than buffered without end. */
export const MAX_RECORD_CHARS = 1_000_000;

export class SourceError extends Error {}

export interface SourceReader {
  /** Records completed by this piece of text. */
  push(text: string): SourceRecord[];
  /** Records left at the end of the file. */
  end(): SourceRecord[];
  /** The header (CSV) or the columns seen so far (JSON). */
  columns(): string[];
}

export function detectFormat(start: string): SourceFormat {
  const first = start.replace(/^\uFEFF/, '').trimStart()[0];
  return first === '[' || first === '{' ? 'json' : 'csv';
}

export const readerFor = (format: SourceFormat): SourceReader => (format === 'json' ? new JsonReader() : new CsvReader());

class CsvReader implements SourceReader {
  private pending = '';
  private scanned = 0;
  private inQuotes = false;
  private lineBase = 0;
  private header: string[] | null = null;

  columns() {
    return this.header ?? [];
  }

  push(text: string): SourceRecord[] {
    this.pending += text;
    // Cut after the last line break outside quotes; the rest waits for the next piece.
    let cut = -1;
    const s = this.pending;
    for (let i = this.scanned; i < s.length; i++) {
      const ch = s.charCodeAt(i);
      if (ch === 34) this.inQuotes = !this.inQuotes;
      else if (ch === 10 && !this.inQuotes) cut = i + 1;
    }
    this.scanned = s.length;
    if (cut === -1) {
      if (s.length > MAX_RECORD_CHARS) throw new SourceError(`a record after line ${this.lineBase} is longer than ${MAX_RECORD_CHARS} characters`);
      return [];
    }
    const head = s.slice(0, cut);
    this.pending = s.slice(cut);
    this.scanned = this.pending.length;
    return this.records(head);
  }

  end(): SourceRecord[] {
    const rest = this.pending;
    this.pending = '';
    return rest ? this.records(rest) : [];
  }

  private records(text: string): SourceRecord[] {
    const out: SourceRecord[] = [];
    for (const r of parseCsv(text)) {
      const line = this.lineBase + r.line;
      if (!this.header) {
        this.header = r.fields.map((f, i) => f.trim() || `column ${i + 1}`);
        continue;
      }
      const values: Record<string, string> = {};
      const h = this.header;
      for (let i = 0; i < h.length; i++) values[h[i]!] = r.fields[i] ?? '';
      out.push({ line, values });
    }
    let lines = 0;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
    this.lineBase += lines;
    return out;
  }
}

/** Splits a stream of JSON arrays (or bare objects) into its top-level objects. */
class JsonReader implements SourceReader {
  private pending = '';
  private scanned = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private start = -1;
  private count = 0;
  private seen = new Set<string>();

  columns() {
    return [...this.seen];
  }

  push(text: string): SourceRecord[] {
    this.pending += text;
    const out: SourceRecord[] = [];
    const s = this.pending;
    let keepFrom = s.length;
    for (let i = this.scanned; i < s.length; i++) {
      const ch = s[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (ch === '\\') this.escaped = true;
        else if (ch === '"') this.inString = false;
        continue;
      }
      if (ch === '"') this.inString = true;
      else if (ch === '{' || ch === '[') {
        if (ch === '{' && this.start === -1 && this.depth <= 1) this.start = i;
        this.depth++;
      } else if (ch === '}' || ch === ']') {
        this.depth--;
        if (this.depth < 0) throw new SourceError('the JSON has a closing bracket without an opening one');
        if (ch === '}' && this.start !== -1 && this.depth <= 1) {
          out.push(this.record(s.slice(this.start, i + 1)));
          this.start = -1;
        }
      } else if (this.depth === 0 && !/\s|,/.test(ch) && ch !== '\uFEFF') {
        throw new SourceError('the file is neither CSV nor an array of survey responses in JSON');
      }
    }
    if (this.start !== -1) keepFrom = this.start;
    const rest = s.slice(keepFrom);
    if (this.start !== -1) this.start = 0;
    this.pending = rest;
    this.scanned = rest.length;
    if (rest.length > MAX_RECORD_CHARS) throw new SourceError(`response ${this.count + 1} is longer than ${MAX_RECORD_CHARS} characters`);
    return out;
  }

  end(): SourceRecord[] {
    if (this.start !== -1 || this.depth !== 0 || this.inString) throw new SourceError('the JSON ends in the middle of a response');
    return [];
  }

  private record(text: string): SourceRecord {
    this.count++;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new SourceError(`response ${this.count} is not valid JSON`);
    }
    const values = flattenResponse(parsed as Record<string, unknown>);
    for (const k of Object.keys(values)) if (this.seen.size < 500) this.seen.add(k);
    return { line: this.count, values };
  }
}

const text = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

/** An answer to one of Delighted's additional questions, as text. */
function answerText(value: unknown): string {
  const v = (value ?? {}) as Record<string, unknown>;
  const choice = (c: unknown) => text((c as { text?: unknown } | null)?.text);
  if (Array.isArray(v.select_many)) return v.select_many.map(choice).join(', ');
  if (v.select_one) return choice(v.select_one);
  return text(v.free_response ?? v.scale);
}

/**
 * A Delighted response (with `expand[]=person`) as flat columns: `person.email`,
 * `person_properties.<name>`, tags joined by commas, each additional answer under its question.
 */
export function flattenResponse(o: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const put = (prefix: string, v: unknown) => {
    if (Array.isArray(v)) out[prefix] = v.every((x) => typeof x !== 'object' || x === null) ? v.map(text).join(', ') : JSON.stringify(v);
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) put(`${prefix}.${k}`, x);
    else out[prefix] = text(v);
  };
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return out;
  for (const [k, v] of Object.entries(o)) {
    if (k === 'additional_answers' && Array.isArray(v)) {
      for (const a of v as Array<Record<string, unknown>>) {
        const q = (a?.question ?? {}) as Record<string, unknown>;
        out[`additional_answers.${text(q.text ?? q.id).slice(0, 100)}`] = answerText(a?.value);
      }
    } else if (k === 'notes') continue;
    else put(k, v);
  }
  return out;
}
