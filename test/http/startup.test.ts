// The real entry points as an operator runs them: `npm start` and `npm run heard -- …`.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function env(extra: Record<string, string>) {
  dir = mkdtempSync(join(tmpdir(), 'heard-start-'));
  return { PATH: process.env.PATH ?? '', DATABASE_PATH: join(dir, 'heard.db'), ...extra };
}

const tsx = (script: string, args: string[], e: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], { env: e, encoding: 'utf8', cwd: ROOT });

it('refuses bad configuration with a one-line reason', () => {
  const run = tsx('src/entry/node.ts', [], env({ PORT: 'eighty' }));
  expect(run.status).toBe(1);
  expect(run.stderr.trim().split('\n')).toEqual(['heard: cannot start: PORT: must be a whole number from 0 to 65535']);
  const prod = tsx('src/entry/node.ts', [], env({ NODE_ENV: 'production' }));
  expect(prod.status).toBe(1);
  expect(prod.stderr.trim()).toMatch(/^heard: cannot start: APP_SECRET: required when NODE_ENV=production/);
});

it('creates an API key from the command line that the running server accepts', async () => {
  const e = env({ PORT: '0', SURVEY_DELAY_MINUTES: '0' });
  const created = tsx('src/cli.ts', ['api-key', 'create', '--name', 'helpdesk'], e);
  expect(created.status).toBe(0);
  const key = created.stdout.trim().split('\n').at(-1)!;
  expect(key).toMatch(/^heard_[A-Za-z0-9_-]{40,}$/);

  const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/entry/node.ts')], { env: { ...e, PORT: '0' }, cwd: ROOT });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on port (\d+)/.exec(out);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      });
      server.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
    const res = await fetch(`${url}/api/v1/interactions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ externalId: 'cli-1', customer: { email: 'c@example.com' }, agent: { email: 'a@example.com' } }),
    });
    expect(res.status).toBe(201);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
});

it('explains its commands and rejects unknown ones', () => {
  const run = tsx('src/cli.ts', ['frobnicate'], env({}));
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('api-key create --name NAME');
});
