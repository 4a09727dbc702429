// `npm run heard -- user create | user reset-password`, then signing in with what the CLI printed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { createApp } from '../../src/http/app';
import { form } from '../helpers/auth';
import { makeTestDeps } from '../helpers/deps';

// Each command starts a fresh Node process with tsx, about a second apiece.
vi.setConfig({ testTimeout: 30_000 });

const ROOT = join(import.meta.dirname, '..', '..');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const env = { PATH: process.env.PATH ?? '', DATABASE_PATH: join(dir, 'heard.db') };
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), ...args], { env, encoding: 'utf8', cwd: ROOT });
}

const printedPassword = (stdout: string) => /Password \(shown only now\): (\S+)/.exec(stdout)![1]!;

/** Signs in against a copy of the CLI's database, through the real app. */
async function canSignIn(email: string, password: string) {
  const deps = makeTestDeps({ template: join(dir, 'heard.db') });
  try {
    return (await form(createApp(deps), null, '/login', { email, password })).status === 303;
  } finally {
    deps.close();
  }
}

it('creates an admin with a generated password that signs in, and resets it', async () => {
  dir = mkdtempSync(join(tmpdir(), 'heard-cli-'));
  const created = cli('user', 'create', '--email', 'Ops@Example.com', '--role', 'admin');
  expect(created.status).toBe(0);
  const password = printedPassword(created.stdout);
  expect(password).toMatch(/^[\w-]{20}$/);
  expect(await canSignIn('ops@example.com', password)).toBe(true);

  const reset = cli('user', 'reset-password', '--email', 'ops@example.com');
  expect(reset.status).toBe(0);
  const next = printedPassword(reset.stdout);
  expect(await canSignIn('ops@example.com', password)).toBe(false);
  expect(await canSignIn('ops@example.com', next)).toBe(true);
});

it('takes a given password and teams by name, and says what is wrong', async () => {
  dir = mkdtempSync(join(tmpdir(), 'heard-cli-'));
  expect(cli('user', 'create', '--email', 'a@example.com', '--role', 'admin', '--password', 'chosen by the operator').status).toBe(0);
  expect(await canSignIn('a@example.com', 'chosen by the operator')).toBe(true);

  const noTeam = cli('user', 'create', '--email', 'm@example.com', '--role', 'manager', '--team', 'Tier 9');
  expect(noTeam.status).toBe(2);
  expect(noTeam.stderr).toContain('no team named "Tier 9"');
  const noRole = cli('user', 'create', '--email', 'm@example.com');
  expect(noRole.stderr).toContain('--role admin|manager|agent');
  const taken = cli('user', 'create', '--email', 'a@example.com', '--role', 'agent');
  expect(taken.stderr).toContain('a@example.com already has an account');
  const unknown = cli('user', 'reset-password', '--email', 'nobody@example.com');
  expect(unknown.status).toBe(2);
  expect(unknown.stderr).toContain('no account for nobody@example.com');
});
