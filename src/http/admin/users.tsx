// Admins manage people: invitations, role and team changes, deactivation.
import { Hono, type Context } from 'hono';
import type { Deps } from '../../deps';
import { inviteUser, listPendingInvitations, revokeInvitation } from '../../services/invitations';
import { teamNames } from '../../services/teams';
import { changeAccess, getUser, listUsers, setActive, ZAccess, ZEmail, type ChangeError } from '../../services/users';
import { UserPage } from '../../../views/pages/admin/User';
import { UsersPage, type UsersPageProps } from '../../../views/pages/admin/Users';
import { viewer, type SessionEnv } from '../middleware/session';
import { messagePage } from '../pages';
import { accessInput, echoAccess, field, readForm } from './form';

const NOTICES: Record<string, string> = {
  invited: 'Invitation sent.',
  revoked: 'Invitation revoked; its link no longer works.',
  saved: 'Access saved. It applies from their next page.',
  deactivated: 'User deactivated and signed out everywhere.',
  reactivated: 'User reactivated. They can sign in again with their password.',
};

const CHANGE_ERRORS: Record<Exclude<ChangeError, 'not-found'>, string> = {
  self: 'You cannot change your own role or deactivate yourself.',
  'unknown-team': 'One of the chosen teams no longer exists. Reload the page and try again.',
};

export function userAdminRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  const teamOptions = async () => [...(await teamNames(deps))].map(([id, name]) => ({ id, name }));

  async function usersPage(c: Context<SessionEnv>, extra: Partial<UsersPageProps> = {}, status: 200 | 422 | 409 | 502 = 200) {
    const [users, teams, invitations] = await Promise.all([listUsers(deps), teamOptions(), listPendingInvitations(deps)]);
    return c.html(<UsersPage {...viewer(c)} users={users} teams={teams} invitations={invitations} {...extra} />, status);
  }

  app.get('/users', (c) => usersPage(c, { notice: NOTICES[c.req.query('done') ?? ''] }));

  app.post('/users/invite', async (c) => {
    const form = await readForm(c);
    const raw = accessInput(form);
    const email = ZEmail.safeParse(field(form, 'email'));
    const access = ZAccess.safeParse(raw);
    const echo = { email: field(form, 'email'), ...echoAccess(raw, 'agent') };
    if (!email.success || !access.success) {
      const teamError = access.error?.issues.find((i) => i.path[0] === 'teamIds')?.message;
      return usersPage(c, { form: echo, errors: { email: email.error?.issues[0]?.message, teamIds: teamError } }, 422);
    }
    const invited = await inviteUser(deps, viewer(c).user, { email: email.data, ...access.data });
    if (invited.ok) return c.redirect('/admin/users?done=invited', 303);
    const e = invited.error;
    if (e === 'email-taken') return usersPage(c, { form: echo, errors: { email: 'Someone already has an account with this email.' } }, 409);
    if (e === 'unknown-team') return usersPage(c, { form: echo, errors: { teamIds: CHANGE_ERRORS['unknown-team'] } }, 409);
    return usersPage(c, { form: echo, errors: { form: `The invitation email could not be sent (${e.mail}). Nothing was saved; try again.` } }, 502);
  });

  app.post('/invitations/:id/revoke', async (c) => {
    if (!(await revokeInvitation(deps, viewer(c).user.id, c.req.param('id')))) return messagePage(c, 'notFound', 404);
    return c.redirect('/admin/users?done=revoked', 303);
  });

  app.get('/users/:id', async (c) => {
    const subject = await getUser(deps, c.req.param('id'));
    if (!subject) return messagePage(c, 'notFound', 404);
    return c.html(<UserPage {...viewer(c)} subject={subject} teams={await teamOptions()} notice={NOTICES[c.req.query('done') ?? '']} />);
  });

  app.post('/users/:id/access', async (c) => {
    const id = c.req.param('id');
    const raw = accessInput(await readForm(c));
    const access = ZAccess.safeParse(raw);
    if (!access.success) {
      const subject = await getUser(deps, id);
      if (!subject) return messagePage(c, 'notFound', 404);
      const form = echoAccess(raw, subject.role);
      return c.html(<UserPage {...viewer(c)} subject={subject} teams={await teamOptions()} form={form} error={access.error.issues[0]?.message} />, 422);
    }
    const changed = await changeAccess(deps, viewer(c).user.id, id, access.data);
    return changeResult(c, id, changed.ok ? 'saved' : changed.error);
  });

  for (const [action, active] of [['deactivate', false], ['reactivate', true]] as const) {
    app.post(`/users/:id/${action}`, async (c) => {
      const id = c.req.param('id');
      const changed = await setActive(deps, viewer(c).user.id, id, active);
      return changeResult(c, id, changed.ok ? (active ? 'reactivated' : 'deactivated') : changed.error);
    });
  }

  async function changeResult(c: Context<SessionEnv>, id: string, outcome: string) {
    if (outcome === 'not-found') return messagePage(c, 'notFound', 404);
    if (outcome in NOTICES) return c.redirect(`/admin/users/${id}?done=${outcome}`, 303);
    const subject = (await getUser(deps, id))!;
    return c.html(<UserPage {...viewer(c)} subject={subject} teams={await teamOptions()} error={CHANGE_ERRORS[outcome as keyof typeof CHANGE_ERRORS]} />, 422);
  }

  return app;
}
