import { describe, expect, it } from 'vitest';
import { scaleOf, SURVEY_KINDS } from '../../src/domain/surveys';
import { LOCALES, messages } from '../../src/i18n';
import { Layout } from '../../views/Layout';
import { MessagePage } from '../../views/pages/Message';
import { SurveyForm, SurveyPage, type SurveyProps } from '../../views/pages/Survey';
import { ThanksPage, ThanksPanel } from '../../views/pages/Thanks';
import { UnsubscribePage } from '../../views/pages/Unsubscribe';
import { ConfirmStatus } from '../../views/partials/ConfirmStatus';
import { VENDOR } from '../../views/vendor';

const render = async (el: { toString(): unknown }) => String(await el.toString());

const props = (over: Partial<SurveyProps> = {}): SurveyProps => ({
  locale: 'en',
  survey: 'nps',
  agentName: 'Ana',
  selected: null,
  comment: '',
  actionUrl: '/s/tok',
  confirmUrl: null,
  unsubscribeUrl: '/u/unsub',
  ...over,
});

const radios = (html: string) => [...html.matchAll(/<input\b[^>]*type="radio"[^>]*>/g)].map((m) => m[0]);
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

/** Markup the CSP (script-src 'self', style-src 'self') would block or that runs page JavaScript inline. */
const INLINE = /<script(?![^>]*\ssrc=)|\sstyle=|\son[a-z]+=|javascript:/i;

describe('SurveyPage', () => {
  it.each(SURVEY_KINDS)('offers one labelled radio per %s score, with the selected one checked', async (survey) => {
    const scores = scaleOf(survey);
    const selected = scores[1]!;
    const html = await render(<SurveyPage {...props({ survey, selected })} />);
    const inputs = radios(html);
    expect(inputs.map((tag) => attr(tag, 'value'))).toEqual(scores.map(String));
    expect(inputs.every((tag) => attr(tag, 'name') === 'score')).toBe(true);
    expect(inputs.filter((tag) => /\schecked/.test(tag)).map((tag) => attr(tag, 'value'))).toEqual([String(selected)]);
    // Each radio sits inside its own label, which shows the score.
    const labels = [...html.matchAll(/<label class="score">([^]*?)<\/label>/g)].map((m) => m[1]!);
    expect(labels).toHaveLength(scores.length);
    labels.forEach((label, i) => expect(label).toMatch(new RegExp(`type="radio"[^]*<span class="score-num">${scores[i]}</span>`)));
  });

  it('groups the scale in a fieldset whose legend is the question, with the end labels', async () => {
    const html = await render(<SurveyPage {...props()} />);
    expect(html).toMatch(/<fieldset[^>]*>\s*<legend[^>]*>How likely are you to recommend us to a friend or colleague\?<\/legend>/);
    expect(html).toContain('Not at all likely');
    expect(html).toContain('Extremely likely');
  });

  it('is a form that posts without JavaScript and swaps the panel with htmx', async () => {
    const html = await render(<SurveyPage {...props()} />);
    const form = /<form\b[^>]*>/.exec(html)![0];
    expect(attr(form, 'method')).toBe('post');
    expect(attr(form, 'action')).toBe('/s/tok');
    expect(attr(form, 'hx-post')).toBe('/s/tok');
    expect(attr(form, 'hx-target')).toBe('#panel');
    expect(html).toMatch(/<label for="comment">[^]*<textarea id="comment" name="comment"/);
    expect(html).toMatch(/<button type="submit"[^>]*>Send feedback<\/button>/);
    expect(html).toContain('href="/u/unsub"');
  });

  it('loads htmx and its helper as files and has nothing inline', async () => {
    const html = await render(<SurveyPage {...props({ selected: 9, confirmUrl: '/s/tok/confirm', error: 'x' })} />);
    expect(html).toContain(`<script src="${VENDOR.htmx}" defer=""></script><script src="/respond.js" defer=""></script>`);
    expect(html).toContain('<link rel="stylesheet" href="/base.css"/><link rel="stylesheet" href="/survey.css"/>');
    expect(html).not.toContain('/app.css');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).not.toMatch(INLINE);
  });

  it('confirms a clicked score through a live region only when there is one to confirm', async () => {
    const region = /<div id="confirm-status"[^>]*>/;
    const withConfirm = await render(<SurveyPage {...props({ selected: 9, confirmUrl: '/s/tok/confirm' })} />);
    const tag = region.exec(withConfirm)![0];
    expect(attr(tag, 'hx-post')).toBe('/s/tok/confirm');
    expect(attr(tag, 'hx-trigger')).toBe('heard:seen');
    expect(attr(tag, 'aria-live')).toBe('polite');
    expect(attr(tag, 'data-seen-ms')).toBe('3000');
    // The region is inside the form, so htmx posts the checked score with it.
    expect(withConfirm.indexOf(tag)).toBeGreaterThan(withConfirm.indexOf('<form'));
    expect(withConfirm.indexOf(tag)).toBeLessThan(withConfirm.indexOf('</form>'));

    expect(await render(<SurveyPage {...props({ selected: 9, confirmUrl: null })} />)).not.toMatch(region);
    expect(await render(<SurveyPage {...props({ selected: null, confirmUrl: '/s/tok/confirm' })} />)).not.toMatch(region);
  });

  it('shows an error as an alert tied to the question', async () => {
    const html = await render(<SurveyPage {...props({ error: 'Please choose a score.' })} />);
    expect(html).toMatch(/<p id="survey-error"[^>]*role="alert"[^>]*>Please choose a score\.<\/p>/);
    expect(html).toMatch(/<fieldset[^>]*aria-describedby="survey-error"/);
    expect(await render(<SurveyPage {...props()} />)).not.toContain('role="alert"');
  });

  it('escapes the agent name and the comment', async () => {
    const html = await render(<SurveyPage {...props({ agentName: '<b>Ana</b>', comment: '</textarea><script>x()</script>' })} />);
    expect(html).not.toContain('<b>Ana</b>');
    expect(html).toContain('How did &lt;b&gt;Ana&lt;/b&gt; do?');
    expect(html).not.toContain('<script>x()');
  });

  it('renders the form alone, without the page around it, for htmx swaps', async () => {
    const html = await render(<SurveyForm {...props()} />);
    expect(html.startsWith('<section id="panel"')).toBe(true);
    expect(html).not.toContain('<html');
  });

  it.each(LOCALES)('sets lang from the %s dictionary', async (locale) => {
    expect(await render(<SurveyPage {...props({ locale })} />)).toContain(`<html lang="${messages(locale).lang}" dir="ltr">`);
  });
});

describe('ConfirmStatus', () => {
  it('says the rating is saved, or asks for the submit button', async () => {
    expect(await render(<ConfirmStatus locale="en" state="saved" />)).toContain('Your rating is saved. You can add a comment.');
    expect(await render(<ConfirmStatus locale="es" state="needs-submit" />)).toContain('“Enviar respuesta”');
  });
});

describe('ThanksPage', () => {
  const thanks = { locale: 'en' as const, survey: 'csat' as const, score: 4, comment: 'Great <b>help</b>', changeUrl: '/s/tok' };

  it('repeats the answer with its word and the escaped comment, and links back to change it', async () => {
    const html = await render(<ThanksPage {...thanks} />);
    expect(html).toContain('4 out of 5 · Satisfied');
    expect(html).toContain('Great &lt;b&gt;help&lt;/b&gt;');
    expect(html).toMatch(/<a [^>]*href="\/s\/tok"[^>]*>Change your answer<\/a>/);
    expect(html).not.toMatch(INLINE);
  });

  it('leaves out the comment when there is none, and the panel comes without the page', async () => {
    const html = await render(<ThanksPanel {...thanks} comment="" />);
    expect(html).not.toContain('Your comment');
    expect(html.startsWith('<section id="panel"')).toBe(true);
  });
});

describe('MessagePage and UnsubscribePage', () => {
  it('has friendly wording for each dead end, escaped', async () => {
    const pages = messages('zh').pages;
    for (const kind of ['expired', 'invalid', 'notFound', 'error'] as const) {
      const html = await render(<MessagePage locale="zh" title={pages[kind].title} body={pages[kind].body} status={410} />);
      expect(html).toContain(`<title>${pages[kind].title}</title>`);
      expect(html).toContain(pages[kind].body);
    }
    expect(await render(<MessagePage locale="en" title="<i>x</i>" body="<b>y</b>" />)).not.toMatch(/<i>x|<b>y/);
  });

  it('asks for a button press before unsubscribing, then confirms', async () => {
    const ask = await render(<UnsubscribePage locale="en" actionUrl="/u/tok" done={false} />);
    expect(ask).toMatch(/<form method="post" action="\/u\/tok"><button type="submit"[^>]*>Unsubscribe<\/button>/);
    const done = await render(<UnsubscribePage locale="en" actionUrl="/u/tok" done />);
    expect(done).toContain('You won&#39;t get any more surveys from us.');
    expect(done).not.toContain('<form');
    expect(ask + done).not.toMatch(/<script/);
  });
});

describe('Layout', () => {
  it('includes only the scripts a page asks for', async () => {
    const html = await render(
      <Layout title="T" locale="en">
        <p>hi</p>
      </Layout>,
    );
    expect(html.startsWith('<!DOCTYPE html><html lang="en" dir="ltr">')).toBe(true);
    expect(html).not.toContain('<script');
  });
});
