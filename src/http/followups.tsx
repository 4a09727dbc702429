// Follow-up pages: the inbox, the report, one task and what people do with it. Every handler
// parses, checks the viewer may see the task (others' ids answer 404), calls one service, renders.
import { eq, inArray } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { suppressions, users } from '../db/schema';
import type { Deps } from '../deps';
import type { SessionUser } from '../domain/access';
import { canMove, FOLLOWUP_STATUSES } from '../domain/followups';
import { type Assignee } from '../domain/assignment';
import { isoDate, PRESETS, rangeMs, resolveRange, type Preset } from '../domain/period';
import { rangeLabel } from '../domain/periodLabels';
import { dayNumber } from '../domain/timeZone';
import { firstAnswerAt } from '../db/queries/firstAnswerAt';
import { ACTIVITY_KINDS, addActivity, changeStatus, emailCustomer, reassign, type ActionError } from '../services/followups/actions';
import { contactOf, teamAgents, teamManagers } from '../services/followups/assign';
import { userActor } from '../services/followups/events';
import {
  activityOf,
  canReassign,
  canSeeTask,
  countActive,
  customerHistory,
  getTask,
  listTasks,
  type AssigneeFilter,
  type TaskRow,
} from '../services/followups/queries';
import { followupReport } from '../services/followups/report';
import { BUILT_IN, fill, getTemplate, listTemplates, textIn } from '../services/followups/templates';
import { InboxPage, type InboxFilter } from '../../views/pages/followups/Inbox';
import { ReportPage } from '../../views/pages/followups/Report';
import { TaskPage } from '../../views/pages/followups/Task';
import { Activity } from '../../views/partials/followups/Activity';
import { EmailForm, type EmailFormProps } from '../../views/partials/followups/EmailForm';
import { messages, pickLocale } from '../i18n';
import { field, readForm } from './admin/form';
import { requireUser, viewer, type SessionEnv } from './middleware/session';
import { messagePage } from './pages';

const INBOX_LIMIT = 200;
const LANGUAGE = { en: 'English', es: 'Spanish', zh: 'Chinese' } as const;
const NOTICES: Record<string, string> = {
  activity: 'Added to the log.',
  email: 'Email sent.',
  status: 'Status changed.',
  assigned: 'Assignee changed.',
};

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

export function followupRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();
  app.use('*', requireUser());
  app.use('*', async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
  });

  app.get('/', async (c) => {
    const { user, csrf } = viewer(c);
    const now = deps.clock();
    const q = c.req.query();
    const status = (['active', 'closed', 'all'] as const).find((s) => s === q.status) ?? 'active';
    const assignee = q.assignee || (user.role === 'agent' ? 'me' : 'anyone');
    const filter: InboxFilter = { status, assignee, overdue: q.overdue === '1' };
    const range = q.from && q.to ? resolveRange({ from: q.from, to: q.to }, now, deps.config.timeZone) : null;
    const opened = range?.ok ? rangeMs(range.value, deps.config.timeZone) : undefined;
    const [list, counts, label] = await Promise.all([
      listTasks(
        deps,
        user,
        {
          status,
          assignee: assigneeFilter(assignee),
          overdue: filter.overdue,
          ...(opened ? { openedFrom: opened.start, openedTo: opened.end } : {}),
          limit: INBOX_LIMIT,
          order: 'due',
        },
        now,
      ),
      countActive(deps, user, now),
      assigneeLabel(deps, assignee),
    ]);
    return c.html(
      <InboxPage
        user={user}
        csrf={csrf}
        rows={list.rows}
        more={list.next !== null}
        counts={counts}
        filter={filter}
        assigneeLabel={label}
        period={range?.ok ? { from: isoDate(range.value.from), to: isoDate(range.value.to) } : undefined}
        now={now}
        timeZone={deps.config.timeZone}
      />,
    );
  });

  app.get('/report', async (c) => {
    const { user, csrf } = viewer(c);
    const now = deps.clock();
    const tz = deps.config.timeZone;
    const q = c.req.query();
    const preset = PRESETS.find((x) => x === q.preset);
    const range = resolveRange({ preset, from: q.from, to: q.to }, now, tz, preset === 'all' ? await firstAnswerAt(deps.db) : null);
    if (!range.ok) return messagePage(c, 'invalid', 400);
    const r = range.value;
    const report = await followupReport(deps, user, rangeMs(r, tz), now);
    return c.html(
      <ReportPage
        user={user}
        csrf={csrf}
        preset={r.preset as Preset | 'custom'}
        period={{ from: isoDate(r.from), to: isoDate(r.to), label: rangeLabel(r, dayNumber(now, tz)) }}
        {...report}
      />,
    );
  });

  /** The task if the viewer may see it; otherwise the same 404 as a missing one. */
  async function visibleTask(c: Context<SessionEnv>): Promise<TaskRow | Response> {
    const task = await getTask(deps, c.req.param('id') ?? '');
    if (!task || !canSeeTask(viewer(c).user, task)) return messagePage(c, 'notFound', 404);
    return task;
  }

  async function emailForm(user: SessionUser, csrf: string, task: TaskRow, templateId: string, extra: Partial<EmailFormProps> = {}) {
    const locale = pickLocale(task.customer.locale);
    const m = messages(locale);
    const [templates, template, suppressed] = await Promise.all([
      listTemplates(deps),
      getTemplate(deps, templateId),
      deps.db.select({ reason: suppressions.reason }).from(suppressions).where(eq(suppressions.email, task.customer.email)),
    ]);
    const text = fill(textIn(template ?? templates[0]!, locale), {
      greeting: m.email.greeting(task.customer.name),
      customer_name: task.customer.name ?? '',
      agent_name: user.name ?? user.email,
      company: deps.config.brandName ?? '',
      reference: task.interaction.externalId,
    });
    const reason = suppressed[0]?.reason;
    return {
      taskId: task.id,
      csrf,
      templates: templates.map((t) => ({ id: t.id, name: t.name })),
      templateId: template?.id ?? BUILT_IN,
      subject: text.subject,
      body: text.body,
      formKey: deps.newId(),
      replyTo: user.email,
      language: LANGUAGE[locale],
      blocked:
        reason === 'bounced' || reason === 'complained'
          ? `Email to ${task.customer.email} ${reason === 'bounced' ? 'bounced' : 'was marked as spam'}; reach the customer another way and log it above.`
          : undefined,
      ...extra,
    } satisfies EmailFormProps;
  }

  async function assigneeOptions(task: TaskRow) {
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

  const currentAssignee = (t: TaskRow) => (t.assigneeAgentId ? `agent:${t.assigneeAgentId}` : t.assigneeUserId ? `user:${t.assigneeUserId}` : 'none');

  async function renderTask(
    c: Context<SessionEnv>,
    task: TaskRow,
    opts: {
      status?: 200 | 422;
      errors?: { activity?: string; status?: string };
      statusForm?: { status: string; note: string };
      email?: Partial<EmailFormProps>;
    } = {},
  ) {
    const { user, csrf } = viewer(c);
    const [activity, history, email, assignees] = await Promise.all([
      activityOf(deps, task.id),
      customerHistory(deps, task.customerId),
      emailForm(user, csrf, task, c.req.query('template') ?? BUILT_IN, opts.email),
      canReassign(user, task) ? assigneeOptions(task) : Promise.resolve(null),
    ]);
    const done = c.req.query('done');
    return c.html(
      <TaskPage
        user={user}
        csrf={csrf}
        task={task}
        activity={activity}
        history={history}
        email={email}
        nextStatuses={FOLLOWUP_STATUSES.filter((s) => canMove(task.status, s))}
        assignees={assignees}
        currentAssignee={currentAssignee(task)}
        errors={opts.errors}
        statusForm={opts.statusForm}
        notice={done ? NOTICES[done] : undefined}
        now={deps.clock()}
        timeZone={deps.config.timeZone}
      />,
      opts.status ?? 200,
    );
  }

  app.get('/:id', async (c) => {
    const task = await visibleTask(c);
    return task instanceof Response ? task : renderTask(c, task);
  });

  // The email form in another template, for the template menu (htmx).
  app.get('/:id/email-form', async (c) => {
    const task = await visibleTask(c);
    if (task instanceof Response) return task;
    const { user, csrf } = viewer(c);
    return c.html(<EmailForm {...await emailForm(user, csrf, task, c.req.query('template') ?? BUILT_IN)} />);
  });

  const back = (c: Context, id: string, done: string) => c.redirect(`/follow-ups/${id}?done=${done}`, 303);

  app.post('/:id/activity', async (c) => {
    const task = await visibleTask(c);
    if (task instanceof Response) return task;
    const form = await readForm(c);
    const kind = ACTIVITY_KINDS.find((k) => k === field(form, 'kind')) ?? 'note';
    const done = await addActivity(deps, task.id, userActor(viewer(c).user), kind, field(form, 'body'));
    if (done.ok) return back(c, task.id, 'activity');
    return renderTask(c, task, { status: 422, errors: { activity: 'Write what the note says.' } });
  });

  app.post('/:id/email', async (c) => {
    const task = await visibleTask(c);
    if (task instanceof Response) return task;
    const form = await readForm(c);
    const input = { subject: field(form, 'subject'), body: field(form, 'body'), key: field(form, 'key') };
    const { user, csrf } = viewer(c);
    const sent = await emailCustomer(deps, task.id, userActor(user), input);
    const htmx = c.req.header('HX-Request') === 'true';
    if (!sent.ok) {
      const kept = { subject: input.subject, body: input.body, formKey: input.key, error: emailError(sent.error) };
      if (!htmx) return renderTask(c, task, { status: 422, email: kept });
      // htmx: only the form comes back, with what was written and why it did not go.
      return c.html(<EmailForm {...await emailForm(user, csrf, task, field(form, 'template') || BUILT_IN, kept)} />, 422);
    }
    if (!htmx) return back(c, task.id, 'email');
    // htmx: a fresh form, and the log (out of band) that now holds the email.
    const [fresh, activity] = await Promise.all([emailForm(user, csrf, task, BUILT_IN, { sent: NOTICES.email }), activityOf(deps, task.id)]);
    return c.html(
      <>
        <EmailForm {...fresh} />
        <Activity rows={activity} timeZone={deps.config.timeZone} oob />
      </>,
    );
  });

  app.post('/:id/status', async (c) => {
    const task = await visibleTask(c);
    if (task instanceof Response) return task;
    const form = await readForm(c);
    const to = FOLLOWUP_STATUSES.find((s) => s === field(form, 'status'));
    const moved = to ? await changeStatus(deps, task.id, userActor(viewer(c).user), to, field(form, 'note')) : null;
    if (moved?.ok) return back(c, task.id, 'status');
    const reason = moved && !moved.ok ? moved.error : null;
    const error =
      reason === 'outcome-required'
        ? 'Write an outcome note to close the task.'
        : reason === 'other-open'
          ? 'This customer has another open follow-up; work on that one instead.'
          : 'That status change is not possible any more; the task may have changed. Here it is as it is now.';
    const statusForm = { status: field(form, 'status'), note: field(form, 'note') };
    return renderTask(c, (await getTask(deps, task.id)) ?? task, { status: 422, errors: { status: error }, statusForm });
  });

  app.post('/:id/assign', async (c) => {
    const task = await visibleTask(c);
    if (task instanceof Response) return task;
    const { user } = viewer(c);
    if (!canReassign(user, task)) return messagePage(c, 'notFound', 404);
    const value = field(await readForm(c), 'assignee');
    // Only people offered in the menu: the team's agents and managers, or nobody.
    if (!(await assigneeOptions(task)).some((o) => o.value === value)) return renderTask(c, task, { status: 422 });
    await reassign(deps, task.id, userActor(user), parseAssignee(value));
    return back(c, task.id, 'assigned');
  });

  return app;
}

function emailError(e: ActionError): string {
  if (e === 'empty') return 'Write a subject and a message.';
  if (e === 'undeliverable') return 'This address cannot take email (it bounced or complained).';
  if (typeof e === 'object') return `The email could not be sent: ${e.sendFailed}. Try again in a moment.`;
  return 'The email could not be sent.';
}

/** A readable name for an assignee filter that arrived in a link. */
async function assigneeLabel(deps: Deps, value: string): Promise<string | undefined> {
  const a = parseAssignee(value);
  if (!a) return undefined;
  const who = await contactOf(deps, a);
  return who ? (who.name ?? who.email) : 'Someone else';
}
