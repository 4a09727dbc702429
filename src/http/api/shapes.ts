// What /api/v1 answers, as zod schemas: the OpenAPI document is generated from them, and the API
// tests parse real answers with them. Objects are strict, so a field the document lacks fails a test.
import { z } from 'zod';
import { CHANNELS, REQUEST_STATUSES, SURVEY_KINDS } from '../../db/schema';
import { SENTIMENTS, SEVERITIES } from '../../analysers/analyser';
import { FOLLOWUP_STATUSES } from '../../domain/followups';

const when = z.iso.datetime({ offset: true });
const person = z.strictObject({ email: z.string(), name: z.string().nullable() });
const customer = z.strictObject({ email: z.string(), name: z.string().nullable(), locale: z.string().nullable() });
const ticketUrl = z.url().nullable().meta({ description: 'The helpdesk ticket the interaction came from, when its connection has a ticket URL template.' });

export const ZProblem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.strictObject({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details; `errors` names each invalid field by its path.' });

export const ZIngestResult = z
  .strictObject({
    interaction: z.strictObject({
      id: z.string(),
      externalId: z.string(),
      customer,
      agent: person,
      team: z.string().nullable(),
      channel: z.enum(CHANNELS),
      survey: z.enum(SURVEY_KINDS),
      tags: z.array(z.string()),
      closedAt: when,
      createdAt: when,
    }),
    surveyRequest: z.strictObject({
      id: z.string(),
      status: z.enum(REQUEST_STATUSES),
      reason: z.string().nullable().meta({ description: 'Why no survey goes out (suppressed, throttled), when none does.' }),
      sendAfter: when.nullable(),
    }),
  })
  .meta({ id: 'IngestResult' });

export const ZResponse = z
  .strictObject({
    id: z.string(),
    survey: z.enum(SURVEY_KINDS),
    score: z.number().int(),
    comment: z.string().nullable(),
    flagged: z.boolean().meta({ description: 'Clicked by a mail scanner, not a person: not counted.' }),
    createdAt: when,
    updatedAt: when,
    interaction: z.strictObject({ externalId: z.string(), channel: z.enum(CHANNELS), closedAt: when }),
    agent: person,
    customer: z.strictObject({ email: z.string() }),
    ticketUrl,
    reasons: z.array(z.string()).meta({ description: 'Stable keys of the reasons the customer chose after the score.' }),
    resolved: z.boolean().nullable().meta({ description: 'The answer to "Was your issue resolved?"; null when not asked or not answered.' }),
    sentiment: z
      .strictObject({
        label: z.enum(SENTIMENTS),
        score: z.number().nullable().meta({ description: 'From -1 (most negative) to 1.' }),
        severity: z.enum(SEVERITIES).nullable(),
        language: z.string().nullable(),
      })
      .nullable()
      .meta({ description: 'How the comment reads; null without a comment, or until it is analysed (within a minute).' }),
  })
  .meta({ id: 'Response' });

export const ZResponsesPage = z
  .strictObject({ data: z.array(ZResponse), nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last.' }) })
  .meta({ id: 'ResponsesPage' });

const metric = z
  .strictObject({
    key: z.string().nullable().meta({ description: "Bucket start (YYYY-MM-DD), team id, channel or agent id; 'all' without grouping; null for no team." }),
    label: z.string().nullable(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    n: z.number().int(),
    score: z.number().nullable(),
    low: z.number().nullable(),
    high: z.number().nullable(),
    enough: z.boolean().meta({ description: 'At least the minimum sample.' }),
    mean: z.number().nullable(),
    delivered: z.number().int().optional(),
    responseRate: z.number().nullable().optional(),
  })
  .meta({ id: 'MetricRow' });

const reasonMetric = z
  .strictObject({
    key: z.string().meta({ description: 'The stable reason key.' }),
    label: z.string().nullable(),
    side: z.enum(['low', 'high']).meta({ description: 'Asked after a low or a high score.' }),
    n: z.number().int().meta({ description: 'Answers on that side that saw the reasons.' }),
    count: z.number().int().meta({ description: 'Answers that chose this reason.' }),
    share: z.number(),
  })
  .meta({ id: 'ReasonRow' });

const interval = z
  .strictObject({ n: z.number().int(), score: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() })
  .meta({ id: 'Share', description: 'A share in percent with its 95% Wilson interval.' });

export const ZMetrics = z
  .strictObject({
    survey: z.enum(SURVEY_KINDS),
    groupBy: z.string(),
    from: z.iso.date(),
    to: z.iso.date(),
    timeZone: z.string(),
    minSample: z.number().int(),
    fcr: interval.meta({ description: 'First-contact resolution: answers saying the issue was resolved.' }),
    data: z.union([z.array(metric), z.array(reasonMetric)]).meta({ description: 'Reason rows with groupBy=reason, metric rows otherwise.' }),
  })
  .meta({ id: 'Metrics' });

export const ZFollowup = z
  .strictObject({
    id: z.string(),
    url: z.url(),
    status: z.enum(FOLLOWUP_STATUSES),
    reasons: z.strictObject({ lowScore: z.boolean(), keywords: z.array(z.string()) }),
    openedAt: when,
    dueAt: when,
    overdue: z.boolean(),
    firstActionAt: when.nullable(),
    closedAt: when.nullable(),
    outcome: z.string().nullable(),
    assignee: z.strictObject({ kind: z.enum(['agent', 'user']), email: z.string(), name: z.string().nullable() }).nullable(),
    customer,
    agent: person,
    team: z.string().nullable(),
    response: z.strictObject({ id: z.string(), survey: z.enum(SURVEY_KINDS), score: z.number().int(), comment: z.string().nullable() }),
    interaction: z.strictObject({ externalId: z.string(), channel: z.enum(CHANNELS) }),
    ticketUrl,
    recovery: z
      .strictObject({
        status: z.enum(REQUEST_STATUSES),
        sendAfter: when.nullable(),
        sentAt: when.nullable(),
        score: z.number().int().nullable(),
        recovered: z.boolean().nullable(),
      })
      .nullable(),
  })
  .meta({ id: 'Followup' });

export const ZFollowupsPage = z.strictObject({ data: z.array(ZFollowup), nextCursor: z.string().nullable() }).meta({ id: 'FollowupsPage' });

// What the handlers build, checked against the schemas at compile time (`satisfies`).
export type TResponsesPage = z.input<typeof ZResponsesPage>;
export type TMetrics = z.input<typeof ZMetrics>;
export type TFollowup = z.input<typeof ZFollowup>;
export type TFollowupsPage = z.input<typeof ZFollowupsPage>;

const period = z.strictObject({ from: z.iso.date(), to: z.iso.date() });

export const ZThemes = z
  .strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    previous: period.meta({ description: 'The period of the same length right before, that trends compare with.' }),
    comments: z.strictObject({ now: z.number().int(), before: z.number().int(), negativeShare: z.number() }),
    data: z.array(
      z.strictObject({
        id: z.string().meta({ description: 'Stable reference of the theme (what dashboard links carry).' }),
        name: z.string(),
        pinned: z.boolean(),
        responses: z.number().int(),
        share: z.number().meta({ description: "Of the period's analysed comments." }),
        negativeShare: z.number(),
        lowShare: z.number().meta({ description: "Share of the theme's answers with a low score." }),
        previous: z.number().int().meta({ description: 'Answers in the previous period.' }),
        trend: z.enum(['new', 'up', 'down', 'flat']),
      }),
    ),
  })
  .meta({ id: 'Themes' });
export type TThemes = z.input<typeof ZThemes>;

// data rights: GET /api/v1/customers/{email}/export
const exportedAnswer = z.strictObject({
  id: z.string(),
  score: z.number().int(),
  comment: z.string().nullable(),
  reasons: z.array(z.string()),
  resolved: z.boolean().nullable(),
  flagged: z.boolean(),
  source: z.enum(['auto', 'explicit', 'import']),
  sentiment: z.enum(SENTIMENTS).nullable(),
  sentimentScore: z.number().nullable(),
  severity: z.enum(SEVERITIES).nullable(),
  language: z.string().nullable(),
  themes: z.array(z.string()).meta({ description: 'Theme phrases read from the comment, as the customer wrote them.' }),
  createdAt: when,
  updatedAt: when,
});

const exportedSurvey = z.strictObject({
  id: z.string(),
  purpose: z.enum(['survey', 'recovery']),
  survey: z.enum(SURVEY_KINDS),
  delivery: z.enum(['email', 'link']),
  status: z.enum(REQUEST_STATUSES),
  reason: z.string().nullable(),
  sendAfter: when,
  sentAt: when.nullable(),
  deliveryStatus: z.string().nullable(),
  remindersSent: z.number().int(),
  response: exportedAnswer.nullable(),
  events: z.array(
    z.strictObject({
      kind: z.enum(['click', 'confirm', 'submit', 'unsubscribe', 'details']),
      score: z.number().int().nullable(),
      comment: z.string().nullable(),
      reasons: z.array(z.string()).nullable(),
      resolved: z.boolean().nullable(),
      flagged: z.boolean(),
      userAgent: z.string().nullable(),
      at: when,
    }),
  ).meta({ description: 'Everything the survey link saw: clicks, confirmations, submissions, unsubscribes.' }),
});

export const ZCustomerExport = z
  .strictObject({
    exportedAt: when,
    customer: z.strictObject({ id: z.string(), email: z.string(), name: z.string().nullable(), locale: z.string().nullable(), createdAt: when }),
    suppression: z.strictObject({ reason: z.string(), since: when }).nullable(),
    churnEvents: z
      .array(z.strictObject({ type: z.enum(['churned', 'reactivated']), at: when, reason: z.string().nullable(), source: z.enum(['api', 'import']), recordedAt: when }))
      .meta({ description: 'Churned and reactivated events, oldest first.' }),
    interactions: z.array(
      z.strictObject({
        id: z.string(),
        externalId: z.string(),
        agent: person,
        team: z.string().nullable(),
        channel: z.enum(CHANNELS),
        survey: z.enum(SURVEY_KINDS),
        tags: z.array(z.string()),
        closedAt: when,
        createdAt: when,
        ticket: z.strictObject({ helpdesk: z.string().nullable(), ticketId: z.string() }).nullable(),
        surveys: z.array(exportedSurvey),
      }),
    ),
    followups: z.array(
      z.strictObject({
        id: z.string(),
        interactionId: z.string(),
        responseId: z.string(),
        survey: z.enum(SURVEY_KINDS),
        status: z.enum(FOLLOWUP_STATUSES),
        openedAt: when,
        dueAt: when,
        closedAt: when.nullable(),
        outcome: z.string().nullable(),
        recovery: z.strictObject({ score: z.number().int().nullable(), comment: z.string().nullable(), at: when }).nullable(),
        activity: z.array(z.strictObject({ at: when, actor: z.string(), kind: z.string(), body: z.string().nullable(), data: z.unknown() })),
      }),
    ),
    emails: z
      .array(z.strictObject({ id: z.string(), from: z.string(), subject: z.string(), text: z.string(), sentAt: when }))
      .meta({ description: 'Copies of emails sent to the customer, kept when Heard runs without a mail provider (the outbox).' }),
  })
  .meta({ id: 'CustomerExport', description: 'Everything Heard holds about one customer.' });

export const ZErasureContinuing = z
  .strictObject({ status: z.literal('continuing') })
  .meta({ id: 'ErasureContinuing', description: 'Erasure started; runDueWork finishes it. Asking again is harmless and answers 204 once done.' });
export type TErasureContinuing = z.input<typeof ZErasureContinuing>;

export const ZCustomerEventResult = z
  .strictObject({
    event: z.strictObject({ id: z.string(), type: z.enum(['churned', 'reactivated']), at: when, reason: z.string().nullable() }),
    customer: z.strictObject({
      email: z.string(),
      name: z.string().nullable(),
      state: z.enum(['active', 'churned']).meta({ description: 'Churned after a churned event with no later reactivated one.' }),
      churnedAt: when.nullable(),
    }),
  })
  .meta({ id: 'CustomerEventResult' });
export type TCustomerEventResult = z.input<typeof ZCustomerEventResult>;

const churnRate = z
  .strictObject({
    churned: z.number().int(),
    customers: z.number().int(),
    rate: z.number().nullable().meta({ description: 'churned ÷ customers, 0–1; null without customers.' }),
    low: z.number().nullable(),
    high: z.number().nullable(),
  })
  .meta({ id: 'ChurnRate', description: 'A churn rate with its 95% Wilson interval.' });
const churnRates = z
  .strictObject({
    simple: churnRate.meta({ description: 'Against the customers at the period’s start.' }),
    adjusted: churnRate.meta({ description: 'Against the customers at the period’s midpoint.' }),
  })
  .meta({ id: 'ChurnRates' });

const churnRow = z
  .strictObject({
    period: z.string().meta({ description: '2026-03, or 2026 Q1.' }),
    from: z.iso.date(),
    to: z.iso.date(),
    overall: churnRates,
    nps: z.strictObject({ promoter: churnRates, passive: churnRates, detractor: churnRates, none: churnRates }).meta({ description: 'By the customer’s last NPS answer before the instant counted.' }),
    csat: z.strictObject({ satisfied: churnRates, not_satisfied: churnRates, none: churnRates }).meta({ description: 'By the customer’s last CSAT answer (4–5 satisfied).' }),
    recovery: z
      .strictObject({ recovered: churnRates, not_recovered: churnRates, none: churnRates })
      .meta({ description: 'By the customer’s last follow-up task: won back (recovery survey no longer low, or the customer changed the score) or not; none without a task.' }),
  })
  .meta({ id: 'ChurnPeriod' });

export const ZChurn = z
  .strictObject({
    from: z.iso.date(),
    to: z.iso.date(),
    interval: z.enum(['month', 'quarter']),
    timeZone: z.string(),
    data: z.array(churnRow),
    total: churnRow.meta({ description: 'The periods pooled (period "All"): Σ churned ÷ Σ customers at each period’s start (or midpoint), the range’s churn per period.' }),
  })
  .meta({ id: 'Churn' });
export type TChurn = z.input<typeof ZChurn>;
