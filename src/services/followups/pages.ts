// What the follow-up pages show: the inbox, the report, one task with its email draft and the
// assignee menu. The assignee menu's values ('agent:<id>', 'user:<id>', 'none') are written and
// read back here, so the inbox filter, the task's menu and its check stay one vocabulary.
import { inArray } from 'drizzle-orm';
import type { Deps } from '../../deps';
import { firstAnswerAt } from '../../db/queries/firstAnswerAt';
import { users } from '../../db/schema';
import type { SessionUser } from '../../domain/access';
import type { Assignee } from '../../domain/assignment';
import { canMove, FOLLOWUP_STATUSES } from '../../domain/followups';
import { isoDate, PRESETS, rangeMs, resolveRange, type Preset } from '../../domain/period';
import { rangeLabel } from '../../domain/periodLabels';
import { dayNumber } from '../../domain/timeZone';
import { messages, pickLocale } from '../../i18n';
import { reassign } from './actions';
import { contactOf, teamAgents, teamManagers } from './assign';
import { suppressionOf } from '../suppress';
import { userActor } from './events';
import { activityOf, canReassign, canSeeTask, countActive, customerHistory, getTask, listTasks, type AssigneeFilter, type TaskRow } from './queries';
import { followupReport } from './report';
import { BUILT_IN, fill, getTemplate, listTemplates, textIn } from './templates';

const INBOX_LIMIT = 200;
const LANGUAGE = { en: 'English', es: 'Spanish', zh: 'Chinese' } as const;

/** The inbox's assignee menu value as a list filter. */
function assigneeFilter(value: string): AssigneeFilter | undefined {
  if (value === 'me' || value === 'none') return value;
  if (value.startsWith('agent:')) return { agentId: value.slice(6) };
  if (value.startsWith('user:')) return { userId: value.slice(5) };
  return undefined; // 'anyone': everything the viewer may see
}

function parseAssignee(value: string): Assignee | null {
  if (value.startsWith('agent:')) return { kind: 'agent', id: value.slice(6) };
  if (value.startsWith('user:')) return { kind: 'user', id: value.slice(5) };
  return null;
}

const currentAssignee = (t: TaskRow) => (t.assigneeAgentId ? `agent:${t.assigneeAgentId}` : t.assigneeUserId ? `user:${t.assigneeUserId}` : 'none');

/** A readable name for an assignee filter that arrived in a link. */
async function assigneeLabel(deps: Pick<Deps, 'db'>, value: string): Promise<string | undefined> {
  const a = parseAssignee(value);
  if (!a) return undefined;
  const who = await contactOf(deps, a);
  return who ? (who.name ?? who.email) : 'Someone else';
}

export interface InboxQuery {
  status: 'active' | 'closed' | 'all';
  /** An assignee menu value, 'me' or 'anyone'. */
  assignee: string;
  overdue: boolean;
  /** Opened between these local days, when both are given. */
  from?: string | undefined;
  to?: string | undefined;
}

/** The inbox: tasks the viewer may see, soonest due first, and the counts of its tabs. */
export async function getInboxPage(deps: Deps, user: SessionUser, q: InboxQuery) {
  const now = deps.clock();
  const range = q.from && q.to ? resolveRange({ from: q.from, to: q.to }, now, deps.config.timeZone) : null;
  const opened = range?.ok ? rangeMs(range.value, deps.config.timeZone) : undefined;
  const [list, counts, label] = await Promise.all([
    listTasks(
      deps,
      user,
      {
        status: q.status,
        assignee: assigneeFilter(q.assignee),
        overdue: q.overdue,
        ...(opened ? { openedFrom: opened.start, openedTo: opened.end } : {}),
        limit: INBOX_LIMIT,
        order: 'due',
      },
      now,
    ),
    countActive(deps, user, now),
    assigneeLabel(deps, q.assignee),
  ]);
  return {
    rows: list.rows,
    more: list.next !== null,
    counts,
    assigneeLabel: label,
    period: range?.ok ? { from: isoDate(range.value.from), to: isoDate(range.value.to) } : undefined,
    now,
  };
}

/** The follow-up report for a preset or dates; null when the dates do not make a range. */
export async function getReportPage(deps: Deps, user: SessionUser, q: { preset?: string | undefined; from?: string | undefined; to?: string | undefined }) {
  const now = deps.clock();
  const tz = deps.config.timeZone;
  const preset = PRESETS.find((x) => x === q.preset);
  const range = resolveRange({ preset, from: q.from, to: q.to }, now, tz, preset === 'all' ? await firstAnswerAt(deps.db) : null);
  if (!range.ok) return null;
  const r = range.value;
  const report = await followupReport(deps, user, rangeMs(r, tz), now);
  return {
    preset: r.preset as Preset | 'custom',
    period: { from: isoDate(r.from), to: isoDate(r.to), label: rangeLabel(r, dayNumber(now, tz)) },
    ...report,
  };
}

/** The task if the viewer may see it; null otherwise, the same as a missing one. */
export async function findVisibleTask(deps: Pick<Deps, 'db'>, user: SessionUser, id: string): Promise<TaskRow | null> {
  const task = await getTask(deps, id);
  return task && canSeeTask(user, task) ? task : null;
}

/** The email form's content: the chosen template filled in for this customer, or why they cannot be emailed. */
export interface EmailDraft {
  taskId: string;
  templates: { id: string; name: string }[];
  templateId: string;
  subject: string;
  body: string;
  /** Sent with the form so sending it twice sends one email. */
  formKey: string;
  replyTo: string;
  language: string;
  /** Why the customer cannot be emailed, if they cannot. */
  blocked?: string | undefined;
}

export async function getEmailDraft(deps: Deps, user: SessionUser, task: TaskRow, templateId: string): Promise<EmailDraft> {
  const locale = pickLocale(task.customer.locale);
  const m = messages(locale);
  const [templates, template, suppressed] = await Promise.all([
    listTemplates(deps),
    getTemplate(deps, templateId),
    suppressionOf(deps, task.customer.email),
  ]);
  const text = fill(textIn(template ?? templates[0]!, locale), {
    greeting: m.email.greeting(task.customer.name),
    customer_name: task.customer.name ?? '',
    agent_name: user.name ?? user.email,
    company: deps.config.brandName ?? '',
    reference: task.interaction.externalId,
  });
  return {
    taskId: task.id,
    templates: templates.map((t) => ({ id: t.id, name: t.name })),
    templateId: template?.id ?? BUILT_IN,
    subject: text.subject,
    body: text.body,
    formKey: deps.newId(),
    replyTo: user.email,
    language: LANGUAGE[locale],
    blocked:
      suppressed === 'erased'
        ? 'This customer asked to be erased: Heard sends nothing more to their address, and their erasure is being finished.'
        : suppressed === 'bounced' || suppressed === 'complained'
          ? `Email to ${task.customer.email} ${suppressed === 'bounced' ? 'bounced' : 'was marked as spam'}; reach the customer another way and log it above.`
          : undefined,
  };
}

/** Who a task can be given to: the team's agents and managers, or nobody (and whoever has it now). */
async function assigneeOptions(deps: Deps, task: TaskRow) {
  const [agentsInTeam, managerIds] = await Promise.all([teamAgents(deps, task.teamId), teamManagers(deps, task.teamId)]);
  const managers = managerIds.length
    ? await deps.db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(inArray(users.id, managerIds))
    : [];
  const options = [
    { value: 'none', label: 'Nobody' },
    ...agentsInTeam.map((a) => ({ value: `agent:${a.id}`, label: `${a.name ?? a.email} (agent)` })),
    ...managers.map((u) => ({ value: `user:${u.id}`, label: `${u.name ?? u.email} (manager)` })),
  ];
  const current = currentAssignee(task);
  if (!options.some((o) => o.value === current)) {
    const a = task.assigneeAgent ?? task.assigneeUser;
    options.push({ value: current, label: a ? (a.name ?? a.email) : current });
  }
  return options;
}

/** One task's page: its log, the customer's history, the email draft and, for those who may reassign, the menu. */
export async function getTaskPage(deps: Deps, user: SessionUser, task: TaskRow, templateId: string) {
  const [activity, history, email, assignees] = await Promise.all([
    activityOf(deps, task.id),
    customerHistory(deps, task.customerId),
    getEmailDraft(deps, user, task, templateId),
    canReassign(user, task) ? assigneeOptions(deps, task) : Promise.resolve(null),
  ]);
  return {
    activity,
    history,
    email,
    assignees,
    currentAssignee: currentAssignee(task),
    nextStatuses: FOLLOWUP_STATUSES.filter((s) => canMove(task.status, s)),
    now: deps.clock(),
  };
}

/** Gives the task to the one chosen in the menu; false when that choice was not offered. */
export async function assignFromMenu(deps: Deps, user: SessionUser, task: TaskRow, value: string): Promise<boolean> {
  // Only people offered in the menu: the team's agents and managers, or nobody.
  if (!(await assigneeOptions(deps, task)).some((o) => o.value === value)) return false;
  await reassign(deps, task.id, userActor(user), parseAssignee(value));
  return true;
}
