// Role and teams, the same fields in the invitation form and on a user's page.
import { ROLES, type Role } from '../../../src/domain/access';
import { ROLE_HINTS, ROLE_LABELS } from './labels';

export interface AccessValues {
  role: Role;
  teamIds: string[];
  allTeams: boolean;
}

export interface AccessFieldsProps {
  /** Keeps ids unique when two forms share a page. */
  idPrefix: string;
  teams: { id: string; name: string }[];
  value: AccessValues;
  error?: string | undefined;
}

export function AccessFields(p: AccessFieldsProps) {
  return (
    <>
      <fieldset class="field">
        <legend>Role</legend>
        <div class="choice-list">
          {ROLES.map((role) => (
            <label class="choice" for={`${p.idPrefix}-role-${role}`}>
              <input type="radio" id={`${p.idPrefix}-role-${role}`} name="role" value={role} checked={p.value.role === role} required />
              <span>
                <span class="choice-title">{ROLE_LABELS[role]}</span>
                <span class="choice-hint">{ROLE_HINTS[role]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset class={p.error ? 'field field-invalid' : 'field'} aria-describedby={`${p.idPrefix}-teams-hint`}>
        <legend>Teams</legend>
        <p class="hint" id={`${p.idPrefix}-teams-hint`}>
          Managers see the teams ticked here. An agent belongs to one team (ingest may also set it). Administrators see everything.
        </p>
        {p.error ? <p class="field-error">{p.error}</p> : null}
        <div class="check-grid">
          <label class="check" for={`${p.idPrefix}-all`}>
            <input type="checkbox" id={`${p.idPrefix}-all`} name="allTeams" value="1" checked={p.value.allTeams} />
            <span>All teams, including future ones (managers)</span>
          </label>
          {p.teams.map((t) => (
            <label class="check" for={`${p.idPrefix}-team-${t.id}`}>
              <input type="checkbox" id={`${p.idPrefix}-team-${t.id}`} name="teamIds" value={t.id} checked={p.value.teamIds.includes(t.id)} />
              <span>{t.name}</span>
            </label>
          ))}
        </div>
        {p.teams.length === 0 ? <p class="muted">No teams yet: create one on the Teams page, or let ingest create them.</p> : null}
      </fieldset>
    </>
  );
}
