// Builds the invitation email for one invitation.
import type { Config } from '../config';
import type { Role } from '../domain/access';
import { renderInvitationEmail } from '../../views/emails/InvitationEmail';
import type { OutgoingEmail } from './types';

export interface InvitationFacts {
  invitationId: string;
  to: string;
  inviter: string;
  role: Role;
  teams: string[];
  allTeams: boolean;
  url: string;
  expiresAt: number;
}

export async function composeInvitationEmail(config: Config, f: InvitationFacts): Promise<OutgoingEmail> {
  const content = await renderInvitationEmail(f);
  return { to: f.to, from: config.mailFrom, ...content, headers: {}, idempotencyKey: `invitation/${f.invitationId}` };
}
