// The follow-up steps of runDueWork: each is idempotent and claims its rows with single
// conditional writes, so it runs the same from the Node timer and the Workers cron (D1).
import type { Deps } from '../../deps';
import { drainTaskEvents, type AnnounceReport } from './announce';
import { drainFollowupChecks, type CheckReport } from './checks';
import { sendDigests } from './digest';
import { escalateDue } from './escalations';
import { deliverWebhooks, type WebhookReport } from './webhooks';

export interface FollowupWorkReport {
  checks: CheckReport;
  escalations: number;
  digests: number;
  /** Task events whose first queuing failed or never ran. */
  announced: AnnounceReport;
  webhooks: WebhookReport;
}

export async function runFollowupWork(deps: Deps, now: number): Promise<FollowupWorkReport> {
  // First, so tasks opened by checks that failed before are escalated and announced below.
  const checks = await drainFollowupChecks(deps, now);
  const escalations = await escalateDue(deps, now);
  const digests = await sendDigests(deps, now);
  const announced = await drainTaskEvents(deps, now);
  // Last, so events queued by the steps above go out in the same run.
  const webhooks = await deliverWebhooks(deps, now);
  return { checks, escalations, digests, announced, webhooks };
}
