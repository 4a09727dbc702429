// Words for stored values, shared by the admin pages.
import type { Role } from '../../../src/domain/access';

export const ROLE_LABELS: Record<Role, string> = { admin: 'Administrator', manager: 'Manager', agent: 'Agent' };

export const ROLE_HINTS: Record<Role, string> = {
  admin: 'Everything: all dashboards, users, teams and API keys.',
  manager: 'Dashboards and follow-ups of the teams they manage.',
  agent: 'Their own scores, comments and follow-up tasks.',
};
