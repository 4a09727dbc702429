// Real-shaped payloads of the five helpdesks (test/fixtures/helpdesks/) and how each helpdesk
// signs them, written here from the providers' documentation rather than taken from Heard's
// code, so a wrong signature scheme in Heard fails these tests. Runs on Node and in workerd.
import freshdeskAutomation from '../fixtures/helpdesks/freshdesk_automation.json';
import frontApp from '../fixtures/helpdesks/front_app_archive.json';
import frontRule from '../fixtures/helpdesks/front_rule_archive.json';
import helpscoutStatus from '../fixtures/helpdesks/helpscout_convo_status.json';
import intercomClosed from '../fixtures/helpdesks/intercom_conversation_admin_closed.json';
import zendeskEvent from '../fixtures/helpdesks/zendesk_status_changed.json';
import zendeskTrigger from '../fixtures/helpdesks/zendesk_trigger.json';

/** A fresh deep copy, so a test may change its payload freely. */
const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

export const fixtures = {
  zendeskEvent: () => copy(zendeskEvent),
  zendeskTrigger: () => copy(zendeskTrigger),
  freshdesk: () => copy(freshdeskAutomation),
  intercom: () => copy(intercomClosed),
  helpscout: () => copy(helpscoutStatus),
  frontRule: () => copy(frontRule),
  frontApp: () => copy(frontApp),
};

const encoder = new TextEncoder();

async function hmac(hash: 'SHA-1' | 'SHA-256', secret: string, message: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
}
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export type Scheme = 'zendesk' | 'freshdesk-header' | 'freshdesk-basic' | 'intercom' | 'helpscout' | 'front-rule' | 'front-app';

/** The headers the helpdesk would send with `body`, signed with `secret` at `at` (epoch ms). */
export async function signedBy(scheme: Scheme, secret: string, body: string, at: number): Promise<Record<string, string>> {
  const json = { 'Content-Type': 'application/json' };
  switch (scheme) {
    case 'zendesk': {
      // Zendesk's timestamp header is ISO 8601, signed as text in front of the body.
      const stamp = new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { ...json, 'X-Zendesk-Webhook-Signature-Timestamp': stamp, 'X-Zendesk-Webhook-Signature': b64(await hmac('SHA-256', secret, stamp + body)) };
    }
    case 'freshdesk-header':
      return { ...json, 'X-Heard-Secret': secret };
    case 'freshdesk-basic':
      return { ...json, Authorization: `Basic ${btoa(`freshdesk:${secret}`)}` };
    case 'intercom':
      return { ...json, 'X-Hub-Signature': `sha1=${hex(await hmac('SHA-1', secret, body))}` };
    case 'helpscout':
      return { ...json, 'X-HelpScout-Event': 'convo.status', 'X-HelpScout-Signature': b64(await hmac('SHA-1', secret, body)) };
    case 'front-rule':
      return { ...json, 'X-Front-Signature': b64(await hmac('SHA-1', secret, body)) };
    case 'front-app':
      return { ...json, 'X-Front-Request-Timestamp': String(at), 'X-Front-Signature': b64(await hmac('SHA-256', secret, `${at}:${body}`)) };
  }
}
