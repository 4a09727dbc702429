// What alerts cost: the marker every answer's write now carries, and checking a marked answer
// against the rules in runDueWork, each set against a survey confirmation's server time measured
// in the same rounds (interleaved, medians), so a busy machine weighs on all figures alike.
//   npx tsx bench/alerts.ts
import { pathToFileURL } from 'node:url';
import { surveyRequests } from '../src/db/schema';
import { armAlertCheck, checkAlerts } from '../src/services/alerts/checks';
import { createAlertRule } from '../src/services/alerts/rules';
import type { SessionUser } from '../src/domain/access';
import { makeTestApp } from '../test/helpers/deps';
import { deliveredSurvey } from '../test/helpers/survey';

const ROUNDS = Number(process.env.BENCH_ALERT_ROUNDS ?? 7);
const ANSWERS = 200;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;

export async function benchAlerts(): Promise<void> {
  const { deps, app } = await makeTestApp();
  const admin: SessionUser = { id: 'bench', email: 'b@bench.example', name: null, role: 'admin', allTeams: true, teamIds: [], agentId: null };
  const email = { kind: 'email' as const, to: ['leads@bench.example'] };
  for (const [name, condition] of [
    ['CSAT low', { kind: 'score', survey: 'csat', atMost: 2 }],
    ['NPS detractors', { kind: 'score', survey: 'nps', atMost: 6 }],
    ['VIP', { kind: 'tag', tag: 'vip' }],
    ['Angry', { kind: 'sentiment', highSeverityOnly: false }],
    ['Refunds', { kind: 'theme', themeId: null, keywords: ['refund', 'reembolso'] }],
  ] as const) {
    await createAlertRule(deps, admin, { name, teamId: null, condition, destination: email });
  }
  const tokens: string[] = [];
  for (let i = 0; i < ANSWERS; i++) {
    const { links } = await deliveredSurvey(deps, { survey: 'csat', customer: { email: `c${i}@bench.example`, locale: 'en' } });
    tokens.push(links.scores.get(5)!.split('?')[0]!.split('/s/')[1]!);
  }
  const requestIds = (await deps.db.select({ id: surveyRequests.id }).from(surveyRequests)).map((r) => r.id);

  let confirms = 0;
  const confirm = async () => {
    const res = await app.request(`/s/${tokens[confirms++ % tokens.length]}/confirm`, {
      method: 'POST',
      body: `score=${4 + (confirms % 2)}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'HX-Request': 'true', 'CF-Connecting-IP': '203.0.113.7' },
    });
    if (res.status !== 200) throw new Error(`confirm answered ${res.status}`);
  };
  /** Every answer marked and due, as after a busy minute. */
  const armAll = async () => deps.atomic(requestIds.map((requestId) => armAlertCheck(deps, { requestId, at: deps.clock() - 1, explicit: true })));

  const samples = { confirm: [] as number[], arm: [] as number[], check: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    let start = performance.now();
    for (let i = 0; i < ANSWERS; i++) await confirm();
    samples.confirm.push(((performance.now() - start) * 1000) / ANSWERS);
    // The marker alone, many to one write so the commit is shared as in an answer's write.
    start = performance.now();
    await armAll();
    samples.arm.push(((performance.now() - start) * 1000) / requestIds.length);
    start = performance.now();
    const report = await checkAlerts(deps, deps.clock());
    samples.check.push(((performance.now() - start) * 1000) / report.checked);
    if (report.checked !== requestIds.length) throw new Error(`checked ${report.checked} of ${requestIds.length}`);
  }
  const ratio = (xs: number[]) => median(xs.map((x, i) => x / samples.confirm[i]!));
  console.log(`Alerts, ${ROUNDS} interleaved rounds, ${ANSWERS} answers, 5 rules (medians; ranges across rounds)`);
  console.log(`  confirmation request (baseline): ${median(samples.confirm).toFixed(0)} µs (${range(samples.confirm)})`);
  console.log(`  alert marker in the answer's write: ${median(samples.arm).toFixed(1)} µs (${range(samples.arm)}), ${(ratio(samples.arm) * 100).toFixed(1)}% of a confirmation`);
  console.log(`  checking one answer against 5 rules: ${median(samples.check).toFixed(0)} µs (${range(samples.check)}), ${ratio(samples.check).toFixed(2)}× a confirmation`);
  deps.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchAlerts();
