// The follow-up steps of runDueWork: each is idempotent and claims its rows with single
// conditional writes, so it runs the same from the Node timer and the Workers cron (D1).
import type { Deps } from '../../deps';
import { sendDigests } from './digest';
import { escalateDue } from './escalations';
import { deliverWebhooks, type WebhookReport } from './webhooks';

export interface FollowupWorkReport {
  escalations: number;
  digests: number;
  webhooks: WebhookReport;
}

export async function runFollowupWork(deps: Deps, now: number): Promise<FollowupWorkReport> {
  const escalations = await escalateDue(deps, now);
  const digests = await sendDigests(deps, now);
  // Last, so events queued by the steps above go out in the same run.
  const webhooks = await deliverWebhooks(deps, now);
  return { escalations, digests, webhooks };
}
