// Settings → Integrations: admins connect helpdesks, read the setup steps, send a test event and
// watch what arrives. API tokens never come back to the browser beyond their last four characters.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Deps } from '../../deps';
import { PROVIDERS, type Provider } from '../../db/schema';
import { sampleHook } from '../../connectors/samples';
import {
  createConnection,
  deleteConnection,
  deliveryLog,
  getConnection,
  listConnectionSummaries,
  recentWritebacks,
  updateConnection,
  webhookUrl,
  type Connection,
} from '../../services/connections';
import { receiveHook } from '../../services/hooks';
import { listTeams } from '../../services/teams';
import type { ConnectionFormValues } from '../../../views/pages/admin/ConnectionFields';
import { IntegrationPage } from '../../../views/pages/admin/Integration';
import { IntegrationsPage } from '../../../views/pages/admin/Integrations';
import { DeliveryLog } from '../../../views/partials/DeliveryLog';
import { viewer, type SessionEnv } from '../middleware/session';
import { messagePage } from '../pages';
import { field, readForm, type Form } from './form';

function isHttpUrl(v: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}

const optional = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .transform((v) => v || null);

const url = (message: string) =>
  optional(500).refine((v) => v === null || isHttpUrl(v), message);

const FIELDS = {
  name: z.string().trim().min(1, 'Name the connection, e.g. “Zendesk production”.').max(100, 'Use at most 100 characters.'),
  secret: optional(500).refine((v) => v === null || v.length >= 8, 'A secret has at least 8 characters. Leave it empty and Heard makes one.'),
  apiUrl: url('Enter the full API address, starting with https://'),
  apiUser: optional(200),
  apiToken: optional(500),
  team: optional(100),
  ticketUrl: url('Enter the full ticket address, starting with https://').refine(
    (v) => v === null || v.includes('{id}'),
    'Put {id} where the ticket number goes.',
  ),
};

type Fields = z.infer<z.ZodObject<typeof FIELDS>>;

/** Credentials that only make sense together. `stored` is the connection being edited, if any. */
function checkCredentials(provider: Provider, v: Fields, stored: Connection | null, ctx: z.RefinementCtx) {
  const token = v.apiToken ?? (v.apiUrl ? stored?.apiToken : null);
  if (v.apiToken && !v.apiUrl) ctx.addIssue({ code: 'custom', path: ['apiUrl'], message: 'An API token needs the API address it belongs to.' });
  if (v.apiUrl && !token) ctx.addIssue({ code: 'custom', path: ['apiToken'], message: 'Enter the API token for this address, or leave the address empty.' });
  if (provider === 'zendesk' && token && !v.apiUser) {
    ctx.addIssue({ code: 'custom', path: ['apiUser'], message: 'Zendesk API tokens belong to an agent: enter their email.' });
  }
}

const ZNewConnection = z
  .object({ provider: z.enum(PROVIDERS, 'Choose your helpdesk.'), ...FIELDS })
  .superRefine((v, ctx) => checkCredentials(v.provider, v, null, ctx));

const editSchema = (stored: Connection) => z.object(FIELDS).superRefine((v, ctx) => checkCredentials(stored.provider, v, stored, ctx));

const formValues = (form: Form): ConnectionFormValues => ({
  provider: field(form, 'provider'),
  name: field(form, 'name'),
  secret: field(form, 'secret'),
  apiUrl: field(form, 'apiUrl'),
  apiUser: field(form, 'apiUser'),
  team: field(form, 'team'),
  ticketUrl: field(form, 'ticketUrl'),
});

const firstErrors = (error: z.ZodError) => {
  const errors: Record<string, string> = {};
  for (const i of error.issues) errors[String(i.path[0] ?? 'form')] ??= i.message;
  return errors;
};

const NOTICES: Record<string, string> = {
  created: 'Connected. Follow the steps below in your helpdesk, then send a test event.',
  saved: 'Saved.',
  deleted: 'Connection deleted. Its webhook URL no longer accepts anything.',
};

export function integrationAdminRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();
  const notice = (c: Context) => NOTICES[c.req.query('done') ?? ''];

  const listPage = async (c: Context<SessionEnv>, extra: { form?: ConnectionFormValues; errors?: Record<string, string> } = {}, status: 200 | 422 = 200) =>
    c.html(
      <IntegrationsPage
        {...viewer(c)}
        connections={await listConnectionSummaries(deps)}
        teams={(await listTeams(deps)).map((t) => t.name)}
        notice={notice(c)}
        {...extra}
      />,
      status,
    );

  const connectionPage = async (
    c: Context<SessionEnv>,
    conn: Connection,
    extra: { form?: ConnectionFormValues; errors?: Record<string, string> } = {},
    status: 200 | 422 = 200,
  ) =>
    c.html(
      <IntegrationPage
        {...viewer(c)}
        connection={conn}
        webhookUrl={webhookUrl(deps.config.publicUrl, conn)}
        deliveries={await deliveryLog(deps, conn.id)}
        writebacks={await recentWritebacks(deps, conn.id)}
        teams={(await listTeams(deps)).map((t) => t.name)}
        notice={notice(c)}
        {...extra}
      />,
      status,
    );

  app.get('/integrations', (c) => listPage(c));

  app.post('/integrations', async (c) => {
    const form = await readForm(c);
    const parsed = ZNewConnection.safeParse({ ...formValues(form), apiToken: field(form, 'apiToken') });
    if (!parsed.success) return listPage(c, { form: formValues(form), errors: firstErrors(parsed.error) }, 422);
    const created = await createConnection(deps, viewer(c).user.id, parsed.data);
    return c.redirect(`/admin/integrations/${created.id}?done=created`, 303);
  });

  app.get('/integrations/:id', async (c) => {
    const conn = await getConnection(deps, c.req.param('id'));
    return conn ? connectionPage(c, conn) : messagePage(c, 'notFound', 404);
  });

  app.post('/integrations/:id', async (c) => {
    const conn = await getConnection(deps, c.req.param('id'));
    if (!conn) return messagePage(c, 'notFound', 404);
    const form = await readForm(c);
    const parsed = editSchema(conn).safeParse({ ...formValues(form), apiToken: field(form, 'apiToken') });
    if (!parsed.success) return connectionPage(c, conn, { form: formValues(form), errors: firstErrors(parsed.error) }, 422);
    await updateConnection(deps, viewer(c).user.id, conn.id, parsed.data);
    return c.redirect(`/admin/integrations/${conn.id}?done=saved`, 303);
  });

  app.post('/integrations/:id/delete', async (c) => {
    if (!(await deleteConnection(deps, viewer(c).user.id, c.req.param('id')))) return messagePage(c, 'notFound', 404);
    return c.redirect('/admin/integrations?done=deleted', 303);
  });

  // Runs a helpdesk-shaped, correctly signed event through the real intake, as the helpdesk would.
  app.post('/integrations/:id/test', async (c) => {
    const conn = await getConnection(deps, c.req.param('id'));
    if (!conn) return messagePage(c, 'notFound', 404);
    const sample = await sampleHook(conn, deps.clock());
    const answer = await receiveHook(deps, conn.provider, conn.id, { headers: new Headers(sample.headers), rawBody: sample.rawBody });
    if (c.req.header('HX-Request') !== 'true') return c.redirect(`/admin/integrations/${conn.id}`, 303);
    return c.html(<DeliveryLog connection={conn} csrf={viewer(c).csrf} deliveries={await deliveryLog(deps, conn.id)} test={answer.status} />);
  });

  return app;
}
