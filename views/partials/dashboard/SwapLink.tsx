// A link that, with htmx, replaces only the dashboard body and records the URL in history;
// without JavaScript it is an ordinary link to the same page.
import type { Child } from 'hono/jsx';

export const DASH_ID = 'dash';

export function SwapLink(p: { href: string; children: Child; class?: string; current?: boolean; data?: string }) {
  return (
    <a
      href={p.href}
      class={p.class}
      aria-current={p.current ? 'true' : undefined}
      data-link={p.data}
      hx-get={p.href}
      hx-target={`#${DASH_ID}`}
      hx-swap="outerHTML"
      hx-push-url="true"
    >
      {p.children}
    </a>
  );
}
