// Builds the invitation email for one invitation.
import type { Config } from '../config';
import { renderInvitationEmail, type InvitationEmailProps } from './templates/InvitationEmail';
import type { OutgoingEmail } from './types';

export interface InvitationFacts extends InvitationEmailProps {
  invitationId: string;
  to: string;
}

export async function composeInvitationEmail(config: Config, f: InvitationFacts): Promise<OutgoingEmail> {
  const content = await renderInvitationEmail(f);
  return { to: f.to, from: config.mailFrom, ...content, headers: {}, idempotencyKey: `invitation/${f.invitationId}` };
}
