// Who gets a new follow-up task: the assignment rules and their fallbacks. Pure.
import type { AssignmentRule } from './followups';

export type Assignee = { kind: 'agent'; id: string } | { kind: 'user'; id: string };

export interface Candidate {
  id: string;
  /** When this person was last given a task; null if never. */
  lastAssignedAt: number | null;
}

export interface AssigneeCandidates {
  /** The agent who handled the interaction, when they can sign in to work the task. */
  handlingAgent: string | null;
  /** Agents of the interaction's team who can sign in. */
  teamAgents: readonly Candidate[];
  /** Managers of the interaction's team (or, without one, managers of every team). */
  managers: readonly Candidate[];
}

/** Least recently assigned first, so work goes around the group; ids break ties. */
function leastRecent(cs: readonly Candidate[]): string | null {
  const sorted = [...cs].sort((a, b) => (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity) || (a.id < b.id ? -1 : 1));
  return sorted[0]?.id ?? null;
}

/**
 * Who gets a new task. The rule names the first choice; when nobody fits it, the task falls back
 * to the handling agent, then a manager, and stays unassigned (visible to managers) only when
 * nobody at all can take it.
 */
export function chooseAssignee(rule: AssignmentRule, c: AssigneeCandidates): Assignee | null {
  const agent = (id: string | null): Assignee | null => (id ? { kind: 'agent', id } : null);
  const manager = (): Assignee | null => {
    const id = leastRecent(c.managers);
    return id ? { kind: 'user', id } : null;
  };
  switch (rule) {
    case 'agent':
      return agent(c.handlingAgent) ?? manager();
    case 'manager':
      return manager() ?? agent(c.handlingAgent);
    case 'round_robin':
      return agent(leastRecent(c.teamAgents)) ?? agent(c.handlingAgent) ?? manager();
  }
}
