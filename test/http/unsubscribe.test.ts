import { afterEach, expect, it } from 'vitest';
import { suppressions } from '../../src/db/schema';
import { createApp } from '../../src/http/app';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { interaction, makeTestDeps, type TestDeps } from '../helpers/deps';
import { deliveredSurvey, pathOf } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

async function setup() {
  deps = makeTestDeps();
  const app = createApp(deps);
  const survey = await deliveredSurvey(deps, { customer: { email: 'leave@me.com', locale: 'en' } });
  return { app, path: pathOf(survey.links.unsubscribe), header: survey.email.headers['List-Unsubscribe']! };
}

it('a GET only asks for confirmation', async () => {
  const { app, path } = await setup();
  const res = await app.request(path);
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(/<form[^>]*method="post"/i);
  expect(await deps.db.select().from(suppressions)).toHaveLength(0);
});

it('the one-click POST from a mail client unsubscribes at once, and later surveys are held back', async () => {
  const { app, header } = await setup();
  const path = pathOf(header.slice(1, -1));
  const res = await app.request(path, {
    method: 'POST',
    body: 'List-Unsubscribe=One-Click',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  expect(res.status).toBe(200);
  expect(await deps.db.select().from(suppressions)).toMatchObject([{ email: 'leave@me.com', reason: 'unsubscribed' }]);
  // Idempotent: a retry changes nothing.
  await app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  expect(await deps.db.select().from(suppressions)).toHaveLength(1);
  deps.advance(40 * 86_400_000);
  const next = await ingestInteraction(deps, ZInteractionInput.parse(interaction({ customer: { email: 'leave@me.com' } })));
  expect(next.surveyRequest).toMatchObject({ status: 'suppressed', reason: 'unsubscribed' });
});

it('refuses a forged unsubscribe link', async () => {
  const { app, path } = await setup();
  const res = await app.request(path.slice(0, -3) + 'xyz', { method: 'POST' });
  expect(res.status).toBe(404);
  expect(await deps.db.select().from(suppressions)).toHaveLength(0);
});
