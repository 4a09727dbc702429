// The alert check of an answer, as a durable job. The answer's own atomic write arms a marker
// (alert_checks); runDueWork checks the active rules against it, queues one delivery per matching
// rule (keyed by rule and answer, so never twice) and removes the marker in one write. Imported
// answers are written elsewhere and never arm one, so history never alerts.
import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { bind, compiled } from '../../db/compiled';
import type { Deps, Statement } from '../../deps';
import { agents, alertChecks, alertRules, customers, followupLinks, followups, interactions, responsePhrases, responses, teams, themes } from '../../db/schema';
import type { AlertMessage } from '../../domain/alertMessages';
import { describeCondition, matchesAlert, needsAnalysis, type AlertCondition, type AlertFacts, type ThemeTerms } from '../../domain/alerts';
import { SCANNER_WINDOW_MS } from '../../domain/scanner';
import { CLAIM_TTL, retryDelay } from '../../domain/schedule';
import { stemsOf } from '../../analysers/languages';
import { matchOf } from '../insight/themes';
import { queueAlert } from './deliveries';

const BATCH = 50;
const MAX_PER_RUN = 500;
/** How long rules on sentiment or themes wait for the comment's analysis before checking what there is. */
export const ANALYSIS_WAIT = 15 * 60_000;
const ANALYSIS_POLL = 60_000;

/**
 * The marker for the answer's atomic write. An automatic confirmation waits the scanner window, so
 * a scanner's burst is flagged first and a person who goes on to add a comment gets one alert with it.
 */
export function armAlertCheck(deps: Pick<Deps, 'db'>, a: { requestId: string; at: number; explicit: boolean; ifChanged?: boolean }): Statement {
  return bind((a.ifChanged ? armIfChanged : arm)(deps.db), { requestId: a.requestId, at: a.at, due: a.at + (a.explicit ? 0 : SCANNER_WINDOW_MS) });
}

// Compiled once: it rides in every answer's write.
const p = sql.placeholder;
const arm = compiled((db) =>
  db
    .insert(alertChecks)
    .values({ requestId: p('requestId'), armedAt: p('at'), nextAttemptAt: p('due'), attempts: 0 })
    .onConflictDoUpdate({ target: alertChecks.requestId, set: { armedAt: sql`excluded.armed_at`, nextAttemptAt: sql`excluded.next_attempt_at`, attempts: 0 } }),
);

// `ifChanged`: only if this write changed the stored answer (the upsert sets updated_at to the
// write's time only then). An answer confirmed again as it stands was checked when it changed.
const armIfChanged = compiled((db) =>
  db
    .insert(alertChecks)
    .select(
      sql`select ${p('requestId')}, ${p('at')}, ${p('due')}, 0
      where exists (select 1 from ${responses} r where r.request_id = ${p('requestId')} and r.updated_at = ${p('at')})`,
    )
    .onConflictDoUpdate({ target: alertChecks.requestId, set: { armedAt: sql`excluded.armed_at`, nextAttemptAt: sql`excluded.next_attempt_at`, attempts: 0 } }),
);

type Rule = typeof alertRules.$inferSelect & { parsed: AlertCondition; theme: ThemeTerms | null; themeName: string | null };

async function activeRules(deps: Pick<Deps, 'db'>): Promise<Rule[]> {
  const [rows, themeRows] = await Promise.all([deps.db.select().from(alertRules).where(eq(alertRules.active, true)), deps.db.select().from(themes)]);
  const byId = new Map(themeRows.map((t) => [t.id, t]));
  return rows.map((r) => {
    const parsed = JSON.parse(r.condition) as AlertCondition;
    if (parsed.kind !== 'theme') return { ...r, parsed, theme: null, themeName: null };
    const admin = parsed.themeId ? byId.get(parsed.themeId) : undefined;
    const own = admin ? matchOf(admin) : { keys: [], terms: [] };
    // A keyword matches as typed in the comment, and a single word also by its stem among the phrases.
    const keys = parsed.keywords.flatMap((k) => (/\s/.test(k) ? [] : stemsOf(k)));
    return { ...r, parsed, theme: { keys: [...own.keys, ...keys], terms: [...own.terms, ...parsed.keywords] }, themeName: admin?.name ?? null };
  });
}

async function loadAnswer(deps: Pick<Deps, 'db'>, requestId: string) {
  const [row] = await deps.db
    .select({
      id: responses.id,
      survey: responses.survey,
      score: responses.score,
      comment: responses.comment,
      flagged: responses.flagged,
      source: responses.source,
      teamId: responses.teamId,
      agentId: responses.agentId,
      createdAt: responses.createdAt,
      sentiment: responses.sentiment,
      severity: responses.severity,
      analysed: sql<number>`(${responses.comment} is null and ${responses.sentiment} is null) or ${responses.analysedAt} is ${responses.updatedAt}`,
      tags: interactions.tags,
      customer: sql<string>`coalesce(${customers.name}, ${customers.email})`,
      agent: sql<string>`coalesce(${agents.name}, ${agents.email})`,
      team: teams.name,
      followupId: sql<string | null>`coalesce((select f.id from ${followups} f where f.response_id = ${responses.id}),
        (select l.followup_id from ${followupLinks} l where l.response_id = ${responses.id}))`,
    })
    .from(responses)
    .innerJoin(interactions, eq(interactions.id, responses.interactionId))
    .innerJoin(customers, eq(customers.id, responses.customerId))
    .innerJoin(agents, eq(agents.id, responses.agentId))
    .leftJoin(teams, eq(teams.id, responses.teamId))
    .where(eq(responses.requestId, requestId));
  return row;
}
type Answer = NonNullable<Awaited<ReturnType<typeof loadAnswer>>>;

function messageFor(deps: Pick<Deps, 'config'>, rule: Rule, a: Answer): AlertMessage {
  const base = deps.config.publicUrl;
  // A day early, so a time zone west of UTC still includes the answer's day.
  const from = new Date(a.createdAt - 86_400_000).toISOString().slice(0, 10);
  return {
    rule: rule.name,
    condition: describeCondition(rule.parsed, rule.themeName),
    survey: a.survey,
    score: a.score,
    comment: a.comment,
    customer: a.customer,
    agent: a.agent,
    team: a.team,
    ...(a.followupId
      ? { link: `${base}/follow-ups/${encodeURIComponent(a.followupId)}`, linkLabel: 'Open the follow-up' }
      : { link: `${base}/responses?agent=${encodeURIComponent(a.agentId)}&from=${from}`, linkLabel: 'Open the response' }),
  };
}

const tagsOf = (json: string): string[] => {
  const v: unknown = JSON.parse(json);
  return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
};

type Check = typeof alertChecks.$inferSelect;
type Outcome = 'checked' | 'waiting' | 'failed';

async function checkOne(deps: Deps, c: Check, rules: Rule[], now: number): Promise<Outcome> {
  const mine = and(eq(alertChecks.requestId, c.requestId), eq(alertChecks.armedAt, c.armedAt));
  try {
    const a = await loadAnswer(deps, c.requestId);
    // A scanner's confirmation and imported history never alert.
    const relevant = a && !a.flagged && a.source !== 'import' ? rules.filter((r) => r.teamId === null || r.teamId === a.teamId) : [];
    if (a && !a.analysed && relevant.some((r) => needsAnalysis(r.parsed)) && now - c.armedAt < ANALYSIS_WAIT) {
      await deps.db.update(alertChecks).set({ nextAttemptAt: now + ANALYSIS_POLL }).where(mine);
      return 'waiting';
    }
    const phraseKeys = a && relevant.some((r) => r.theme) ? (await deps.db.select({ key: responsePhrases.key }).from(responsePhrases).where(eq(responsePhrases.responseId, a.id))).map((p) => p.key) : [];
    const writes: Statement[] = [];
    if (a) {
      const facts: AlertFacts = { ...a, tags: tagsOf(a.tags), phraseKeys };
      for (const r of relevant) {
        if (!matchesAlert({ condition: r.parsed, teamId: r.teamId }, facts, r.theme)) continue;
        writes.push(queueAlert(deps, { id: `alert/${r.id}/${a.id}`, ruleId: r.id, responseId: a.id, message: messageFor(deps, r, a), now }));
      }
    }
    // Removed only if no later save re-armed it meanwhile.
    await deps.atomic([...writes, deps.db.delete(alertChecks).where(mine)]);
    return 'checked';
  } catch (error) {
    // The reason only: a query's error would carry its parameters, customers' words among them.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    console.error(`alert check failed, will retry: ${cause instanceof Error ? cause.message.slice(0, 200) : 'unknown error'}`);
    await deps.db
      .update(alertChecks)
      .set({ nextAttemptAt: now + retryDelay(c.attempts + 1), attempts: c.attempts + 1 })
      .where(mine)
      .catch((e: unknown) => console.error('alert check: could not record the failure:', e));
    return 'failed';
  }
}

export interface AlertCheckReport {
  checked: number;
  waiting: number;
  failed: number;
}

/** Checks the answers that are due against the active rules, each claimed first so two runs never check one at once. */
export async function checkAlerts(deps: Deps, now: number): Promise<AlertCheckReport> {
  const report: AlertCheckReport = { checked: 0, waiting: 0, failed: 0 };
  let rules: Rule[] | null = null;
  for (let handled = 0; handled < MAX_PER_RUN; ) {
    const due = await deps.db.select().from(alertChecks).where(lte(alertChecks.nextAttemptAt, now)).orderBy(asc(alertChecks.nextAttemptAt)).limit(BATCH);
    if (due.length === 0) break;
    handled += due.length;
    rules ??= await activeRules(deps);
    for (const c of due) {
      const claimed = await deps.db
        .update(alertChecks)
        .set({ nextAttemptAt: now + CLAIM_TTL })
        .where(and(eq(alertChecks.requestId, c.requestId), eq(alertChecks.armedAt, c.armedAt), lte(alertChecks.nextAttemptAt, now)))
        .returning({ requestId: alertChecks.requestId });
      if (claimed.length === 0) continue;
      report[await checkOne(deps, c, rules, now)]++;
    }
  }
  return report;
}
