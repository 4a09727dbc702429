// The survey link a customer follows from the email. A GET never records an answer (scanners
// open every link); the page confirms the clicked score by POST once a person has seen it.
import { Hono, type Context } from 'hono';
import type { Deps } from '../deps';
import { parseScore } from '../domain/surveys';
import { signLink } from '../security/links';
import { openSurvey, recordClick, saveAnswer, type SurveyContext } from '../services/respond';
import { ConfirmStatus, type ConfirmState } from '../../views/partials/ConfirmStatus';
import { SurveyPage } from '../../views/pages/Survey';
import { ThanksPage, ThanksPanel } from '../../views/pages/Thanks';
import { messages } from '../i18n';
import { formFields, formList } from './form';
import { parseResolved, pickReasons, sideOf } from '../domain/surveyText';
import { getAnswerDetails } from '../services/answerDetails';
import { getSurveyDesign } from '../services/surveyDesign';
import { surveyTexts } from '../i18n/surveyText';
import type { Locale } from '../i18n';
import { brandStyles } from '../../views/partials/Brand';
import { localeOf, messagePage } from './pages';
import { visitorOf } from './visitor';

const MAX_COMMENT = 2000;

// A confirmation answers one of six fixed fragments (three languages, saved or not): each is
// rendered once, not on every answer.
const confirmNotes = new Map<string, string>();
function confirmNote(locale: Locale, state: ConfirmState): string {
  const key = `${locale}/${state}`;
  let html = confirmNotes.get(key);
  if (html === undefined) confirmNotes.set(key, (html = String(<ConfirmStatus locale={locale} state={state} />)));
  return html;
}

export function respondRoutes(deps: Deps) {
  const app = new Hono();

  // Answers carry personal opinions and the URL carries a capability: keep both out of caches. Said
  // before the handler answers: a header added to a finished response makes the Node adapter copy
  // it into a web stream (about 5% of a confirmation's server time in a profile).
  app.use('*', async (c, next) => {
    c.header('Cache-Control', 'no-store');
    await next();
  });

  async function survey(c: Context): Promise<SurveyContext | Response> {
    const opened = await openSurvey(deps, c.req.param('token') ?? '');
    if (opened.ok) return opened.value;
    return opened.error === 'expired' ? messagePage(c, 'expired', 410) : messagePage(c, 'invalid', 404);
  }

  /** survey design: the team's wording and brand for this survey, and what the customer told us beyond the score. */
  async function own(ctx: SurveyContext, locale: Locale, details?: { ticked: string[]; resolved: boolean | null }) {
    const design = await getSurveyDesign(deps);
    const texts = surveyTexts(design, ctx.survey, locale, { agentName: ctx.agentName, customerName: null, brandName: deps.config.brandName ?? null });
    const stored = details ?? (ctx.response ? await getAnswerDetails(deps, ctx.requestId) : { reasons: [], resolved: null });
    return { texts, brand: design.brand, ticked: 'ticked' in stored ? stored.ticked : stored.reasons, resolved: stored.resolved };
  }

  const urls = async (token: string, requestId: string) => ({
    actionUrl: `/s/${token}`,
    confirmUrl: `/s/${token}/confirm`,
    unsubscribeUrl: `/u/${await signLink(deps.config.appSecret, 'unsubscribe', requestId, deps.clock())}`,
  });

  app.get('/:token', async (c) => {
    const ctx = await survey(c);
    if (ctx instanceof Response) return ctx;
    const token = c.req.param('token');
    const clicked = parseScore(ctx.survey, c.req.query('score'));
    if (clicked !== null) await recordClick(deps, ctx, clicked, visitorOf(c));
    const u = await urls(token, ctx.requestId);
    const locale = localeOf(c, ctx.customerLocale);
    return c.html(
      <SurveyPage
        own={await own(ctx, locale)}
        locale={locale}
        survey={ctx.survey}
        agentName={ctx.agentName}
        selected={clicked ?? ctx.response?.score ?? null}
        comment={ctx.response?.comment ?? ''}
        actionUrl={u.actionUrl}
        confirmUrl={clicked === null ? null : u.confirmUrl}
        unsubscribeUrl={u.unsubscribeUrl}
        purpose={ctx.purpose}
      />,
    );
  });

  app.post('/:token/confirm', async (c) => {
    const ctx = await survey(c);
    if (ctx instanceof Response) return ctx;
    const form = await formFields(c);
    const score = parseScore(ctx.survey, form.score);
    const locale = localeOf(c, ctx.customerLocale);
    if (score === null) return c.html(confirmNote(locale, 'needs-submit'), 422);
    const saved = await saveAnswer(deps, ctx, visitorOf(c), { mode: 'auto', score });
    return c.html(confirmNote(locale, saved.flagged ? 'needs-submit' : 'saved'));
  });

  app.post('/:token', async (c) => {
    const ctx = await survey(c);
    if (ctx instanceof Response) return ctx;
    const token = c.req.param('token');
    const form = await formFields(c);
    const locale = localeOf(c, ctx.customerLocale);
    const score = parseScore(ctx.survey, form.score);
    const comment = typeof form.comment === 'string' ? form.comment.slice(0, MAX_COMMENT) : '';
    const page = await own(ctx, locale, { ticked: [], resolved: parseResolved(form.resolved) });
    if (score === null) {
      const u = await urls(token, ctx.requestId);
      return c.html(
        <SurveyPage
          own={page}
          locale={locale}
          survey={ctx.survey}
          agentName={ctx.agentName}
          selected={null}
          comment={comment}
          actionUrl={u.actionUrl}
          confirmUrl={null}
          unsubscribeUrl={u.unsubscribeUrl}
          purpose={ctx.purpose}
          error={messages(locale).survey.pickScore}
        />,
        422,
      );
    }
    const side = sideOf(ctx.survey, score);
    const offered = page.texts.reasons[side];
    const details = {
      reasons: pickReasons(offered, await formList(c, `reason.${side}`)),
      resolved: page.texts.askResolved ? parseResolved(form.resolved) : null,
    };
    const saved = await saveAnswer(deps, ctx, visitorOf(c), { mode: 'explicit', score, comment, details });
    const props = {
      locale,
      survey: ctx.survey,
      score: saved.score,
      comment: saved.comment ?? '',
      changeUrl: `/s/${token}`,
      body: page.texts.thanks,
      reasons: offered.filter((r) => details.reasons.includes(r.key)),
      resolved: details.resolved,
      styles: brandStyles(page.brand),
    };
    return c.req.header('HX-Request') ? c.html(<ThanksPanel {...props} />) : c.html(<ThanksPage {...props} />);
  });

  return app;
}
