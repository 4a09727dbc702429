// The signed-in app's sections, in menu order, and who sees each. One line per section.
import type { Role } from '../src/domain/access';

export type Section =
  | 'overview'
  | 'agents'
  | 'responses'
  | 'follow-ups'
  | 'followup-settings'
  | 'users'
  | 'teams'
  | 'api-keys'
  | 'audit'
  | 'outbox'
  | 'account';

export interface NavItem {
  section: Section;
  label: string;
  href: string;
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['admin', 'manager', 'agent'];
const STAFF: readonly Role[] = ['admin', 'manager'];
const ADMIN: readonly Role[] = ['admin'];

export const NAV: readonly NavItem[] = [
  { section: 'overview', label: 'Overview', href: '/', roles: ALL },
  { section: 'agents', label: 'Agents', href: '/agents', roles: STAFF },
  { section: 'responses', label: 'Responses', href: '/responses', roles: ALL },
  { section: 'follow-ups', label: 'Follow-ups', href: '/follow-ups', roles: ALL },
  // follow-ups: rules, working hours, templates and webhooks share this section's tabs.
  { section: 'followup-settings', label: 'Follow-up settings', href: '/admin/follow-ups', roles: ADMIN },
  { section: 'users', label: 'Users', href: '/admin/users', roles: ADMIN },
  { section: 'teams', label: 'Teams', href: '/admin/teams', roles: ADMIN },
  { section: 'api-keys', label: 'API keys', href: '/admin/api-keys', roles: ADMIN },
  { section: 'audit', label: 'Audit log', href: '/admin/audit', roles: ADMIN },
];

export const navFor = (role: Role) => NAV.filter((item) => item.roles.includes(role));
