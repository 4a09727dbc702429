// One team rule everywhere: an interaction's team belongs to the interaction; an agent's home team
// changes only when an admin changes it. Dashboards count every answer under its interaction's team.
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { histogram } from '../../src/db/queries/cells';
import { agents } from '../../src/db/schema';
import { parseIsoDate } from '../../src/domain/period';
import { countsBy, dailyCounts, NO_FILTER } from '../../src/services/dashboard/counts';
import { rebuildRollups } from '../../src/services/dashboard/rollups';
import { recordHistory, type HistoryRow } from '../../src/services/import';
import { ingestInteraction, ZInteractionInput } from '../../src/services/ingest';
import { changeAccess } from '../../src/services/users';
import { createTestUser, ensureTeam } from '../helpers/auth';
import { interaction, makeTestDeps, T0, type TestDeps } from '../helpers/deps';

let deps: TestDeps;
afterEach(() => deps?.close());

const ingest = (over: Record<string, unknown>) => ingestInteraction(deps, ZInteractionInput.parse(interaction(over)));
async function homeTeam(email: string): Promise<string | null> {
  const [row] = await deps.db.select({ teamId: agents.teamId }).from(agents).where(eq(agents.email, email));
  return row!.teamId;
}

function row(i: number, team: string | null, agent = 'ana@support.example'): HistoryRow {
  return {
    externalId: `R-${i}`,
    closedAt: T0 - 86_400_000,
    sentAt: T0 - 86_000_000,
    agent: { email: agent, name: null },
    team,
    channel: 'email',
    customer: { email: `c${i}@example.com`, name: null, locale: null },
    survey: 'csat',
    tags: [],
    response: { score: 5, comment: null, at: T0 - 80_000_000, source: 'explicit' },
  };
}

describe("an agent's home team", () => {
  it('is the first team ingest sees for a new agent, and later interactions for other teams do not move it', async () => {
    deps = makeTestDeps();
    await ingest({ team: 'Tier 2' });
    const tier2 = await ensureTeam(deps, 'Tier 2');
    await ingest({ team: 'Tier 1' });
    await ingest({ team: undefined });
    expect(await homeTeam('ana@support.example')).toBe(tier2);
  });

  it('is filled by the first interaction that names a team when the agent had none', async () => {
    deps = makeTestDeps();
    await ingest({ team: undefined });
    expect(await homeTeam('ana@support.example')).toBeNull();
    await ingest({ team: 'Billing' });
    expect(await homeTeam('ana@support.example')).toBe(await ensureTeam(deps, 'Billing'));
  });

  it('is not moved by imported history either, while a new imported agent starts in its rows’ team', async () => {
    deps = makeTestDeps();
    await ingest({ team: 'Tier 2' });
    await recordHistory(deps, [row(1, 'Tier 1'), row(2, 'Billing', 'ben@support.example')]);
    expect(await homeTeam('ana@support.example')).toBe(await ensureTeam(deps, 'Tier 2'));
    expect(await homeTeam('ben@support.example')).toBe(await ensureTeam(deps, 'Billing'));
  });

  it('changes when an admin changes it, and ingest keeps the change', async () => {
    deps = makeTestDeps();
    const admin = await createTestUser(deps, { role: 'admin' });
    const agent = await createTestUser(deps, { role: 'agent', teams: ['Tier 1'], email: 'ana@support.example' });
    const tier2 = await ensureTeam(deps, 'Tier 2');
    expect((await changeAccess(deps, admin.id, agent.id, { role: 'agent', teamIds: [tier2], allTeams: false })).ok).toBe(true);
    await ingest({ team: 'Tier 1' });
    expect(await homeTeam('ana@support.example')).toBe(tier2);
  });
});

describe('dashboards count by the interaction’s team', () => {
  it('an agent of Tier 2 helping Tier 1 adds to Tier 1, in the rollups and after a rebuild', async () => {
    deps = makeTestDeps();
    await ingest({ team: 'Tier 2' }); // Ana's home team
    await recordHistory(deps, [row(1, 'Tier 1'), row(2, 'Tier 1'), row(3, 'Tier 2')]);
    const [tier1, tier2] = [await ensureTeam(deps, 'Tier 1'), await ensureTeam(deps, 'Tier 2')];
    const d = parseIsoDate('2026-03-01')!;
    const range = { from: d - 2, to: d + 2 };
    const answers = async (teamId: string) => {
      const days = await dailyCounts(deps, { scope: { kind: 'all' }, filter: { ...NO_FILTER, teamId }, range });
      return [...days.values()].reduce((n, c) => n + histogram(c, 'csat').reduce((a, b) => a + b, 0), 0);
    };
    const split = async () => {
      const by = await countsBy(deps, { scope: { kind: 'all' }, filter: NO_FILTER, range }, 'team');
      return [tier1, tier2].map((t) => histogram(by.get(t)!, 'csat')[5]);
    };
    expect([await answers(tier1), await answers(tier2)]).toEqual([2, 1]);
    expect(await split()).toEqual([2, 1]);
    // An agent filter reads the raw rows: the same rule.
    const ana = (await deps.db.select({ id: agents.id }).from(agents).where(eq(agents.email, 'ana@support.example')))[0]!.id;
    const raw = await dailyCounts(deps, { scope: { kind: 'all' }, filter: { ...NO_FILTER, teamId: tier1, agentId: ana }, range });
    expect([...raw.values()].reduce((n, c) => n + histogram(c, 'csat')[5]!, 0)).toBe(2);
    await rebuildRollups(deps);
    expect(await split()).toEqual([2, 1]);
  });
});
