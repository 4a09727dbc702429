// The command line's reading thread: a large history file is read, parsed and checked here, on the
// second core, while the main thread only writes (src/entry/importFile.ts). Rows go over in
// checked pieces, at most a few ahead of the writer, so memory stays flat whatever the file's size.
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { presetNamed } from '../domain/import/presets';
import type { Mapping } from '../domain/import/fields';
import type { SourceRecord } from '../domain/import/sources';
import { err, ok, type Result } from '../domain/result';
import { checkPlanned, type Plan } from '../services/importer/run';
import { readRecords, type FileStart } from '../services/importer/stream';
import { packChecks, type PackedChecks } from './checkedRows';

/** Pieces sent and not yet written past which reading waits. */
const AHEAD = 3;

export interface ReaderData {
  path: string;
  pieceBytes: number;
}

/** What the reading thread sends: the first records (for the plan), checked pieces, the end. */
export type FromReader =
  | { type: 'start'; start: FileStart; bytes: number }
  | { type: 'checked'; lines: Float64Array; checks: PackedChecks; bytes: number }
  | { type: 'done'; result: Result<number, string> };

/** What the writer answers: the plan (or none: stop), and each piece written. */
export type ToReader = { type: 'plan'; preset: string; mapping: Mapping; now: number; timeZone: string } | { type: 'stop' } | { type: 'written' };

async function main(port: NonNullable<typeof parentPort>, data: ReaderData): Promise<void> {
  let bytes = 0;
  let ahead = 0;
  let wake: (() => void) | null = null;
  let planned: ((plan: Extract<ToReader, { type: 'plan' | 'stop' }>) => void) | null = null;
  port.on('message', (m: ToReader) => {
    if (m.type === 'written') {
      ahead--;
      wake?.();
    } else planned?.(m);
  });
  const send = (m: FromReader) => port.postMessage(m);
  async function* text() {
    const decoder = new TextDecoder('utf-8');
    for await (const chunk of createReadStream(data.path, { highWaterMark: data.pieceBytes })) {
      bytes += (chunk as Buffer).length;
      yield decoder.decode(chunk as Buffer, { stream: true });
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  }
  let check: (records: SourceRecord[]) => Promise<void> = async () => {};
  const result = await readRecords(text(), {
    start: async (start, held) => {
      const answer = new Promise<Extract<ToReader, { type: 'plan' | 'stop' }>>((resolve) => (planned = resolve));
      send({ type: 'start', start, bytes });
      const m = await answer;
      // The writer refused the plan and reports why itself.
      if (m.type === 'stop') return err('stopped');
      const plan: Plan = { preset: presetNamed(m.preset)!, mapping: m.mapping };
      check = async (records) => {
        while (ahead >= AHEAD) await new Promise<void>((resolve) => (wake = resolve));
        const checks = packChecks(records.map((r) => checkPlanned(plan, r, m.now, m.timeZone)));
        ahead++;
        send({ type: 'checked', lines: Float64Array.from(records, (r) => r.line), checks, bytes });
      };
      await check(held);
      return ok(true);
    },
    take: (records) => check(records),
  });
  send({ type: 'done', result });
}

if (parentPort) await main(parentPort, workerData as ReaderData);
