// `npm run heard -- helpdesk add | helpdesk list`, then a signed delivery to the printed URL.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { createApp } from '../../src/http/app';
import { getConnection } from '../../src/services/connections';
import { makeTestDeps } from '../helpers/deps';
import { fixtures, signedBy } from '../shared/helpdeskFixtures';

// Each command starts a fresh Node process with tsx, about a second apiece.
vi.setConfig({ testTimeout: 60_000 });

const ROOT = join(import.meta.dirname, '..', '..');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const env = { PATH: process.env.PATH ?? '', DATABASE_PATH: join(dir, 'heard.db'), PUBLIC_URL: 'https://heard.acme.example' };
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { env, encoding: 'utf8', cwd: ROOT });
}

const lastLine = (out: string) => out.trimEnd().split('\n').at(-1)!;

it('adds a Help Scout connection with a generated secret, whose printed URL takes signed deliveries', async () => {
  dir = mkdtempSync(join(tmpdir(), 'heard-cli-'));
  const added = cli('helpdesk', 'add', 'helpscout', '--name', 'Support inbox', '--team', 'Tier 1');
  expect(added.status).toBe(0);
  const url = lastLine(added.stdout);
  expect(url).toMatch(/^https:\/\/heard\.acme\.example\/hooks\/helpscout\/cn_[\w-]+$/);
  const secret = /Secret \(generated, shown only now; give it to Help Scout\): (\S+)/.exec(added.stdout)?.[1];
  expect(secret).toMatch(/^[\w-]{32}$/);
  expect(added.stdout).toContain('convo.status');

  const deps = makeTestDeps({ template: join(dir, 'heard.db') });
  try {
    const id = url.split('/').at(-1)!;
    const conn = await getConnection(deps, id);
    expect(conn).toMatchObject({ provider: 'helpscout', name: 'Support inbox', secret, team: 'Tier 1', apiUrl: null });
    const body = JSON.stringify(fixtures.helpscout());
    const res = await createApp(deps).request(new URL(url).pathname, { method: 'POST', headers: await signedBy('helpscout', secret!, body, deps.clock()), body });
    expect(await res.json()).toMatchObject({ outcome: 'accepted' });
  } finally {
    deps.close();
  }

  const listed = cli('helpdesk', 'list');
  expect(listed.status).toBe(0);
  expect(listed.stdout).toContain('Help Scout  "Support inbox"  team Tier 1, receives only');
  expect(listed.stdout).toContain(url);
});

it('keeps a given secret, prints the Zendesk trigger body, and says what is missing', async () => {
  dir = mkdtempSync(join(tmpdir(), 'heard-cli-'));
  const added = cli('helpdesk', 'add', 'zendesk', '--name', 'Acme', '--secret', 'dGhlIHNpZ25pbmcgc2VjcmV0', '--api-url', 'https://acme.zendesk.com/', '--api-token', 'tok', '--api-user', 'ops@acme.example');
  expect(added.status).toBe(0);
  expect(added.stdout).not.toContain('Secret (generated');
  expect(added.stdout).toContain('"ticket_id": "{{ticket.id}}"');
  expect(lastLine(added.stdout)).toMatch(/^https:\/\/heard\.acme\.example\/hooks\/zendesk\/cn_/);
  const deps = makeTestDeps({ template: join(dir, 'heard.db') });
  try {
    const conn = await getConnection(deps, lastLine(added.stdout).split('/').at(-1)!);
    expect(conn).toMatchObject({
      secret: 'dGhlIHNpZ25pbmcgc2VjcmV0',
      apiUrl: 'https://acme.zendesk.com',
      apiUser: 'ops@acme.example',
      apiToken: 'tok',
      ticketUrl: 'https://acme.zendesk.com/agent/tickets/{id}',
    });
  } finally {
    deps.close();
  }

  const unknown = cli('helpdesk', 'add', 'kayako', '--name', 'X');
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('helpdesk add needs one of: zendesk, freshdesk, intercom, helpscout, front');
  const noUrl = cli('helpdesk', 'add', 'freshdesk', '--name', 'X', '--api-token', 'k');
  expect(noUrl.status).toBe(2);
  expect(noUrl.stderr).toContain('Freshdesk needs --api-url');
  const noAdmin = cli('helpdesk', 'add', 'intercom', '--name', 'X', '--api-token', 'k');
  expect(noAdmin.stderr).toContain('Intercom needs --api-user');
  expect(cli('helpdesk', 'add', 'front', '--secret', 's').stderr).toContain('helpdesk add needs --name NAME');
});
