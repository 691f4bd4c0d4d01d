import { describe, expect, it } from 'vitest';
import { ApiError, networkError } from '../api/errors';
import { describeSubmitError } from './submitErrors';

const FIELDS = ['username', 'email', 'password'] as const;

describe('describeSubmitError', () => {
  it('puts field messages next to their fields and leaves the form message out', () => {
    const error = new ApiError({
      status: 409,
      code: 'conflict',
      message: 'Validation failed',
      fields: { username: 'already taken', email: 'already registered' },
    });
    expect(describeSubmitError(error, FIELDS)).toEqual({
      fieldErrors: { username: 'Already taken', email: 'Already registered' },
      formError: null,
    });
  });

  it('shows messages for fields the form does not have at form level', () => {
    const error = new ApiError({ status: 400, code: 'invalid', message: 'Invalid', fields: { username: 'too short', invite: 'expired' } });
    expect(describeSubmitError(error, FIELDS)).toEqual({ fieldErrors: { username: 'Too short' }, formError: 'Expired' });
  });

  it('shows the message at form level when there are no field messages', () => {
    const error = new ApiError({ status: 401, code: 'invalid_credentials', message: 'Invalid username or password.' });
    expect(describeSubmitError(error, FIELDS)).toEqual({ fieldErrors: {}, formError: 'Invalid username or password.' });
  });

  it('says how long to wait when rate limited', () => {
    const error = new ApiError({ status: 429, code: 'rate_limited', message: 'Too many attempts.', retryAfterSeconds: 30 });
    expect(describeSubmitError(error, FIELDS).formError).toBe('Too many attempts. Try again in 30 seconds.');
  });

  it('explains a network failure', () => {
    expect(describeSubmitError(networkError(), FIELDS).formError).toBe(
      "Can't reach the server. Check your connection and try again.",
    );
  });

  it('has a generic message for unexpected failures', () => {
    expect(describeSubmitError(new Error('bug'), FIELDS)).toEqual({
      fieldErrors: {},
      formError: 'Something went wrong. Please try again.',
    });
  });
});
