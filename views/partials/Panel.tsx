// The card that holds a customer page's content. It always has the same id, so an htmx swap can
// pick the panel out of any response, whether a partial or a whole page (an error page included).
import type { Child } from 'hono/jsx';

export const PANEL_ID = 'panel';

export function Panel(p: { class: string; children: Child }) {
  return (
    <section id={PANEL_ID} class={`card ${p.class}`}>
      {p.children}
    </section>
  );
}
