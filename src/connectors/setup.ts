// What an admin does in each helpdesk to connect it: the steps shown on the integration page, the
// JSON body to paste where the helpdesk lets the admin write one (Zendesk triggers, Freshdesk
// automations), and hints for the API fields. Text only: no I/O, nothing secret beyond a hint.
import type { Provider } from '../db/schema';

export const PROVIDER_LABELS: Record<Provider, string> = {
  zendesk: 'Zendesk',
  freshdesk: 'Freshdesk',
  intercom: 'Intercom',
  helpscout: 'Help Scout',
  front: 'Front',
};

/** The body a Zendesk trigger sends: Zendesk's placeholders render as plain text (tags space-separated). */
export const ZENDESK_TRIGGER_BODY = {
  ticket_id: '{{ticket.id}}',
  status: '{{ticket.status}}',
  requester_email: '{{ticket.requester.email}}',
  requester_name: '{{ticket.requester.name}}',
  requester_language: '{{ticket.requester.language}}',
  assignee_email: '{{ticket.assignee.email}}',
  assignee_name: '{{ticket.assignee.name}}',
  group: '{{ticket.group.name}}',
  via: '{{ticket.via}}',
  tags: '{{ticket.tags}}',
  updated_at: '{{ticket.updated_at_with_timestamp}}',
};

/** The body a Freshdesk automation rule sends, with Freshdesk's own placeholders. */
export const FRESHDESK_AUTOMATION_BODY = {
  ticket_id: '{{ticket.id}}',
  status: '{{ticket.status}}',
  contact_email: '{{ticket.contact.email}}',
  contact_name: '{{ticket.contact.name}}',
  agent_email: '{{ticket.agent.email}}',
  agent_name: '{{ticket.agent.name}}',
  group: '{{ticket.group.name}}',
  source: '{{ticket.source}}',
  tags: '{{ticket.tags}}',
  updated_at: '{{ticket.updated_at}}',
};

/** Freshdesk cannot sign its webhooks, so it sends the connection's secret back in this header. */
export const FRESHDESK_SECRET_HEADER = 'X-Heard-Secret';

export interface ApiHints {
  /** Where the secret comes from: the helpdesk generates it, or the admin picks one (Heard can). */
  secretFrom: 'helpdesk' | 'you';
  apiUrl: string;
  /** Label of the API user field, where the provider needs one. */
  apiUser?: string;
  apiToken: string;
  ticketUrl: string;
}

export const API_HINTS: Record<Provider, ApiHints> = {
  zendesk: {
    secretFrom: 'helpdesk',
    apiUrl: 'https://yourcompany.zendesk.com',
    apiUser: 'Agent email the API token belongs to',
    apiToken: 'Zendesk API token',
    ticketUrl: 'https://yourcompany.zendesk.com/agent/tickets/{id}',
  },
  freshdesk: {
    secretFrom: 'you',
    apiUrl: 'https://yourcompany.freshdesk.com',
    apiToken: 'Freshdesk API key (Profile settings)',
    ticketUrl: 'https://yourcompany.freshdesk.com/a/tickets/{id}',
  },
  intercom: {
    secretFrom: 'helpdesk',
    apiUrl: 'https://api.intercom.io',
    apiUser: 'Admin id notes are written as',
    apiToken: 'Intercom access token',
    ticketUrl: 'https://app.intercom.com/a/inbox/yourworkspace/inbox/conversation/{id}',
  },
  helpscout: {
    secretFrom: 'you',
    apiUrl: 'https://api.helpscout.net',
    apiUser: 'App ID of your Help Scout app',
    apiToken: 'App secret of your Help Scout app',
    ticketUrl: 'https://secure.helpscout.net/conversation/{id}',
  },
  front: {
    secretFrom: 'helpdesk',
    apiUrl: 'https://api2.frontapp.com',
    apiToken: 'Front API token',
    ticketUrl: 'https://app.frontapp.com/open/{id}',
  },
};

const json = (body: object) => JSON.stringify(body, null, 2);

/** The steps for one helpdesk; `secret` only shows as its last characters, to check the right one was pasted. */
export function setupGuide(provider: Provider, webhookUrl: string, secret: string): { steps: string[]; body?: string } {
  const ending = `ending in “${secret.slice(-4)}”`;
  switch (provider) {
    case 'zendesk':
      return {
        steps: [
          `In Admin Center, open Apps and integrations → Webhooks and create a webhook of type “Trigger or automation”: endpoint ${webhookUrl}, method POST, format JSON, no authentication.`,
          'Open the new webhook, reveal its signing secret and paste it into “Signing secret” under Edit connection on this page (Zendesk signs with its own secret).',
          'In Objects and rules → Triggers, add a trigger: conditions “Ticket status category | Changed to | Solved”; action “Notify by → Active webhook”, choose the webhook, and paste the JSON body below.',
          'Optional: a second webhook subscribed to the event “Ticket status changed” works too; Heard then looks up the requester, assignee and group through the API, so fill in the API fields.',
          'For notes and tags on the ticket: in Apps and integrations → Zendesk API, add an API token; enter your Zendesk URL, the agent email and the token under Edit connection.',
          'Click “Send a test event” below, then solve a test ticket: both appear under Recent deliveries.',
        ],
        body: json(ZENDESK_TRIGGER_BODY),
      };
    case 'freshdesk':
      return {
        steps: [
          'In Admin → Workflows → Automations → Ticket updates, create a rule: when “Status is changed” to Resolved (add Closed too if your team closes without resolving).',
          `Action “Trigger webhook”: request type POST, URL ${webhookUrl}, encoding JSON, content “Advanced”, and paste the JSON body below.`,
          `Freshdesk cannot sign requests: add the custom header ${FRESHDESK_SECRET_HEADER} with the secret above (${ending}), or tick “Requires authentication” with any username and the secret as password.`,
          'For private notes on the ticket: enter your Freshdesk URL and your API key (Profile settings → View API key) under Edit connection.',
          'Click “Send a test event” below, then resolve a test ticket: both appear under Recent deliveries.',
        ],
        body: json(FRESHDESK_AUTOMATION_BODY),
      };
    case 'intercom':
      return {
        steps: [
          'In the Developer Hub, open your app (or create one for Heard) → Webhooks.',
          `Set the endpoint URL to ${webhookUrl} and subscribe to the topic conversation.admin.closed.`,
          'Copy the app’s client secret (Basic information) into “Signing secret” under Edit connection: Intercom signs every notification with it.',
          'Enter https://api.intercom.io and the app’s access token (Authentication) under Edit connection: Heard looks up customers’ emails with it and writes admin notes; give the id of the admin the notes are written as.',
          'Click “Send a test event” below, then close a test conversation.',
        ],
      };
    case 'helpscout':
      return {
        steps: [
          'In Manage → Apps → Webhooks, add a webhook.',
          `Callback URL ${webhookUrl}; secret key: the secret above (${ending}), which you may replace by one of your own under Edit connection.`,
          'Tick the event “Conversation → Status updated”; Heard starts a survey when the status becomes closed and records the others as ignored.',
          'For notes on the conversation: create an app in Your profile → My apps and enter https://api.helpscout.net, its App ID and App secret under Edit connection.',
          'Click “Send a test event” below, then close a test conversation.',
        ],
      };
    case 'front':
      return {
        steps: [
          `Either a rule: Settings → Rules → new rule “When a conversation is archived, send to a webhook” with the URL ${webhookUrl}, or an app: Settings → Developers → your app → Webhooks with the event “Conversation archived” and the same URL.`,
          'Copy the app’s signing secret (or your company’s API secret for rule webhooks) into “Signing secret” under Edit connection. Heard answers the app’s validation challenge by itself.',
          'Turn on “Send full event data” so the customer and assignee come with each event.',
          'For comments on the conversation: create an API token in Settings → Developers and enter https://api2.frontapp.com and the token under Edit connection.',
          'Click “Send a test event” below, then archive a test conversation.',
        ],
      };
  }
}
