// The shared survey-loop suite inside workerd: requests and cron events go through the Worker
// entry with the bindings from wrangler.toml, over a local D1 and the real Resend SDK.
import { createScheduledController } from 'cloudflare:test';
import { env, exports } from 'cloudflare:workers';
import { describe, inject } from 'vitest';
import worker, { workerDeps } from '../../src/entry/worker';
import { createApiKey } from '../../src/services/apiKeys';
import { surveyLoopTests, type Runtime } from '../shared/surveyLoop';

describe('survey loop on Workers + D1', () => {
  surveyLoopTests(async (): Promise<Runtime> => {
    const deps = workerDeps(env);
    if (!deps.ok) throw new Error(deps.error);
    return {
      fetch: (path, init) => exports.default.fetch(new Request(new URL(path, deps.value.config.publicUrl), init)),
      // A controller shaped as the runtime's (exports.default.scheduled is an RPC call in this
      // pool and would hand the options object over as the controller).
      runDueWork: (now) => worker.scheduled(createScheduledController({ scheduledTime: new Date(now), cron: '* * * * *' }), env),
      now: Date.now,
      createApiKey: async () => (await createApiKey(deps.value, 'test')).key,
      resendUrl: inject('resendUrl'),
    };
  });
});
