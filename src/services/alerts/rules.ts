// Alert rules: reading the form, saving, listing what a person may manage, and the audit trail.
// The audit log names the fields that changed, never their values: webhook URLs are secrets.
import { desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { alertDeliveries, alertRules, teams, themes } from '../../db/schema';
import {
  ALERT_CONDITIONS,
  ALERT_DESTINATIONS,
  canManageAlert,
  describeCondition,
  MAX_ALERT_RECIPIENTS,
  thresholdProblem,
  webhookUrlProblem,
  type AlertCondition,
  type AlertDestination,
} from '../../domain/alerts';
import { scopeOf, type SessionUser } from '../../domain/access';
import { err, ok, type Result } from '../../domain/result';
import { SURVEY_KINDS } from '../../domain/surveys';
import { auditStatement } from '../audit';
import { teamNames } from '../teams';

/** The form as typed: every field a string, so a mistake can be shown back as it was. */
export interface AlertForm {
  name: string;
  teamId: string;
  condition: string;
  survey: string;
  atMost: string;
  themeId: string;
  keywords: string;
  highSeverityOnly: boolean;
  tag: string;
  destination: string;
  /** Empty when editing keeps the stored URL (it is never sent back to the browser). */
  url: string;
  emails: string;
}

export const emptyAlertForm = (): AlertForm => ({
  name: '',
  teamId: '',
  condition: 'score',
  survey: 'csat',
  atMost: '2',
  themeId: '',
  keywords: '',
  highSeverityOnly: false,
  tag: 'vip',
  destination: 'slack',
  url: '',
  emails: '',
});

const list = (text: string) => [...new Set(text.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean))];

const ZEmail = z.string().email();

const ZForm = z.object({
  name: z.string().trim().min(1, 'Give the alert a name.').max(80, 'Use at most 80 characters for the name.'),
  condition: z.enum(ALERT_CONDITIONS, { message: 'Choose what the alert watches for.' }),
  destination: z.enum(ALERT_DESTINATIONS, { message: 'Choose where the alert goes.' }),
});

export interface AlertRule {
  id: string;
  name: string;
  condition: AlertCondition;
  teamId: string | null;
  teamName: string | null;
  destination: AlertDestination;
  active: boolean;
  createdAt: number;
  updatedAt: number;
  /** What the rule watches for, in words. */
  description: string;
}

export type AlertRuleRow = typeof alertRules.$inferSelect;

export function destinationOf(r: Pick<AlertRuleRow, 'destination' | 'target'>): AlertDestination {
  return r.destination === 'email' ? { kind: 'email', to: JSON.parse(r.target) as string[] } : { kind: r.destination, url: r.target };
}

export type Saved = { condition: AlertCondition; teamId: string | null; destination: AlertDestination; name: string };
type Errors = Record<string, string>;

/** Checks the form against the rules and what exists; `before` is the rule being edited. */
export async function parseAlertForm(deps: Pick<Deps, 'db' | 'config'>, user: SessionUser, f: AlertForm, before: AlertRule | null): Promise<Result<Saved, Errors>> {
  const errors: Errors = {};
  const base = ZForm.safeParse(f);
  if (!base.success) for (const i of base.error.issues) errors[String(i.path[0])] = i.message;

  const teamId = f.teamId || null;
  if (teamId && !(await deps.db.select({ id: teams.id }).from(teams).where(eq(teams.id, teamId))).length) errors.teamId = 'Choose a team from the list.';
  else if (!canManageAlert(user, teamId)) errors.teamId = 'Choose one of your teams.';

  let condition: AlertCondition | null = null;
  switch (base.data?.condition) {
    case 'score': {
      const survey = SURVEY_KINDS.find((k) => k === f.survey);
      const atMost = Number(f.atMost.trim() || NaN);
      const problem = survey ? thresholdProblem(survey, atMost) : 'Choose a survey.';
      if (problem || !survey) errors.atMost = problem ?? 'Choose a survey.';
      else condition = { kind: 'score', survey, atMost };
      break;
    }
    case 'theme': {
      const keywords = list(f.keywords).map((k) => k.slice(0, 50)).slice(0, 10);
      const themeId = f.themeId || null;
      if (themeId && !(await deps.db.select({ id: themes.id }).from(themes).where(eq(themes.id, themeId))).length) errors.themeId = 'Choose a theme from the list.';
      else if (!themeId && keywords.length === 0) errors.keywords = 'Choose a theme or type at least one keyword.';
      else condition = { kind: 'theme', themeId, keywords };
      break;
    }
    case 'sentiment':
      condition = { kind: 'sentiment', highSeverityOnly: f.highSeverityOnly };
      break;
    case 'tag': {
      const tag = f.tag.trim();
      if (!tag || tag.length > 60) errors.tag = 'Type the customer tag to watch for (up to 60 characters).';
      else condition = { kind: 'tag', tag };
      break;
    }
  }

  let destination: AlertDestination | null = null;
  const kind = base.data?.destination;
  if (kind === 'email') {
    const to = list(f.emails);
    const bad = to.find((a) => !ZEmail.safeParse(a).success);
    if (to.length === 0) errors.emails = 'Type at least one email address.';
    else if (bad) errors.emails = `“${bad.slice(0, 80)}” is not an email address.`;
    else if (to.length > MAX_ALERT_RECIPIENTS) errors.emails = `Use at most ${MAX_ALERT_RECIPIENTS} addresses.`;
    else destination = { kind, to };
  } else if (kind) {
    const kept = before?.destination.kind === kind && 'url' in before.destination ? before.destination.url : null;
    const url = f.url.trim() || kept;
    const problem = url ? webhookUrlProblem(url, deps.config.production) : `Paste the ${kind === 'slack' ? 'Slack' : 'Teams'} webhook URL.`;
    if (problem || !url) errors.url = problem ?? 'Paste the webhook URL.';
    else destination = { kind, url };
  }

  if (Object.keys(errors).length || !condition || !destination || !base.data) return err(errors);
  return ok({ name: base.data.name, teamId, condition, destination });
}

const targetOf = (d: AlertDestination) => (d.kind === 'email' ? JSON.stringify(d.to) : d.url);

async function toRules(deps: Pick<Deps, 'db'>, rows: AlertRuleRow[]): Promise<AlertRule[]> {
  const teamIds = [...new Set(rows.flatMap((r) => (r.teamId ? [r.teamId] : [])))];
  const themeIds = rows.flatMap((r) => {
    const c = JSON.parse(r.condition) as AlertCondition;
    return c.kind === 'theme' && c.themeId ? [c.themeId] : [];
  });
  const [teamRows, themeRows] = await Promise.all([
    teamIds.length ? deps.db.select({ id: teams.id, name: teams.name }).from(teams).where(inArray(teams.id, teamIds)) : [],
    themeIds.length ? deps.db.select({ id: themes.id, name: themes.name }).from(themes).where(inArray(themes.id, themeIds)) : [],
  ]);
  const teamName = new Map(teamRows.map((t) => [t.id, t.name]));
  const themeName = new Map(themeRows.map((t) => [t.id, t.name]));
  return rows.map((r) => {
    const condition = JSON.parse(r.condition) as AlertCondition;
    const name = condition.kind === 'theme' && condition.themeId ? (themeName.get(condition.themeId) ?? null) : null;
    return {
      id: r.id,
      name: r.name,
      condition,
      teamId: r.teamId,
      teamName: r.teamId ? (teamName.get(r.teamId) ?? null) : null,
      destination: destinationOf(r),
      active: r.active,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      description: describeCondition(condition, name),
    };
  });
}

/** The rules the person may manage: all for admins, their teams' for managers. */
export async function listAlertRules(deps: Pick<Deps, 'db'>, user: SessionUser): Promise<AlertRule[]> {
  const scope = scopeOf(user);
  if (user.role === 'agent') return [];
  const where =
    user.role === 'admin' ? undefined : scope.kind === 'all' ? isNotNull(alertRules.teamId) : inArray(alertRules.teamId, scope.kind === 'teams' ? scope.teamIds : []);
  return toRules(deps, await deps.db.select().from(alertRules).where(where).orderBy(desc(alertRules.createdAt)));
}

/** One rule, or null when it does not exist or the person may not manage it (the same 404 either way). */
export async function getAlertRule(deps: Pick<Deps, 'db'>, user: SessionUser, id: string): Promise<AlertRule | null> {
  const [row] = await deps.db.select().from(alertRules).where(eq(alertRules.id, id));
  if (!row || !canManageAlert(user, row.teamId)) return null;
  return (await toRules(deps, [row]))[0] ?? null;
}

type WriteDeps = Pick<Deps, 'db' | 'atomic' | 'clock' | 'newId'>;

export async function createAlertRule(deps: WriteDeps, user: SessionUser, s: Saved): Promise<string> {
  const id = deps.newId();
  const now = deps.clock();
  await deps.atomic([
    deps.db.insert(alertRules).values({
      id,
      name: s.name,
      condition: JSON.stringify(s.condition),
      teamId: s.teamId,
      destination: s.destination.kind,
      target: targetOf(s.destination),
      createdBy: user.id,
      createdAt: now,
      updatedAt: now,
    }),
    auditStatement(deps, { actorId: user.id, action: 'alert.created', target: s.name, detail: `destination: ${s.destination.kind}` }),
  ]);
  return id;
}

/** The names of the fields an edit changed: what the audit log keeps. */
export function changedFields(before: AlertRule, after: Saved): string[] {
  const changed: string[] = [];
  if (before.name !== after.name) changed.push('name');
  if (JSON.stringify(before.condition) !== JSON.stringify(after.condition)) changed.push('condition');
  if (before.teamId !== after.teamId) changed.push('team');
  if (before.destination.kind !== after.destination.kind) changed.push('destination');
  if (targetOf(before.destination) !== targetOf(after.destination)) changed.push(after.destination.kind === 'email' ? 'emails' : 'url');
  return changed;
}

export async function updateAlertRule(deps: WriteDeps, user: SessionUser, before: AlertRule, s: Saved): Promise<void> {
  const changed = changedFields(before, s);
  if (changed.length === 0) return;
  await deps.atomic([
    deps.db
      .update(alertRules)
      .set({
        name: s.name,
        condition: JSON.stringify(s.condition),
        teamId: s.teamId,
        destination: s.destination.kind,
        target: targetOf(s.destination),
        updatedAt: deps.clock(),
      })
      .where(eq(alertRules.id, before.id)),
    auditStatement(deps, { actorId: user.id, action: 'alert.updated', target: s.name, detail: `changed: ${changed.join(', ')}` }),
  ]);
}

export async function setAlertRuleActive(deps: WriteDeps, user: SessionUser, rule: AlertRule, active: boolean): Promise<void> {
  if (rule.active === active) return;
  await deps.atomic([
    deps.db.update(alertRules).set({ active, updatedAt: deps.clock() }).where(eq(alertRules.id, rule.id)),
    auditStatement(deps, { actorId: user.id, action: 'alert.updated', target: rule.name, detail: `changed: ${active ? 'enabled' : 'disabled'}` }),
  ]);
}

/** Removes a rule and its delivery log. */
export async function deleteAlertRule(deps: WriteDeps, user: SessionUser, rule: AlertRule): Promise<void> {
  await deps.atomic([
    deps.db.delete(alertDeliveries).where(eq(alertDeliveries.ruleId, rule.id)),
    deps.db.delete(alertRules).where(eq(alertRules.id, rule.id)),
    auditStatement(deps, { actorId: user.id, action: 'alert.deleted', target: rule.name }),
  ]);
}

/** The form filled in from a saved rule; the URL stays empty (it is a secret and is kept unless replaced). */
export function formOf(r: AlertRule): AlertForm {
  const c = r.condition;
  return {
    ...emptyAlertForm(),
    name: r.name,
    teamId: r.teamId ?? '',
    condition: c.kind,
    ...(c.kind === 'score' ? { survey: c.survey, atMost: String(c.atMost) } : {}),
    ...(c.kind === 'theme' ? { themeId: c.themeId ?? '', keywords: c.keywords.join(', ') } : {}),
    ...(c.kind === 'sentiment' ? { highSeverityOnly: c.highSeverityOnly } : {}),
    ...(c.kind === 'tag' ? { tag: c.tag } : {}),
    destination: r.destination.kind,
    emails: r.destination.kind === 'email' ? r.destination.to.join('\n') : '',
  };
}

/** What the form offers the person: the teams they may alert on, and the admins' themes. */
export async function alertFormChoices(deps: Pick<Deps, 'db'>, user: SessionUser) {
  const [names, themeRows] = await Promise.all([teamNames(deps), deps.db.select({ id: themes.id, name: themes.name }).from(themes).orderBy(themes.name)]);
  return {
    teams: [...names].filter(([id]) => canManageAlert(user, id)).map(([id, name]) => ({ id, name })),
    themes: themeRows,
    anyTeam: canManageAlert(user, null),
  };
}
