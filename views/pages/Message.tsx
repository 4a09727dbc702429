// A friendly page for dead ends: expired or broken links, missing pages, server errors.
import type { SessionUser } from '../../src/domain/access';
import { AppShell } from '../AppShell';
import type { Locale } from '../../src/i18n';
import { Layout } from '../Layout';
import { Icon } from '../partials/Icon';
import { Panel } from '../partials/Panel';

export interface MessageProps {
  locale: Locale;
  title: string;
  body: string;
  /** The HTTP status the page is sent with; server errors get the alert icon. */
  status?: number;
}

/** The panel alone; an htmx form swap also picks it out of a whole MessagePage. */
export function MessagePanel(p: MessageProps) {
  return (
    <Panel class="message">
      <Icon name={(p.status ?? 200) >= 500 ? 'alert' : 'info'} />
      <h1>{p.title}</h1>
      <p>{p.body}</p>
    </Panel>
  );
}

export function MessagePage(p: MessageProps & { signedIn?: { user: SessionUser; csrf: string } | undefined }) {
  // Someone signed in keeps the app's navigation, so a dead end is never a trap.
  if (p.signedIn) {
    return (
      <AppShell user={p.signedIn.user} csrf={p.signedIn.csrf} title={p.title} active={null}>
        <MessagePanel {...p} />
      </AppShell>
    );
  }
  return (
    <Layout title={p.title} locale={p.locale} sheet="survey">
      <MessagePanel {...p} />
    </Layout>
  );
}
