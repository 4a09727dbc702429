// Logging must never take the service down: with stdout and stderr on a device that refuses every
// write (/dev/full answers ENOSPC), the real entry keeps serving and keeps sending.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema';
import { openSqlite } from '../../src/db/sqlite';

const ROOT = join(import.meta.dirname, '..', '..');
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

async function until<T>(what: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const got = await what().catch(() => undefined);
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

it.runIf(existsSync('/dev/full'))('keeps serving when stdout and stderr cannot be written', async () => {
  dir = mkdtempSync(join(tmpdir(), 'heard-full-'));
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    DATABASE_PATH: join(dir, 'heard.db'),
    PORT: String(port),
    SURVEY_DELAY_MINUTES: '0',
    DISPATCH_INTERVAL_SECONDS: '1',
  };
  const key = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli.ts'), 'api-key', 'create', '--name', 'full'], { env, cwd: ROOT, encoding: 'utf8' })
    .stdout.trim()
    .split('\n')
    .at(-1)!;
  const full = openSync('/dev/full', 'w');
  const server = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/entry/node.ts')], { env, cwd: ROOT, stdio: ['ignore', full, full] });
  closeSync(full);
  let exited: number | null | undefined;
  server.once('exit', (code) => (exited = code));
  const url = `http://127.0.0.1:${port}`;
  try {
    await until(async () => ((await fetch(`${url}/healthz`)).ok ? true : undefined), 20_000);
    const res = await fetch(`${url}/api/v1/interactions`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ externalId: 'full-1', customer: { email: 'c@example.com' }, agent: { email: 'a@example.com' } }),
    });
    expect(res.status).toBe(201);
    // The dispatcher sends the survey and logs it (to the full device) within a tick or two.
    await new Promise((r) => setTimeout(r, 3000));
    expect(exited).toBeUndefined();
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // The survey went out, so the dispatcher did log its line.
    const db = openSqlite(env.DATABASE_PATH);
    expect(await db.db.select({ to: outbox.to }).from(outbox)).toEqual([{ to: 'c@example.com' }]);
    db.close();
  } finally {
    if (exited === undefined) {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  }
}, 40_000);
