// Which transport a configuration asks for: Resend with a key, otherwise the development outbox.
import type { Config } from '../config';
import type { Deps } from '../deps';
import { createOutboxMailer } from './outbox';
import { createResendMailer } from './resend';
import type { Mailer } from './types';

export function mailerFor(config: Config, base: Pick<Deps, 'db' | 'clock' | 'newId'>): Mailer {
  return config.resendApiKey
    ? createResendMailer({ apiKey: config.resendApiKey, baseUrl: config.resendBaseUrl })
    : createOutboxMailer(base);
}
