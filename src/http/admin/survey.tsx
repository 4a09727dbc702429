// Settings → Survey (admins): brand, "resolved" question, reminders, logo upload, the wording of each
// kind in each language, and the live preview of a draft.
import { Hono, type Context } from 'hono';
import type { Deps } from '../../deps';
import { MAX_LOGO_BYTES } from '../../domain/logo';
import { checkWording, parseSettings, type SettingsInput, type WordingField } from '../../domain/surveyWording';
import { SURVEY_KINDS, type SurveyKind } from '../../domain/surveys';
import { recordAudit } from '../../services/audit';
import { getSurveyDesign, removeLogo, saveDesignSettings, saveLogo, saveWording } from '../../services/surveyDesign';
import { LOCALES, type Locale } from '../../i18n';
import { renderPreview } from '../../../views/pages/admin/SurveyPreview';
import { SurveySettingsPage } from '../../../views/pages/admin/SurveySettings';
import { SurveyWordingPage, wordingInput } from '../../../views/pages/admin/SurveyWording';
import { viewer, type SessionEnv } from '../middleware/session';
import { field, fields, readForm, type Form } from './form';

const WORDING_FIELDS: readonly WordingField[] = ['subject', 'intro', 'question', 'lowLabel', 'highLabel', 'thanks', 'reasonsLow', 'reasonsHigh'];

const wordingFrom = (form: Form) => Object.fromEntries(WORDING_FIELDS.map((f) => [f, field(form, f).slice(0, 6000)])) as Record<WordingField, string>;

const settingsFrom = (form: Form): SettingsInput => ({
  companyName: field(form, 'companyName'),
  accentColor: field(form, 'accentColor'),
  footerAddress: field(form, 'footerAddress'),
  privacyUrl: field(form, 'privacyUrl'),
  askResolved: fields(form, 'askResolved'),
  reminderCount: field(form, 'reminderCount'),
  reminderAfterDays: field(form, 'reminderAfterDays'),
});

const kindOf = (v: string | undefined) => SURVEY_KINDS.find((k) => k === v) ?? null;
const localeOf = (v: string | undefined) => LOCALES.find((l) => l === v) ?? null;

/** Sandboxed: the preview may show what an admin typed, but nothing in it can run or leave. */
const PREVIEW_CSP = "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'none'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'";

const NOTICES: Record<string, string> = { saved: 'Survey settings saved.', logo: 'Logo uploaded.', 'logo-removed': 'Logo removed.', wording: 'Wording saved.' };

export function surveyAdminRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  const settingsPage = async (c: Context<SessionEnv>, extra: Partial<Parameters<typeof SurveySettingsPage>[0]> = {}, status: 200 | 413 | 422 = 200) =>
    c.html(<SurveySettingsPage {...viewer(c)} design={await getSurveyDesign(deps)} notice={NOTICES[c.req.query('done') ?? '']} {...extra} />, status);

  app.get('/survey', (c) => settingsPage(c));

  app.post('/survey', async (c) => {
    const input = settingsFrom(await readForm(c));
    const parsed = parseSettings(input);
    if (!parsed.ok) return settingsPage(c, { input, errors: parsed.error }, 422);
    const actorId = viewer(c).user.id;
    await saveDesignSettings(deps, actorId, parsed.value);
    await recordAudit(deps, { actorId, action: 'survey.updated', target: 'brand and reminders' });
    return c.redirect('/admin/survey?done=saved', 303);
  });

  app.post('/survey/logo', async (c) => {
    // The multipart parser reads the whole body: refuse what is plainly too big before it does.
    if (Number(c.req.header('Content-Length') ?? 0) > MAX_LOGO_BYTES + 64 * 1024) {
      return settingsPage(c, { logoError: 'The logo is larger than 200 KB.' }, 413);
    }
    const file = (await readForm(c)).logo;
    if (!(file instanceof File)) return settingsPage(c, { logoError: 'Choose an image file.' }, 422);
    const saved = await saveLogo(deps, viewer(c).user.id, new Uint8Array(await file.arrayBuffer()));
    if (!saved.ok) return settingsPage(c, { logoError: saved.error }, 422);
    await recordAudit(deps, { actorId: viewer(c).user.id, action: 'survey.updated', target: 'logo' });
    return c.redirect('/admin/survey?done=logo', 303);
  });

  app.post('/survey/logo/delete', async (c) => {
    await removeLogo(deps, viewer(c).user.id);
    return c.redirect('/admin/survey?done=logo-removed', 303);
  });

  app.post('/survey/preview', async (c) => {
    const form = await readForm(c);
    const survey = kindOf(field(form, 'survey')) ?? 'csat';
    const locale = localeOf(field(form, 'locale')) ?? 'en';
    const design = await getSurveyDesign(deps);
    design.texts[`${survey}.${locale}`] = checkWording(wordingFrom(form)).wording;
    const html = await renderPreview({
      design,
      survey,
      locale,
      view: field(form, 'view') === 'page' ? 'page' : 'email',
      brandName: deps.config.brandName ?? null,
      publicUrl: '',
    });
    c.header('Content-Security-Policy', PREVIEW_CSP);
    c.header('X-Frame-Options', 'SAMEORIGIN');
    c.header('Cache-Control', 'no-store');
    return c.html(html);
  });

  const wordingPage = async (c: Context<SessionEnv>, survey: SurveyKind, locale: Locale, extra: Partial<Parameters<typeof SurveyWordingPage>[0]> = {}) => {
    const design = await getSurveyDesign(deps);
    return <SurveyWordingPage {...viewer(c)} survey={survey} locale={locale} input={wordingInput(design.texts[`${survey}.${locale}`])} notice={NOTICES[c.req.query('done') ?? '']} {...extra} />;
  };

  app.get('/survey/:survey/:locale', async (c) => {
    const survey = kindOf(c.req.param('survey'));
    const locale = localeOf(c.req.param('locale'));
    if (!survey || !locale) return c.notFound();
    return c.html(await wordingPage(c, survey, locale));
  });

  app.post('/survey/:survey/:locale', async (c) => {
    const survey = kindOf(c.req.param('survey'));
    const locale = localeOf(c.req.param('locale'));
    if (!survey || !locale) return c.notFound();
    const input = wordingFrom(await readForm(c));
    const checked = checkWording(input);
    if (Object.keys(checked.errors).length) return c.html(await wordingPage(c, survey, locale, { input, errors: checked.errors }), 422);
    await saveWording(deps, survey, locale, checked.wording);
    await recordAudit(deps, { actorId: viewer(c).user.id, action: 'survey.updated', target: `wording ${survey} ${locale}` });
    return c.redirect(`/admin/survey/${survey}/${locale}?done=wording`, 303);
  });

  return app;
}
