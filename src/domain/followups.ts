// Follow-up tasks, the pure part: when a response opens one, who gets it, when it is due in business
// hours, when it escalates, and the small rules around them. No I/O: times come in as epoch ms.
import { DAY_MS, dayNumber, isoDate, isTimeZone, offsetAt } from './period';
import { NPS_DETRACTOR_MAX } from './scores';
import type { SurveyKind } from './surveys';

const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

// ---- statuses ----

export const FOLLOWUP_STATUSES = ['open', 'in_progress', 'resolved', 'unreachable', 'no_action', 'score_changed'] as const;
export type FollowupStatus = (typeof FOLLOWUP_STATUSES)[number];
/** Statuses of a task someone still has to work; a customer has at most one such task. */
export const ACTIVE_STATUSES = ['open', 'in_progress'] as const satisfies readonly FollowupStatus[];
/** Statuses a person may close a task with (score_changed is only ever set by Heard itself). */
export const CLOSING_STATUSES = ['resolved', 'unreachable', 'no_action'] as const satisfies readonly FollowupStatus[];
export type ClosingStatus = (typeof CLOSING_STATUSES)[number];

export const STATUS_LABELS: Record<FollowupStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  resolved: 'Resolved',
  unreachable: 'Unreachable',
  no_action: 'No action needed',
  score_changed: 'Customer changed score',
};

export const isActive = (s: FollowupStatus): boolean => (ACTIVE_STATUSES as readonly string[]).includes(s);
export const isClosing = (s: string): s is ClosingStatus => (CLOSING_STATUSES as readonly string[]).includes(s);

/**
 * Whether a person may move a task from one status to another: work starts, work ends with an
 * outcome, and a closed task may be reopened. The automatic "customer changed score" is not theirs to set.
 */
export function canMove(from: FollowupStatus, to: FollowupStatus): boolean {
  if (from === to || to === 'score_changed') return false;
  if (to === 'open') return !isActive(from);
  if (to === 'in_progress') return from === 'open';
  return isActive(from);
}

// ---- opening rules ----

export const ASSIGNMENT_RULES = ['agent', 'manager', 'round_robin'] as const;
export type AssignmentRule = (typeof ASSIGNMENT_RULES)[number];

export interface FollowupRules {
  openOnLowScore: boolean;
  openOnKeywords: boolean;
  /** A strongly negative comment (negative sentiment, high severity), whatever the score. */
  openOnNegative: boolean;
  keywords: string[];
  assignment: AssignmentRule;
  /** Business hours from opening until the task is due. */
  slaHours: number;
  /** Business hours after the due time before the manager is told as well. */
  managerAfterHours: number;
  /** Local hour (in the reporting time zone) from which the day's digest goes out. */
  digestHour: number;
  recoveryEnabled: boolean;
  recoveryDelayDays: number;
}

/** Words that mean trouble whatever the score, in the three languages customers write in. */
export const DEFAULT_KEYWORDS: readonly string[] = [
  'cancel', 'refund', 'lawyer', 'legal', 'sue', 'complaint', 'scam', 'unacceptable', 'chargeback',
  'cancelar', 'reembolso', 'devolución', 'abogado', 'demanda', 'queja', 'estafa', 'inaceptable',
  '取消', '退款', '退钱', '律师', '起诉', '投诉', '骗子', '欺诈',
];

export const DEFAULT_RULES: FollowupRules = {
  openOnLowScore: true,
  openOnKeywords: true,
  openOnNegative: true,
  keywords: [...DEFAULT_KEYWORDS],
  assignment: 'agent',
  slaHours: 8,
  managerAfterHours: 4,
  digestHour: 8,
  recoveryEnabled: true,
  recoveryDelayDays: 3,
};

/** Highest score that counts as unhappy: NPS detractors 0-6, CSAT 1-2, CES 1-3. */
export const LOW_SCORE_MAX: Record<SurveyKind, number> = { nps: NPS_DETRACTOR_MAX, csat: 2, ces: 3 };

export const isLowScore = (survey: SurveyKind, score: number): boolean => score <= LOW_SCORE_MAX[survey];

/** Lower case without accents, so "Cancelación" and "cancelacion" meet. */
const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const HAS_HAN = /\p{Script=Han}/u;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The configured keywords a comment contains. Words in Latin script match at the start of a word
 * ("refund" finds "refunded", not "prerefund"); Chinese has no spaces, so it matches anywhere.
 */
export function matchKeywords(comment: string | null, keywords: readonly string[]): string[] {
  if (!comment) return [];
  const text = fold(comment);
  return keywords.filter((k) => {
    const key = fold(k.trim());
    if (!key) return false;
    if (HAS_HAN.test(key)) return text.includes(key);
    return new RegExp(`(^|[^\\p{L}\\p{N}])${escape(key)}`, 'u').test(text);
  });
}

export interface Trigger {
  lowScore: boolean;
  keywords: string[];
  /** insight: the comment reads strongly negative. */
  negative?: boolean;
}

/** Why a response opens a task, or null when it does not. Flagged answers (link scanners) never do. */
export function triggerOf(
  rules: Pick<FollowupRules, 'openOnLowScore' | 'openOnKeywords' | 'keywords'> & Partial<Pick<FollowupRules, 'openOnNegative'>>,
  r: { survey: SurveyKind; score: number; comment: string | null; flagged: boolean; sentiment?: string | null; severity?: string | null },
): Trigger | null {
  if (r.flagged) return null;
  const lowScore = rules.openOnLowScore && isLowScore(r.survey, r.score);
  const keywords = rules.openOnKeywords ? matchKeywords(r.comment, rules.keywords) : [];
  const negative = !!rules.openOnNegative && r.sentiment === 'negative' && r.severity === 'high';
  if (negative) return { lowScore, keywords, negative };
  return lowScore || keywords.length > 0 ? { lowScore, keywords } : null;
}

/** Keywords typed one per line or separated by commas, trimmed, without repeats. */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[\n,，、]/)
    .map((k) => k.trim())
    .filter((k) => k && !seen.has(fold(k)) && seen.add(fold(k)));
}

// ---- assignment ----

export type Assignee = { kind: 'agent'; id: string } | { kind: 'user'; id: string };

export interface Candidate {
  id: string;
  /** When this person was last given a task; null if never. */
  lastAssignedAt: number | null;
}

export interface AssigneeCandidates {
  /** The agent who handled the interaction, when they can sign in to work the task. */
  handlingAgent: string | null;
  /** Agents of the interaction's team who can sign in. */
  teamAgents: readonly Candidate[];
  /** Managers of the interaction's team (or, without one, managers of every team). */
  managers: readonly Candidate[];
}

/** Least recently assigned first, so work goes around the group; ids break ties. */
function leastRecent(cs: readonly Candidate[]): string | null {
  const sorted = [...cs].sort((a, b) => (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity) || (a.id < b.id ? -1 : 1));
  return sorted[0]?.id ?? null;
}

/**
 * Who gets a new task. The rule names the first choice; when nobody fits it, the task falls back
 * to the handling agent, then a manager, and stays unassigned (visible to managers) only when
 * nobody at all can take it.
 */
export function chooseAssignee(rule: AssignmentRule, c: AssigneeCandidates): Assignee | null {
  const agent = (id: string | null): Assignee | null => (id ? { kind: 'agent', id } : null);
  const manager = (): Assignee | null => {
    const id = leastRecent(c.managers);
    return id ? { kind: 'user', id } : null;
  };
  switch (rule) {
    case 'agent':
      return agent(c.handlingAgent) ?? manager();
    case 'manager':
      return manager() ?? agent(c.handlingAgent);
    case 'round_robin':
      return agent(leastRecent(c.teamAgents)) ?? agent(c.handlingAgent) ?? manager();
  }
}

// ---- business hours ----

export interface WorkSchedule {
  timeZone: string;
  /** Working weekdays, 0 = Sunday ... 6 = Saturday. */
  days: number[];
  /** Minutes after local midnight: the working day is [start, end). */
  startMinute: number;
  endMinute: number;
}

export const DEFAULT_WORK_DAYS = [1, 2, 3, 4, 5];
export const defaultSchedule = (timeZone: string): WorkSchedule => ({
  timeZone,
  days: [...DEFAULT_WORK_DAYS],
  startMinute: 9 * 60,
  endMinute: 17 * 60,
});

export const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** What is wrong with a schedule, or null. */
export function scheduleProblem(s: WorkSchedule): string | null {
  if (!isTimeZone(s.timeZone)) return 'Choose a time zone such as Europe/Madrid.';
  if (s.days.length === 0 || s.days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) return 'Choose at least one working day.';
  if (!(s.startMinute >= 0 && s.endMinute <= 1440 && s.startMinute < s.endMinute)) return 'The working day must end after it starts.';
  return null;
}

/** 'HH:MM' to minutes after midnight ('24:00' allowed as the end of a day), or null. */
export function parseClock(text: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 1440 ? minutes : null;
}

export const formatClock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Weekday of a local day number (day 0, 1970-01-01, was a Thursday). */
export const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;

/**
 * The instant a local wall-clock time happens on a local day. In the hour skipped when clocks
 * go forward the time does not exist and the instant the same elapsed time later is used
 * (02:30 becomes 03:30); in the hour that repeats when they go back, the first one.
 */
export function zonedInstant(day: number, minute: number, tz: string): number {
  const wall = day * DAY_MS + minute * MINUTE;
  const before = offsetAt(tz, wall - DAY_MS / 2);
  const after = offsetAt(tz, wall + DAY_MS / 2);
  const valid = [wall - before, wall - after].filter((t) => t + offsetAt(tz, t) === wall).sort((a, b) => a - b);
  return valid[0] ?? wall - before;
}

/** Look no further than this for working time; a schedule that passes scheduleProblem always has some. */
const MAX_SEARCH_DAYS = 400;

/** The instant `duration` ms of working time after `start`, counting only the schedule's hours. */
export function addBusinessTime(start: number, duration: number, s: WorkSchedule): number {
  let remaining = duration;
  const first = dayNumber(start, s.timeZone);
  for (let day = first; day < first + MAX_SEARCH_DAYS; day++) {
    if (!s.days.includes(weekdayOf(day))) continue;
    const close = zonedInstant(day, s.endMinute, s.timeZone);
    const from = Math.max(zonedInstant(day, s.startMinute, s.timeZone), start);
    if (from >= close) continue;
    if (remaining <= close - from) return from + remaining;
    remaining -= close - from;
  }
  throw new RangeError('the schedule has no working time');
}

// ---- escalation ----

/** The next escalation of a task: level 1 tells the assignee at the due time, level 2 a manager later. */
export function nextEscalation(
  level: number,
  dueAt: number,
  managerAfterMs: number,
  schedule: WorkSchedule,
): { level: 1 | 2; at: number } | null {
  if (level <= 0) return { level: 1, at: dueAt };
  if (level === 1) return { level: 2, at: addBusinessTime(dueAt, managerAfterMs, schedule) };
  return null;
}

// ---- digest ----

/** The local date a digest belongs to ('YYYY-MM-DD'), which makes "one per manager per day" a key. */
export const digestDay = (now: number, tz: string): string => isoDate(dayNumber(now, tz));

/** Whether today's digest may go out yet: from the configured local hour on. */
export function digestDue(now: number, tz: string, hour: number): boolean {
  const day = dayNumber(now, tz);
  return now >= zonedInstant(day, hour * 60, tz);
}

// ---- customer email templates ----

export const TEMPLATE_VARIABLES = ['greeting', 'customer_name', 'agent_name', 'company', 'reference'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

/** Variables a template uses that Heard does not know, so the editor can say so before saving. */
export function unknownVariables(text: string): string[] {
  const found = [...text.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)].map((m) => m[1]!);
  return [...new Set(found.filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v)))];
}

/** Fills {{variables}}; unknown ones are left as typed so the sender sees them before sending. */
export function fillTemplate(text: string, vars: Record<TemplateVariable, string>): string {
  return text.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) =>
    name in vars ? vars[name as TemplateVariable] : whole,
  );
}

// ---- recovery ----

/** A recovery survey answer wins the customer back when it is no longer a low score. */
export const isRecovered = (survey: SurveyKind, score: number): boolean => !isLowScore(survey, score);

// ---- outgoing webhooks ----

export const WEBHOOK_EVENTS = ['response.created', 'followup.opened', 'followup.closed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

/** Attempts before a delivery is given up as failed (about a day of trying). */
export const WEBHOOK_MAX_ATTEMPTS = 8;

/** Backoff after failed attempt n: 30 s, 2 min, 8 min, 32 min ... capped at six hours. */
export const webhookRetryDelay = (attempt: number): number => Math.min(30_000 * 4 ** Math.max(0, attempt - 1), 6 * HOUR);

/** Answers worth trying again: no answer at all, a timeout, rate limiting, or the receiver's own trouble. */
export const isRetryableStatus = (status: number | null): boolean =>
  status === null || status === 408 || status === 429 || status >= 500;
