// Admins: the connected helpdesks, how each is doing, and the form to connect another.
import { CONNECTORS } from '../../../src/connectors';
import { PROVIDERS } from '../../../src/db/schema';
import type { SessionUser } from '../../../src/domain/access';
import type { ConnectionSummary } from '../../../src/services/connections';
import { AppShell } from '../../AppShell';
import { CsrfField, ErrorList, Note } from '../../partials/forms';
import { DataTable } from '../../partials/table';
import { ConnectionFields, type ConnectionFormValues } from './ConnectionFields';
import { when } from '../../../src/domain/timeText';

export interface IntegrationsPageProps {
  user: SessionUser;
  csrf: string;
  connections: ConnectionSummary[];
  teams: string[];
  form?: ConnectionFormValues;
  errors?: Record<string, string>;
  notice?: string | undefined;
}

function Status(p: { c: ConnectionSummary }) {
  if (p.c.attention) {
    return (
      <>
        <span class="badge badge-danger">Needs attention</span>
        <div class="muted small">{p.c.attention}</div>
      </>
    );
  }
  const last = p.c.lastDelivery;
  if (!last) return <span class="badge">Waiting for the first event</span>;
  return (
    <>
      <span class={last.outcome === 'rejected' ? 'badge badge-danger' : 'badge badge-success'}>
        {last.outcome === 'rejected' ? 'Last event rejected' : 'Receiving'}
      </span>
      {last.outcome === 'rejected' && last.reason ? <div class="muted small">{last.reason}</div> : null}
    </>
  );
}

const EMPTY: ConnectionFormValues = { provider: 'zendesk', name: '', secret: '', apiUrl: '', apiUser: '', team: '', ticketUrl: '' };

export function IntegrationsPage(p: IntegrationsPageProps) {
  const form = p.form ?? EMPTY;
  const errors = p.errors ?? {};
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Integrations" active="integrations">
      <div class="page-header">
        <h1>Integrations</h1>
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <div class="admin-layout">
        <section class="card" aria-labelledby="connections">
          <h2 id="connections">Helpdesks</h2>
          <p class="muted">Each connection receives closed tickets from one helpdesk account and starts their surveys; with API credentials, answers go back to the ticket as notes.</p>
          <DataTable
            columns={['Connection', 'Status', 'Last delivery']}
            rows={p.connections}
            empty="No helpdesk connected yet. Add one here, or send interactions through the API."
            row={(c) => (
              <tr>
                <td class="cell-wrap">
                  <a href={`/admin/integrations/${c.id}`}>{c.name}</a>
                  <div class="muted small">{CONNECTORS[c.provider].label}</div>
                </td>
                <td class="cell-wrap">
                  <Status c={c} />
                </td>
                <td class="nowrap">
                  {c.lastDelivery ? (
                    <>
                      {when(c.lastDelivery.receivedAt)}
                      <div class="muted small">{c.lastDelivery.outcome}</div>
                    </>
                  ) : (
                    'Never'
                  )}
                </td>
              </tr>
            )}
          />
        </section>
        <form method="post" action="/admin/integrations" class="card form-stack" aria-labelledby="new-connection">
          <CsrfField token={p.csrf} />
          <h2 id="new-connection">Connect a helpdesk</h2>
          <ErrorList errors={errors.form ? [errors.form] : undefined} />
          <fieldset class={errors.provider ? 'field-invalid' : undefined}>
            <legend>Helpdesk</legend>
            <div class="choice-list">
              {PROVIDERS.map((provider) => (
                <label class="choice">
                  <input type="radio" name="provider" value={provider} checked={form.provider === provider} required />
                  <span class="choice-title">{CONNECTORS[provider].label}</span>
                </label>
              ))}
            </div>
            {errors.provider ? <p class="field-error">{errors.provider}</p> : null}
          </fieldset>
          <ConnectionFields values={form} errors={errors} teams={p.teams} />
          <div>
            <button type="submit" class="button">
              Connect
            </button>
          </div>
        </form>
      </div>
    </AppShell>
  );
}
