// Does a large import from Admin → Import keep the dashboards answering? A real listening server
// (its dispatcher runs every second, which is what writes a confirmed import's chunks) takes an
// import job of BENCH_STALL_ROWS rows while a client asks for `GET /api/v1/metrics` every 20 ms.
// Reports the request latencies before the import, during it and after it (the same data with
// nothing running: the same run's baseline); the longest one during it is the longest stall a
// dashboard sees.
//   npx tsx bench/importStall.ts        (`npm run bench` calls benchImportStall())
import { mkdtempSync, rmSync, createReadStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { parseConfig } from '../src/config';
import { startServer } from '../src/entry/node';
import { createApiKey } from '../src/services/apiKeys';
import { confirmImportJob, createImportJob, getImportJob } from '../src/services/importer/jobs';
import { writeHistoryFile } from './import';

const ROWS = Number(process.env.BENCH_STALL_ROWS ?? 100_000);
const EVERY_MS = 20;

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

export async function benchImportStall(rows = ROWS): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'heard-stall-bench-'));
  const parsed = parseConfig({ DATABASE_PATH: join(dir, 'heard.db'), PORT: '0', DISPATCH_INTERVAL_SECONDS: '1', TIME_ZONE: 'Europe/Berlin' }, 'bench-secret-'.padEnd(40, 'x'));
  if (!parsed.ok) throw new Error(parsed.error);
  const server = await startServer(parsed.value, { hostname: '127.0.0.1' });
  try {
    const deps = server.deps;
    const file = join(dir, 'history.csv');
    await writeHistoryFile(file, rows);
    const { key } = await createApiKey(deps, 'bench');
    const metrics = `${server.url}/api/v1/metrics?preset=all&groupBy=team`;
    const ask = async () => {
      const t = performance.now();
      const res = await fetch(metrics, { headers: { authorization: `Bearer ${key}` } });
      if (!res.ok) throw new Error(`metrics answered ${res.status}`);
      await res.arrayBuffer();
      return performance.now() - t;
    };
    // Asks every EVERY_MS until `until` resolves; returns each request's latency.
    const probe = async (until: Promise<unknown>) => {
      let done = false;
      void until.finally(() => (done = true));
      const latencies: number[] = [];
      while (!done) {
        latencies.push(await ask());
        await new Promise((r) => setTimeout(r, EVERY_MS));
      }
      return latencies;
    };
    const text = (Readable.toWeb(createReadStream(file, { highWaterMark: 1 << 20 })) as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>);
    const created = await createImportJob(deps, { name: 'history.csv', text }, null);
    if (!created.ok) throw new Error(created.error);
    const before = await probe(new Promise((r) => setTimeout(r, 3_000)));

    const started = performance.now();
    const confirmed = await confirmImportJob(deps, created.value);
    if (!confirmed.ok) throw new Error(confirmed.error);
    const finished = (async () => {
      for (;;) {
        const job = (await getImportJob(deps, created.value.id))!;
        if (job.status !== 'queued' && job.status !== 'running') return job;
        await new Promise((r) => setTimeout(r, 500));
      }
    })();
    const during = await probe(finished);
    const job = await finished;
    const seconds = (performance.now() - started) / 1000;
    if (job.status !== 'done' || job.report.imported !== rows) throw new Error(`import job ended ${job.status}: ${JSON.stringify(job.report).slice(0, 300)}`);
    const line = (label: string, xs: number[]) =>
      console.log(`${label.padEnd(36)} ${String(xs.length).padStart(6)} requests   median ${pct(xs, 0.5).toFixed(0).padStart(5)} ms   p99 ${pct(xs, 0.99).toFixed(0).padStart(5)} ms   longest ${Math.max(...xs).toFixed(0).padStart(5)} ms`);
    console.log(`\nImport from Admin → Import: ${rows.toLocaleString('en-US')} rows written by the dispatcher in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s), GET /api/v1/metrics every ${EVERY_MS} ms`);
    const after = await probe(new Promise((r) => setTimeout(r, 3_000)));
    line('before the import (empty database)', before);
    line('while the import runs', during);
    line('after it (same data, nothing running)', after);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchImportStall();
