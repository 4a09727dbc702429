// The invitation email: who invited whom, to do what, and the one button that accepts. Mail-client
// HTML (tables, inline styles, no images or scripts) with a plain-text twin.
import type { Role } from '../../domain/access';
import { when } from '../../domain/timeText';
import { EMAIL_COLOR, renderEmailFrame, type RenderedEmail } from './EmailFrame';

export interface InvitationEmailProps {
  inviter: string;
  role: Role;
  teams: string[];
  allTeams: boolean;
  url: string;
  expiresAt: number;
}

const S = {
  h1: `margin:0 0 16px 0;font-size:22px;line-height:1.3;font-weight:700;color:${EMAIL_COLOR.text};`,
  p: 'margin:0 0 16px 0;',
  button: `display:inline-block;padding:12px 22px;border-radius:8px;background-color:${EMAIL_COLOR.accent};color:#ffffff;font-size:16px;font-weight:700;text-decoration:none;`,
  small: `margin:20px 0 0 0;color:${EMAIL_COLOR.muted};font-size:14px;`,
  link: `color:${EMAIL_COLOR.accent};word-break:break-all;`,
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

export async function renderInvitationEmail(p: InvitationEmailProps): Promise<RenderedEmail> {
  const subject = `${p.inviter} invited you to Heard`;
  const role = ROLES[p.role];
  const scope = scopeText(p);
  const expires = when(p.expiresAt);
  const intro = `${p.inviter} invited you to join Heard, where your team follows up on customer feedback, as ${role.name}.`;

  const html = await renderEmailFrame({
    lang: 'en',
    dir: 'ltr',
    locale: 'en',
    title: subject,
    children: (
      <>
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
      </>
    ),
  });

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

  return { subject, html, text };
}
