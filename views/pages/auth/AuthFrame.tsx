// The frame of pages seen before signing in (setup, sign-in, invitations, notices): the brand and
// one narrow card in the middle of the screen.
import type { Child } from 'hono/jsx';
import { Layout } from '../../Layout';

export function AuthFrame(p: { title: string; children: Child }) {
  return (
    <Layout title={`${p.title} · Heard`} locale="en">
      <div class="auth">
        <p class="auth-brand">Heard</p>
        <section class="card auth-card">{p.children}</section>
      </div>
    </Layout>
  );
}
