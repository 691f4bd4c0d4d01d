/** Client-side checks that mirror the server's rules, so most mistakes are caught before a round trip. */

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export interface RegisterForm {
  username: string;
  email: string;
  displayName: string;
  password: string;
}

export interface LoginForm {
  login: string;
  password: string;
}

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 32;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX_BYTES = 1024;
export const DISPLAY_NAME_MAX = 64;
const USERNAME_CHARS = /^[a-z0-9_.-]+$/;
const EMAIL_SHAPE = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const EMAIL_MAX = 254;
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/;

/** Length in characters as a person counts them (code points, not UTF-16 units), as the server does. */
function length(value: string): number {
  return [...value].length;
}

/** The server stores usernames trimmed and in lower case. */
export function normalizeUsername(raw: string): string {
  return raw.trim().toLowerCase();
}

/** The server stores emails trimmed and in lower case. */
export function normalizeEmail(raw: string): string {
  return raw.trim().toLowerCase();
}

export function validateUsername(raw: string): string | undefined {
  const username = normalizeUsername(raw);
  if (!username) return 'Choose a username.';
  if (!USERNAME_CHARS.test(username)) return 'Use only letters a–z, digits, _ . or -.';
  if (username.length < USERNAME_MIN) return `Use at least ${USERNAME_MIN} characters.`;
  if (username.length > USERNAME_MAX) return `Use at most ${USERNAME_MAX} characters.`;
  return undefined;
}

export function validateEmail(raw: string): string | undefined {
  const email = normalizeEmail(raw);
  if (!email) return 'Enter your email address.';
  if (email.length > EMAIL_MAX || !EMAIL_SHAPE.test(email)) {
    return 'Enter a valid email address, like name@example.com.';
  }
  return undefined;
}

export function validateNewPassword(password: string): string | undefined {
  if (!password) return 'Choose a password.';
  if (length(password) < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters.`;
  if (new TextEncoder().encode(password).length > PASSWORD_MAX_BYTES) return 'That password is too long.';
  return undefined;
}

/** Optional: blank means the username is shown instead. */
export function validateDisplayName(raw: string): string | undefined {
  const name = raw.trim();
  if (length(name) > DISPLAY_NAME_MAX) return `Use at most ${DISPLAY_NAME_MAX} characters.`;
  if (CONTROL_CHARS.test(name)) return 'Remove the control characters.';
  return undefined;
}

function withoutEmpty<K extends string>(errors: Record<K, string | undefined>): FieldErrors<K> {
  const result: FieldErrors<K> = {};
  for (const key of Object.keys(errors) as K[]) {
    const message = errors[key];
    if (message) result[key] = message;
  }
  return result;
}

export function validateRegister(form: RegisterForm): FieldErrors<keyof RegisterForm> {
  return withoutEmpty({
    username: validateUsername(form.username),
    email: validateEmail(form.email),
    displayName: validateDisplayName(form.displayName),
    password: validateNewPassword(form.password),
  });
}

export function validateLogin(form: LoginForm): FieldErrors<keyof LoginForm> {
  return withoutEmpty({
    login: form.login.trim() ? undefined : 'Enter your username or email.',
    password: form.password ? undefined : 'Enter your password.',
  });
}

export function hasErrors(errors: object): boolean {
  return Object.keys(errors).length > 0;
}

/**
 * Splits the server's per-field messages into those a form shows next to its fields and the
 * rest, which belong in the form-level message.
 */
export function splitFieldErrors<K extends string>(
  fields: Readonly<Record<string, string>>,
  known: readonly K[],
): { byField: FieldErrors<K>; other: string[] } {
  const byField: FieldErrors<K> = {};
  const other: string[] = [];
  for (const [name, message] of Object.entries(fields)) {
    if ((known as readonly string[]).includes(name)) byField[name as K] = message;
    else other.push(message);
  }
  return { byField, other };
}
