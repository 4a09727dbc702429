// The invitation email: who invited whom, to do what, and the one button that accepts. Mail-client
// HTML (tables, inline styles, no images or scripts) with a plain-text twin.
import type { Role } from '../../src/domain/access';
import { when } from '../pages/admin/labels';

export interface InvitationEmailProps {
  inviter: string;
  role: Role;
  teams: string[];
  allTeams: boolean;
  url: string;
  expiresAt: number;
}

const FONT = 'system-ui,-apple-system,Segoe UI,Roboto,Helvetica Neue,Arial,sans-serif';
const S = {
  body: 'margin:0;padding:0;background-color:#f4f6f8;',
  card: 'max-width:560px;background-color:#ffffff;border:1px solid #d5dbe2;border-radius:10px;',
  inner: `padding:28px 20px 24px 20px;font-family:${FONT};color:#1d2733;font-size:16px;line-height:1.5;`,
  h1: 'margin:0 0 16px 0;font-size:22px;line-height:1.3;font-weight:700;color:#1d2733;',
  p: 'margin:0 0 16px 0;',
  button:
    `display:inline-block;padding:12px 22px;border-radius:8px;background-color:#1f5fae;color:#ffffff;font-family:${FONT};` +
    'font-size:16px;font-weight:700;text-decoration:none;',
  small: 'margin:20px 0 0 0;color:#56616e;font-size:14px;',
  link: 'color:#1f5fae;word-break:break-all;',
};

/** What the role means, told to the person who will have it. */
const ROLES: Record<Role, { name: string; sees: string }> = {
  admin: { name: 'an administrator', sees: 'You will see every dashboard and manage users, teams and API keys.' },
  manager: { name: 'a manager', sees: 'You will see the dashboards and follow-ups of your teams.' },
  agent: { name: 'an agent', sees: "You will see your own scores, your customers' comments and your follow-up tasks." },
};

function scopeText(p: InvitationEmailProps): string | null {
  if (p.role !== 'manager' && p.role !== 'agent') return null;
  if (p.allTeams) return 'All teams';
  return p.teams.length ? p.teams.join(', ') : null;
}

export async function renderInvitationEmail(p: InvitationEmailProps): Promise<{ subject: string; html: string; text: string }> {
  const subject = `${p.inviter} invited you to Heard`;
  const role = ROLES[p.role];
  const scope = scopeText(p);
  const expires = when(p.expiresAt);
  const intro = `${p.inviter} invited you to join Heard, where your team follows up on customer feedback, as ${role.name}.`;

  const page = (
    <html lang="en" dir="ltr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{subject}</title>
      </head>
      <body style={S.body}>
        <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border={0} style={S.body}>
          <tr>
            <td align="center" style="padding:24px 8px;">
              <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border={0} style={S.card}>
                <tr>
                  <td style={S.inner}>
                    <h1 style={S.h1}>You are invited to Heard</h1>
                    <p style={S.p}>{intro}</p>
                    <p style={S.p}>
                      {role.sees}
                      {scope ? (
                        <>
                          <br />
                          <strong>Teams:</strong> {scope}
                        </>
                      ) : null}
                    </p>
                    <p style={S.p}>
                      <a href={p.url} style={S.button}>
                        Accept the invitation
                      </a>
                    </p>
                    <p style={S.small}>
                      The link works once and until {expires}. If the button does not work, open this address:
                      <br />
                      <a href={p.url} style={S.link}>
                        {p.url}
                      </a>
                    </p>
                    <p style={S.small}>If you did not expect this invitation, you can ignore this email.</p>
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>
  );

  const text = [
    'You are invited to Heard',
    '',
    intro,
    '',
    role.sees,
    ...(scope ? [`Teams: ${scope}`] : []),
    '',
    `Accept the invitation: ${p.url}`,
    '',
    `The link works once and until ${expires}.`,
    'If you did not expect this invitation, you can ignore this email.',
    '',
  ].join('\n');

  return { subject, html: `<!DOCTYPE html>${await page.toString()}`, text };
}
