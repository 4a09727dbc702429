// The alert steps of runDueWork: check answers against the rules, then deliver what that queued.
import type { Deps } from '../../deps';
import { checkAlerts, type AlertCheckReport } from './checks';
import { deliverAlerts, type AlertDeliveryReport } from './deliveries';

export async function runAlertWork(deps: Deps, now: number): Promise<{ checks: AlertCheckReport; deliveries: AlertDeliveryReport }> {
  const checks = await checkAlerts(deps, now);
  return { checks, deliveries: await deliverAlerts(deps, now) };
}
