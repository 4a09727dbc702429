// Admins: the themes Heard found in the last 90 days, to rename, merge or hide, and their own
// pinned themes (keywords in any language), with hidden ones to bring back.
import type { SessionUser } from '../../../src/domain/access';
import type { AdminTheme, Theme } from '../../../src/services/insight/themes';
import { AppShell } from '../../AppShell';
import { ActionButton, CsrfField, ErrorList, Field, Note } from '../../partials/forms';

export interface ThemesAdminProps {
  user: SessionUser;
  csrf: string;
  found: Theme[];
  own: AdminTheme[];
  errors?: string[];
  notice?: string | undefined;
}

const keywordsOf = (t: AdminTheme) => (JSON.parse(t.keywords) as string[]).join(', ');

export function ThemesAdminPage(p: ThemesAdminProps) {
  const hidden = p.own.filter((t) => t.hidden);
  const pinned = p.own.filter((t) => t.pinned && !t.hidden);
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Themes" active="themes">
      <div class="page-header">
        <h1>Themes</h1>
      </div>
      {p.notice ? <Note kind="success">{p.notice}</Note> : null}
      <ErrorList errors={p.errors} />
      <div class="admin-layout">
        <section class="card" aria-labelledby="found-title">
          <h2 id="found-title">Top themes, last 90 days</h2>
          {p.found.length === 0 ? (
            <p class="empty muted">No themes yet: they appear once a few comments mention the same thing.</p>
          ) : (
            <form method="post" action="/admin/themes/merge" id="merge-form">
              <CsrfField token={p.csrf} />
              <ul class="theme-admin-list">
                {p.found.map((t) => (
                  <li data-theme={t.ref}>
                    <label class="check">
                      <input type="checkbox" name="refs" value={t.ref} form="merge-form" />
                      <span>
                        <strong>{t.name}</strong> <span class="muted small">{t.responses} comments</span>
                        {t.pinned && <span class="badge">pinned</span>}
                      </span>
                    </label>
                  </li>
                ))}
              </ul>
              <div class="inline-form">
                <Field id="merge-name" name="name" label="Merge the ticked themes into one named" value="" />
                <button type="submit" class="button button-small">
                  Merge
                </button>
              </div>
            </form>
          )}
          {p.found.map((t) => (
            <details class="theme-edit">
              <summary>Rename or hide “{t.name}”</summary>
              <form method="post" action="/admin/themes/rename" class="inline-form">
                <CsrfField token={p.csrf} />
                <input type="hidden" name="ref" value={t.ref} />
                <Field id={`rename-${t.ref}`} name="name" label="New name" value={t.name} />
                <button type="submit" class="button button-small">
                  Rename
                </button>
              </form>
              <form method="post" action="/admin/themes/hide">
                <CsrfField token={p.csrf} />
                <input type="hidden" name="ref" value={t.ref} />
                <input type="hidden" name="name" value={t.name} />
                <button type="submit" class="button button-secondary button-small">
                  Hide from dashboards
                </button>
              </form>
            </details>
          ))}
        </section>
        <section class="card" aria-labelledby="pin-title">
          <h2 id="pin-title">Pin a theme</h2>
          <p class="muted small">A pinned theme counts every comment containing one of its keywords, in any language, and always shows first.</p>
          <form method="post" action="/admin/themes/pin">
            <CsrfField token={p.csrf} />
            <Field id="pin-name" name="name" label="Name" value="" required />
            <Field id="pin-keywords" name="keywords" label="Keywords, separated by commas" value="" required placeholder="refund, reembolso, 退款" />
            <button type="submit" class="button">
              Pin theme
            </button>
          </form>
          {pinned.length > 0 && (
            <>
              <h3>Pinned</h3>
              <ul class="theme-admin-list">
                {pinned.map((t) => (
                  <li>
                    <strong>{t.name}</strong> <span class="muted small">{keywordsOf(t)}</span>
                    <ActionButton action={`/admin/themes/${t.id}/delete`} csrf={p.csrf} label="Unpin" context={t.name} danger />
                  </li>
                ))}
              </ul>
            </>
          )}
          {hidden.length > 0 && (
            <>
              <h3>Hidden</h3>
              <ul class="theme-admin-list">
                {hidden.map((t) => (
                  <li>
                    <strong>{t.name}</strong>
                    <ActionButton action={`/admin/themes/${t.id}/delete`} csrf={p.csrf} label="Show again" context={t.name} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </AppShell>
  );
}
