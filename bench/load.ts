// A small closed-loop load generator: `concurrency` keep-alive clients send requests back to back
// for a fixed time and we count completed requests. Every figure uses it, so ratios compare like
// with like. node:http rather than fetch: Node 20's fetch costs more per request than the servers
// being measured.
import http from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  /** Latency percentiles of completed requests, in ms. */
  p50: number;
  p99: number;
}

export interface LoadRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

function send(agent: http.Agent, r: LoadRequest): Promise<number> {
  const url = new URL(r.url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: r.method ?? 'GET', headers: r.headers, agent },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(r.body);
  });
}

export async function load(
  makeRequest: (i: number) => LoadRequest,
  opts: { seconds: number; concurrency: number; expectStatus: number[] },
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  let next = 0;
  let requests = 0;
  let errors = 0;
  const latencies: number[] = [];
  const started = performance.now();
  const deadline = started + opts.seconds * 1000;
  async function client() {
    while (performance.now() < deadline) {
      try {
        const t = performance.now();
        const status = await send(agent, makeRequest(next++));
        latencies.push(performance.now() - t);
        if (opts.expectStatus.includes(status)) requests++;
        else errors++;
      } catch {
        errors++;
      }
    }
  }
  await Promise.all(Array.from({ length: opts.concurrency }, client));
  agent.destroy();
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests, errors, seconds, perSecond: requests / seconds, p50: pct(0.5), p99: pct(0.99) };
}
