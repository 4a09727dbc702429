// The shared survey-loop suite against the Node server over real HTTP, with a SQLite file and
// the real Resend SDK pointed at a local stand-in. Its twin runs in workerd (test/worker/).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { startServer, type RunningServer } from '../../src/entry/node';
import { createApiKey } from '../../src/services/apiKeys';
import { runDueWork } from '../../src/services/dispatch';
import { startResendServer, type ResendServer } from '../shared/resendServer';
import { surveyLoopTests } from '../shared/surveyLoop';
import { testConfig } from '../helpers/deps';

describe('survey loop on Node + SQLite', () => {
  let dir: string;
  let resend: ResendServer;
  let server: RunningServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'heard-loop-'));
    resend = await startResendServer();
    const config = testConfig({ RESEND_API_KEY: 're_test', RESEND_BASE_URL: resend.url, MAIL_FROM: 'Heard <s@heard.test>' });
    server = await startServer(
      { ...config, port: 0, databasePath: join(dir, 'heard.db') },
      { dispatcher: false, hostname: '127.0.0.1' },
    );
  });

  afterAll(async () => {
    await server.stop();
    await resend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Links in emails name PUBLIC_URL; the server under test listens on its own port. */
  const local = (path: string) => {
    const { pathname, search } = new URL(path, server.url);
    return new URL(pathname + search, server.url);
  };

  surveyLoopTests(async () => ({
    fetch: (path, init) => fetch(local(path), init),
    runDueWork: async (now) => void (await runDueWork(server.deps, now)),
    now: Date.now,
    createApiKey: async () => (await createApiKey(server.deps, 'test')).key,
    resendUrl: resend.url,
  }));
});
