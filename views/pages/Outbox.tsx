// The development outbox: a list of captured emails and one email with its headers.
import type { InferSelectModel } from 'drizzle-orm';
import type { outbox } from '../../src/db/schema';
import type { SessionUser } from '../../src/domain/access';
import { AppShell } from '../AppShell';
import { DataTable } from '../partials/table';

type Message = InferSelectModel<typeof outbox>;

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

interface Viewer {
  user: SessionUser;
  csrf: string;
}

export function OutboxList(p: Viewer & { messages: Pick<Message, 'id' | 'to' | 'subject' | 'createdAt'>[] }) {
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Outbox" active="outbox">
      <>
        <h1>Outbox</h1>
        <p class="muted">
          No mail provider is configured, so Heard keeps the emails it would send here. Set RESEND_API_KEY and MAIL_FROM
          to send them for real.
        </p>
        <DataTable
          columns={['Sent', 'To', 'Subject']}
          rows={p.messages}
          empty="Nothing sent yet."
          stack
          row={(m) => (
            <tr>
              <td data-label="Sent" class="nowrap">
                {when(m.createdAt)}
              </td>
              <td data-label="To" class="cell-wrap">
                {m.to}
              </td>
              <td data-label="Subject">
                <a href={`/outbox/${m.id}`}>{m.subject}</a>
              </td>
            </tr>
          )}
        />
      </>
    </AppShell>
  );
}

export function OutboxMessage(p: Viewer & { message: Message }) {
  const m = p.message;
  const headers = JSON.parse(m.headers) as Record<string, string>;
  return (
    <AppShell user={p.user} csrf={p.csrf} title={m.subject} active="outbox">
      <>
        <p>
          <a href="/outbox">← Outbox</a>
        </p>
        <h1>{m.subject}</h1>
        <dl class="facts">
          <dt>From</dt>
          <dd>{m.from}</dd>
          <dt>To</dt>
          <dd>{m.to}</dd>
          <dt>Sent</dt>
          <dd>{when(m.createdAt)}</dd>
          {Object.entries(headers).map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
        </dl>
        <iframe class="email-frame" title="Email as HTML" src={`/outbox/${m.id}/html`} sandbox="allow-popups allow-top-navigation-by-user-activation" />
        <details>
          <summary>Plain text</summary>
          <pre class="plain">{m.text}</pre>
        </details>
      </>
    </AppShell>
  );
}
