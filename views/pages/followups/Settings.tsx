// Admins: the follow-up rules (when tasks open, who gets them, the SLA, digest and recovery
// survey) and each team's working hours, which the SLA counts in.
import type { SessionUser } from '../../../src/domain/access';
import { DEFAULT_KEYWORDS, type FollowupRules } from '../../../src/domain/followups';
import { formatClock, WEEKDAYS } from '../../../src/domain/businessHours';
import type { TeamSchedule } from '../../../src/services/followups/settings';
import { AppShell } from '../../AppShell';
import { CsrfField, Note } from '../../partials/forms';
import { settingsTabs, Tabs } from './parts';

export interface RulesPageProps {
  user: SessionUser;
  csrf: string;
  rules: FollowupRules;
  /** The keywords as typed, when the form comes back with an error. */
  keywordsText?: string;
  errors?: Record<string, string>;
  notice?: string | undefined;
  timeZone: string;
}

function Check(p: { name: string; checked: boolean; label: string; hint?: string }) {
  return (
    <label class="check">
      <input type="checkbox" name={p.name} value="1" checked={p.checked} />
      <span>
        {p.label}
        {p.hint ? <span class="choice-hint">{p.hint}</span> : null}
      </span>
    </label>
  );
}

function NumberField(p: { name: string; label: string; value: number; min: number; max: number; hint: string; error?: string | undefined }) {
  const id = `f-${p.name}`;
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for={id}>{p.label}</label>
      <p class="hint" id={`${id}-hint`}>
        {p.hint}
      </p>
      <input id={id} name={p.name} type="number" class="input-short" value={String(p.value)} min={p.min} max={p.max} required aria-describedby={`${id}-hint`} />
      {p.error ? <p class="field-error">{p.error}</p> : null}
    </div>
  );
}

const ASSIGNMENT = [
  ['agent', 'The agent who handled the conversation', 'Falls back to a team manager when the agent has no account.'],
  ['manager', 'A manager of the team', 'With several managers, the one given a task least recently.'],
  ['round_robin', 'Round-robin among the team’s agents', 'Agents with an account take turns, whoever handled the conversation.'],
] as const;

export function RulesPage(p: RulesPageProps) {
  const r = p.rules;
  const e = p.errors ?? {};
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Follow-up rules" active="followup-settings">
      <div class="page-header">
        <h1>Follow-up settings</h1>
      </div>
      <Tabs label="Follow-up settings" tabs={settingsTabs('rules')} />
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      {Object.keys(e).length ? <Note kind="error">Some settings need another look; see below.</Note> : null}
      <form method="post" action="/admin/follow-ups" class="form-stack settings-form">
        <CsrfField token={p.csrf} />
        <section class="card form-stack" aria-labelledby="open">
          <h2 id="open">When a task opens</h2>
          <Check name="openOnLowScore" checked={r.openOnLowScore} label="On a low score" hint="NPS 0–6, CSAT 1–2 or CES 1–3. Answers a link scanner confirmed never count." />
          <Check name="openOnNotResolved" checked={r.openOnNotResolved} label="When the customer says the issue was not resolved" hint="Answers “No” to “Was your issue resolved?” (Settings → Survey), whatever the score." />
          <Check name="openOnKeywords" checked={r.openOnKeywords} label="When a comment mentions a keyword" hint="Whatever the score. Matching ignores case and accents." />
          <Check
            name="openOnNegative"
            checked={r.openOnNegative}
            label="When a comment reads strongly negative"
            hint="Whatever the score: negative sentiment with high severity (talk of leaving, refunds, complaints, or very strong words), in any of the three languages."
          />
          <div class={e.keywords ? 'field field-invalid' : 'field'}>
            <label for="f-keywords">Keywords</label>
            <p class="hint" id="f-keywords-hint">
              One per line, in any of the customers’ languages. English and Spanish words match at the start of a word (“refund” finds
              “refunded”); Chinese matches anywhere.
            </p>
            <textarea id="f-keywords" name="keywords" rows={8} aria-describedby="f-keywords-hint">
              {p.keywordsText ?? r.keywords.join('\n')}
            </textarea>
            {e.keywords ? <p class="field-error">{e.keywords}</p> : null}
            <p class="hint">Default list: {DEFAULT_KEYWORDS.join(', ')}.</p>
          </div>
          <p class="muted small">A customer has one open task at a time: later low answers attach to it.</p>
        </section>

        <section class="card form-stack" aria-labelledby="assign">
          <h2 id="assign">Who gets it</h2>
          <fieldset>
            <legend class="visually-hidden">Assignment</legend>
            <div class="choice-list">
              {ASSIGNMENT.map(([value, label, hint]) => (
                <label class="choice">
                  <input type="radio" name="assignment" value={value} checked={r.assignment === value} />
                  <span>
                    <span class="choice-title">{label}</span>
                    <span class="choice-hint">{hint}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        </section>

        <section class="card form-stack" aria-labelledby="sla">
          <h2 id="sla">Deadlines and reminders</h2>
          <NumberField name="slaHours" label="Due after (business hours)" value={r.slaHours} min={1} max={400} hint="Counted in the team’s working hours (see Working hours)." error={e.slaHours} />
          <NumberField
            name="managerAfterHours"
            label="Tell the manager after (business hours overdue)"
            value={r.managerAfterHours}
            min={0}
            max={400}
            hint="The assignee is emailed when the task falls due; the team’s managers this much later if it is still open."
            error={e.managerAfterHours}
          />
          <NumberField
            name="digestHour"
            label="Daily digest from (hour, 0–23)"
            value={r.digestHour}
            min={0}
            max={23}
            hint={`Each manager gets one email a day listing open and overdue tasks, from this hour in ${p.timeZone}.`}
            error={e.digestHour}
          />
        </section>

        <section class="card form-stack" aria-labelledby="recovery">
          <h2 id="recovery">Did we make it right?</h2>
          <Check name="recoveryEnabled" checked={r.recoveryEnabled} label="Send a recovery survey after a task is resolved" hint="The same one-click survey, asking again. An answer that is no longer low counts as recovered." />
          <NumberField name="recoveryDelayDays" label="Days after resolving" value={r.recoveryDelayDays} min={0} max={60} hint="Give the fix time to land." error={e.recoveryDelayDays} />
        </section>

        <div>
          <button type="submit" class="button">
            Save settings
          </button>
        </div>
      </form>
    </AppShell>
  );
}

export interface HoursPageProps {
  user: SessionUser;
  csrf: string;
  schedules: TeamSchedule[];
  timeZone: string;
  notice?: string | undefined;
  error?: { teamId: string; message: string } | undefined;
}

function ScheduleForm(p: { s: TeamSchedule; csrf: string; error?: string | undefined }) {
  const id = (name: string) => `h-${p.s.teamId}-${name}`;
  return (
    <form method="post" action={`/admin/follow-ups/hours/${p.s.teamId}`} class="card form-stack" aria-labelledby={id('title')}>
      <CsrfField token={p.csrf} />
      <h2 id={id('title')}>
        {p.s.teamName} {p.s.custom ? null : <span class="badge">Default</span>}
      </h2>
      {p.error ? <Note kind="error">{p.error}</Note> : null}
      <div class="field">
        <label for={id('tz')}>Time zone</label>
        <input id={id('tz')} name="timeZone" type="text" value={p.s.schedule.timeZone} required />
      </div>
      <fieldset>
        <legend>Working days</legend>
        <div class="check-grid check-grid-days">
          {[1, 2, 3, 4, 5, 6, 0].map((d) => (
            <label class="check">
              <input type="checkbox" name="days" value={String(d)} checked={p.s.schedule.days.includes(d)} /> {WEEKDAYS[d]}
            </label>
          ))}
        </div>
      </fieldset>
      <div class="field-row">
        <div class="field">
          <label for={id('start')}>From</label>
          <input id={id('start')} name="start" type="time" value={formatClock(p.s.schedule.startMinute)} required />
        </div>
        <div class="field">
          <label for={id('end')}>Until</label>
          <input id={id('end')} name="end" type="time" value={formatClock(Math.min(p.s.schedule.endMinute, 1439))} required />
        </div>
      </div>
      <div>
        <button type="submit" class="button button-secondary button-small">
          Save {p.s.teamName}
        </button>
      </div>
    </form>
  );
}

export function HoursPage(p: HoursPageProps) {
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Working hours" active="followup-settings">
      <div class="page-header">
        <h1>Follow-up settings</h1>
      </div>
      <Tabs label="Follow-up settings" tabs={settingsTabs('hours')} />
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <p class="muted">
        A task’s deadline counts only its team’s working hours, in the team’s time zone (daylight saving included). Teams not set here, and
        tasks without a team, work Monday to Friday, 09:00–17:00 in {p.timeZone}.
      </p>
      {p.schedules.length === 0 ? (
        <p class="muted">No teams yet.</p>
      ) : (
        <div class="grid grid-2">
          {p.schedules.map((s) => (
            <ScheduleForm s={s} csrf={p.csrf} error={p.error?.teamId === s.teamId ? p.error.message : undefined} />
          ))}
        </div>
      )}
    </AppShell>
  );
}
