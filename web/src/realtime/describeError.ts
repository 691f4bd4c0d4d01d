/** Turns a failed request, over the socket or REST, into a sentence fit to show. */
import { ApiError, userMessage } from '../api/errors';
import { AckFailure } from './ack';

/** Something that went wrong for the user to see, fit to show. */
export function describeError(error: unknown): string {
  if (error instanceof AckFailure) {
    const seconds = error.retryAfterMs ? Math.ceil(error.retryAfterMs / 1000) : 0;
    return seconds > 0 ? `${error.message} Try again in ${seconds} s.` : error.message;
  }
  if (error instanceof ApiError) return userMessage(error);
  return 'Something went wrong. Please try again.';
}
