// The signed-in app's sections, in menu order, and who sees each. One line per section.
import type { Role } from '../src/domain/access';

export type Section =
  | 'overview'
  | 'agents'
  | 'responses'
  | 'follow-ups'
  | 'customers'
  | 'followup-settings'
  | 'survey-settings'
  | 'users'
  | 'teams'
  | 'api-keys'
  | 'integrations'
  | 'audit'
  | 'outbox'
  | 'import'
  | 'themes'
  | 'alerts'
  | 'account'
  | 'data-settings';

export interface NavItem {
  section: Section;
  label: string;
  href: string;
  roles: readonly Role[];
  /** Administration sections share one top-level item and show as tabs beneath the bar. */
  admin?: true;
}

const ALL: readonly Role[] = ['admin', 'manager', 'agent'];
const STAFF: readonly Role[] = ['admin', 'manager'];
const ADMIN: readonly Role[] = ['admin'];

export const NAV: readonly NavItem[] = [
  { section: 'overview', label: 'Overview', href: '/', roles: ALL },
  { section: 'agents', label: 'Agents', href: '/agents', roles: STAFF },
  { section: 'responses', label: 'Responses', href: '/responses', roles: ALL },
  { section: 'follow-ups', label: 'Follow-ups', href: '/follow-ups', roles: ALL },
  { section: 'alerts', label: 'Alerts', href: '/alerts', roles: STAFF },
  // customers: health, the at-risk list and churn (agents see the customers they talked to).
  { section: 'customers', label: 'Customers', href: '/customers', roles: ALL },
  // follow-ups: rules, working hours, templates and webhooks share this section's tabs.
  { section: 'users', label: 'Users', href: '/admin/users', roles: ADMIN, admin: true },
  { section: 'teams', label: 'Teams', href: '/admin/teams', roles: ADMIN, admin: true },
  { section: 'followup-settings', label: 'Follow-up rules', href: '/admin/follow-ups', roles: ADMIN, admin: true },
  { section: 'survey-settings', label: 'Survey', href: '/admin/survey', roles: ADMIN, admin: true },
  { section: 'api-keys', label: 'API keys', href: '/admin/api-keys', roles: ADMIN, admin: true },
  { section: 'integrations', label: 'Integrations', href: '/admin/integrations', roles: ADMIN, admin: true },

  { section: 'themes', label: 'Themes', href: '/admin/themes', roles: ADMIN, admin: true },
  { section: 'import', label: 'Import', href: '/admin/import', roles: ADMIN, admin: true },
  { section: 'data-settings', label: 'Data', href: '/admin/data', roles: ADMIN, admin: true },
  { section: 'audit', label: 'Audit log', href: '/admin/audit', roles: ADMIN, admin: true },
  { section: 'outbox', label: 'Outbox', href: '/outbox', roles: ADMIN, admin: true },
];

export const navFor = (role: Role) => NAV.filter((item) => item.roles.includes(role));

/** The bar's items: every everyday section, and one "Admin" item standing for all the admin ones. */
export function barFor(role: Role, active: Section | null): { label: string; href: string; current: boolean }[] {
  const mine = navFor(role);
  const everyday = mine.filter((i) => !i.admin).map((i) => ({ label: i.label, href: i.href, current: i.section === active }));
  const admin = mine.filter((i) => i.admin);
  const first = admin[0];
  if (!first) return everyday;
  return [...everyday, { label: 'Admin', href: first.href, current: admin.some((i) => i.section === active) }];
}

/** Tabs under the bar while an admin section is open. */
export function adminTabsFor(role: Role, active: Section | null) {
  const admin = navFor(role).filter((i) => i.admin);
  return admin.some((i) => i.section === active) ? admin.map((i) => ({ ...i, current: i.section === active })) : [];
}
