// The admins' email when a helpdesk connection needs attention: what the helpdesk refused, what
// Heard holds meanwhile, and a link to the connection's settings. Staff email: English.
import type { RenderedEmail } from './EmailFrame';
import { S, staffEmail } from './FollowupEmails';

export async function renderAttentionEmail(p: { helpdesk: string; name: string; reason: string; url: string }): Promise<RenderedEmail> {
  const subject = `${p.helpdesk} connection “${p.name}” needs attention`;
  const held = 'Until new credentials are saved, Heard holds the ratings and closed follow-ups it writes back to tickets, and sends them once the helpdesk accepts the new ones.';
  const html = await staffEmail(
    subject,
    <>
      <h1 style={S.h1}>{subject}</h1>
      <p style={S.p}>{p.reason}</p>
      <p style={S.p}>{held}</p>
      <p style="margin:20px 0 0 0;">
        <a href={p.url} style={S.button}>
          Open the connection’s settings
        </a>
      </p>
    </>,
  );
  return { subject, html, text: `${subject}\n\n${p.reason}\n\n${held}\n\nOpen the connection’s settings: ${p.url}\n` };
}
