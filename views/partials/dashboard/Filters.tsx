// The filter bar: a plain GET form (works without JavaScript). With htmx, any change fetches only
// the dashboard body (#dash) and pushes the new URL, so links can be shared and Back works.
import { CHANNELS } from '../../../src/db/schema';
import { isoDate, PRESET_LABELS, PRESETS, type ResolvedRange } from '../../../src/domain/period';
import { SURVEY_KINDS } from '../../../src/domain/surveys';
import type { DashParams } from '../../../src/http/dashboardParams';
import { SURVEY_LABEL } from './format';
import { DASH_ID } from './SwapLink';

export interface FilterOptions {
  teams: Array<{ id: string; name: string }>;
  agents: Array<{ id: string; name: string | null; email: string }>;
  tags: string[];
  /** Which selects make sense here: an agent's own pages have neither. */
  team: boolean;
  agent: boolean;
}

function Select(p: { name: string; label: string; value: string | null; any: string; options: Array<{ value: string; label: string }> }) {
  const id = `filter-${p.name}`;
  return (
    <div class="filter">
      <label for={id}>{p.label}</label>
      <select id={id} name={p.name}>
        <option value="">{p.any}</option>
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === p.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Filters(p: { action: string; params: DashParams; range: ResolvedRange; options: FilterOptions; error: string | null }) {
  const custom = p.range.preset === 'custom';
  return (
    <form
      id="filters"
      class="filters card"
      method="get"
      action={p.action}
      hx-get={p.action}
      hx-trigger="change, submit"
      hx-target={`#${DASH_ID}`}
      hx-swap="outerHTML"
      hx-push-url="true"
      role="search"
      aria-label="Filters"
    >
      <div class="filter">
        <label for="filter-preset">Period</label>
        <select id="filter-preset" name="preset">
          {PRESETS.map((k) => (
            <option value={k} selected={!custom && p.range.preset === k}>
              {PRESET_LABELS[k]}
            </option>
          ))}
          <option value="custom" selected={custom}>
            Custom dates
          </option>
        </select>
      </div>
      <div class="filter filter-dates">
        <div>
          <label for="filter-from">From</label>
          <input id="filter-from" type="date" name="from" value={isoDate(p.range.from)} />
        </div>
        <div>
          <label for="filter-to">To</label>
          <input id="filter-to" type="date" name="to" value={isoDate(p.range.to)} />
        </div>
      </div>
      {p.options.team && (
        <Select name="team" label="Team" any="All teams" value={p.params.team} options={p.options.teams.map((t) => ({ value: t.id, label: t.name }))} />
      )}
      {p.options.agent && (
        <Select
          name="agent"
          label="Agent"
          any="All agents"
          value={p.params.agent}
          options={p.options.agents.map((a) => ({ value: a.id, label: a.name ?? a.email }))}
        />
      )}
      <Select name="channel" label="Channel" any="All channels" value={p.params.channel} options={CHANNELS.map((c) => ({ value: c, label: c }))} />
      <Select name="survey" label="Survey" any="All surveys" value={p.params.survey} options={SURVEY_KINDS.map((k) => ({ value: k, label: SURVEY_LABEL[k] }))} />
      {(p.options.tags.length > 0 || p.params.tag) && (
        <Select
          name="tag"
          label="Tag"
          any="All tags"
          value={p.params.tag}
          options={[...new Set([...(p.params.tag ? [p.params.tag] : []), ...p.options.tags])].map((t) => ({ value: t, label: t }))}
        />
      )}
      <div class="filter filter-apply">
        <button type="submit" class="button button-secondary">
          Apply
        </button>
      </div>
      {p.error && (
        <p class="note note-error filter-error" role="alert">
          {p.error} Showing {PRESET_LABELS[p.range.preset === 'custom' ? '30d' : p.range.preset].toLowerCase()} instead.
        </p>
      )}
    </form>
  );
}
