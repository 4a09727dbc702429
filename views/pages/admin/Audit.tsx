// Admins: sensitive actions, newest first, a page at a time.
import type { SessionUser } from '../../../src/domain/access';
import type { AuditAction } from '../../../src/services/audit';
import { AppShell } from '../../AppShell';
import { DataTable } from '../../partials/table';
import { when } from '../../../src/domain/timeText';

export interface AuditRow {
  id: string;
  at: number;
  action: string;
  target: string | null;
  detail: string | null;
  actorEmail: string | null;
}

const ACTION_LABELS: Record<AuditAction, string> = {
  setup: 'Set up Heard',
  'sign-in.failed': 'Sign-in failed',
  'sign-in.limited': 'Sign-in paused (too many attempts)',
  'user.created': 'User created',
  'user.invited': 'Invitation sent',
  'invitation.revoked': 'Invitation revoked',
  'invitation.accepted': 'Invitation accepted',
  'user.access-changed': 'Access changed',
  'user.deactivated': 'User deactivated',
  'user.reactivated': 'User reactivated',
  'user.password-changed': 'Password changed',
  'user.password-reset': 'Password reset',
  'team.created': 'Team created',
  'survey.updated': 'Survey settings changed',
  'api-key.created': 'API key created',
  'api-key.revoked': 'API key revoked',
  'connection.created': 'Helpdesk connected',
  'connection.updated': 'Helpdesk connection changed',
  'connection.deleted': 'Helpdesk disconnected',
  'alert.created': 'Alert created',
  'alert.updated': 'Alert changed',
  'alert.deleted': 'Alert deleted',
  'customer.erased': 'Customer erased',
  'suppression.lifted': 'Erased address may be surveyed again',
  'retention.updated': 'Data retention changed',
  'retention.applied': 'Old data deleted (retention)',
  'theme.changed': 'Theme changed',
  'theme.merged': 'Themes merged',
  'theme.pinned': 'Theme pinned',
  'theme.deleted': 'Theme removed',
};

const WARNINGS = new Set<string>(['sign-in.failed', 'sign-in.limited', 'user.deactivated', 'api-key.revoked', 'customer.erased']);

export function AuditPage(p: { user: SessionUser; csrf: string; entries: AuditRow[]; nextUrl: string | null }) {
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Audit log" active="audit">
      <div class="page-header">
        <h1>Audit log</h1>
      </div>
      <section class="card">
        <DataTable
          columns={['Event', 'By, when']}
          rows={p.entries}
          empty="Nothing recorded yet."
          row={(e) => (
            <tr>
              <td>
                <span class={WARNINGS.has(e.action) ? 'badge badge-danger' : 'badge'}>{ACTION_LABELS[e.action as AuditAction] ?? e.action}</span>
                <div>{e.target ?? '—'}</div>
                {e.detail ? <div class="muted small">{e.detail}</div> : null}
              </td>
              <td class="cell-wrap">
                {e.actorEmail ?? (e.action.startsWith('sign-in') ? 'Visitor' : 'Command line')}
                <div class="muted small">{when(e.at)}</div>
              </td>
            </tr>
          )}
        />
        {p.nextUrl ? (
          <p class="section-gap">
            <a href={p.nextUrl}>Older entries →</a>
          </p>
        ) : null}
      </section>
    </AppShell>
  );
}
