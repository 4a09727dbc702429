// Who may see what. Pure: every page, partial and query filter asks these functions, so the rules live
// in one place and can be tested without a database.

export const ROLES = ['admin', 'manager', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  /** Managers only: every team, present and future. */
  allTeams: boolean;
  /** Managers: the teams they manage. Agents: the team of their agent record, if any. */
  teamIds: string[];
  /** The ingest `agents` row with the same email; null when none exists yet. */
  agentId: string | null;
}

export type Scope = { kind: 'all' } | { kind: 'teams'; teamIds: string[] } | { kind: 'agent'; agentId: string | null };

export const isAdmin = (user: SessionUser) => user.role === 'admin';

export function scopeOf(user: SessionUser): Scope {
  if (user.role === 'admin' || (user.role === 'manager' && user.allTeams)) return { kind: 'all' };
  if (user.role === 'manager') return { kind: 'teams', teamIds: user.teamIds };
  return { kind: 'agent', agentId: user.agentId };
}

/** A record that belongs to one agent and (at the time) one team: a response, follow-up or interaction. */
export interface Owned {
  agentId: string;
  teamId: string | null;
}

export function canSeeRecord(user: SessionUser, record: Owned): boolean {
  const scope = scopeOf(user);
  switch (scope.kind) {
    case 'all':
      return true;
    case 'teams':
      return record.teamId !== null && scope.teamIds.includes(record.teamId);
    case 'agent':
      return scope.agentId !== null && scope.agentId === record.agentId;
  }
}

export const canSeeAgent = (user: SessionUser, agent: { id: string; teamId: string | null }) =>
  canSeeRecord(user, { agentId: agent.id, teamId: agent.teamId });

/** Team-level views (a team's dashboard): agents see none, they only see themselves. */
export function canSeeTeam(user: SessionUser, teamId: string | null): boolean {
  const scope = scopeOf(user);
  if (scope.kind === 'all') return true;
  return scope.kind === 'teams' && teamId !== null && scope.teamIds.includes(teamId);
}
