// Administrators upload a CSV of past survey answers; the same import as `npm run heard -- import`.
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Deps } from '../deps';
import { importCsv } from '../services/import';
import { ImportPage } from '../../views/pages/dashboard/Import';
import { requireUser, viewer, type SessionEnv } from './middleware/session';

const MAX_UPLOAD = 50 * 1024 * 1024;

export function importRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();

  app.get('/', requireUser('admin'), (c) => c.html(<ImportPage {...viewer(c)} />));

  app.post(
    '/',
    requireUser('admin'),
    bodyLimit({
      maxSize: MAX_UPLOAD,
      // The limit runs after requireUser, so the session is there; the callback is just typed without it.
      onError: (c) => c.html(<ImportPage {...viewer(c as Context<SessionEnv>)} error="The file is larger than 50 MB: split it and import the parts." />, 413),
    }),
    async (c) => {
      const v = viewer(c);
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File) || file.size === 0) return c.html(<ImportPage {...v} error="Choose a CSV file to import." />, 422);
      const result = await importCsv(deps, await file.text());
      if (!result.ok) return c.html(<ImportPage {...v} error={`This file cannot be imported: ${result.error}.`} />, 422);
      return c.html(<ImportPage {...v} report={result.value} file={file.name} />);
    },
  );

  return app;
}
