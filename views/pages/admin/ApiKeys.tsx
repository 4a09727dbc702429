// Admins: keys for helpdesk integrations. A new key is shown once, right after it is made.
import type { SessionUser } from '../../../src/domain/access';
import { AppShell } from '../../AppShell';
import { ActionButton, CsrfField, Field, Note } from '../../partials/forms';
import { DataTable } from '../../partials/table';
import { when } from '../../../src/domain/timeText';

export interface ApiKeyRow {
  id: string;
  name: string;
  prefix: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
  createdBy: string | null;
}

export interface ApiKeysPageProps {
  user: SessionUser;
  csrf: string;
  keys: ApiKeyRow[];
  created?: { name: string; key: string };
  name?: string;
  error?: string;
  notice?: string;
}

export function ApiKeysPage(p: ApiKeysPageProps) {
  return (
    <AppShell user={p.user} csrf={p.csrf} title="API keys" active="api-keys">
      <div class="page-header">
        <h1>API keys</h1>
      </div>
      {p.created ? (
        <section class="card key-reveal" aria-labelledby="new-key">
          <h2 id="new-key">Your new key “{p.created.name}”</h2>
          <p>Copy it now and store it in your helpdesk integration. Heard keeps only a hash, so it cannot show the key again.</p>
          <label for="new-key-value">API key</label>
          <textarea id="new-key-value" class="key-value" rows={2} readonly autocomplete="off" spellcheck={false}>
            {p.created.key}
          </textarea>
          <p class="hint">
            Send it as <code>Authorization: Bearer …</code> to <code>/api/v1</code>.
          </p>
        </section>
      ) : null}
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <div class="admin-layout">
        <section class="card" aria-labelledby="keys">
          <h2 id="keys">Keys</h2>
          <DataTable
            columns={['Name', 'Key', 'Created', 'Last used', { label: 'Status', hidden: true }]}
            rows={p.keys}
            empty="No keys yet."
            stack
            row={(k) => (
              <tr class={k.revokedAt ? 'row-muted' : undefined}>
                <td class="cell-title">
                  {k.name}
                  <div class="muted small">{k.createdBy ?? 'command line'}</div>
                </td>
                <td data-label="Key">
                  <code>{k.prefix}…</code>
                </td>
                <td class="nowrap" data-label="Created">
                  {when(k.createdAt)}
                </td>
                <td class="nowrap" data-label="Last used">
                  {k.lastUsedAt ? when(k.lastUsedAt) : 'Never'}
                </td>
                <td>
                  {k.revokedAt ? (
                    <span class="badge">Revoked</span>
                  ) : (
                    <ActionButton action={`/admin/api-keys/${k.id}/revoke`} csrf={p.csrf} label="Revoke" context={k.name} danger />
                  )}
                </td>
              </tr>
            )}
          />
        </section>
        <section class="card" aria-labelledby="create">
          <h2 id="create">New key</h2>
          <form method="post" action="/admin/api-keys" class="form-stack">
            <CsrfField token={p.csrf} />
            <Field name="name" label="Name" value={p.name} required maxlength={100} error={p.error} hint="Where it is used, e.g. “Zendesk production”." />
            <button type="submit" class="button">
              Create key
            </button>
          </form>
        </section>
      </div>
    </AppShell>
  );
}
