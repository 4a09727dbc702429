// Every helpdesk Heard connects to, by provider.
import { PROVIDERS, type Provider } from '../db/schema';
import { freshdesk } from './freshdesk';
import { front } from './front';
import { helpscout } from './helpscout';
import { intercom } from './intercom';
import type { Connector } from './types';
import { zendesk } from './zendesk';

export const CONNECTORS: Record<Provider, Connector> = { zendesk, freshdesk, intercom, helpscout, front };

export const isProvider = (v: string): v is Provider => (PROVIDERS as readonly string[]).includes(v);

export const connectorFor = (provider: string): Connector | null => (isProvider(provider) ? CONNECTORS[provider] : null);

/** The setup text the integration page and the README show for a provider. */
export const setupText = (provider: Provider) => CONNECTORS[provider].setup;
