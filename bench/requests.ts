// The requests the write-path benchmarks send (bench/run.ts, bench/compare.ts), so both measure
// the same work: the bare insert, a new interaction through the API, and a survey answer.
import type { LoadRequest } from './load';

export interface Target {
  url: string;
  info: { key?: string; tokens?: string[] };
}

/** Links the confirm figures answer: more than a run sends, so every counted confirmation is a first answer. */
export const SURVEYS = Number(process.env.BENCH_SURVEYS ?? 120_000);

/** A typical NPS mix: 60% promoters, 20% passives, 20% detractors (who open follow-up tasks). */
const NPS_MIX = [10, 9, 10, 9, 8, 7, 9, 10, 3, 6];

export const baselineRequest = (s: Target) => (i: number): LoadRequest => ({
  url: `${s.url}/items`,
  method: 'POST',
  body: JSON.stringify({ n: i }),
  headers: { 'Content-Type': 'application/json' },
});

// External ids stay unique across every server of a run.
let sent = 0;
export const ingestRequest = (s: Target) => (): LoadRequest => {
  const i = sent++;
  return {
    url: `${s.url}/api/v1/interactions`,
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${s.info.key}` },
    body: JSON.stringify({
      externalId: `bench-${i}`,
      customer: { email: `customer${i}@bench.example`, locale: ['en', 'es', 'zh'][i % 3] },
      agent: { email: `agent${i % 50}@bench.example`, name: `Agent ${i % 50}` },
      team: `Team ${i % 5}`,
      channel: 'chat',
      survey: 'csat',
    }),
  };
};

/**
 * Confirmations walk the seeded links once, each a first answer, as nearly every real confirmation
 * is. A run that outlasts the links starts another pass, and each later confirmation of a link
 * changes its score (neighbouring entries of NPS_MIX differ), so it rewrites the answer, its index
 * entries and its rollup cells rather than finding nothing to do. The count runs on across rounds,
 * which each start their own numbering.
 */
export const confirmRequest = (s: Target) => {
  const tokens = s.info.tokens ?? [];
  let sentHere = 0;
  return (): LoadRequest => {
    const n = sentHere++;
    // n and n + tokens.length name the same link; each pass over the links moves one step along the mix.
    const pass = Math.floor(n / tokens.length);
    return {
      url: `${s.url}/s/${tokens[(n * 7919) % tokens.length]}/confirm`,
      method: 'POST',
      body: `score=${NPS_MIX[((n % tokens.length) + pass) % NPS_MIX.length]}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true' },
    };
  };
};
