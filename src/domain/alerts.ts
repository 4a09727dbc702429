// Alerts, the pure part: what a rule watches for, where it posts, which answers it matches, and who
// may manage it. The service reads the facts; everything decided about them is here.
import { canSeeTeam, type SessionUser } from './access';
import { SCALES, type SurveyKind } from './surveys';

export const ALERT_CONDITIONS = ['score', 'theme', 'sentiment', 'tag'] as const;
export type AlertConditionKind = (typeof ALERT_CONDITIONS)[number];

export type AlertCondition =
  | { kind: 'score'; survey: SurveyKind; atMost: number }
  /** An admin's theme (its id) and/or keywords: any of them in the comment matches. */
  | { kind: 'theme'; themeId: string | null; keywords: readonly string[] }
  | { kind: 'sentiment'; highSeverityOnly: boolean }
  | { kind: 'tag'; tag: string };

export const ALERT_DESTINATIONS = ['slack', 'teams', 'email'] as const;
export type AlertDestinationKind = (typeof ALERT_DESTINATIONS)[number];

export type AlertDestination = { kind: 'slack' | 'teams'; url: string } | { kind: 'email'; to: string[] };

/** At most this many addresses on one rule's list. */
export const MAX_ALERT_RECIPIENTS = 20;

export interface AlertRuleShape {
  condition: AlertCondition;
  /** Only answers about interactions of this team; null for every team. */
  teamId: string | null;
}

/** What is known about one answer when the rules are checked. */
export interface AlertFacts {
  survey: SurveyKind;
  score: number;
  teamId: string | null;
  /** The interaction's tags, as the helpdesk sent them. */
  tags: readonly string[];
  comment: string | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  severity: 'low' | 'medium' | 'high' | null;
  /** The comment's theme phrase keys (stems joined by spaces). */
  phraseKeys: readonly string[];
}

/** A theme as phrase keys and words to find in the comment (the same shape the responses list filters by). */
export interface ThemeTerms {
  keys: readonly string[];
  terms: readonly string[];
}

/** Rules on sentiment or themes can only be checked once the comment has been analysed. */
export const needsAnalysis = (c: AlertCondition): boolean => c.kind === 'sentiment' || c.kind === 'theme';

const fold = (s: string) => s.trim().toLowerCase();

export function matchesTheme(theme: ThemeTerms, facts: Pick<AlertFacts, 'comment' | 'phraseKeys'>): boolean {
  if (theme.keys.some((k) => facts.phraseKeys.includes(k))) return true;
  const comment = facts.comment ? fold(facts.comment) : '';
  return comment !== '' && theme.terms.some((t) => t !== '' && comment.includes(fold(t)));
}

/** Whether the rule fires for the answer. `theme` is the rule's theme resolved to keys and words. */
export function matchesAlert(rule: AlertRuleShape, facts: AlertFacts, theme: ThemeTerms | null = null): boolean {
  if (rule.teamId !== null && rule.teamId !== facts.teamId) return false;
  const c = rule.condition;
  switch (c.kind) {
    case 'score':
      return facts.survey === c.survey && facts.score <= c.atMost;
    case 'theme':
      return theme !== null && matchesTheme(theme, facts);
    case 'sentiment':
      return facts.sentiment === 'negative' && (!c.highSeverityOnly || facts.severity === 'high');
    case 'tag':
      return facts.tags.some((t) => fold(t) === fold(c.tag));
  }
}

/** A score threshold must lie on the kind's scale, below its top (or every answer would alert). */
export function thresholdProblem(survey: SurveyKind, atMost: number): string | null {
  const { min, max } = SCALES[survey];
  if (!Number.isInteger(atMost) || atMost < min || atMost >= max) return `Choose a whole number from ${min} to ${max - 1} for ${survey.toUpperCase()}.`;
  return null;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Chat webhooks must use https; plain http is allowed only to this machine, and only outside production (tests, local receivers). */
export function webhookUrlProblem(raw: string, production: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'Enter the full webhook URL, starting with https://';
  }
  if (url.username || url.password) return 'The URL must not carry a user name or password.';
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && !production && LOOPBACK.has(url.hostname)) return null;
  return 'Use an https:// URL.';
}

/**
 * Chat webhook URLs are secrets (whoever has one can post to the channel): shown as the host and
 * the last four characters only.
 */
export function maskUrl(raw: string): string {
  try {
    const url = new URL(raw);
    const rest = `${url.pathname}${url.search}`;
    return `${url.protocol}//${url.host}/…${rest.length > 8 ? rest.slice(-4) : ''}`;
  } catch {
    return '…';
  }
}

/** Admins manage every rule; a manager, the rules limited to a team they manage (all teams: any team). */
export function canManageAlert(user: SessionUser, teamId: string | null): boolean {
  if (user.role === 'admin') return true;
  if (user.role !== 'manager') return false;
  return teamId !== null && canSeeTeam(user, teamId);
}

/** One line saying what a rule watches for, for lists and messages. */
export function describeCondition(c: AlertCondition, themeName: string | null = null): string {
  switch (c.kind) {
    case 'score':
      return `${c.survey.toUpperCase()} score ${c.atMost} or lower`;
    case 'theme': {
      const parts = [...(themeName ? [`theme “${themeName}”`] : []), ...c.keywords.map((k) => `“${k}”`)];
      return `Comment about ${parts.join(' or ') || 'a theme'}`;
    }
    case 'sentiment':
      return c.highSeverityOnly ? 'Strongly negative comment' : 'Negative comment';
    case 'tag':
      return `Customer tagged “${c.tag}”`;
  }
}
