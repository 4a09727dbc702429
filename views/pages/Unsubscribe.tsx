// Unsubscribing takes a button press (a POST): link checkers that open the email's links must not
// unsubscribe anyone.
import { messages, type Locale } from '../../src/i18n';
import { Layout } from '../Layout';
import { Icon } from '../partials/Icon';
import { Panel } from '../partials/Panel';

export function UnsubscribePage(p: { locale: Locale; actionUrl: string; done: boolean }) {
  const m = messages(p.locale).unsubscribe;
  return (
    <Layout title={p.done ? m.doneTitle : m.title} locale={p.locale} sheet="survey">
      {p.done ? (
        <Panel class="unsubscribe">
          <Icon name="check" />
          <h1>{m.doneTitle}</h1>
          <p>{m.doneBody}</p>
        </Panel>
      ) : (
        <Panel class="unsubscribe">
          <h1>{m.title}</h1>
          <p>{m.body}</p>
          <form method="post" action={p.actionUrl}>
            <button type="submit" class="button">
              {m.button}
            </button>
          </form>
        </Panel>
      )}
    </Layout>
  );
}
