// Settings → Survey through HTTP: wording and brand are checked when saved, escaped wherever a
// customer reads them, previewed in a sandboxed frame, and the logo is served by its content hash.
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app';
import { authed, form, signIn, type TestSession } from '../helpers/auth';
import { makeTestDeps, type TestDeps } from '../helpers/deps';
import { deliveredSurvey, pathOf } from '../helpers/survey';

let deps: TestDeps;
afterEach(() => deps?.close());

// A 1×1 PNG.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

async function setup() {
  deps = makeTestDeps();
  const app = createApp(deps);
  const admin = await signIn(deps, { role: 'admin', email: 'admin@staff.example' });
  return { app, admin };
}

const upload = (app: ReturnType<typeof createApp>, admin: TestSession, bytes: Uint8Array<ArrayBuffer>, type: string) => {
  const body = new FormData();
  body.append('logo', new File([bytes], 'logo', { type }));
  return authed(app, admin, '/admin/survey/logo', { method: 'POST', body });
};

const BRAND = { companyName: 'Acme & Co', accentColor: '#0b6e4f', footerAddress: '1 Main St, Springfield', privacyUrl: 'https://acme.example/privacy', askResolved: ['csat', 'ces'], reminderCount: '1', reminderAfterDays: '3' };

describe('Settings → Survey', () => {
  it('refuses an unknown placeholder by its name and keeps what was typed', async () => {
    const { app, admin } = await setup();
    const res = await form(app, admin, '/admin/survey/csat/en', { subject: 'Hi {{first_name}}, how was {{agent_name}}?' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Unknown placeholder {{first_name}} in email subject.');
    expect(html).toContain('value="Hi {{first_name}}, how was {{agent_name}}?"');
  });

  it('refuses an accent colour below WCAG AA contrast against white', async () => {
    const { app, admin } = await setup();
    const res = await form(app, admin, '/admin/survey', { ...BRAND, accentColor: '#7fb3ff' });
    expect(res.status).toBe(422);
    expect(await res.text()).toMatch(/contrast of 2\.\d\d:1 against white; text needs at least 4\.5:1/);
    expect((await form(app, admin, '/admin/survey', BRAND)).status).toBe(303);
    expect(await (await authed(app, admin, '/admin/survey')).text()).toContain('One reminder, 3 days after the previous email');
  });

  it('puts the saved wording and brand in the email and the page, escaped', async () => {
    const { app, admin } = await setup();
    await form(app, admin, '/admin/survey', BRAND);
    const saved = await form(app, admin, '/admin/survey/csat/es', {
      subject: '{{company}}: ¿qué tal {{agent_name}}?',
      intro: 'Hola {{customer_name}} <script>alert(1)</script>',
      question: '¿Te ayudó {{agent_name}}?',
      reasonsLow: 'late: Llegó tarde\nrude: Grosero <b>',
    });
    expect(saved.status).toBe(303);
    const survey = await deliveredSurvey(deps, { customer: { email: 'm@example.com', name: 'María', locale: 'es' }, agent: { email: 'ana@support.example', name: 'Ana' } });
    expect(survey.email.subject).toBe('Acme & Co: ¿qué tal Ana?');
    expect(survey.email.html).toContain('Hola María &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(survey.email.html).not.toContain('<script>');
    expect(survey.email.html).toContain('El equipo de Acme &amp; Co');
    expect(survey.email.html).toContain('color:#0b6e4f');
    expect(survey.email.html).toContain('1 Main St, Springfield');
    const page = await (await app.request(pathOf(survey.links.scores.get(1)!))).text();
    expect(page).toContain('¿Te ayudó Ana?');
    expect(page).toContain('Grosero &lt;b&gt;');
    expect(page).toContain('href="/brand/accent/0b6e4f"');
    const css = await app.request('/brand/accent/0b6e4f');
    expect(css.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable');
    expect(await css.text()).toContain('--accent:#0b6e4f');
  });

  it('previews a draft without saving it, in a frame that runs nothing', async () => {
    const { app, admin } = await setup();
    const res = await form(app, admin, '/admin/survey/preview', { survey: 'nps', locale: 'zh', view: 'email', intro: '<img src=x onerror=alert(1)> 草稿 {{agent_name}}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Security-Policy')).toContain("script-src 'none'");
    const html = await res.text();
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; 草稿 Alex');
    const page = await form(app, admin, '/admin/survey/preview', { survey: 'csat', locale: 'en', view: 'page', reasonsLow: 'wait: Waited too long' });
    expect(await page.text()).toContain('Waited too long');
    expect(await (await authed(app, admin, '/admin/survey')).text()).toContain('Default');
  });

  it('stores an uploaded logo, serves it by content hash with a long cache and shows it in the email', async () => {
    const { app, admin } = await setup();
    expect((await upload(app, admin, PNG, 'image/png')).status).toBe(303);
    const html = await (await authed(app, admin, '/admin/survey')).text();
    const path = /src="(\/brand\/logo\/[0-9a-f]{64})"/.exec(html)![1]!;
    const logo = await app.request(path);
    expect(logo.status).toBe(200);
    expect(logo.headers.get('Content-Type')).toBe('image/png');
    expect(logo.headers.get('Cache-Control')).toContain('immutable');
    expect(new Uint8Array(await logo.arrayBuffer())).toEqual(PNG);
    const survey = await deliveredSurvey(deps);
    expect(survey.email.html).toContain(`src="http://heard.test${path}"`);
  });

  it('refuses SVGs with active content and serves clean ones sandboxed', async () => {
    const { app, admin } = await setup();
    const bad = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refused = await upload(app, admin, bad, 'image/svg+xml');
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('The SVG holds a script');
    const handler = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><rect onload="x()" width="1" height="1"/></svg>');
    expect(await (await upload(app, admin, handler, 'image/svg+xml')).text()).toContain('an event handler');
    const good = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#0b6e4f"/></svg>');
    expect((await upload(app, admin, good, 'image/svg+xml')).status).toBe(303);
    const path = /src="(\/brand\/logo\/[0-9a-f]{64})"/.exec(await (await authed(app, admin, '/admin/survey')).text())![1]!;
    const served = await app.request(path);
    expect(served.headers.get('Content-Type')).toBe('image/svg+xml');
    expect(served.headers.get('Content-Security-Policy')).toContain('sandbox');
    const big = new Uint8Array(201 * 1024);
    big.set(PNG);
    expect(await (await upload(app, admin, big, 'image/png')).text()).toContain('the limit is 200 KB');
  });
});
