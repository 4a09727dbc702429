// The people, groups and teams the helpdesk stand-in (helpdeskServer.ts) knows, by the ids the
// fixtures in test/fixtures/helpdesks/ name. Plain data, so tests on either runtime can use it.
export const DIRECTORY = {
  zendesk: {
    users: {
      '9001': { id: 9001, email: 'sam@support.example', name: 'Sam Agent', locale: 'en-US' },
      '9002': { id: 9002, email: 'Carla.Diaz@example.com', name: 'Carla Díaz', locale: 'es' },
      '9003': { id: 9003, email: '', name: 'No Email', locale: 'en-US' },
    } as Record<string, { id: number; email: string; name: string; locale: string }>,
    groups: { '7001': { id: 7001, name: 'Mobile' } } as Record<string, { id: number; name: string }>,
  },
  intercom: {
    contacts: { '5c9553cb27e377f24eed49f7': { type: 'contact', id: '5c9553cb27e377f24eed49f7', email: 'eeshan@example.com', name: 'Eeshan Garg' } } as Record<
      string,
      { type: string; id: string; email: string; name: string }
    >,
    admins: { '1957471': { type: 'admin', id: '1957471', email: 'cordelia@support.example', name: 'Cordelia Lear' } } as Record<
      string,
      { type: string; id: string; email: string; name: string }
    >,
    teams: { '5017691': { type: 'team', id: '5017691', name: 'Billing' } } as Record<string, { type: string; id: string; name: string }>,
  },
};
