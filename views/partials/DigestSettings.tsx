// The Account page's score digest card: how often, which day and hour, which language, and a
// button that emails this period's digest now (htmx swaps the result in under it).
import type { DigestSettings } from '../../src/services/digest/preferences';
import { WEEKDAYS } from '../../src/domain/businessHours';
import { CsrfField, Note, SelectField } from './forms';

export const PREVIEW_RESULT_ID = 'digest-preview-result';

export interface DigestCardProps {
  csrf: string;
  settings: DigestSettings;
  /** The zone the hour is read in. */
  zone: string;
  errors?: Partial<Record<keyof DigestSettings, string>>;
  saved?: boolean;
  preview?: PreviewOutcome;
}

export type PreviewOutcome = { ok: true; to: string; subject: string } | { ok: false; error: string };

const FREQUENCIES = [
  ['weekly', 'Weekly'],
  ['daily', 'Daily'],
  ['off', 'Off'],
] as const;
const LANGUAGES = [
  ['en', 'English'],
  ['es', 'Español'],
  ['zh', '中文'],
] as const;

export function PreviewResult(p: { outcome?: PreviewOutcome | undefined }) {
  return (
    <div id={PREVIEW_RESULT_ID} aria-live="polite">
      {p.outcome?.ok === true ? (
        <Note kind="success">
          Sent “{p.outcome.subject}” to {p.outcome.to}.
        </Note>
      ) : p.outcome?.ok === false ? (
        <Note kind="error">The preview could not be sent: {p.outcome.error}. Try again in a minute.</Note>
      ) : null}
    </div>
  );
}

export function DigestCard(p: DigestCardProps) {
  const s = p.settings;
  const e = p.errors ?? {};
  return (
    <section class="card digest-card" aria-labelledby="digest-title" id="digest">
      <h2 id="digest-title">Score digest</h2>
      <p class="muted">
        An email with your teams’ scores against the period before, the trend, themes, the agents who moved most and the follow-ups waiting. Weekly digests
        cover the last Monday-to-Sunday week; daily ones cover yesterday. Nothing is sent for a period without answers or open follow-ups.
      </p>
      {p.saved ? <Note kind="success">Digest settings saved.</Note> : null}
      <div class="grid grid-2">
        <form method="post" action="/account/digest" class="form-stack">
          <CsrfField token={p.csrf} />
          <SelectField id="f-digest-frequency" name="frequency" label="How often" value={s.frequency} options={FREQUENCIES} error={e.frequency} />
          <SelectField id="f-digest-weekday" name="weekday" label="Day (weekly digest)" value={String(s.weekday)} options={WEEKDAYS.map((d, i) => [String(i), d] as const)} error={e.weekday} />
          <SelectField
            id="f-digest-hour"
            name="hour"
            label={`From this hour (${p.zone})`}
            value={String(s.hour)}
            options={Array.from({ length: 24 }, (_, h) => [String(h), `${String(h).padStart(2, '0')}:00`] as const)}
            error={e.hour}
          />
          <SelectField id="f-digest-locale" name="locale" label="Language of the email" value={s.locale} options={LANGUAGES} error={e.locale} />
          <div>
            <button type="submit" class="button">
              Save digest settings
            </button>
          </div>
        </form>
        <div class="digest-preview">
          <h3>Preview</h3>
          <p class="muted">Sends this period’s digest to you now, whatever the setting above and even when it would be skipped.</p>
          <div class="button-row">
            <form method="post" action="/account/digest/preview" hx-post="/account/digest/preview" hx-target={`#${PREVIEW_RESULT_ID}`} hx-swap="outerHTML" class="inline-form">
              <CsrfField token={p.csrf} />
              <button type="submit" class="button button-secondary">
                Send me a preview
              </button>
            </form>
            <a href="/account/digest/preview" target="_blank" rel="noopener" class="button button-secondary">
              View it in the browser
            </a>
          </div>
          <PreviewResult outcome={p.preview} />
        </div>
      </div>
    </section>
  );
}
