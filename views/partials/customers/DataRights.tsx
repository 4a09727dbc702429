// A customer's data rights, for admins on the customer's page: download everything Heard holds
// about them, or erase it. Erasing asks for the address typed out, so it is never one stray click.
import { CsrfField, Field } from '../forms';

export interface DataRightsProps {
  customerId: string;
  email: string;
  csrf: string;
}

export function DataRights(p: DataRightsProps) {
  const base = `/customers/${encodeURIComponent(p.customerId)}`;
  return (
    <section class="card data-rights" aria-labelledby="data-rights">
      <h2 id="data-rights">Data rights</h2>
      <p class="muted">When a customer asks what Heard holds about them, or asks to be forgotten.</p>
      <p>
        <a class="button button-secondary" href={`${base}/export`} download>
          Export data
        </a>
      </p>
      <details class="danger-zone">
        <summary>Erase customer…</summary>
        <form method="post" action={`${base}/erase`} class="form-stack">
          <CsrfField token={p.csrf} />
          <p>
            This deletes everything Heard holds about <strong>{p.email}</strong>: interactions, survey answers and comments, follow-up tasks with their
            notes, and copies of emails sent to them. Their scores leave the dashboards. It cannot be undone.
          </p>
          <p class="muted">Heard keeps only a keyed hash of the address, so they are never surveyed again unless you lift it under Settings → Data.</p>
          <Field name="confirm" id="erase-confirm" label="Type the customer’s address to confirm" type="email" autocomplete="off" required />
          <div>
            <button type="submit" class="button button-danger">
              Erase this customer
            </button>
          </div>
        </form>
      </details>
    </section>
  );
}
