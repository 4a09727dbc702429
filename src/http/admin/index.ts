// Everything under /admin is for administrators only; other roles get the same 404 as a missing page.
import { Hono } from 'hono';
import type { Deps } from '../../deps';
import { requireUser, type SessionEnv } from '../middleware/session';
import { apiKeyAdminRoutes } from './apiKeys';
import { auditAdminRoutes } from './audit';
import { surveyAdminRoutes } from './survey';
import { integrationAdminRoutes } from './integrations';
import { teamAdminRoutes } from './teams';
import { userAdminRoutes } from './users';
import { dataAdminRoutes } from '../customerData';

export function adminRoutes(deps: Deps) {
  const app = new Hono<SessionEnv>();
  app.use('*', requireUser('admin'));
  app.route('/', userAdminRoutes(deps));
  app.route('/', teamAdminRoutes(deps));
  app.route('/', apiKeyAdminRoutes(deps));
  app.route('/', integrationAdminRoutes(deps));
  app.route('/', auditAdminRoutes(deps));
  app.route('/', surveyAdminRoutes(deps));
  app.route('/', dataAdminRoutes(deps));
  return app;
}
