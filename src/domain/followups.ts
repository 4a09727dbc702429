// Follow-up tasks, the pure part: their statuses, the rules that open one, and what counts as a
// customer won back. Assignment, working hours, escalation, templates and outgoing webhooks have
// modules of their own beside this one. No I/O: times come in as epoch ms.
import { NPS_DETRACTOR_MAX } from './scores';
import type { SurveyKind } from './surveys';

/** Rules are written in hours; tasks are timed in epoch milliseconds. */
export const HOUR = 3_600_000;

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
  /** survey design: "No" to "Was your issue resolved?" opens a task whatever the score. */
  openOnNotResolved: boolean;
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
  openOnNotResolved: true,
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
  notResolved?: boolean;
  /** insight: the comment reads strongly negative. */
  negative?: boolean;
}

/** Why a response opens a task, or null when it does not. Flagged answers (link scanners) never do. */
export function triggerOf(
  rules: Pick<FollowupRules, 'openOnLowScore' | 'openOnKeywords' | 'keywords'> & Partial<Pick<FollowupRules, 'openOnNotResolved' | 'openOnNegative'>>,
  r: {
    survey: SurveyKind;
    score: number;
    comment: string | null;
    flagged: boolean;
    resolved?: boolean | null;
    sentiment?: string | null;
    severity?: string | null;
  },
): Trigger | null {
  if (r.flagged) return null;
  const lowScore = rules.openOnLowScore && isLowScore(r.survey, r.score);
  const keywords = rules.openOnKeywords ? matchKeywords(r.comment, rules.keywords) : [];
  const notResolved = rules.openOnNotResolved === true && r.resolved === false;
  const negative = !!rules.openOnNegative && r.sentiment === 'negative' && r.severity === 'high';
  if (!lowScore && keywords.length === 0 && !notResolved && !negative) return null;
  return { lowScore, keywords, ...(notResolved ? { notResolved } : {}), ...(negative ? { negative } : {}) };
}

/** Keywords typed one per line or separated by commas, trimmed, without repeats. */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[\n,，、]/)
    .map((k) => k.trim())
    .filter((k) => k && !seen.has(fold(k)) && seen.add(fold(k)));
}

// ---- recovery ----

/** A recovery survey answer wins the customer back when it is no longer a low score. */
export const isRecovered = (survey: SurveyKind, score: number): boolean => !isLowScore(survey, score);
