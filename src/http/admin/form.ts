// Reading admin forms: checkbox groups arrive as one value or many.
import type { Context } from 'hono';
import { ROLES, type Role } from '../../domain/access';

export type Form = Record<string, string | File | (string | File)[]>;

export const readForm = (c: Context): Promise<Form> => c.req.parseBody({ all: true });

export function field(form: Form, name: string): string {
  const v = form[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first : '';
}

export function fields(form: Form, name: string): string[] {
  const v = form[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');
}

/** Role and teams from the AccessFields inputs, ready for ZAccess. */
export const accessInput = (form: Form) => ({
  role: field(form, 'role'),
  teamIds: fields(form, 'teamIds'),
  allTeams: field(form, 'allTeams') === '1',
});

/** What the person ticked, to show the form again after a mistake. */
export function echoAccess(raw: ReturnType<typeof accessInput>, fallback: Role) {
  const role = ROLES.find((r) => r === raw.role) ?? fallback;
  return { role, teamIds: raw.teamIds, allTeams: raw.allTeams };
}
