// The setup text on the integration page: every helpdesk's steps name the webhook URL, and the JSON
// bodies to paste are valid JSON with the keys the intake reads, filled by the helpdesk's placeholders.
import { expect, test } from 'vitest';
import { setupGuide } from '../../src/connectors/setup';
import { PROVIDERS } from '../../src/db/schema';

const URL = 'https://heard.example/hooks/x/cn_1';

test.each(PROVIDERS)('%s: the steps name the webhook URL and never print the whole secret', (provider) => {
  const guide = setupGuide(provider, URL, 'a-long-secret-WXYZ');
  expect(guide.steps.length).toBeGreaterThanOrEqual(4);
  expect(guide.steps.join('\n')).toContain(URL);
  expect(JSON.stringify(guide)).not.toContain('a-long-secret');
});

test('Zendesk: the trigger body is JSON of Zendesk placeholders under the keys Heard reads', () => {
  const body = JSON.parse(setupGuide('zendesk', URL, 'secret-1234').body!) as Record<string, string>;
  expect(Object.keys(body)).toEqual([
    'ticket_id', 'status', 'requester_email', 'requester_name', 'requester_language',
    'assignee_email', 'assignee_name', 'group', 'via', 'tags', 'updated_at',
  ]);
  expect(body.requester_email).toBe('{{ticket.requester.email}}');
  expect(body.updated_at).toBe('{{ticket.updated_at_with_timestamp}}');
  expect(Object.values(body).every((v) => /^\{\{ticket\.[a-z_.]+\}\}$/.test(v))).toBe(true);
});

test('Freshdesk: the automation body uses Freshdesk placeholders, and the secret travels in a header', () => {
  const guide = setupGuide('freshdesk', URL, 'secret-1234');
  const body = JSON.parse(guide.body!) as Record<string, string>;
  expect(Object.keys(body)).toEqual([
    'ticket_id', 'status', 'contact_email', 'contact_name', 'agent_email', 'agent_name', 'group', 'source', 'tags', 'updated_at',
  ]);
  expect(body.contact_email).toBe('{{ticket.contact.email}}');
  expect(guide.steps.join('\n')).toContain('X-Heard-Secret');
  expect(guide.steps.join('\n')).toContain('“1234”');
});

test('Intercom, Help Scout and Front have no body to paste: they send their own payloads', () => {
  for (const p of ['intercom', 'helpscout', 'front'] as const) expect(setupGuide(p, URL, 'secret-1234').body).toBeUndefined();
});
