import { ApiError, userMessage } from '../api/errors';
import { splitFieldErrors, type FieldErrors } from './validation';

function sentence(message: string): string {
  const trimmed = message.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/**
 * Where a failed submit's messages go: per-field messages next to their fields, the rest in
 * the form-level message. The form-level message is left out when the fields say it all.
 */
export function describeSubmitError<K extends string>(
  error: unknown,
  fields: readonly K[],
): { fieldErrors: FieldErrors<K>; formError: string | null } {
  if (!(error instanceof ApiError)) return { fieldErrors: {}, formError: userMessage(error) };
  const { byField, other } = splitFieldErrors(error.fields, fields);
  const fieldErrors: FieldErrors<K> = {};
  for (const key of Object.keys(byField) as K[]) {
    const message = byField[key];
    if (message) fieldErrors[key] = sentence(message);
  }
  const placed = Object.keys(fieldErrors).length > 0;
  const extra = other.map(sentence);
  const formError = placed ? (extra.length ? extra.join(' ') : null) : [userMessage(error), ...extra].join(' ');
  return { fieldErrors, formError };
}
