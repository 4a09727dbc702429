// The follow-up rules and the teams' working hours: stored by admins, defaults until then.
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { compiled } from '../../db/compiled';
import type { Deps } from '../../deps';
import { followupSettings, teams, teamSchedules } from '../../db/schema';
import { ASSIGNMENT_RULES, DEFAULT_RULES, type FollowupRules } from '../../domain/followups';
import { defaultSchedule, scheduleProblem, type WorkSchedule } from '../../domain/businessHours';

const whole = (min: number, max: number, what: string) =>
  z.coerce.number().int(`${what} must be a whole number.`).min(min, `${what} must be at least ${min}.`).max(max, `${what} must be at most ${max}.`);

export const ZFollowupRules = z.object({
  openOnLowScore: z.boolean(),
  openOnKeywords: z.boolean(),
  openOnNegative: z.boolean(),
  keywords: z.array(z.string().trim().min(1).max(60)).max(200, 'Use at most 200 keywords.'),
  assignment: z.enum(ASSIGNMENT_RULES),
  slaHours: whole(1, 400, 'The SLA'),
  managerAfterHours: whole(0, 400, 'The manager escalation'),
  digestHour: whole(0, 23, 'The digest hour'),
  recoveryEnabled: z.boolean(),
  recoveryDelayDays: whole(0, 60, 'The recovery delay'),
  openOnNotResolved: z.boolean(),
}) satisfies z.ZodType<FollowupRules, unknown>;

// Read on every stored answer: compiled once.
const rulesQuery = compiled((db) => db.select().from(followupSettings).where(eq(followupSettings.id, 1)));

export async function getRules(deps: Pick<Deps, 'db'>): Promise<FollowupRules> {
  const [row] = await rulesQuery(deps.db).all();
  if (!row) return DEFAULT_RULES;
  const { id: _id, updatedAt: _at, updatedBy: _by, keywords, ...rest } = row;
  return { ...rest, keywords: JSON.parse(keywords) as string[] };
}

export async function saveRules(deps: Pick<Deps, 'db' | 'clock'>, actorId: string, rules: FollowupRules): Promise<void> {
  const values = { ...rules, keywords: JSON.stringify(rules.keywords), updatedAt: deps.clock(), updatedBy: actorId };
  await deps.db
    .insert(followupSettings)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: followupSettings.id, set: values });
}

const toSchedule = (row: typeof teamSchedules.$inferSelect): WorkSchedule => ({
  timeZone: row.timeZone,
  days: [...row.days].map(Number),
  startMinute: row.startMinute,
  endMinute: row.endMinute,
});

// Read for every task an answer opens: compiled once.
const scheduleQuery = compiled((db) => db.select().from(teamSchedules).where(eq(teamSchedules.teamId, sql.placeholder('teamId'))));

/** The schedule a team's SLA counts in; tasks without a team use the default in the reporting time zone. */
export async function scheduleFor(deps: Pick<Deps, 'db' | 'config'>, teamId: string | null): Promise<WorkSchedule> {
  if (teamId) {
    const [row] = await scheduleQuery(deps.db).all({ teamId });
    if (row) return toSchedule(row);
  }
  return defaultSchedule(deps.config.timeZone);
}

export interface TeamSchedule {
  teamId: string;
  teamName: string;
  schedule: WorkSchedule;
  custom: boolean;
}

export async function listSchedules(deps: Pick<Deps, 'db' | 'config'>): Promise<TeamSchedule[]> {
  const rows = await deps.db
    .select({ teamId: teams.id, teamName: teams.name, schedule: teamSchedules })
    .from(teams)
    .leftJoin(teamSchedules, eq(teamSchedules.teamId, teams.id))
    .orderBy(asc(teams.name));
  return rows.map((r) => ({
    teamId: r.teamId,
    teamName: r.teamName,
    schedule: r.schedule ? toSchedule(r.schedule) : defaultSchedule(deps.config.timeZone),
    custom: r.schedule !== null,
  }));
}

/** Stores a team's schedule; the answer says what is wrong with it instead when it cannot work. */
export async function saveSchedule(deps: Pick<Deps, 'db' | 'clock'>, teamId: string, s: WorkSchedule): Promise<string | null> {
  const problem = scheduleProblem(s);
  if (problem) return problem;
  const values = {
    timeZone: s.timeZone,
    days: [...new Set(s.days)].sort().join(''),
    startMinute: s.startMinute,
    endMinute: s.endMinute,
    updatedAt: deps.clock(),
  };
  await deps.db.insert(teamSchedules).values({ teamId, ...values }).onConflictDoUpdate({ target: teamSchedules.teamId, set: values });
  return null;
}
