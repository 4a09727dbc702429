// Admins: one helpdesk connection: where its webhooks go, how to set it up in the helpdesk, what
// arrived and what was written back, and its settings.
import { CONNECTORS } from '../../../src/connectors';
import type { SessionUser } from '../../../src/domain/access';
import type { Connection, DeliveryLogRow, WritebackRow } from '../../../src/services/connections';
import { AppShell } from '../../AppShell';
import { DeliveryLog } from '../../partials/DeliveryLog';
import { ActionButton, CsrfField, Note } from '../../partials/forms';
import { DataTable } from '../../partials/table';
import { ConnectionFields, type ConnectionFormValues } from './ConnectionFields';
import { when } from '../../../src/domain/timeText';

/** A stored token as the page may show it: its last four characters only. */
const maskToken = (token: string | null) => (token ? `…${token.slice(-4)}` : null);

export interface IntegrationPageProps {
  user: SessionUser;
  csrf: string;
  connection: Connection;
  webhookUrl: string;
  deliveries: DeliveryLogRow[];
  writebacks: WritebackRow[];
  teams: string[];
  form?: ConnectionFormValues;
  errors?: Record<string, string>;
  notice?: string | undefined;
}

const WRITEBACK_BADGE = { pending: 'badge', sending: 'badge', done: 'badge badge-success', failed: 'badge badge-danger' } as const;

function CopyButton(p: { target: string; label: string }) {
  return (
    <button type="button" class="button button-small button-secondary" data-copy={`#${p.target}`} aria-label={p.label}>
      Copy
    </button>
  );
}

function Setup(p: { c: Connection; webhookUrl: string }) {
  const guide = CONNECTORS[p.c.provider].setup;
  return (
    <section class="card" aria-labelledby="setup">
      <h2 id="setup">Connect {CONNECTORS[p.c.provider].label}</h2>
      <label for="webhook-url">Webhook URL</label>
      <div class="copy-row">
        <input id="webhook-url" class="key-value" type="text" value={p.webhookUrl} readonly spellcheck={false} />
        <CopyButton target="webhook-url" label="Copy the webhook URL" />
      </div>
      <details class="secret-reveal">
        <summary>Show signing secret</summary>
        <div class="copy-row">
          <input id="webhook-secret" class="key-value" type="text" value={p.c.secret} readonly spellcheck={false} autocomplete="off" aria-label="Signing secret" />
          <CopyButton target="webhook-secret" label="Copy the signing secret" />
        </div>
      </details>
      <h3>Steps</h3>
      <ol class="setup-steps">
        {guide.steps.map((s) => (
          <li>{s}</li>
        ))}
      </ol>
      {guide.body ? (
        <>
          <div class="copy-row copy-row-head">
            <label for="setup-body">JSON body to paste</label>
            <CopyButton target="setup-body" label="Copy the JSON body" />
          </div>
          <textarea id="setup-body" class="key-value setup-body" rows={guide.body.split('\n').length} readonly spellcheck={false}>
            {guide.body}
          </textarea>
        </>
      ) : null}
    </section>
  );
}

function Writebacks(p: { rows: WritebackRow[] }) {
  return (
    <section class="card" aria-labelledby="writebacks">
      <h2 id="writebacks">Notes written to tickets</h2>
      <DataTable
        columns={['Queued', 'Ticket', 'Status', { label: 'Attempts', num: true }, 'Last answer']}
        rows={p.rows}
        empty="Nothing written back yet. With API credentials, each answer and each closed follow-up adds a private note to its ticket."
        row={(w) => (
          <tr>
            <td class="nowrap">{when(w.createdAt)}</td>
            <td class="cell-wrap">{w.ticketId}</td>
            <td>
              <span class={WRITEBACK_BADGE[w.status]}>{w.status}</span>
              {w.status === 'pending' && w.attempts > 0 ? <div class="muted small">next try {when(w.nextAttemptAt)}</div> : null}
            </td>
            <td class="num">{w.attempts}</td>
            <td class="cell-wrap">{w.error ?? w.responseStatus ?? '—'}</td>
          </tr>
        )}
      />
    </section>
  );
}

export function IntegrationPage(p: IntegrationPageProps) {
  const c = p.connection;
  const values: ConnectionFormValues = p.form ?? {
    provider: c.provider,
    name: c.name,
    secret: '',
    apiUrl: c.apiUrl ?? '',
    apiUser: c.apiUser ?? '',
    team: c.team ?? '',
    ticketUrl: c.ticketUrl ?? '',
  };
  return (
    <AppShell user={p.user} csrf={p.csrf} title={c.name} active="integrations" scripts={['/copy.js']}>
      <p class="breadcrumb">
        <a href="/admin/integrations">← Integrations</a>
      </p>
      <div class="page-header">
        <h1 class="break">{c.name}</h1>
        {c.attention ? <span class="badge badge-danger">Needs attention</span> : <span class="badge">{CONNECTORS[c.provider].label}</span>}
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      {c.attention ? (
        <Note kind="error">
          {CONNECTORS[c.provider].label} refused Heard’s API credentials: {c.attention}. Notes are not written to tickets until you save new credentials below.
        </Note>
      ) : null}
      <div class="admin-layout">
        <div class="stack">
          <Setup c={c} webhookUrl={p.webhookUrl} />
          <DeliveryLog connection={c} csrf={p.csrf} deliveries={p.deliveries} />
          <Writebacks rows={p.writebacks} />
        </div>
        <div class="stack">
          <section class="card" aria-labelledby="settings">
            <h2 id="settings">Settings</h2>
            <dl class="facts">
              <dt>Helpdesk</dt>
              <dd>{CONNECTORS[c.provider].label}</dd>
              <dt>Team</dt>
              <dd>{c.team ?? 'From the ticket’s group'}</dd>
              <dt>API</dt>
              <dd>{c.apiUrl ? `${c.apiUrl}${c.apiUser ? ` as ${c.apiUser}` : ''}, token ${maskToken(c.apiToken) ?? 'missing'}` : 'Not set: receive only'}</dd>
              <dt>Ticket links</dt>
              <dd>{c.ticketUrl ?? 'Not set'}</dd>
              <dt>Connected</dt>
              <dd>{when(c.createdAt)}</dd>
            </dl>
          </section>
          <form method="post" action={`/admin/integrations/${c.id}`} class="card form-stack" aria-labelledby="edit">
            <CsrfField token={p.csrf} />
            <h2 id="edit">Edit connection</h2>
            <ConnectionFields values={values} errors={p.errors ?? {}} teams={p.teams} editing={{ tokenEnding: maskToken(c.apiToken) }} />
            <div>
              <button type="submit" class="button">
                Save
              </button>
            </div>
          </form>
          <section class="card" aria-labelledby="remove">
            <h2 id="remove">Delete</h2>
            <p class="muted">Its webhook URL stops working and its delivery log goes. Answers already collected stay, without their ticket links.</p>
            <ActionButton action={`/admin/integrations/${c.id}/delete`} csrf={p.csrf} label="Delete connection" context={c.name} danger />
          </section>
        </div>
      </div>
    </AppShell>
  );
}
