// The development outbox: a list of captured emails and one email with its headers.
import type { InferSelectModel } from 'drizzle-orm';
import type { outbox } from '../../src/db/schema';
import { Layout } from '../Layout';

type Message = InferSelectModel<typeof outbox>;

const when = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC';

export function OutboxList(p: { messages: Pick<Message, 'id' | 'to' | 'subject' | 'createdAt'>[] }) {
  return (
    <Layout title="Outbox" locale="en">
      <main class="page">
        <h1>Outbox</h1>
        <p class="muted">
          No mail provider is configured, so Heard keeps the emails it would send here. Set RESEND_API_KEY and MAIL_FROM
          to send them for real.
        </p>
        {p.messages.length === 0 ? (
          <p class="card">Nothing sent yet.</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Sent</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {p.messages.map((m) => (
                <tr>
                  <td>{when(m.createdAt)}</td>
                  <td>{m.to}</td>
                  <td>
                    <a href={`/outbox/${m.id}`}>{m.subject}</a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </Layout>
  );
}

export function OutboxMessage(p: { message: Message }) {
  const m = p.message;
  const headers = JSON.parse(m.headers) as Record<string, string>;
  return (
    <Layout title={m.subject} locale="en">
      <main class="page">
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
      </main>
    </Layout>
  );
}
