// What one score digest costs: reading its numbers and drawing its two PNG charts, beside loading
// the dashboard overview for the same person and week, measured in the same run over the demo data
// (about 20,000 interactions). Rounds interleave the two; medians and ranges are printed.
//   npm run bench:digest     (BENCH_DIGEST_ROUNDS, default 7)
import { readParams } from '../src/domain/dashParams';
import { drawDistribution, drawTrend } from '../src/domain/chartRaster';
import { encodePng } from '../src/domain/png';
import { dayNumber } from '../src/domain/timeZone';
import { digestPeriod } from '../src/domain/digest';
import { isoDate } from '../src/domain/period';
import { composeScoreDigestEmail } from '../src/mail/scoreDigestEmail';
import { getOverviewPage } from '../src/services/dashboard/pages';
import { findRecipients } from '../src/services/digest/send';
import { getScoreDigest } from '../src/services/digest/report';
import { recordHistory } from '../src/services/import';
import { analyseComments } from '../src/services/insight/analyseComments';
import { resolveSession } from '../src/services/sessions';
import { demoRows } from '../scripts/demo';
import { createTestUser, sessionFor } from '../test/helpers/auth';
import { makeTestDeps } from '../test/helpers/deps';

const ROUNDS = Number(process.env.BENCH_DIGEST_ROUNDS ?? 7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

async function time(f: () => Promise<unknown>, times = 5): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < times; i++) await f();
  return (performance.now() - start) / times;
}

const now = Date.now();
const deps = makeTestDeps({ now });
const rows = demoRows(now);
for (let i = 0; i < rows.length; i += 2000) await recordHistory(deps, rows.slice(i, i + 2000));
while ((await analyseComments(deps)).analysed > 0);
const { id } = await createTestUser(deps, { role: 'manager', allTeams: true });
const user = (await resolveSession(deps, (await sessionFor(deps, id)).token))!.user;
const [recipient] = await findRecipients(deps, id);
const week = digestPeriod('weekly', dayNumber(now, deps.config.timeZone));
const params = readParams({ from: isoDate(week.from), to: isoDate(week.to) });

const digest = await getScoreDigest(deps, recipient!, 'weekly', week, now);
const charts = async () => {
  const trend = drawTrend({ points: digest.trend.points.map((p) => ({ ...p.result })), min: 60, max: 90, width: 526, height: 140, scale: 2 });
  const bars = drawDistribution({ bars: digest.overview.distribution.map((b) => ({ count: b.count, tone: 'mid' as const })), width: 526, height: 96, scale: 2 });
  return [await encodePng(trend), await encodePng(bars)];
};
const sizes = (await charts()).map((p) => p.length);

const results = { overview: [] as number[], digest: [] as number[], charts: [] as number[] };
for (let r = 0; r < ROUNDS; r++) {
  results.overview.push(await time(() => getOverviewPage(deps, user, params, { team: true, agent: true })));
  results.digest.push(await time(async () => composeScoreDigestEmail(await getScoreDigest(deps, recipient!, 'weekly', week, now), 'en', deps.config.minSample)));
  results.charts.push(await time(charts));
}
const base = median(results.overview);
console.log(`score digest, ${rows.length} interactions, ${ROUNDS} interleaved rounds (ms per call, median and range):`);
console.log(`  baseline: dashboard overview page data  ${base.toFixed(1)} ms  (${range(results.overview)})`);
console.log(`  whole digest: numbers + charts + email  ${median(results.digest).toFixed(1)} ms  (${range(results.digest)})  ${(median(results.digest) / base).toFixed(2)}× the overview`);
console.log(`  the two charts: draw + PNG encode       ${median(results.charts).toFixed(1)} ms  (${range(results.charts)})  ${(median(results.charts) / base).toFixed(2)}× the overview`);
console.log(`  PNG sizes: trend ${sizes[0]} bytes, distribution ${sizes[1]} bytes (1052 px wide, shown at 526)`);
deps.close();
