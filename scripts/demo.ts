// `npm run demo`: fills the database at DATABASE_PATH with six months of made-up but lifelike
// history, so a new install shows living dashboards at once: four teams, thirty agents of
// different skill, about 20,000 closed interactions with surveys, answers in English, Spanish and
// Chinese, and the occasional unhappy customer, with follow-up tasks in every state (scripts/demoFollowups.ts).
// Running it again adds nothing (same external ids).
import { pathToFileURL } from 'node:url';
import { openSqlite } from '../src/db/sqlite';
import type { Channel } from '../src/db/schema';
import { loadConfig, buildNodeDeps } from '../src/entry/node';
import { DAY_MS } from '../src/domain/timeZone';
import { NPS_DETRACTOR_MAX } from '../src/domain/scores';
import { SCALES, type SurveyKind } from '../src/domain/surveys';
import { ensureRollups } from '../src/services/dashboard/rollups';
import { recordHistory, timeOrderedIds, type HistoryRow } from '../src/services/import';
import { writeDemoFollowups } from './demoFollowups';
import { writeDemoChurn } from './demoChurn';
import { refreshAllCustomers } from '../src/services/customers/refresh';
import { pickFrom, pickWeighted, rng } from './random';

const INTERACTIONS = 20_000;
const DAYS = 182;
const BATCH = 1000;

const TEAMS = ['Tier 1', 'Tier 2', 'Billing', 'Onboarding'];
const AGENT_NAMES = [
  'Ana García', 'Ben Carter', 'Chen Wei', 'Diana Okafor', 'Elif Yılmaz', 'Farid Haddad', 'Grace Liu', 'Hugo Martin',
  'Isabel Rojas', 'Jonas Berg', 'Keiko Tanaka', 'Liam O’Brien', 'María López', 'Nikhil Rao', 'Olivia Brown', 'Pablo Ruiz',
  'Qian Hui', 'Rosa Méndez', 'Samuel Adeyemi', 'Tomás Silva', 'Uma Patel', 'Víctor Castro', 'Wang Fang', 'Ximena Torres',
  'Yusuf Demir', 'Zoe Fischer', 'Lucía Fernández', 'Zhang Lei', 'Emma Novak', 'Daniel Kim',
];
const CHANNELS: Array<[Channel, number]> = [['email', 0.38], ['chat', 0.32], ['phone', 0.16], ['messaging', 0.08], ['social', 0.06]];
const KINDS: Array<[SurveyKind, number]> = [['csat', 0.6], ['nps', 0.25], ['ces', 0.15]];
const TAGS = ['billing', 'refund', 'shipping', 'login', 'bug', 'account', 'vip', 'cancellation'];
const LOCALES: Array<['en' | 'es' | 'zh', number]> = [['en', 0.6], ['es', 0.25], ['zh', 0.15]];

// What customers write, by language and mood (low, middling, high).
const COMMENTS: Record<'en' | 'es' | 'zh', Record<'low' | 'mid' | 'high', string[]>> = {
  en: {
    high: [
      'Sorted out in minutes, thank you!',
      'Really patient and clear, I finally understand the settings.',
      'Fast answer and it actually fixed the problem.',
      'Friendly and knew exactly what to do.',
      'Best support chat I have had in a long time.',
      'Followed up the next day without me asking. Impressed.',
    ],
    mid: [
      'Fine in the end, but I had to explain it twice.',
      'Got there, though it took longer than I expected.',
      'Helpful, but the first answer was a copy-paste.',
      'OK. The fix works but I still do not know why it broke.',
    ],
    low: [
      'Waited three days for a reply and the issue is still there.',
      'I was passed between four people and nobody owned it.',
      'The agent closed the ticket before anything was fixed.',
      'Still charged twice. Nobody has called me back.',
      'Felt like talking to a script, not a person.',
    ],
  },
  es: {
    high: [
      '¡Me lo resolvieron en un momento, gracias!',
      'Muy amable y con mucha paciencia, todo claro.',
      'Respuesta rápida y el problema quedó solucionado.',
      'Excelente atención, se nota que conocen el producto.',
    ],
    mid: [
      'Al final se arregló, pero tardaron bastante.',
      'Correcto, aunque tuve que repetir mis datos dos veces.',
      'Bien, pero la primera respuesta no tenía nada que ver.',
    ],
    low: [
      'Llevo una semana esperando y nadie me da una solución.',
      'Me cerraron la consulta sin resolver nada.',
      'Me cobraron de más y todavía no me han devuelto el dinero.',
      'Nadie sabía qué hacer, me pasaron de un lado a otro.',
    ],
  },
  zh: {
    high: ['问题很快就解决了，非常感谢！', '客服很耐心，解释得很清楚。', '回复及时，态度也很好。', '专业又友好，体验很棒。'],
    mid: ['最后解决了，但是等了比较久。', '还可以，不过同样的问题我说了两遍。', '基本满意，第一次的回答不太对。'],
    low: ['等了三天都没有人回复，问题还在。', '工单还没解决就被关闭了。', '被转了好几个人，没有人负责。', '重复扣款到现在还没退。'],
  },
};

export function demoRows(now: number, seed = 2026): HistoryRow[] {
  const random = rng(seed);
  const pick = <T>(weighted: Array<[T, number]>): T => pickWeighted(random, weighted);
  const agents = AGENT_NAMES.map((name, i) => ({
    name,
    email: `${name.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').trim().replace(/\s+/g, '.')}@support.example`,
    team: TEAMS[i % TEAMS.length]!,
    // Most agents are good, a few excellent, a couple struggling.
    skill: i % 11 === 3 ? -0.2 : i % 7 === 0 ? 0.06 : (random() - 0.5) * 0.12,
  }));
  const customers = Array.from({ length: 6000 }, (_, i) => ({ email: `customer${i}@example.com`, locale: pick(LOCALES) }));
  const start = now - DAYS * DAY_MS;
  const rows: HistoryRow[] = [];
  for (let i = 0; i < INTERACTIONS; i++) {
    // Fewer contacts at weekends.
    let closedAt = start + random() * (DAYS * DAY_MS - 3 * 3_600_000);
    const weekday = new Date(closedAt).getUTCDay();
    if ((weekday === 0 || weekday === 6) && random() < 0.6) closedAt = start + random() * (DAYS * DAY_MS - 3 * 3_600_000);
    closedAt = Math.floor(closedAt);
    const agent = agents[Math.floor(random() * agents.length)]!;
    const customer = customers[Math.floor(random() ** 1.3 * customers.length)]!;
    const survey = pick(KINDS);
    const progress = (closedAt - start) / (DAYS * DAY_MS);
    // Mostly happy customers with a long unhappy tail; the team improves over the half year, and
    // Billing had a rough few weeks recently.
    const billingDip = agent.team === 'Billing' && progress > 0.7 && progress < 0.86 ? -0.15 : 0;
    const mood = Math.min(1, Math.max(0, 0.93 + agent.skill + progress * 0.04 + billingDip - 0.9 * random() ** 4.5));
    const { min, max } = SCALES[survey];
    const score = Math.round(min + mood * (max - min));
    const sentAt = closedAt + 3_600_000;
    const answered = random() < 0.38;
    const level = survey === 'nps' ? (score <= NPS_DETRACTOR_MAX ? 'low' : score >= 9 ? 'high' : 'mid') : mood < 0.4 ? 'low' : mood < 0.7 ? 'mid' : 'high';
    const comment = random() < (level === 'low' ? 0.7 : 0.35) ? pickFrom(random, COMMENTS[customer.locale][level]) : null;
    rows.push({
      externalId: `DEMO-${String(i + 1).padStart(5, '0')}`,
      closedAt,
      sentAt,
      agent: { email: agent.email, name: agent.name },
      team: agent.team,
      channel: pick(CHANNELS),
      customer: { email: customer.email, name: null, locale: customer.locale },
      survey,
      tags: TAGS.filter(() => random() < 0.12),
      response: answered ? { score, comment, at: sentAt + Math.floor(random() ** 3 * 2 * DAY_MS), source: random() < 0.8 ? 'auto' : 'explicit' } : null,
    });
  }
  // Answers after "now" have not happened yet.
  return rows.map((r) => (r.response && r.response.at > now ? { ...r, response: null } : r));
}

async function main() {
  const config = loadConfig(process.env);
  const started = performance.now();
  const handle = openSqlite(config.databasePath);
  const deps = { db: handle.db, atomic: handle.atomic, config, clock: Date.now, newId: timeOrderedIds() };
  try {
    await ensureRollups(deps);
    const now = Date.now();
    const rows = demoRows(now);
    let created = 0;
    for (let i = 0; i < rows.length; i += BATCH) {
      created += (await recordHistory(deps, rows.slice(i, i + BATCH))).created;
      process.stderr.write(`\rWriting demo data… ${Math.min(i + BATCH, rows.length).toLocaleString('en-US')} / ${rows.length.toLocaleString('en-US')}`);
    }
    process.stderr.write('\n');
    const answers = rows.filter((r) => r.response).length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (created === 0) console.log(`The demo data is already in ${config.databasePath}; nothing added.`);
    else console.log(`Added ${created.toLocaleString('en-US')} interactions and ${answers.toLocaleString('en-US')} answers to ${config.databasePath} in ${seconds}s.`);
    // Follow-up tasks go through the real services, on a clock moved through the last weeks.
    const clock = { now };
    const full = buildNodeDeps(config, { clock: () => clock.now });
    try {
      const tasks = await writeDemoFollowups(full, clock, now);
      if (tasks) {
        console.log(
          `Opened ${tasks.opened} follow-up tasks: ${tasks.resolved} resolved (${tasks.recovered} customers won back), ` +
            `${tasks.closedOther} unreachable or needing nothing, ${tasks.inProgress} in progress, ${tasks.open} open ` +
            `(${tasks.overdue} overdue, ${tasks.escalated} escalated).`,
        );
      }
      const churn = await writeDemoChurn(full, now);
      if (churn) console.log(`${churn.churned} customers churned (${churn.reactivated} came back).`);
      // The customers list reads health summaries: fill them now rather than on the first minutes of `npm start`.
      await refreshAllCustomers(full, now);
    } finally {
      full.handle.close();
    }
    console.log('Start Heard with `npm start` and open it; the first visit asks you to create the admin account.');
  } finally {
    handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
