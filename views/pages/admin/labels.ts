// Words for stored values, shared by the admin pages.
import type { Role } from '../../../src/domain/access';

export const ROLE_LABELS: Record<Role, string> = { admin: 'Administrator', manager: 'Manager', agent: 'Agent' };

export const ROLE_HINTS: Record<Role, string> = {
  admin: 'Everything: all dashboards, users, teams and API keys.',
  manager: 'Dashboards and follow-ups of the teams they manage.',
  agent: 'Their own scores, comments and follow-up tasks.',
};

/** Dates in staff pages: unambiguous and the same for every reader. */
export const when = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC');
