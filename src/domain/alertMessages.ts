// What an alert says, and its two chat bodies: a Slack incoming-webhook message (text plus Block Kit
// blocks) and a Microsoft Teams message carrying an Adaptive Card (incoming webhooks and Workflows'
// "post to a channel when a webhook request is received" both accept it). Everything a customer or
// a helpdesk typed is escaped for the format it lands in.
import { escapeSlack } from './slackText';
import { SCALES, type SurveyKind } from './surveys';

export interface AlertMessage {
  /** The rule's name and what it watches for. */
  rule: string;
  condition: string;
  survey: SurveyKind;
  score: number;
  comment: string | null;
  customer: string;
  agent: string;
  team: string | null;
  /** Where to act in Heard: the follow-up task when there is one, else the agent's responses. */
  link: string;
  linkLabel: string;
  /** A "Send a test alert" message, marked as such. */
  test?: boolean;
}

/** Chat services cut long messages; a comment is shown up to this many characters. */
export const MAX_COMMENT_CHARS = 1500;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

export const scoreText = (m: Pick<AlertMessage, 'survey' | 'score'>) => `${m.survey.toUpperCase()} ${m.score}/${SCALES[m.survey].max}`;

/** The subject line of every format. */
export const alertTitle = (m: AlertMessage) => `${m.test ? '[Test] ' : ''}${scoreText(m)} from ${m.customer}`;

export const alertFacts = (m: AlertMessage): [string, string][] => [
  ['Customer', m.customer],
  ['Agent', m.agent],
  ['Team', m.team ?? '—'],
  ['Alert', `${m.rule} (${m.condition})`],
];

/** The plain-text body, for email. */
export function alertText(m: AlertMessage): string {
  const lines = [alertTitle(m), '', ...(m.comment ? [`“${m.comment}”`, ''] : []), ...alertFacts(m).map(([k, v]) => `${k}: ${v}`), '', `${m.linkLabel}: ${m.link}`];
  return `${lines.join('\n')}\n`;
}

// ---- Slack ----
// https://api.slack.com/messaging/webhooks, https://api.slack.com/reference/block-kit/blocks

/** Slack caps a section's text at 3,000 characters, counted after escaping. */
const SLACK_SECTION_MAX = 3000;

/** Slack's mrkdwn quote of a comment: every line prefixed, the text escaped, shortened until it fits. */
function slackQuote(text: string): string {
  for (let max = MAX_COMMENT_CHARS; ; max = Math.floor(max / 2)) {
    const quoted = escapeSlack(clip(text, max))
      .split('\n')
      .map((l) => `>${l}`)
      .join('\n');
    if (quoted.length <= SLACK_SECTION_MAX || max < 100) return quoted;
  }
}

export function slackMessage(m: AlertMessage) {
  const title = escapeSlack(alertTitle(m));
  return {
    // The notification and fallback line.
    text: `${title}${m.comment ? `: ${escapeSlack(clip(m.comment, 200))}` : ''}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } },
      ...(m.comment ? [{ type: 'section', text: { type: 'mrkdwn', text: slackQuote(m.comment) } }] : []),
      { type: 'section', fields: alertFacts(m).map(([k, v]) => ({ type: 'mrkdwn', text: `*${k}*\n${escapeSlack(v)}` })) },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: m.linkLabel }, url: m.link }] },
    ],
  };
}

// ---- Microsoft Teams ----
// https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
// https://adaptivecards.io/explorer/

/**
 * Adaptive Card text blocks read a subset of Markdown: its marks are backslash-escaped so a name
 * shows as written. The comment goes in a TextRun, which Teams never reads as Markdown.
 */
export const escapeTeams = (text: string) => text.replace(/[\\*_~`#[\]()<>!{}]/g, (c) => `\\${c}`);

export function teamsMessage(m: AlertMessage) {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: escapeTeams(alertTitle(m)), weight: 'Bolder', size: 'Medium', wrap: true },
            ...(m.comment ? [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: clip(m.comment, MAX_COMMENT_CHARS), italic: true }] }] : []),
            { type: 'FactSet', facts: alertFacts(m).map(([title, value]) => ({ title, value: escapeTeams(value) })) },
          ],
          actions: [{ type: 'Action.OpenUrl', title: m.linkLabel, url: m.link }],
        },
      },
    ],
  };
}
