// Alerts inside workerd over D1: a customer's low score, submitted through the Worker, is emailed
// to the rule's list once by the cron's due work, through the real Resend SDK and its stand-in.
import { createScheduledController } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { expect, inject, it } from 'vitest';
import worker, { workerDeps } from '../../src/entry/worker';
import { createApiKey } from '../../src/services/apiKeys';
import { createAlertRule } from '../../src/services/alerts/rules';
import { receivedEmails } from '../shared/resendInbox';

const HOUR = 3_600_000;

it('emails an alert list once for a low score on Workers + D1', async () => {
  const made = workerDeps(env);
  if (!made.ok) throw new Error(made.error);
  const deps = made.value;
  const resendUrl = inject('resendUrl');
  const fetchApp = (path: string, init?: RequestInit) => exports.default.fetch(new Request(new URL(path, deps.config.publicUrl), init));
  const cron = (now: number) => worker.scheduled(createScheduledController({ scheduledTime: new Date(now), cron: '* * * * *' }), env);
  const tag = crypto.randomUUID().slice(0, 8);
  const lead = `lead-${tag}@support.example`;
  const customer = `customer-${tag}@example.com`;

  await createAlertRule(deps, { id: 'admin', email: 'a@x', name: null, role: 'admin', allTeams: true, teamIds: [], agentId: null }, {
    name: 'Low CSAT',
    teamId: null,
    condition: { kind: 'score', survey: 'csat', atMost: 2 },
    destination: { kind: 'email', to: [lead] },
  });
  const { key } = await createApiKey(deps, 'test');
  const ingested = await fetchApp('/api/v1/interactions', {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      externalId: `ticket-${tag}`,
      customer: { email: customer, name: 'Maria', locale: 'en' },
      agent: { email: `agent-${tag}@support.example`, name: 'Ana' },
      channel: 'chat',
      survey: 'csat',
      closedAt: new Date(Date.now() - 2 * HOUR).toISOString(),
    }),
  });
  expect(ingested.status).toBe(201);
  await cron(Date.now());
  const [survey] = await receivedEmails(resendUrl, customer);
  const token = /\/s\/([^"?/]+)\?score=1/.exec(survey!.html)?.[1];
  if (!token) throw new Error('no score link in the survey email');

  const submitted = await fetchApp(`/s/${token}`, { method: 'POST', body: new URLSearchParams({ score: '1', comment: 'Nobody <called> me back' }) });
  expect(submitted.status).toBe(200);
  await cron(Date.now() + 1000);
  await cron(Date.now() + 2000);

  const alerts = await receivedEmails(resendUrl, lead);
  expect(alerts).toHaveLength(1);
  expect(alerts[0]!.subject).toBe('CSAT 1/5 from Maria');
  expect(alerts[0]!.text).toContain('“Nobody <called> me back”');
});
