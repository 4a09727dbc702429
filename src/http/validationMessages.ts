// What a failed check says to a person, for every schema that does not word its own message:
// "Enter text." rather than zod's "Invalid input: expected string, received undefined". The API
// still names the field beside the message (see problem.ts).
import { z } from 'zod';
import type { $ZodRawIssue } from 'zod/v4/core';

type Issue = $ZodRawIssue;

const KINDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  date: 'a date',
};

const FORMATS: Record<string, string> = {
  email: 'Enter an email address.',
  url: 'Enter a web address such as https://example.com/hook.',
  datetime: 'Use a date and time such as 2026-03-02T10:00:00Z.',
  date: 'Use a date such as 2026-03-02.',
  uuid: 'Use an id as Heard gave it.',
};

const n = (v: number | bigint) => Number(v).toLocaleString('en-US');

export function humanMessage(issue: Issue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return 'This is required.';
      return `Must be ${KINDS[issue.expected] ?? issue.expected}.`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'This is required.' : `Use at least ${n(issue.minimum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Give at least ${n(issue.minimum)}.`;
      return `Must be at least ${n(issue.minimum)}.`;
    case 'too_big':
      if (issue.origin === 'string') return `Use at most ${n(issue.maximum)} characters.`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Give at most ${n(issue.maximum)}.`;
      return `Must be at most ${n(issue.maximum)}.`;
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'Is not in the expected format.';
    case 'invalid_value':
      return issue.values.length === 1 ? `Must be ${String(issue.values[0])}.` : `Choose one of: ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return `Unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`;
    case 'invalid_union':
      return 'Is not one of the accepted forms.';
    case 'not_multiple_of':
      return `Must be a multiple of ${String(issue.divisor)}.`;
    default:
      return undefined;
  }
}

/** Zod's settings are process-wide: installing the same function again changes nothing. */
export function useHumanMessages(): void {
  z.config({ customError: humanMessage });
}
