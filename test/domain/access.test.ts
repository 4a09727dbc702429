// Who may see what, without a database.
import { describe, expect, test } from 'vitest';
import { canSeeAgent, canSeeRecord, canSeeTeam, scopeOf, type SessionUser } from '../../src/domain/access';

const user = (over: Partial<SessionUser>): SessionUser => ({
  id: 'u1',
  email: 'u@example.com',
  name: null,
  role: 'agent',
  allTeams: false,
  teamIds: [],
  agentId: null,
  ...over,
});

const admin = user({ role: 'admin' });
const allTeams = user({ role: 'manager', allTeams: true });
const managerT1 = user({ role: 'manager', teamIds: ['t1'] });
const managerNone = user({ role: 'manager' });
const agentA = user({ role: 'agent', agentId: 'a', teamIds: ['t1'] });
const unlinked = user({ role: 'agent' });

describe('scopeOf', () => {
  test('admins and all-teams managers see everything', () => {
    expect(scopeOf(admin)).toEqual({ kind: 'all' });
    expect(scopeOf(allTeams)).toEqual({ kind: 'all' });
  });

  test('a manager sees their teams; an agent only themselves', () => {
    expect(scopeOf(managerT1)).toEqual({ kind: 'teams', teamIds: ['t1'] });
    expect(scopeOf(agentA)).toEqual({ kind: 'agent', agentId: 'a' });
  });

  test('all-teams means nothing for an agent', () => {
    expect(scopeOf(user({ role: 'agent', agentId: 'a', allTeams: true }))).toEqual({ kind: 'agent', agentId: 'a' });
  });
});

describe('canSeeRecord', () => {
  const ofA = { agentId: 'a', teamId: 't1' };
  const ofB = { agentId: 'b', teamId: 't1' };
  const noTeam = { agentId: 'a', teamId: null };

  test('agents see their own records only, whatever the team', () => {
    expect(canSeeRecord(agentA, ofA)).toBe(true);
    expect(canSeeRecord(agentA, noTeam)).toBe(true);
    expect(canSeeRecord(agentA, ofB)).toBe(false);
  });

  test('an agent not yet linked to an agent record sees nothing', () => {
    expect(canSeeRecord(unlinked, ofA)).toBe(false);
  });

  test('managers see records of their teams, not records without a team', () => {
    expect(canSeeRecord(managerT1, ofB)).toBe(true);
    expect(canSeeRecord(managerT1, { agentId: 'c', teamId: 't2' })).toBe(false);
    expect(canSeeRecord(managerT1, noTeam)).toBe(false);
    expect(canSeeRecord(managerNone, ofA)).toBe(false);
  });

  test('admins and all-teams managers see records without a team too', () => {
    expect(canSeeRecord(admin, noTeam)).toBe(true);
    expect(canSeeRecord(allTeams, noTeam)).toBe(true);
  });
});

test('canSeeAgent follows the agent record’s team', () => {
  expect(canSeeAgent(managerT1, { id: 'b', teamId: 't1' })).toBe(true);
  expect(canSeeAgent(managerT1, { id: 'c', teamId: 't2' })).toBe(false);
  expect(canSeeAgent(agentA, { id: 'a', teamId: 't1' })).toBe(true);
  expect(canSeeAgent(agentA, { id: 'b', teamId: 't1' })).toBe(false);
});

test('canSeeTeam: never for agents, even their own team', () => {
  expect(canSeeTeam(agentA, 't1')).toBe(false);
  expect(canSeeTeam(managerT1, 't1')).toBe(true);
  expect(canSeeTeam(managerT1, 't2')).toBe(false);
  expect(canSeeTeam(admin, null)).toBe(true);
});
