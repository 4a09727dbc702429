// The frame of every signed-in page: the top bar with the sections the user's role may open, the
// account link and sign-out. htmx requests from inside the frame send the CSRF token as a header.
import type { Child } from 'hono/jsx';
import type { SessionUser } from '../src/domain/access';
import { CSRF_HEADER } from '../src/http/middleware/session';
import { Layout } from './Layout';
import { adminTabsFor, barFor, type Section } from './nav';
import { VENDOR } from './vendor';
import { CsrfField } from './partials/forms';

export const HTMX = VENDOR.htmx;

export interface AppShellProps {
  user: SessionUser;
  csrf: string;
  title: string;
  /** The section the page belongs to; null for pages of none (a missing page). */
  active: Section | null;
  children: Child;
  /** Extra scripts after htmx, which every signed-in page loads. */
  scripts?: string[];
}

export function AppShell(p: AppShellProps) {
  // htmx 4 only passes attributes down to descendants when they are marked :inherited.
  const csrfHeaders = { 'hx-headers:inherited': JSON.stringify({ [CSRF_HEADER]: p.csrf }) };
  const scripts = [HTMX, ...(p.scripts ?? []).filter((s) => s !== HTMX)];
  const tabs = adminTabsFor(p.user.role, p.active);
  return (
    <Layout title={`${p.title} · Heard`} locale="en" wide scripts={scripts}>
      <div class="app" {...csrfHeaders}>
        <header class="app-bar">
          <a class="app-brand" href="/">
            Heard
          </a>
          <nav class="app-nav" aria-label="Sections">
            <ul>
              {barFor(p.user.role, p.active).map((item) => (
                <li>
                  <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <div class="app-account">
            <a href="/account" aria-current={p.active === 'account' ? 'page' : undefined} title={p.user.email}>
              {p.user.name ?? p.user.email}
            </a>
            <form method="post" action="/logout" class="inline-form">
              <CsrfField token={p.csrf} />
              <button type="submit" class="link-button">
                Sign out
              </button>
            </form>
          </div>
        </header>
        {tabs.length > 0 && (
          <nav class="admin-tabs" aria-label="Administration">
            <ul>
              {tabs.map((t) => (
                <li>
                  <a href={t.href} aria-current={t.current ? 'page' : undefined}>
                    {t.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div class="app-content">{p.children}</div>
      </div>
    </Layout>
  );
}
