// The shared survey-loop suite inside workerd: requests and cron events go through the Worker
// entry with the bindings from wrangler.toml, over a local D1 and the real Resend SDK.
import { env, exports } from 'cloudflare:workers';
import { describe, inject } from 'vitest';
import { workerDeps } from '../../src/entry/worker';
import { createApiKey } from '../../src/services/apiKeys';
import { surveyLoopTests, type Runtime } from '../shared/surveyLoop';

describe('survey loop on Workers + D1', () => {
  surveyLoopTests(async (): Promise<Runtime> => {
    const deps = workerDeps(env);
    if (!deps.ok) throw new Error(deps.error);
    return {
      fetch: (path, init) => exports.default.fetch(new Request(new URL(path, deps.value.config.publicUrl), init)),
      runDueWork: async (now) => {
        const result = await exports.default.scheduled({ scheduledTime: new Date(now), cron: '* * * * *' });
        if (result.outcome !== 'ok') throw new Error(`scheduled handler ended with ${result.outcome}`);
      },
      now: Date.now,
      createApiKey: async () => (await createApiKey(deps.value, 'test')).key,
      resendUrl: inject('resendUrl'),
    };
  });
});
