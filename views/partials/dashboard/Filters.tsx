// The filter bar: a plain GET form (works without JavaScript). With htmx, any change fetches only
// the dashboard body (#dash) and pushes the new URL, so links can be shared and Back works.
import { CHANNELS } from '../../../src/domain/channels';
import { isoDate, PRESETS, type ResolvedRange } from '../../../src/domain/period';
import { PRESET_LABELS, rangeLabel } from '../../../src/domain/periodLabels';
import { SURVEY_KINDS } from '../../../src/domain/surveys';
import type { DashParams } from '../../../src/domain/dashParams';
import type { FilterOptions } from '../../../src/services/dashboard/pages';
import { SURVEY_LABEL } from './format';
import { DASH_ID } from './SwapLink';

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

/** Names of the team and agent in the URL, for the summary of a collapsed panel. */
export interface FilterNames {
  team: string | null;
  agent: { name: string | null; email: string } | null;
}

export interface FilterState {
  params: DashParams;
  range: ResolvedRange;
  names: FilterNames;
  today: number;
  error: string | null;
}

/** What is applied, in a line: the summary of the panel when it is folded away (phones). */
function FilterSummary(p: FilterState & { oob?: boolean }) {
  const r = p.range;
  const parts = [
    r.preset === 'custom' ? rangeLabel(r, p.today) : PRESET_LABELS[r.preset],
    p.names.team,
    p.names.agent && (p.names.agent.name ?? p.names.agent.email),
    p.params.channel,
    p.params.survey && SURVEY_LABEL[p.params.survey],
    p.params.tag && `#${p.params.tag}`,
  ].filter((x): x is string => !!x);
  return (
    <span id="filter-summary" class="filters-applied" hx-swap-oob={p.oob ? 'true' : undefined}>
      {parts.join(' · ')}
    </span>
  );
}

function FilterDates(p: { range: ResolvedRange; oob?: boolean }) {
  return (
    <div id="filter-dates" class="filter filter-dates" hx-swap-oob={p.oob ? 'true' : undefined}>
      <div>
        <label for="filter-from">From</label>
        <input id="filter-from" type="date" name="from" value={isoDate(p.range.from)} />
      </div>
      <div>
        <label for="filter-to">To</label>
        <input id="filter-to" type="date" name="to" value={isoDate(p.range.to)} />
      </div>
    </div>
  );
}

function FilterError(p: { error: string | null; range: ResolvedRange; oob?: boolean }) {
  return (
    <div id="filter-error" class="filter-error" role="alert" hx-swap-oob={p.oob ? 'true' : undefined}>
      {p.error && (
        <p class="note note-error">
          {p.error} Showing {PRESET_LABELS[p.range.preset === 'custom' ? '30d' : p.range.preset].toLowerCase()} instead.
        </p>
      )}
    </div>
  );
}

/** The responses list's comment filters, set outside the bar: a change of period or team keeps them. */
const COMMENT_FILTERS = ['comments', 'sentiment', 'theme', 'q'] as const;

function FilterKeep(p: { params: DashParams; oob?: boolean }) {
  return (
    <div id="filter-keep" hidden hx-swap-oob={p.oob ? 'true' : undefined}>
      {COMMENT_FILTERS.map((k) => {
        const v = p.params[k];
        return v === null || v === false || v === '' ? null : <input type="hidden" name={k} value={v === true ? '1' : String(v)} />;
      })}
    </div>
  );
}

/**
 * Sent beside the body of an htmx swap: the form itself stays (it holds the person's choices), but
 * the dates a preset stands for, the summary, any error and the comment filters kept follow what
 * the server used.
 */
export function FilterUpdates(p: FilterState) {
  return (
    <>
      <FilterKeep params={p.params} oob />
      <FilterDates range={p.range} oob />
      <FilterSummary {...p} oob />
      <FilterError error={p.error} range={p.range} oob />
    </>
  );
}

export function Filters(p: FilterState & { action: string; options: FilterOptions }) {
  const custom = p.range.preset === 'custom';
  return (
    <details class="filters-panel" data-filters>
      <summary class="filters-toggle">
        <span class="filters-toggle-label">Filters</span> <FilterSummary {...p} />
      </summary>
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
        <FilterDates range={p.range} />
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
        <FilterError error={p.error} range={p.range} />
        <FilterKeep params={p.params} />
      </form>
    </details>
  );
}
