// Admins bring history from another tool: upload a file, check the mapping on the first rows,
// confirm, and watch it run. Each fragment also answers its own htmx request.
import type { SessionUser } from '../../../src/domain/access';
import { FIELD_HINTS, IMPORT_FIELDS, type ImportField } from '../../../src/domain/import/fields';
import { PRESETS } from '../../../src/domain/import/presets';
import type { RowCheck } from '../../../src/domain/import/row';
import type { ImportJob } from '../../../src/services/importer/jobs';
import type { ImportReport } from '../../../src/services/importer/run';
import { AppShell } from '../../AppShell';
import { CsrfField } from '../../partials/forms';
import { int } from '../../partials/dashboard/format';

const SHOWN_SKIPS = 200;
type Viewer = { user: SessionUser; csrf: string };

export function ImportPage(p: Viewer & { jobs: ImportJob[]; error?: string }) {
  return (
    <AppShell user={p.user} csrf={p.csrf} title="Import history" active="import">
      <div class="page-header">
        <h1>Import history</h1>
      </div>
      <div class="admin-layout">
        <section class="card" aria-labelledby="import-intro">
          <h2 id="import-intro">Bring your history</h2>
          <p>
            Upload an export from Delighted (CSV or JSON), Nicereply, Zendesk satisfaction ratings, Help Scout ratings, or any CSV with a
            header row. Heard proposes which column fills each field and shows the first rows as they will be imported before anything is
            written.
          </p>
          <p class="muted small">
            Rows whose external id is already in Heard are left as they are, so importing the same file twice changes nothing. Imported
            answers count in scores but not in response rates: Heard did not send those surveys.
          </p>
          {p.jobs.length > 0 && (
            <>
              <h3>Recent imports</h3>
              <ul class="import-jobs">
                {p.jobs.map((j) => (
                  <li>
                    <a href={`/admin/import/jobs/${j.id}`}>{j.fileName}</a> <StatusBadge job={j} />{' '}
                    <span class="muted small">
                      {int(j.report.imported)} imported of {int(j.totalRows)} rows
                    </span>
                  </li>
                ))}
              </ul>
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
            <label for="import-file">File</label>
            <p class="hint" id="import-file-hint">
              CSV (UTF-8, first line the column names) or JSON, up to 50 MB. Larger files: <code>npm run heard -- import FILE</code>.
            </p>
            <input id="import-file" type="file" name="file" accept=".csv,.json,text/csv,application/json" required aria-describedby="import-file-hint" />
          </div>
          <button type="submit" class="button">
            Upload and preview
          </button>
        </form>
      </div>
    </AppShell>
  );
}

const STATUS_LABEL: Record<ImportJob['status'], [string, string]> = {
  uploading: ['Uploading', 'badge'],
  preview: ['Waiting for confirmation', 'badge'],
  queued: ['Queued', 'badge badge-accent'],
  running: ['Importing', 'badge badge-accent'],
  done: ['Done', 'badge badge-success'],
  failed: ['Failed', 'badge badge-danger'],
  cancelled: ['Cancelled', 'badge'],
};
const StatusBadge = (p: { job: ImportJob }) => <span class={STATUS_LABEL[p.job.status][1]}>{STATUS_LABEL[p.job.status][0]}</span>;

export function ImportJobPage(p: Viewer & { job: ImportJob; preview: Array<{ line: number; check: RowCheck }>; error?: string }) {
  const { job } = p;
  return (
    <AppShell user={p.user} csrf={p.csrf} title={`Import ${job.fileName}`} active="import">
      <div class="page-header">
        <h1>Import {job.fileName}</h1>
        <a href="/admin/import">All imports</a>
      </div>
      {p.error && (
        <p class="note note-error" role="alert">
          {p.error}
        </p>
      )}
      {job.status === 'preview' ? (
        <>
          <MappingPreview csrf={p.csrf} job={job} preview={p.preview} />
          <CancelForm csrf={p.csrf} job={job} />
        </>
      ) : (
        <JobProgress csrf={p.csrf} job={job} />
      )}
    </AppShell>
  );
}

function CancelForm(p: { csrf: string; job: ImportJob }) {
  return (
    <form method="post" action={`/admin/import/jobs/${p.job.id}/cancel`} class="inline-form import-cancel">
      <CsrfField token={p.csrf} />
      <button type="submit" class="button button-secondary">
        {p.job.status === 'preview' ? 'Discard this file' : 'Stop the import'}
      </button>
    </form>
  );
}

const fieldLabel = (f: ImportField) => f.replace(/_/g, ' ');

/** The mapping form and the first rows as they will be imported; re-rendered on every change. */
export function MappingPreview(p: { csrf: string; job: ImportJob; preview: Array<{ line: number; check: RowCheck }> }) {
  const { job } = p;
  const usable = p.preview.filter((r) => r.check.row).length;
  const mapped = IMPORT_FIELDS.filter((f) => job.mapping[f]);
  return (
    <div id="mapping-preview" class="import-mapping">
      <form
        class="card form-stack"
        method="post"
        action={`/admin/import/jobs/${job.id}/mapping`}
        hx-post={`/admin/import/jobs/${job.id}/mapping`}
        hx-trigger="change"
        hx-target="#mapping-preview"
        hx-swap="outerHTML"
        aria-labelledby="mapping-title"
      >
        <CsrfField token={p.csrf} />
        <h2 id="mapping-title">Columns</h2>
        <p class="muted small">
          {job.format === 'json' ? 'JSON' : 'CSV'} with {int(job.totalRows)} rows and {job.columns.length} columns.
        </p>
        <div class="field">
          <label for="import-preset">Format</label>
          <p class="hint" id="import-preset-hint">
            Scores: {job.preset.scaleNote}
          </p>
          <select id="import-preset" name="preset" aria-describedby="import-preset-hint">
            {PRESETS.map((pr) => (
              <option value={pr.name} selected={pr.name === job.preset.name}>
                {pr.label}
              </option>
            ))}
          </select>
        </div>
        <table class="table mapping-table">
          <caption class="visually-hidden">Where each field comes from</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">From</th>
            </tr>
          </thead>
          <tbody>
            {IMPORT_FIELDS.map((field) => {
              const source = job.mapping[field];
              const fixed = source && 'value' in source ? source.value : '';
              return (
                <tr>
                  <th scope="row">
                    <label for={`src-${field}`}>{fieldLabel(field)}</label>
                    <span class="hint block">{FIELD_HINTS[field]}</span>
                  </th>
                  <td>
                    <select id={`src-${field}`} name={`src_${field}`} data-field={field}>
                      <option value="">Nothing</option>
                      <option value="set" selected={Boolean(source && 'value' in source)}>
                        The same value for every row…
                      </option>
                      {job.columns.map((col) => (
                        <option value={`col:${col}`} selected={Boolean(source && 'column' in source && source.column === col)}>
                          {col}
                        </option>
                      ))}
                    </select>
                    {source && 'value' in source && (
                      <input type="text" name={`val_${field}`} value={fixed} aria-label={`Value of ${fieldLabel(field)} for every row`} maxlength={200} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <noscript>
          <button type="submit" class="button button-secondary">
            Update the preview
          </button>
        </noscript>
      </form>
      <section class="card" aria-labelledby="preview-title">
        <h2 id="preview-title">The first {p.preview.length} rows as they will be imported</h2>
        <p data-preview-summary>
          {usable} of {p.preview.length} rows can be imported; rows marked with a problem are skipped and listed in the report.
        </p>
        <div class="table-wrap">
          <table class="table preview-table">
            <caption class="visually-hidden">Preview</caption>
            <thead>
              <tr>
                <th scope="col" class="num">
                  Line
                </th>
                {mapped.map((f) => (
                  <th scope="col">{fieldLabel(f)}</th>
                ))}
                <th scope="col">Other problems</th>
              </tr>
            </thead>
            <tbody>
              {p.preview.map(({ line, check }) => (
                <tr class={check.row ? undefined : 'row-problem'} data-line={line}>
                  <td class="num">{line}</td>
                  {mapped.map((f) => {
                    const problem = check.problems.find((x) => x.field === f);
                    return (
                      <td class={problem ? 'cell-problem' : undefined} data-field={f}>
                        <PreviewValue field={f} check={check} />
                        {problem && (
                          <span class="problem" role="note">
                            {problem.message}
                          </span>
                        )}
                      </td>
                    );
                  })}
                  <td class={check.problems.some((x) => !mapped.includes(x.field)) ? 'cell-problem' : undefined}>
                    {check.problems
                      .filter((x) => !mapped.includes(x.field))
                      .map((x) => (
                        <span class="problem" role="note">
                          {fieldLabel(x.field)}: {x.message}
                        </span>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <form method="post" action={`/admin/import/jobs/${job.id}/confirm`} class="form-actions">
          <CsrfField token={p.csrf} />
          <button type="submit" class="button">
            Import {int(job.totalRows)} rows
          </button>
        </form>
      </section>
    </div>
  );
}

/** What a field will hold: the converted value when the row is usable, otherwise what the file says. */
function PreviewValue(p: { field: ImportField; check: RowCheck }) {
  const { row, values, unassigned, unknownChannel, derivedId } = p.check;
  const raw = values[p.field] ?? '';
  if (!row) return <>{raw}</>;
  switch (p.field) {
    case 'score':
      return (
        <>
          {row.survey.toUpperCase()} {row.score}
          {raw !== String(row.score) && <span class="muted small"> (from “{raw}”)</span>}
        </>
      );
    case 'agent_email':
      return unassigned ? <span class="muted">Unassigned</span> : <>{row.agentEmail}</>;
    case 'channel':
      return unknownChannel ? <span title={`“${unknownChannel}” is not a channel Heard knows`}>other ({unknownChannel})</span> : <>{row.channel}</>;
    case 'external_id':
      return derivedId ? <span class="muted">{row.externalId}</span> : <>{row.externalId}</>;
    case 'closed_at':
    case 'responded_at':
      return <time>{new Date(p.field === 'closed_at' ? row.closedAt : row.respondedAt).toISOString().replace('.000Z', 'Z')}</time>;
    default:
      return <>{raw}</>;
  }
}

/** The progress bar while the import runs (it polls, and each poll writes), then the report. */
export function JobProgress(p: { csrf: string; job: ImportJob }) {
  const { job } = p;
  const running = job.status === 'queued' || job.status === 'running';
  const percent = job.totalRows === 0 ? 100 : Math.floor((job.doneRows / job.totalRows) * 100);
  return (
    <section
      id="import-progress"
      class="card"
      aria-labelledby="progress-title"
      {...(running
        ? { 'hx-post': `/admin/import/jobs/${job.id}/step`, 'hx-trigger': 'load delay:500ms', 'hx-swap': 'outerHTML', 'hx-target': 'this' }
        : {})}
    >
      <h2 id="progress-title">
        {running ? 'Importing…' : job.status === 'done' ? 'Import finished' : 'Import stopped'} <StatusBadge job={job} />
      </h2>
      <progress max={job.totalRows} value={job.doneRows} aria-labelledby="progress-title" data-percent={percent}>
        {percent}%
      </progress>
      <p class="muted small" aria-live="polite">
        {int(job.doneRows)} of {int(job.totalRows)} rows read ({percent}%).{running && ' You can leave this page: the import carries on.'}
      </p>
      {job.error && (
        <p class="note note-error" role="alert">
          {job.error}
        </p>
      )}
      <ReportFacts report={job.report} />
      {running && <CancelForm csrf={p.csrf} job={job} />}
    </section>
  );
}

function ReportFacts(p: { report: ImportReport }) {
  const r = p.report;
  const unknown = Object.entries(r.unknownChannels);
  return (
    <>
      <dl class="facts" data-import-report>
        <dt>Imported</dt>
        <dd data-count="imported">{int(r.imported)}</dd>
        <dt>Already there</dt>
        <dd data-count="duplicates">{int(r.duplicates)}</dd>
        <dt>Skipped</dt>
        <dd data-count="skipped">
          {int(r.skipped)}
          {(r.erased ?? 0) > 0 && <span class="muted small"> ({int(r.erased)} of erased customers)</span>}
        </dd>
        <dt>No agent</dt>
        <dd data-count="unassigned">
          {int(r.unassigned)}
          {r.unassigned > 0 && <span class="muted small"> → {r.unassignedAgent}</span>}
        </dd>
        <dt>Unknown channel (as other)</dt>
        <dd data-count="unknown-channels">
          {int(unknown.reduce((n, [, c]) => n + c, 0))}
          {unknown.length > 0 && <span class="muted small"> {unknown.map(([c, n]) => `${c} ${int(n)}`).join(', ')}</span>}
        </dd>
        <dt>Ids derived from the row</dt>
        <dd data-count="derived-ids">{int(r.derivedIds)}</dd>
      </dl>
      {r.skips.length > 0 && (
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
              {r.skips.slice(0, SHOWN_SKIPS).map((s) => (
                <tr>
                  <td class="num">{s.line}</td>
                  <td>{s.reasons.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.skipped > r.skips.length && <p class="muted small">And {int(r.skipped - r.skips.length)} more.</p>}
        </div>
      )}
    </>
  );
}
