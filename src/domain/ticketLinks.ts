// Links back to the helpdesk ticket an interaction came from, built from its connection's URL template.

/** `https://acme.zendesk.com/agent/tickets/{id}` with the ticket id filled in; null without a template. */
export function ticketLink(template: string | null, ticketId: string): string | null {
  return template ? template.replaceAll('{id}', encodeURIComponent(ticketId)) : null;
}

/** A row's ticket link, when the interaction came from a helpdesk whose connection has a URL template. */
export const ticketUrlOf = (r: { ticketId: string | null; ticketTemplate: string | null }) =>
  r.ticketId ? ticketLink(r.ticketTemplate, r.ticketId) : null;
