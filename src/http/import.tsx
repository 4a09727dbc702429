// Administrators bring history from another tool: upload a file, check the proposed mapping on a
// preview of its first rows, confirm, and watch the import run in the background.
import { Hono } from 'hono';
import type { Deps } from '../deps';
import { IMPORT_FIELDS, type Mapping } from '../domain/import/fields';
import { presetMapping, presetNamed } from '../domain/import/presets';
import {
  advanceImportJobs,
  cancelImportJob,
  confirmImportJob,
  createImportJob,
  getImportJob,
  getImportJobs,
  previewImportJob,
  remapImportJob,
  type ImportJob,
} from '../services/importer/jobs';
import { ImportJobPage, ImportPage, JobProgress, MappingPreview } from '../../views/pages/dashboard/Import';
import { requireUser, viewer, type SessionEnv } from './middleware/session';

const MAX_UPLOAD = 50 * 1024 * 1024;
/** How long one poll of the progress bar writes before answering. */
const STEP_MS = 1_000;

/** The mapping a form describes: per field `src_<field>` = `col:<name>`, `set` (with `val_<field>`) or empty. */
function mappingFromForm(form: Record<string, unknown>, columns: readonly string[]): Mapping {
  const mapping: Mapping = {};
  for (const field of IMPORT_FIELDS) {
    const src = String(form[`src_${field}`] ?? '');
    if (src.startsWith('col:') && columns.includes(src.slice(4))) mapping[field] = { column: src.slice(4) };
    else if (src === 'set') {
      const value = String(form[`val_${field}`] ?? '').trim().slice(0, 200);
      if (value) mapping[field] = { value };
    }
  }
  return mapping;
}

export function importRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  app.get('/', requireUser('admin'), async (c) => c.html(<ImportPage {...viewer(c)} jobs={await getImportJobs(deps)} />));

  app.post('/', requireUser('admin'), async (c) => {
    const v = viewer(c);
    // Its size was limited (BODY_LIMITS) while it streamed in; parseBody hands back the form read then.
    const file = (await c.req.parseBody()).file;
    const page = async (error: string, status: 413 | 422) => c.html(<ImportPage {...v} jobs={await getImportJobs(deps)} error={error} />, status);
    if (!(file instanceof File) || file.size === 0) return page('Choose a CSV or JSON file to import.', 422);
    if (file.size > MAX_UPLOAD) return page('The file is larger than 50 MB: split it, or import it with `npm run heard -- import`.', 413);
    const created = await createImportJob(deps, { name: file.name, text: file.stream().pipeThrough(new TextDecoderStream()) }, v.user.id);
    if (!created.ok) return page(`This file cannot be imported: ${created.error}.`, 422);
    return c.redirect(`/admin/import/jobs/${created.value.id}`, 303);
  });

  const withJob = async (id: string): Promise<ImportJob | null> => getImportJob(deps, id);

  app.get('/jobs/:id', requireUser('admin'), async (c) => {
    const job = await withJob(c.req.param('id'));
    if (!job) return c.notFound();
    const preview = job.status === 'preview' ? await previewImportJob(deps, job) : [];
    return c.html(<ImportJobPage {...viewer(c)} job={job} preview={preview} />);
  });

  app.post('/jobs/:id/mapping', requireUser('admin'), async (c) => {
    const v = viewer(c);
    let job = await withJob(c.req.param('id'));
    if (!job) return c.notFound();
    if (job.status !== 'preview') return c.redirect(`/admin/import/jobs/${job.id}`, 303);
    const form = await c.req.parseBody();
    const preset = presetNamed(String(form.preset ?? '')) ?? job.preset;
    // A different preset starts from its own proposal; the same one keeps the person's choices.
    const mapping = preset.name !== job.preset.name ? presetMapping(preset, job.columns) : mappingFromForm(form, job.columns);
    job = await remapImportJob(deps, job, preset, mapping);
    const preview = await previewImportJob(deps, job);
    if (c.req.header('HX-Request')) return c.html(<MappingPreview csrf={v.csrf} job={job} preview={preview} />);
    return c.redirect(`/admin/import/jobs/${job.id}`, 303);
  });

  app.post('/jobs/:id/confirm', requireUser('admin'), async (c) => {
    const v = viewer(c);
    const job = await withJob(c.req.param('id'));
    if (!job) return c.notFound();
    const confirmed = await confirmImportJob(deps, job);
    if (!confirmed.ok) return c.html(<ImportJobPage {...v} job={job} preview={await previewImportJob(deps, job)} error={confirmed.error} />, 422);
    return c.redirect(`/admin/import/jobs/${job.id}`, 303);
  });

  // The progress bar polls here; each poll writes for about a second, and runDueWork carries on
  // if the page is closed.
  app.post('/jobs/:id/step', requireUser('admin'), async (c) => {
    const id = c.req.param('id');
    const before = await withJob(id);
    if (!before) return c.notFound();
    if (before.status === 'queued' || before.status === 'running') await advanceImportJobs(deps, deps.clock(), STEP_MS, id);
    return c.html(<JobProgress csrf={viewer(c).csrf} job={(await withJob(id))!} />);
  });

  app.post('/jobs/:id/cancel', requireUser('admin'), async (c) => {
    const job = await withJob(c.req.param('id'));
    if (!job) return c.notFound();
    await cancelImportJob(deps, job);
    return c.redirect(`/admin/import/jobs/${job.id}`, 303);
  });

  return app;
}
