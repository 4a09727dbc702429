// What the survey page says after it tried to confirm the clicked score on its own. The response
// to the confirm request is this element alone; the page swaps it into its live region.
import { messages, type Locale } from '../../src/i18n';

export type ConfirmState = 'saved' | 'needs-submit';

/** Class the survey page selects from a confirm response; anything else (an error page) swaps in nothing. */
export const CONFIRM_NOTE = 'confirm-note';

export function ConfirmStatus(p: { locale: Locale; state: ConfirmState }) {
  const m = messages(p.locale).survey;
  return p.state === 'saved' ? (
    <p class={`${CONFIRM_NOTE} note note-success`}>{m.saved}</p>
  ) : (
    <p class={`${CONFIRM_NOTE} note note-info`}>{m.needsSubmit}</p>
  );
}
