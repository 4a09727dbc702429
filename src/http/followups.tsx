// Follow-up pages: the inbox, the report, one task and what people do with it. Every handler
// parses, checks the viewer may see the task (others' ids answer 404), calls one service, renders.
import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import { FOLLOWUP_STATUSES, canMove } from '../domain/followups';
import { ACTIVITY_KINDS, addActivity, changeStatus, emailCustomer, type ActionError, reassign } from '../services/followups/actions';
import type { SessionUser } from '../domain/access';
import { type Assignee } from '../domain/assignment';
import { isoDate, PRESETS, rangeMs, resolveRange, type Preset } from '../domain/period';
import { rangeLabel } from '../domain/periodLabels';
import { dayNumber } from '../domain/timeZone';
import { firstAnswerAt } from '../db/queries/firstAnswerAt';
import { contactOf, teamAgents, teamManagers } from '../services/followups/assign';
import { userActor } from '../services/followups/events';
import { activityOf, canReassign, getTask, type TaskRow } from '../services/followups/queries';
import { assignFromMenu, findVisibleTask, getEmailDraft, getInboxPage, getReportPage, getTaskPage } from '../services/followups/pages';
import { BUILT_IN } from '../services/followups/templates';
import { InboxPage, type InboxFilter } from '../../views/pages/followups/Inbox';
import { ReportPage } from '../../views/pages/followups/Report';
import { TaskPage } from '../../views/pages/followups/Task';
import { Activity } from '../../views/partials/followups/Activity';
import { EmailForm, type EmailFormProps } from '../../views/partials/followups/EmailForm';
import { messages, pickLocale } from '../i18n';
import { field, readForm } from './admin/form';
import { requireUser, viewer, type SessionEnv } from './middleware/session';
import { messagePage } from './pages';

const NOTICES: Record<string, string> = {
  activity: 'Added to the log.',
  email: 'Email sent.',
  status: 'Status changed.',
  assigned: 'Assignee changed.',
};

export function followupRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();
  app.use('*', requireUser());

  app.get('/', async (c) => {
    const { user, csrf } = viewer(c);
    const q = c.req.query();
    const status = (['active', 'closed', 'all'] as const).find((s) => s === q.status) ?? 'active';
    const assignee = q.assignee || (user.role === 'agent' ? 'me' : 'anyone');
    const filter: InboxFilter = { status, assignee, overdue: q.overdue === '1' };
    const inbox = await getInboxPage(deps, user, { ...filter, from: q.from, to: q.to });
    return c.html(<InboxPage user={user} csrf={csrf} filter={filter} timeZone={deps.config.timeZone} {...inbox} />);
  });

  app.get('/report', async (c) => {
    const { user, csrf } = viewer(c);
    const q = c.req.query();
    const report = await getReportPage(deps, user, { preset: q.preset, from: q.from, to: q.to });
    if (!report) return messagePage(c, 'invalid', 400);
    return c.html(<ReportPage user={user} csrf={csrf} {...report} />);
  });

  /** The task if the viewer may see it; otherwise the same 404 as a missing one. */
  async function visibleTask(c: Context<SessionEnv>): Promise<TaskRow | Response> {
    const task = await findVisibleTask(deps, viewer(c).user, c.req.param('id') ?? '');
    return task ?? messagePage(c, 'notFound', 404);
  }

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
    const page = await getTaskPage(deps, user, task, c.req.query('template') ?? BUILT_IN);
    const done = c.req.query('done');
    return c.html(
      <TaskPage
        user={user}
        csrf={csrf}
        task={task}
        {...page}
        email={{ ...page.email, csrf, ...opts.email }}
        errors={opts.errors}
        statusForm={opts.statusForm}
        notice={done ? NOTICES[done] : undefined}
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
    return c.html(<EmailForm {...await getEmailDraft(deps, user, task, c.req.query('template') ?? BUILT_IN)} csrf={csrf} />);
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
      return c.html(<EmailForm {...await getEmailDraft(deps, user, task, field(form, 'template') || BUILT_IN)} {...kept} csrf={csrf} />, 422);
    }
    if (!htmx) return back(c, task.id, 'email');
    // htmx: a fresh form, and the log (out of band) that now holds the email.
    const [fresh, activity] = await Promise.all([getEmailDraft(deps, user, task, BUILT_IN), activityOf(deps, task.id)]);
    return c.html(
      <>
        <EmailForm {...fresh} csrf={csrf} sent={NOTICES.email} />
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
    const assigned = await assignFromMenu(deps, user, task, field(await readForm(c), 'assignee'));
    return assigned ? back(c, task.id, 'assigned') : renderTask(c, task, { status: 422 });
  });

  return app;
}

function emailError(e: ActionError): string {
  if (e === 'empty') return 'Write a subject and a message.';
  if (e === 'undeliverable') return 'This address cannot take email (it bounced or complained).';
  if (e === 'erased') return 'This customer asked to be erased: Heard sends nothing more to their address.';
  if (typeof e === 'object') return `The email could not be sent: ${e.sendFailed}. Try again in a moment.`;
  return 'The email could not be sent.';
}
