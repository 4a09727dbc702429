// Data rights in the browser. On a customer's page (admins): download their data, or erase them
// after typing their address. Settings → Data: the retention rule and lifting an erased address.
import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import { parseRetention, retentionModeOf } from '../domain/retention';
import { eraseConfirmed, liftErasedSuppression } from '../services/customers/erase';
import { exportCustomer } from '../services/customers/export';
import { getRetention, previewRetention, saveRetention } from '../services/retention';
import { DataSettingsPage, type DataSettingsProps } from '../../views/pages/admin/DataSettings';
import { field, readForm } from './admin/form';
import { jsonStream } from './download';
import { requireUser, viewer, type SessionEnv } from './middleware/session';
import { noticePage } from './notice';
import { messagePage } from './pages';

const NOTICES: Record<string, string> = {
  saved: 'Retention saved.',
  erased: 'Customer erased. Their address stays suppressed as a hash.',
  continuing: 'Erasure started. This customer has a long history; Heard finishes it in the background within minutes.',
  lifted: 'Surveys may go to that address again.',
};

/** `/customers/:id/…`: only these two routes; the customer's page itself lives elsewhere. */
export function customerDataRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  app.get('/:id/export', requireUser('admin'), async (c) => {
    const chunks = await exportCustomer(deps, { id: c.req.param('id') });
    return chunks ? jsonStream(c, chunks, 'heard-customer.json') : messagePage(c, 'notFound', 404);
  });

  app.post('/:id/erase', requireUser('admin'), async (c) => {
    const id = c.req.param('id');
    const erased = await eraseConfirmed(deps, id, field(await readForm(c), 'confirm'), { userId: viewer(c).user.id });
    if (erased.ok) return c.redirect(`/admin/data?done=${erased.value === 'continuing' ? 'continuing' : 'erased'}`, 303);
    if (erased.error === 'not-found') return messagePage(c, 'notFound', 404);
    return noticePage(c, 422, {
      title: 'Nothing was erased',
      body: 'The address you typed is not this customer’s. Go back and type it exactly as the page shows it.',
      link: { href: `/customers/${encodeURIComponent(id)}`, label: 'Back to the customer' },
    });
  });

  return app;
}

/** Settings → Data, under /admin (admins only). */
export function dataAdminRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  const page = async (c: Context<SessionEnv>, extra: Partial<DataSettingsProps> = {}, status: 200 | 404 | 422 = 200) => {
    const saved = await getRetention(deps);
    const rule = extra.rule ?? { mode: saved.mode, months: String(saved.months) };
    const months = parseRetention(rule);
    const preview = months.ok ? { months: months.value.months, ...(await previewRetention(deps, months.value.months)) } : null;
    return c.html(<DataSettingsPage {...viewer(c)} saved={saved} rule={rule} preview={preview} notice={NOTICES[c.req.query('done') ?? '']} {...extra} />, status);
  };

  // With `months` in the query (the Preview button), the form shows what that rule would delete, unsaved.
  app.get('/data', (c) => {
    const months = c.req.query('months');
    if (months === undefined) return page(c);
    const rule = { mode: retentionModeOf(c.req.query('mode')), months: months.slice(0, 10) };
    const parsed = parseRetention(rule);
    return page(c, { rule, ...(parsed.ok ? {} : { error: parsed.error }) }, parsed.ok ? 200 : 422);
  });

  app.post('/data', async (c) => {
    const form = await readForm(c);
    const input = { mode: field(form, 'mode'), months: field(form, 'months').slice(0, 10) };
    const rule = parseRetention(input);
    if (!rule.ok) return page(c, { rule: { mode: retentionModeOf(input.mode), months: input.months }, error: rule.error }, 422);
    await saveRetention(deps, viewer(c).user.id, rule.value);
    return c.redirect('/admin/data?done=saved', 303);
  });

  app.post('/data/lift', async (c) => {
    const email = field(await readForm(c), 'email').slice(0, 320);
    if (!(await liftErasedSuppression(deps, viewer(c).user.id, email))) {
      return page(c, { liftError: 'No erased customer had this address (or surveys may already go to it).' }, 404);
    }
    return c.redirect('/admin/data?done=lifted', 303);
  });

  return app;
}
