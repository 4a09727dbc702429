// A short run of the fuzzer (npm run fuzz): a real server on 127.0.0.1, hostile requests across the
// API, survey links, forms, webhooks and helpdesk hooks, and not one server error.
import { expect, it } from 'vitest';
import { fuzz } from '../../scripts/fuzz';

it('answers 400 adversarial requests without a server error or a dropped connection', async () => {
  const report = await fuzz({ requests: 400, seed: 12, seconds: 90, concurrency: 4 });
  expect(report.failures).toEqual([]);
  expect(report.sent).toBe(400);
  // The requests reached past the front door: accepted, refused as invalid, too large, unknown.
  for (const status of ['200', '400', '404', '413']) expect(report.byStatus[status], status).toBeGreaterThan(0);
}, 120_000);
