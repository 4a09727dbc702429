// Admins bring history from another tool: upload a CSV, see what was imported and what was not.
import type { SessionUser } from '../../../src/domain/access';
import { IMPORT_COLUMNS } from '../../../src/domain/importRow';
import type { ImportReport } from '../../../src/services/import';
import { AppShell } from '../../AppShell';
import { CsrfField } from '../../partials/forms';
import { int } from '../../partials/dashboard/format';

const SHOWN_SKIPS = 200;

export function ImportPage(p: { user: SessionUser; csrf: string; report?: ImportReport; error?: string; file?: string }) {
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Import history" active="import">
      <div class="page-header">
        <h1>Import history</h1>
      </div>
      <div class="admin-layout">
        <section class="card" aria-labelledby="import-result">
          {p.report ? (
            <>
              <h2 id="import-result">{p.file ? `Imported ${p.file}` : 'Import finished'}</h2>
              <dl class="facts" data-import-report>
                <dt>Imported</dt>
                <dd data-count="imported">{int(p.report.imported)}</dd>
                <dt>Already there</dt>
                <dd data-count="duplicates">{int(p.report.duplicates)}</dd>
                <dt>Skipped</dt>
                <dd data-count="skipped">{int(p.report.skipped.length)}</dd>
              </dl>
              {p.report.skipped.length > 0 && (
                <div class="table-wrap">
                  <table class="table">
                    <caption class="visually-hidden">Skipped rows</caption>
                    <thead>
                      <tr>
                        <th scope="col" class="num">
                          Line
                        </th>
                        <th scope="col">Why</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.report.skipped.slice(0, SHOWN_SKIPS).map((s) => (
                        <tr>
                          <td class="num">{s.line}</td>
                          <td>{s.reason}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                  {p.report.skipped.length > SHOWN_SKIPS && <p class="muted small">And {int(p.report.skipped.length - SHOWN_SKIPS)} more.</p>}
                </div>
              )}
            </>
          ) : (
            <>
              <h2 id="import-result">Bring your history</h2>
              <p>
                Past survey answers from another tool or a helpdesk export appear in the dashboards beside new ones. Rows whose
                external_id is already in Heard are left as they are, so importing the same file twice changes nothing.
              </p>
              <p class="muted small">Imported answers count in scores but not in response rates: Heard did not send those surveys.</p>
            </>
          )}
        </section>
        <form class="card form-stack" method="post" action="/admin/import" enctype="multipart/form-data">
          <CsrfField token={p.csrf} />
          {p.error && (
            <p class="note note-error" role="alert">
              {p.error}
            </p>
          )}
          <div class="field">
            <label for="import-file">CSV file</label>
            <p class="hint" id="import-file-hint">
              UTF-8, first line the column names: {IMPORT_COLUMNS.join(', ')}. Dates as 2025-03-02 or 2025-03-02T14:05:00Z.
            </p>
            <input id="import-file" type="file" name="file" accept=".csv,text/csv" required aria-describedby="import-file-hint" />
          </div>
          <button type="submit" class="button">
            Import
          </button>
        </form>
      </div>
    </AppShell>
  );
}
