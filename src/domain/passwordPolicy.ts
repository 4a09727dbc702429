// What Heard accepts as a password. Length is what makes a password strong; there are no composition
// rules, which only push people towards predictable patterns.

export const MIN_PASSWORD_LENGTH = 12;
/** PBKDF2 hashes any length, but an unbounded one is a cheap way to make the server work hard. */
export const MAX_PASSWORD_LENGTH = 256;

export function passwordProblem(password: string, email: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`;
  if (length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return 'Do not use your email address as your password.';
  return null;
}
