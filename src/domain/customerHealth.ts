// A customer's health: the rule the customers list and page show, pure so it can be checked by
// hand. At risk when scores decline, a low answer is left unresolved, or contacts repeat;
// churned when the last churn event says so. README "Customers and churn" states it in words.
import { isLowScore, isRecovered, type FollowupStatus } from './followups';
import { SCALES, type SurveyKind } from './surveys';
import { DAY_MS as DAY } from './timeZone';

/** Contacts within this many days... */
export const REPEAT_WINDOW_DAYS = 30;
/** ...that make a customer at risk. */
export const REPEAT_CONTACTS = 3;
/** How far a score must fall below the previous one of the same kind to count as declining (CSAT 5 to 4 is still satisfied). */
export const TREND_STEP: Record<SurveyKind, number> = { nps: 2, csat: 2, ces: 2 };

export type HealthState = 'at_risk' | 'healthy' | 'churned';
export type Trend = 'improving' | 'declining' | 'steady' | null;

export interface Answer {
  survey: SurveyKind;
  score: number;
  at: number;
}

export interface TaskFact {
  id: string;
  status: FollowupStatus;
  openedAt: number;
  closedAt: number | null;
  dueAt: number;
  /** The counted recovery answer, if the customer gave one. */
  recoveryScore: number | null;
  survey: SurveyKind;
}

export interface HealthFacts {
  /** Counted answers (never a scanner's), newest first; at least the two latest of each kind. */
  answers: readonly Answer[];
  /** The customer's most recent follow-up task, if any. */
  lastTask: TaskFact | null;
  /** Contact times (interactions closed), any order; only the last 30 days matter. */
  contacts: readonly number[];
  /** Set when the customer's latest churn event is "churned". */
  churnedAt: number | null;
}

export type HealthReason =
  | { kind: 'declining'; survey: SurveyKind; from: number; to: number }
  | { kind: 'task_open'; taskId: string; overdue: boolean }
  | { kind: 'not_recovered'; taskId: string }
  | { kind: 'low_unfollowed'; survey: SurveyKind; score: number }
  | { kind: 'repeat_contacts'; count: number };

export interface KindScore {
  survey: SurveyKind;
  score: number;
  at: number;
  previous: number | null;
  trend: Trend;
}

export interface Health {
  state: HealthState;
  reasons: HealthReason[];
  scores: KindScore[];
  contacts30: number;
  /** When time alone will change this health (the oldest recent contact leaves the window); null if never. */
  recheckAt: number | null;
}

export function trendOf(survey: SurveyKind, latest: number, previous: number | null): Trend {
  if (previous === null) return null;
  if (latest <= previous - TREND_STEP[survey]) return 'declining';
  if (latest >= previous + TREND_STEP[survey]) return 'improving';
  return 'steady';
}

/** A score on 0-100 of its scale, so answers of different kinds sort together. */
export const onHundred = (survey: SurveyKind, score: number) => ((score - SCALES[survey].min) / (SCALES[survey].max - SCALES[survey].min)) * 100;

/** The latest answer of each kind with its trend against the one before, in CSAT, NPS, CES order. */
export function scoresOf(answers: readonly Answer[]): KindScore[] {
  const out: KindScore[] = [];
  for (const survey of ['csat', 'nps', 'ces'] as const) {
    const mine = answers.filter((a) => a.survey === survey).sort((a, b) => b.at - a.at);
    const [latest, previous] = mine;
    if (!latest) continue;
    out.push({ survey, score: latest.score, at: latest.at, previous: previous?.score ?? null, trend: trendOf(survey, latest.score, previous?.score ?? null) });
  }
  return out;
}

const ACTIVE: readonly FollowupStatus[] = ['open', 'in_progress'];

/** Whether the last task leaves the customer's complaint unresolved, and why. */
function taskReason(task: TaskFact | null, answers: readonly Answer[], now: number): HealthReason | null {
  if (!task) return null;
  if (ACTIVE.includes(task.status)) return { kind: 'task_open', taskId: task.id, overdue: task.dueAt < now };
  // The customer changed the low score to a good one themselves.
  if (task.status === 'score_changed') return null;
  if (task.recoveryScore !== null && isRecovered(task.survey, task.recoveryScore)) return null;
  // A good answer given after the task closed says the same as a recovery survey would.
  const closed = task.closedAt ?? task.openedAt;
  if (answers.some((a) => a.at > closed && !isLowScore(a.survey, a.score))) return null;
  return { kind: 'not_recovered', taskId: task.id };
}

export function customerHealth(f: HealthFacts, now: number): Health {
  const scores = scoresOf(f.answers);
  const reasons: HealthReason[] = [];
  for (const s of scores) if (s.trend === 'declining') reasons.push({ kind: 'declining', survey: s.survey, from: s.previous!, to: s.score });

  const task = taskReason(f.lastTask, f.answers, now);
  if (task) reasons.push(task);
  // A low latest answer that no task is about (imported history, rules switched off, or given after the last task closed).
  const newest = [...f.answers].sort((a, b) => b.at - a.at)[0];
  if (newest && isLowScore(newest.survey, newest.score) && !task && (!f.lastTask || newest.at > (f.lastTask.closedAt ?? f.lastTask.openedAt))) {
    reasons.push({ kind: 'low_unfollowed', survey: newest.survey, score: newest.score });
  }

  const since = now - REPEAT_WINDOW_DAYS * DAY;
  const recent = f.contacts.filter((t) => t > since && t <= now).sort((a, b) => a - b);
  if (recent.length >= REPEAT_CONTACTS) reasons.push({ kind: 'repeat_contacts', count: recent.length });

  const state: HealthState = f.churnedAt !== null ? 'churned' : reasons.length > 0 ? 'at_risk' : 'healthy';
  return { state, reasons, scores, contacts30: recent.length, recheckAt: recent.length ? recent[0]! + REPEAT_WINDOW_DAYS * DAY : null };
}

const KIND = { csat: 'CSAT', nps: 'NPS', ces: 'CES' } as const;

/** One reason in words, for the staff pages (English). */
export function reasonText(r: HealthReason): string {
  switch (r.kind) {
    case 'declining':
      return `${KIND[r.survey]} fell from ${r.from} to ${r.to}`;
    case 'task_open':
      return r.overdue ? 'Follow-up overdue' : 'Follow-up open';
    case 'not_recovered':
      return 'Follow-up closed without winning them back';
    case 'low_unfollowed':
      return `Latest ${KIND[r.survey]} is ${r.score}, with no follow-up`;
    case 'repeat_contacts':
      return `${r.count} contacts in ${REPEAT_WINDOW_DAYS} days`;
  }
}

export const HEALTH_LABELS: Record<HealthState, string> = { at_risk: 'At risk', healthy: 'Healthy', churned: 'Churned' };
