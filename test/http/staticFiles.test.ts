// Files in public/: the same security headers as pages, and vendored libraries under names that
// carry their content's hash, kept by browsers for a year.
import { serveStatic } from '@hono/node-server/serve-static';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { PUBLIC_DIR } from '../../src/entry/node';
import { createApp } from '../../src/http/app';
import { IMMUTABLE } from '../../src/http/middleware/staticFiles';
import { VENDOR } from '../../views/vendor';
import { createTestUser } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

const app = () => {
  deps = makeTestDeps();
  return createApp(deps, { assets: serveStatic({ root: PUBLIC_DIR }) });
};

it('serves our own files with nosniff and the page security headers', async () => {
  const res = await app().request('/app.css');
  expect(res.status).toBe(200);
  expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
  expect(res.headers.get('Cache-Control')).not.toMatch(/immutable/);
});

it('names vendored files by the hash of their content and lets browsers keep them', async () => {
  const a = app();
  for (const url of Object.values(VENDOR)) {
    const hash = /\.([0-9a-f]{10})\.[a-z.]+$/.exec(url)?.[1];
    const body = readFileSync(join(PUBLIC_DIR, url));
    expect(hash, url).toBe(createHash('sha256').update(body).digest('hex').slice(0, 10));
    const res = await a.request(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('Cache-Control')).toBe(IMMUTABLE);
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
  }
});

it('does not let a missing file inherit the long cache', async () => {
  const a = app();
  await createTestUser(deps, { role: 'admin' });
  const res = await a.request('/vendor/htmx.0000000000.min.js');
  expect(res.status).toBe(404);
  expect(res.headers.get('Cache-Control') ?? '').not.toMatch(/immutable/);
});

it('gives Workers assets the same headers (public/_headers)', () => {
  const rules = readFileSync(join(PUBLIC_DIR, '_headers'), 'utf8');
  expect(rules).toMatch(/^\/\*\n(\s+.+\n)*\s+X-Content-Type-Options: nosniff$/m);
  expect(rules).toContain(`/vendor/*\n  Cache-Control: ${IMMUTABLE}`);
});
