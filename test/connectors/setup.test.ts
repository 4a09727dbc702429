// The setup text admins follow is written once, in the connectors; the README must show the same.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { CONNECTORS } from '../../src/connectors';
import { parseJson } from '../../src/connectors/read';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

it('shows every connector’s setup steps and pasted body in the README, and the bodies are JSON', () => {
  for (const c of Object.values(CONNECTORS)) {
    expect(readme).toContain(`### ${c.label}\n`);
    c.setup.steps.forEach((step, i) => expect(readme).toContain(`${i + 1}. ${step}`));
    if (c.setup.body) {
      expect(readme).toContain(c.setup.body);
      expect(parseJson(c.setup.body).ok).toBe(true);
    }
  }
  expect(CONNECTORS.zendesk.setup.body).toContain('{{ticket.requester.email}}');
  expect(CONNECTORS.freshdesk.setup.body).toContain('{{ticket.contact.email}}');
});
