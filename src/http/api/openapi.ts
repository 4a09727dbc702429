// GET /api/v1/openapi.json: the integration API described as OpenAPI 3.1, generated from the zod
// schemas the routes validate requests with and those their answers are tested against (shapes.ts).
// Public: it holds no data, and tools fetch it before anyone has a key.
import { Hono } from 'hono';
import { z } from 'zod';
import { createDocument, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { PROVIDERS } from '../../db/schema';
import { ZInteractionInput } from '../../services/ingest';
import { ZFollowupPatch, ZFollowupsQuery } from './followups';
import { ZMetricsQuery } from './metrics';
import { ZResponsesQuery } from './responses';
import { ZThemesQuery } from './themes';
import { ZChurnQuery } from './churn';
import { ZCustomerParam } from './customers';
import { ZCustomerEventInput } from '../../services/customers/events';
import { ZChurn, ZCustomerEventResult, ZCustomerExport, ZErasureContinuing, ZFollowup, ZFollowupsPage, ZIngestResult, ZMetrics, ZProblem, ZResponsesPage, ZThemes } from './shapes';

const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ZProblem } } });

/** The answers every keyed endpoint may give besides its own. */
const keyed = (more: ZodOpenApiResponsesObject = {}): ZodOpenApiResponsesObject => ({
  '400': problem('Invalid request: each field and what is wrong with it.'),
  '401': problem('No API key, or an unknown or revoked one.'),
  ...more,
});

const writes: ZodOpenApiResponsesObject = {
  '413': problem('Body larger than 64 KiB.'),
  '415': problem('Body not sent as application/json.'),
};

export function openApiDocument(publicUrl: string) {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Heard API',
      version: '1',
      description:
        'Closed interactions in, survey answers, scores and follow-up tasks out. Every /api/v1 call takes an API key (Admin → API keys) as `Authorization: Bearer <key>`.',
    },
    servers: [{ url: publicUrl }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    paths: {
      '/api/v1/interactions': {
        post: {
          summary: 'Record a closed interaction and schedule its survey',
          description: 'Idempotent by `externalId`: sending the same interaction again answers 200 with the stored record and changes nothing.',
          requestBody: { content: { 'application/json': { schema: ZInteractionInput } } },
          responses: keyed({ '201': json(ZIngestResult, 'Recorded.'), '200': json(ZIngestResult, 'Already recorded: the stored record.'), ...writes }),
        },
      },
      '/api/v1/responses': {
        get: {
          summary: 'Survey answers, newest first',
          requestParams: { query: ZResponsesQuery },
          responses: keyed({ '200': json(ZResponsesPage, 'One page of answers.') }),
        },
      },
      '/api/v1/metrics': {
        get: {
          summary: 'Scores for a range, optionally split by time, team, channel or agent',
          requestParams: { query: ZMetricsQuery },
          responses: keyed({ '200': json(ZMetrics, 'The numbers the dashboards show.') }),
        },
      },
      '/api/v1/themes': {
        get: {
          summary: 'What customers write about in a range: themes with their shares and trends',
          requestParams: { query: ZThemesQuery },
          responses: keyed({ '200': json(ZThemes, 'The top themes, most talked about first.') }),
        },
      },
      '/api/v1/followups': {
        get: {
          summary: 'Follow-up tasks, newest first',
          requestParams: { query: ZFollowupsQuery },
          responses: keyed({ '200': json(ZFollowupsPage, 'One page of tasks.') }),
        },
      },
      '/api/v1/followups/{id}': {
        patch: {
          summary: 'Change a task’s status or assignee, or add a note',
          requestParams: { path: z.object({ id: z.string() }) },
          requestBody: { content: { 'application/json': { schema: ZFollowupPatch } } },
          responses: keyed({
            '200': json(ZFollowup, 'The task as it is now.'),
            '404': problem('No such task.'),
            '409': problem('The task cannot move to that status from where it is.'),
            '422': problem('No agent or user has the assignee’s email.'),
            ...writes,
          }),
        },
      },
      '/api/v1/customers/{email}': {
        delete: {
          summary: 'Erase a customer: everything Heard holds about them',
          description:
            'Deletes their interactions, surveys, answers, comments, events, follow-up tasks and copies of emails, and keeps their address only as a keyed hash so they are never surveyed again. The dashboards are adjusted exactly. Idempotent: an address erased before answers 204 again.',
          requestParams: { path: ZCustomerParam },
          responses: keyed({
            '204': { description: 'Erased (now, or before).' },
            '202': json(ZErasureContinuing, 'A very large customer: erasure started and is being finished in the background; asking again is harmless.'),
            '404': problem('Heard holds nothing under this address and never erased it.'),
          }),
        },
      },
      '/api/v1/customers/{email}/export': {
        get: {
          summary: 'Everything Heard holds about a customer, as one JSON document',
          requestParams: { path: ZCustomerParam },
          responses: keyed({ '200': json(ZCustomerExport, 'The customer’s data, sent as a download.'), '404': problem('No customer with this address.') }),
        },
      },
      '/api/v1/customers/{email}/events': {
        post: {
          summary: 'Record that a customer churned or came back',
          description:
            'For billing systems. Idempotent by customer, type and `at`: sending the same event again answers 200 with the stored event and changes nothing. A customer Heard has not met yet is created, so no cancellation is lost.',
          requestParams: { path: z.object({ email: z.string().meta({ description: 'The customer’s email address (URL-encoded).' }) }) },
          requestBody: { content: { 'application/json': { schema: ZCustomerEventInput } } },
          responses: keyed({
            '201': json(ZCustomerEventResult, 'Recorded.'),
            '200': json(ZCustomerEventResult, 'Already recorded: the stored event.'),
            '422': problem('`at` is in the future.'),
            ...writes,
          }),
        },
      },
      '/api/v1/churn': {
        get: {
          summary: 'Churn rates per month or quarter, simple and adjusted, overall and by segment',
          description:
            'Customers at an instant: those with a contact before it who had not churned before it. Simple rate: churned in the period ÷ customers at its start; adjusted: ÷ customers at its midpoint. Without from/to, the last 12 months.',
          requestParams: { query: ZChurnQuery },
          responses: keyed({ '200': json(ZChurn, 'One row per period.') }),
        },
      },
      '/hooks/{provider}/{connectionId}': {
        post: {
          summary: 'Webhook from a connected helpdesk',
          description:
            'Not for API clients: each helpdesk posts its own payload here, signed its own way (Admin → Integrations shows the URL and the setup). Closing events start a survey; others are recorded as ignored.',
          security: [],
          requestParams: { path: z.object({ provider: z.enum(PROVIDERS), connectionId: z.string() }) },
          requestBody: { content: { 'application/json': { schema: z.looseObject({}).meta({ description: 'The helpdesk’s own payload.' }) } } },
          responses: {
            '200': { description: 'Received (accepted, ignored, or kept as rejected with a reason on the integration page).' },
            '401': problem('Missing or wrong signature, or a stale timestamp.'),
            '404': problem('No such connection.'),
          },
        },
      },
    },
  });
}

export function openApiRoutes(deps: { config: { publicUrl: string } }) {
  // Built on first request, then kept: the document only changes with the code.
  let body: string | null = null;
  return new Hono().get('/', (c) => c.body((body ??= JSON.stringify(openApiDocument(deps.config.publicUrl))), 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
}
