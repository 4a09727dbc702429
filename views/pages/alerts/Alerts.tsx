// Alerts: rules that post answers to Slack, Teams or an email list. The list with the form to add
// one, and each rule's page with its form, its recent deliveries and the test button.
import type { SessionUser } from '../../../src/domain/access';
import { maskUrl } from '../../../src/domain/alerts';
import { SCALES, SURVEY_KINDS } from '../../../src/domain/surveys';
import type { AlertDeliveryRow } from '../../../src/services/alerts/deliveries';
import type { AlertForm, AlertRule } from '../../../src/services/alerts/rules';
import { AppShell } from '../../AppShell';
import { AlertDeliveries } from '../../partials/AlertDeliveries';
import { ActionButton, CsrfField, Field, Note, SelectField } from '../../partials/forms';
import { DataTable } from '../../partials/table';

export interface Choice {
  id: string;
  name: string;
}

interface FormProps {
  csrf: string;
  action: string;
  form: AlertForm;
  errors: Record<string, string>;
  teams: Choice[];
  themes: Choice[];
  /** Admins may alert on every team; managers choose one of theirs. */
  anyTeam: boolean;
  /** The stored webhook URL, masked, when editing a rule that has one. */
  savedUrl: string | null;
  submit: string;
}

const DESTINATIONS = [
  ['slack', 'Slack', 'An incoming webhook URL (hooks.slack.com/services/…)'],
  ['teams', 'Microsoft Teams', 'A Workflows or incoming webhook URL; the alert is an Adaptive Card'],
  ['email', 'Email', 'One email per address on the list'],
] as const;

/** One radio choice per condition, each followed by its own fields: works without JavaScript. */
function ConditionChoice(p: { value: string; form: AlertForm; title: string; children?: unknown }) {
  return (
    <div class="alert-condition">
      <label class="choice">
        <input type="radio" name="condition" value={p.value} checked={p.form.condition === p.value} />
        <span class="choice-title">{p.title}</span>
      </label>
      {p.children ? <div class="alert-condition-fields">{p.children}</div> : null}
    </div>
  );
}

export function AlertRuleForm(p: FormProps) {
  const f = p.form;
  const e = p.errors;
  const teamOptions: [string, string][] = [...(p.anyTeam ? [['', 'Every team'] as [string, string]] : []), ...p.teams.map((t): [string, string] => [t.id, t.name])];
  return (
    <form method="post" action={p.action} class="card form-stack" aria-labelledby="alert-form-title" novalidate>
      <CsrfField token={p.csrf} />
      <h2 id="alert-form-title">{p.submit === 'Add alert' ? 'Add an alert' : 'Edit alert'}</h2>
      {Object.keys(e).length ? <Note kind="error">Check the fields marked below.</Note> : null}
      <Field name="name" label="Name" value={f.name} error={e.name} maxlength={80} placeholder="Detractors in Tier 1" />
      <fieldset class={e.condition ? 'field-invalid' : undefined}>
        <legend>Alert when</legend>
        {e.condition ? <p class="field-error">{e.condition}</p> : null}
        <div class="choice-list">
          <ConditionChoice value="score" form={f} title="A score is at or below">
            <div class="field-row">
              <SelectField name="survey" label="Survey" value={f.survey} options={SURVEY_KINDS.map((k) => [k, `${k.toUpperCase()} (${SCALES[k].min}–${SCALES[k].max})`])} />
              <Field name="atMost" label="Score at most" value={f.atMost} error={e.atMost} maxlength={2} />
            </div>
          </ConditionChoice>
          <ConditionChoice value="theme" form={f} title="The comment is about a theme">
            <SelectField name="themeId" label="Theme" value={f.themeId} error={e.themeId} options={[['', 'None: keywords only'], ...p.themes.map((t): [string, string] => [t.id, t.name])]} />
            <Field name="keywords" label="Or keywords" hint="Separated by commas, in any language: refund, reembolso, 退款" value={f.keywords} error={e.keywords} maxlength={500} />
          </ConditionChoice>
          <ConditionChoice value="sentiment" form={f} title="The comment reads negative">
            <label class="check">
              <input type="checkbox" name="highSeverityOnly" value="1" checked={f.highSeverityOnly} />
              <span>Only strongly negative comments (high severity)</span>
            </label>
          </ConditionChoice>
          <ConditionChoice value="tag" form={f} title="The customer has a tag">
            <Field name="tag" label="Tag" hint="As your helpdesk sends it on the interaction, such as vip" value={f.tag} error={e.tag} maxlength={60} />
          </ConditionChoice>
        </div>
      </fieldset>
      <SelectField name="teamId" label="Team" value={f.teamId} error={e.teamId} options={teamOptions} />
      <fieldset class={e.destination ? 'field-invalid' : undefined}>
        <legend>Send to</legend>
        {e.destination ? <p class="field-error">{e.destination}</p> : null}
        <div class="choice-list">
          {DESTINATIONS.map(([value, title, hint]) => (
            <label class="choice">
              <input type="radio" name="destination" value={value} checked={f.destination === value} />
              <span>
                <span class="choice-title">{title}</span>
                <span class="choice-hint">{hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <Field
        name="url"
        label="Webhook URL (Slack or Teams)"
        type="url"
        value={f.url}
        error={e.url}
        maxlength={2000}
        placeholder="https://hooks.slack.com/services/…"
        hint={p.savedUrl ? `Saved: ${p.savedUrl}. Leave empty to keep it; it is a secret and is never shown in full.` : 'A secret: anyone with it can post to the channel. Heard shows it masked.'}
      />
      <Field name="emails" label="Email addresses" hint="One per line, for email alerts" rows={3} value={f.emails} error={e.emails} maxlength={2000} />
      <div>
        <button type="submit" class="button">
          {p.submit}
        </button>
      </div>
    </form>
  );
}

const destinationText = (r: AlertRule) =>
  r.destination.kind === 'email' ? `Email: ${r.destination.to.join(', ')}` : `${r.destination.kind === 'slack' ? 'Slack' : 'Teams'}: ${maskUrl(r.destination.url)}`;

export interface AlertsPageProps extends Omit<FormProps, 'action' | 'submit' | 'savedUrl'> {
  user: SessionUser;
  rules: AlertRule[];
  notice?: string | undefined;
}

export function AlertsPage(p: AlertsPageProps) {
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Alerts" active="alerts">
      <div class="page-header">
        <h1>Alerts</h1>
      </div>
      <p class="muted">
        Heard posts an answer to Slack, Microsoft Teams or an email list as soon as it matches one of these rules: each answer once per rule. Imported history and answers
        flagged as a link scanner’s never alert.
      </p>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <div class="admin-layout">
        <section class="card" aria-labelledby="rules">
          <h2 id="rules">Rules</h2>
          <DataTable
            columns={['Alert', 'When', 'Sent to']}
            rows={p.rules}
            stack
            empty="No alerts yet. Add one to hear about unhappy customers where your team already works."
            row={(r) => (
              <tr class={r.active ? undefined : 'row-muted'}>
                <td class="cell-title">
                  <a href={`/alerts/${r.id}`}>{r.name}</a>
                  {r.active ? null : (
                    <div>
                      <span class="badge">Disabled</span>
                    </div>
                  )}
                </td>
                <td data-label="When">
                  {r.description}
                  <div class="muted small">{r.teamName ?? 'Every team'}</div>
                </td>
                <td class="break" data-label="Sent to">
                  {destinationText(r)}
                </td>
              </tr>
            )}
          />
        </section>
        <AlertRuleForm {...p} action="/alerts" submit="Add alert" savedUrl={null} />
      </div>
    </AppShell>
  );
}

export interface AlertPageProps extends Omit<FormProps, 'action' | 'submit' | 'savedUrl'> {
  user: SessionUser;
  rule: AlertRule;
  deliveries: AlertDeliveryRow[];
  notice?: string | undefined;
}

export function AlertPage(p: AlertPageProps) {
  const r = p.rule;
  return (
    <AppShell user={p.user} csrf={p.csrf} title={r.name} active="alerts">
      <p class="breadcrumb">
        <a href="/alerts">← Alerts</a>
      </p>
      <div class="page-header">
        <h1 class="break">{r.name}</h1>
        {r.active ? <span class="badge badge-success">Active</span> : <span class="badge">Disabled</span>}
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <div class="admin-layout">
        <div class="stack">
          <section class="card" aria-labelledby="summary">
            <h2 id="summary">What it does</h2>
            <dl class="facts">
              <dt>When</dt>
              <dd>{r.description}</dd>
              <dt>Team</dt>
              <dd>{r.teamName ?? 'Every team'}</dd>
              <dt>Sent to</dt>
              <dd class="break">{destinationText(r)}</dd>
            </dl>
            <div class="button-row">
              {r.active ? (
                <ActionButton action={`/alerts/${r.id}/disable`} csrf={p.csrf} label="Disable" />
              ) : (
                <ActionButton action={`/alerts/${r.id}/enable`} csrf={p.csrf} label="Enable" />
              )}
              <ActionButton action={`/alerts/${r.id}/delete`} csrf={p.csrf} label="Delete alert and log" danger />
            </div>
          </section>
          <AlertDeliveries rule={r} csrf={p.csrf} deliveries={p.deliveries} />
        </div>
        <AlertRuleForm
          {...p}
          action={`/alerts/${r.id}`}
          submit="Save alert"
          savedUrl={r.destination.kind === 'email' ? null : maskUrl(r.destination.url)}
        />
      </div>
    </AppShell>
  );
}
