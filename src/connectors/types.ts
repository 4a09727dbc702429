// What every helpdesk connector provides. One file per provider (zendesk.ts, freshdesk.ts, …)
// exports a `Connector`; the intake route, the write-back jobs and the integration page use
// only this shape, so a new helpdesk is one new file plus its entry in index.ts.
import type { Channel, Provider } from '../db/schema';
import type { Result } from '../domain/result';
import type { TicketNoteContent } from '../domain/ticketNote';

/** A connection as a connector sees it (secrets included: connectors run server-side only). */
export interface ConnectionInfo {
  id: string;
  provider: Provider;
  secret: string;
  apiUrl: string | null;
  apiUser: string | null;
  apiToken: string | null;
}

/** A webhook request exactly as received: signatures are over the raw bytes. */
export interface InboundHook {
  headers: Headers;
  rawBody: string;
  /** Epoch ms, for timestamp freshness checks. */
  now: number;
}

/** A person as the payload names them; `id` alone means the API must be asked for the rest. */
export interface PersonRef {
  id?: string;
  email?: string;
  name?: string;
  locale?: string;
}

/** A ticket that closed, in Heard's terms but still with the helpdesk's ids. */
export interface ClosedTicket {
  ticketId: string;
  /** When it closed (epoch ms): with the ticket id it keys the interaction, so a re-close is new. */
  closedAt: number;
  customer: PersonRef;
  agent: PersonRef;
  /** The helpdesk's group/team, by name or by id to look up. */
  team?: { id?: string; name?: string };
  channel: Channel;
  tags: string[];
}

export type Parsed =
  | { kind: 'closed'; event: string; dedupeKey: string; ticket: ClosedTicket }
  | { kind: 'ignored'; event: string; dedupeKey: string; reason: string }
  /** A handshake the provider expects answered as-is (Front's app challenge). */
  | { kind: 'challenge'; body: string; contentType: string };

/** The content of a write-back: one internal note and the tags that go with it (built in src/domain/ticketNote.ts). */
export type TicketNote = TicketNoteContent;

/** One HTTP call to the helpdesk's API; built purely, sent by the caller. */
export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the integration page and the README show an admin connecting this helpdesk. */
export interface SetupText {
  steps: string[];
  /** The exact JSON body to paste into the helpdesk's trigger/automation, with its placeholders. */
  body?: string;
}

export interface Connector {
  provider: Provider;
  label: string;
  setup: SetupText;
  /** API base URL used when a connection with a token names none (providers with one API host). */
  defaultApiUrl?: string;
  /** What `--api-user` means for this provider, when it needs one for look-ups or write-back. */
  apiUser?: string;
  /** The ticket link template (`{id}` for the ticket id) when the admin gives none. */
  ticketUrl?(apiUrl: string | null): string | null;
  /** Checks the signature (or shared secret) and any timestamp; the reason says what was wrong. */
  verify(conn: ConnectionInfo, hook: InboundHook): Promise<Result<void, string>>;
  /** Reads a verified payload; a shape it cannot read is an error with a readable reason. */
  parse(hook: InboundHook): Result<Parsed, string>;
  /** Fills in what the payload gave only as ids, through the helpdesk's API. */
  lookup?(conn: ConnectionInfo, ticket: ClosedTicket, fetchJson: FetchJson): Promise<ClosedTicket>;
  /** The API call that writes a note (and tags) to the ticket. */
  writeBack(conn: ConnectionInfo, ticketId: string, note: TicketNote): ApiCall;
}

/** Sends an ApiCall and reads its JSON; throws HelpdeskError on a non-2xx answer. */
export type FetchJson = (call: ApiCall) => Promise<unknown>;

export class HelpdeskError extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
  }
}
