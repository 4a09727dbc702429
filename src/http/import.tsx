// Administrators upload a CSV of past survey answers; the same import as `npm run heard -- import`.
import { Hono } from 'hono';
import type { Deps } from '../deps';
import { importCsv, timeOrderedIds } from '../services/import';
import { ImportPage } from '../../views/pages/dashboard/Import';
import { requireUser, viewer, type SessionEnv } from './middleware/session';

export function importRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  app.get('/', requireUser('admin'), (c) => c.html(<ImportPage {...viewer(c)} />));

  app.post('/', requireUser('admin'), async (c) => {
    const v = viewer(c);
    // Its size was limited (BODY_LIMITS) while it streamed in; parseBody hands back the form read then.
    const file = (await c.req.parseBody()).file;
    if (!(file instanceof File) || file.size === 0) return c.html(<ImportPage {...v} error="Choose a CSV file to import." />, 422);
    const result = await importCsv({ ...deps, newId: timeOrderedIds(deps.clock) }, await file.text());
    if (!result.ok) return c.html(<ImportPage {...v} error={`This file cannot be imported: ${result.error}.`} />, 422);
    return c.html(<ImportPage {...v} report={result.value} file={file.name} />);
  });

  return app;
}
