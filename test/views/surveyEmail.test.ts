import { describe, expect, it } from 'vitest';
import { scaleOf, SURVEY_KINDS, type SurveyKind } from '../../src/domain/surveys';
import { renderSurveyEmail } from '../../src/mail/templates/SurveyEmail';
import { LOCALES, type Locale } from '../../src/i18n';

const scoreUrl = (score: number) => `https://heard.example/s/tok.en?score=${score}&x=1`;
const unsubscribeUrl = 'https://heard.example/u/unsub.token';

const render = (locale: Locale, survey: SurveyKind, agentName: string | null = 'Ana', customerName: string | null = 'Maria') =>
  renderSurveyEmail({ locale, survey, agentName, customerName, scoreUrl, unsubscribeUrl, brand: 'Acme' });

const hrefs = (html: string) => [...html.matchAll(/<a\b[^>]*\bhref="([^"]*)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));

describe.each(SURVEY_KINDS)('the %s survey email', (survey) => {
  it.each(LOCALES)('in %s links each score once, in order, plus the unsubscribe link', async (locale) => {
    const { html } = await render(locale, survey);
    expect(hrefs(html)).toEqual([...scaleOf(survey).map(scoreUrl), unsubscribeUrl]);
  });

  it.each(LOCALES)('in %s lists every score with its link in the text part', async (locale) => {
    const { text } = await render(locale, survey);
    const lines = text.split('\n');
    for (const score of scaleOf(survey)) {
      expect(lines.filter((l) => l.startsWith(`${score}`) && l.endsWith(`: ${scoreUrl(score)}`))).toHaveLength(1);
    }
    expect(text).toContain(unsubscribeUrl);
  });

  it('is a script-free HTML document in the customer language', async () => {
    const { html } = await render('es', survey);
    expect(html.startsWith('<!DOCTYPE html><html lang="es" dir="ltr">')).toBe(true);
    expect(html).not.toMatch(/<script|\son[a-z]+=|javascript:/i);
    expect(html).not.toMatch(/<img|<link|<style/i);
  });
});

describe('survey email wording', () => {
  it('names the agent in the subject, heading and preheader-led body', async () => {
    const { subject, html } = await render('en', 'csat');
    expect(subject).toBe('How did we do? Your conversation with Ana');
    expect(html).toContain('How did Ana do?');
    expect(html).toContain('One click is all it takes');
    expect(html).toContain('Hi Maria,');
  });

  it('uses generic phrases when the agent and customer have no names', async () => {
    const { subject, html, text } = await render('en', 'nps', null, null);
    expect(subject).toBe('How did we do? Your recent conversation with us');
    expect(html).toContain('Hi there,');
    expect(`${html}${text}`).not.toContain('null');
  });

  it('puts the end labels under the scale', async () => {
    const { html } = await render('en', 'nps');
    expect(html).toMatch(/score=10[^]*0 = Not at all likely[^]*10 = Extremely likely/);
  });

  it('escapes names in the HTML, and keeps the subject and text part plain', async () => {
    const { subject, html, text } = await render('en', 'csat', '<b>Ana</b>', '<i>Mo</i> & co');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('<i>');
    expect(html).toContain('&lt;b&gt;Ana&lt;/b&gt;');
    expect(html).toContain('&lt;i&gt;Mo&lt;/i&gt; &amp; co');
    expect(subject).toContain('<b>Ana</b>');
    expect(text).toContain('Hi <i>Mo</i> & co,');
  });
});
