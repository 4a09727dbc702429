// Admins: outgoing webhooks, each with its signing secret and a log of recent deliveries.
import type { SessionUser } from '../../../src/domain/access';
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type WebhookEvent, type WebhookFormat } from '../../../src/domain/webhooks';
import type { recentDeliveries, WebhookRow } from '../../../src/services/followups/webhooks';
import { AppShell } from '../../AppShell';
import { when } from '../../../src/domain/timeText';
import { ActionButton, CsrfField, ErrorList, Field, Note } from '../../partials/forms';
import { DataTable } from '../../partials/table';
import { settingsTabs, Tabs } from './parts';

const FORMATS: Record<WebhookFormat, string> = {
  json: 'JSON: the event with all its data',
  slack: 'Slack-compatible: a one-line { "text" } message for chat webhooks',
};

const EVENT_HINTS: Record<WebhookEvent, string> = {
  'response.created': 'a customer answered a survey (counted answers only)',
  'followup.opened': 'a task was opened',
  'followup.closed': 'a task was closed',
};

export interface WebhooksPageProps {
  user: SessionUser;
  csrf: string;
  webhooks: WebhookRow[];
  form?: { url: string; events: string[]; format: string };
  errors?: string[];
  notice?: string | undefined;
}

export function WebhooksPage(p: WebhooksPageProps) {
  const form = p.form ?? { url: '', events: [...WEBHOOK_EVENTS], format: 'json' };
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Webhooks" active="followup-settings">
      <div class="page-header">
        <h1>Follow-up settings</h1>
      </div>
      <Tabs label="Follow-up settings" tabs={settingsTabs('webhooks')} />
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <div class="admin-layout">
        <section class="card" aria-labelledby="hooks">
          <h2 id="hooks">Webhooks</h2>
          <DataTable
            columns={['URL', 'Events', 'Format']}
            rows={p.webhooks}
            empty="None yet. Heard posts events to each URL you add, signed so the receiver can check they came from here."
            row={(w) => (
              <tr class={w.active ? undefined : 'row-muted'}>
                <td class="break">
                  <a href={`/admin/webhooks/${w.id}`}>{w.url}</a>
                  {w.active ? null : <div><span class="badge">Disabled</span></div>}
                </td>
                <td>{w.events.join(', ')}</td>
                <td>{w.format === 'slack' ? 'Slack' : 'JSON'}</td>
              </tr>
            )}
          />
        </section>
        <form method="post" action="/admin/webhooks" class="card form-stack" aria-labelledby="new-hook">
          <CsrfField token={p.csrf} />
          <h2 id="new-hook">Add a webhook</h2>
          <ErrorList errors={p.errors} />
          <Field id="w-url" name="url" label="URL" type="url" value={form.url} required placeholder="https://example.com/hooks/heard" />
          <fieldset>
            <legend>Events</legend>
            <div class="choice-list">
              {WEBHOOK_EVENTS.map((ev) => (
                <label class="check">
                  <input type="checkbox" name="events" value={ev} checked={form.events.includes(ev)} />
                  <span>
                    <code>{ev}</code>
                    <span class="choice-hint">{EVENT_HINTS[ev]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>Format</legend>
            <div class="choice-list">
              {WEBHOOK_FORMATS.map((f) => (
                <label class="choice">
                  <input type="radio" name="format" value={f} checked={form.format === f} />
                  <span class="choice-title">{FORMATS[f]}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <button type="submit" class="button">
              Add webhook
            </button>
          </div>
        </form>
      </div>
    </AppShell>
  );
}

export interface WebhookPageProps {
  user: SessionUser;
  csrf: string;
  webhook: WebhookRow;
  deliveries: Awaited<ReturnType<typeof recentDeliveries>>;
  notice?: string | undefined;
}

export function WebhookPage(p: WebhookPageProps) {
  const w = p.webhook;
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Webhook" active="followup-settings">
      <p class="breadcrumb">
        <a href="/admin/webhooks">← Webhooks</a>
      </p>
      <div class="page-header">
        <h1 class="break">{w.url}</h1>
        {w.active ? <span class="badge badge-success">Active</span> : <span class="badge">Disabled</span>}
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <div class="admin-layout">
        <section class="card" aria-labelledby="log">
          <h2 id="log">Recent deliveries</h2>
          <DataTable
            columns={['Event', 'Status', { label: 'Attempts', num: true }, 'Last answer', 'Queued']}
            rows={p.deliveries}
            empty="Nothing sent yet."
            row={(d) => (
              <tr>
                <td>
                  <code>{d.event}</code>
                </td>
                <td>
                  <span class={d.status === 'delivered' ? 'badge badge-success' : d.status === 'failed' ? 'badge badge-danger' : 'badge'}>
                    {d.status}
                  </span>
                  {d.status === 'pending' && d.attempts > 0 ? <div class="muted small">next try {when(d.nextAttemptAt)}</div> : null}
                </td>
                <td class="num">{d.attempts}</td>
                <td>{d.responseStatus ?? d.error ?? '—'}</td>
                <td class="nowrap">{when(d.createdAt)}</td>
              </tr>
            )}
          />
        </section>
        <div class="stack">
          <section class="card" aria-labelledby="verify">
            <h2 id="verify">Checking signatures</h2>
            <dl class="facts">
              <dt>Events</dt>
              <dd>{w.events.join(', ')}</dd>
              <dt>Format</dt>
              <dd>{FORMATS[w.format]}</dd>
            </dl>
            <label for="w-secret">Signing secret</label>
            <input id="w-secret" class="key-value" type="text" value={w.secret} readonly spellcheck={false} />
            <p class="hint">
              Each POST carries <code>X-Heard-Timestamp</code> (Unix seconds) and <code>X-Heard-Signature: v1=</code>HMAC-SHA256 of{' '}
              <code>timestamp + "." + body</code> with this secret, in hex. Reject old timestamps to stop replays. Failed deliveries are retried with
              backoff for about a day; <code>X-Heard-Delivery</code> stays the same across retries.
            </p>
          </section>
          <section class="card button-row" aria-label="Actions">
            {w.active ? (
              <ActionButton action={`/admin/webhooks/${w.id}/disable`} csrf={p.csrf} label="Disable" />
            ) : (
              <ActionButton action={`/admin/webhooks/${w.id}/enable`} csrf={p.csrf} label="Enable" />
            )}
            <ActionButton action={`/admin/webhooks/${w.id}/delete`} csrf={p.csrf} label="Delete webhook and log" danger />
          </section>
        </div>
      </div>
    </AppShell>
  );
}
