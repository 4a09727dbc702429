// Interactions that came from a helpdesk link back to their ticket everywhere they are listed:
// the responses list, the follow-up inbox and task page, and both APIs.
import { afterEach, expect, test } from 'vitest';
import { interactionTickets } from '../../src/db/schema';
import { createConnection } from '../../src/services/connections';
import { authed, signIn } from '../helpers/auth';
import { makeTestApp, type TestDeps } from '../helpers/deps';
import { answeredUnsent, tasks } from '../helpers/followups';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup(ticketUrl: string | null) {
  const t = await makeTestApp();
  deps = t.deps;
  const admin = await signIn(deps, { role: 'admin', email: 'alex@staff.example' });
  const conn = await createConnection(deps, null, { provider: 'zendesk', name: 'Zendesk', ticketUrl });
  // A detractor from the helpdesk, and one from elsewhere (no ticket row).
  const fromHelpdesk = await answeredUnsent(deps, { externalId: 'zendesk:4711:1', customer: { email: 'maria@example.com' } }, 1);
  await deps.db.insert(interactionTickets).values({ interactionId: fromHelpdesk.interaction.id, connectionId: conn.id, ticketId: '4711' });
  await answeredUnsent(deps, { externalId: 'crm-99', customer: { email: 'li@example.com' } }, 1);
  return { ...t, admin, ticketed: fromHelpdesk.interaction.id };
}

const LINK = 'https://acme.zendesk.com/agent/tickets/4711';

test('the responses page, the inbox and the task link to the ticket', async () => {
  const { app, admin, ticketed } = await setup('https://acme.zendesk.com/agent/tickets/{id}');
  const list = await (await authed(app, admin, '/responses')).text();
  expect(list).toContain(`<a href="${LINK}">Ticket 4711</a>`);
  expect(list.match(/agent\/tickets\//g)).toHaveLength(1);

  const inbox = await (await authed(app, admin, '/follow-ups?status=all')).text();
  expect(inbox).toContain(`<a href="${LINK}">Ticket 4711</a>`);

  const page = async (id: string) => (await authed(app, admin, `/follow-ups/${id}`)).text();
  const all = await tasks(deps);
  const mine = all.filter((t) => t.interactionId === ticketed);
  const others = all.filter((t) => t.interactionId !== ticketed);
  expect([mine.length, others.length >= 1]).toEqual([1, true]);
  expect(await page(mine[0]!.id)).toContain(`<a href="${LINK}">Open ticket 4711</a>`);
  for (const t of others) expect(await page(t.id)).not.toContain('Open ticket');
});

test('the APIs carry ticketUrl, null where there is no ticket', async () => {
  const { api } = await setup('https://acme.zendesk.com/agent/tickets/{id}');
  const responses = (await (await api('/api/v1/responses')).json()) as { data: { ticketUrl: string | null; interaction: { externalId: string } }[] };
  expect(Object.fromEntries(responses.data.map((r) => [r.interaction.externalId, r.ticketUrl]))).toEqual({ 'zendesk:4711:1': LINK, 'crm-99': null });

  const followups = (await (await api('/api/v1/followups')).json()) as { data: { ticketUrl: string | null; interaction: { externalId: string } }[] };
  expect(Object.fromEntries(followups.data.map((r) => [r.interaction.externalId, r.ticketUrl]))).toEqual({ 'zendesk:4711:1': LINK, 'crm-99': null });
});

test('without a URL template the ticket is known but not linked', async () => {
  const { app, admin, api } = await setup(null);
  expect(await (await authed(app, admin, '/responses')).text()).not.toContain('Ticket 4711');
  const responses = (await (await api('/api/v1/responses')).json()) as { data: { ticketUrl: string | null }[] };
  expect(responses.data.map((r) => r.ticketUrl)).toEqual([null, null]);
});
