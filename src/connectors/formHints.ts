// Hints for the connection form's API fields, per helpdesk. The setup steps and the JSON bodies to
// paste live with each connector (its `setup`), so the page, the README and the parser agree.
import type { Provider } from '../db/schema';

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
