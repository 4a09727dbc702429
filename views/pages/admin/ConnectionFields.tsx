// The fields of a helpdesk connection, shared by the add form and the edit form. The API token is
// never put back into the form: editing shows only its last characters.
import { API_HINTS } from '../../../src/connectors/formHints';
import { PROVIDERS } from '../../../src/db/schema';
import { Field } from '../../partials/forms';

/** What the admin typed, shown again beside the errors (the token field always starts empty). */
export interface ConnectionFormValues {
  provider: string;
  name: string;
  secret: string;
  apiUrl: string;
  apiUser: string;
  team: string;
  ticketUrl: string;
}

/** The connection fields shared by the add form and the edit form. */
export function ConnectionFields(p: { values: ConnectionFormValues; errors: Record<string, string>; teams: string[]; editing?: { tokenEnding: string | null } }) {
  const v = p.values;
  const e = p.errors;
  const hints = API_HINTS[PROVIDERS.find((x) => x === v.provider) ?? 'zendesk'];
  return (
    <>
      <Field name="name" label="Name" value={v.name} required maxlength={100} error={e.name} hint="Where it comes from, e.g. “Zendesk production”." />
      <Field
        name="secret"
        label={p.editing ? 'New signing secret' : 'Signing secret (optional)'}
        value={v.secret}
        maxlength={500}
        autocomplete="off"
        error={e.secret}
        hint={
          p.editing
            ? 'Leave empty to keep the current one.'
            : 'Zendesk, Intercom and Front give you one: paste it here or later. Left empty, Heard makes one (Freshdesk, Help Scout).'
        }
      />
      <Field name="apiUrl" label="API URL (optional)" type="url" value={v.apiUrl} maxlength={500} error={e.apiUrl} placeholder={hints.apiUrl} hint="For customer look-ups and notes on the ticket." />
      <Field name="apiUser" label="API user (optional)" value={v.apiUser} maxlength={200} error={e.apiUser} hint="Zendesk: the agent email; Intercom: admin id; Help Scout: app ID." />
      <Field
        name="apiToken"
        label={p.editing?.tokenEnding ? `API token (stored: ${p.editing.tokenEnding})` : 'API token (optional)'}
        type="password"
        maxlength={500}
        autocomplete="off"
        error={e.apiToken}
        hint={p.editing?.tokenEnding ? 'Leave empty to keep the stored token.' : undefined}
      />
      <div class={e.team ? 'field field-invalid' : 'field'}>
        <label for="f-team">Default team (optional)</label>
        <p class="hint" id="f-team-hint">
          For tickets whose helpdesk group matches no team. A new name creates the team.
        </p>
        <input id="f-team" name="team" type="text" value={v.team} maxlength={100} list="team-names" aria-describedby="f-team-hint" />
        <datalist id="team-names">
          {p.teams.map((t) => (
            <option value={t} />
          ))}
        </datalist>
        {e.team ? <p class="field-error">{e.team}</p> : null}
      </div>
      <Field
        name="ticketUrl"
        label="Ticket URL (optional)"
        type="url"
        value={v.ticketUrl}
        maxlength={500}
        error={e.ticketUrl}
        placeholder={hints.ticketUrl}
        hint="With {id} where the ticket number goes: responses and tasks link back to the ticket."
      />
    </>
  );
}
