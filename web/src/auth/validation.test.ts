import { describe, expect, it } from 'vitest';
import {
  normalizeEmail,
  normalizeUsername,
  splitFieldErrors,
  validateLogin,
  validateRegister,
  type RegisterForm,
} from './validation';

const valid: RegisterForm = { username: 'alice_b.c-1', email: 'alice@example.com', displayName: '', password: 'eight888' };

describe('validateRegister', () => {
  it('accepts a valid form with or without a display name', () => {
    expect(validateRegister(valid)).toEqual({});
    expect(validateRegister({ ...valid, displayName: 'Alice B.' })).toEqual({});
  });

  it.each([
    ['', 'Choose a username.'],
    ['ab', 'Use at least 3 characters.'],
    ['a'.repeat(33), 'Use at most 32 characters.'],
    ['al ice', 'Use only letters a–z, digits, _ . or -.'],
    ['alice!', 'Use only letters a–z, digits, _ . or -.'],
    ['émile', 'Use only letters a–z, digits, _ . or -.'],
  ])('rejects username %j', (username, message) => {
    expect(validateRegister({ ...valid, username }).username).toBe(message);
  });

  it('accepts usernames at both length limits, in any case, ignoring surrounding spaces', () => {
    expect(validateRegister({ ...valid, username: 'abc' }).username).toBeUndefined();
    expect(validateRegister({ ...valid, username: 'a'.repeat(32) }).username).toBeUndefined();
    expect(validateRegister({ ...valid, username: '  Bob  ' }).username).toBeUndefined();
  });

  it('normalizes username and email the way the server stores them', () => {
    expect(normalizeUsername('  Bob.Smith ')).toBe('bob.smith');
    expect(normalizeEmail(' Bob@Example.COM ')).toBe('bob@example.com');
  });

  it.each([
    ['', 'Enter your email address.'],
    ['alice', 'Enter a valid email address, like name@example.com.'],
    ['alice@', 'Enter a valid email address, like name@example.com.'],
    ['root@localhost', 'Enter a valid email address, like name@example.com.'],
    ['a b@example.com', 'Enter a valid email address, like name@example.com.'],
    [`${'a'.repeat(250)}@x.io`, 'Enter a valid email address, like name@example.com.'],
  ])('rejects email %j', (email, message) => {
    expect(validateRegister({ ...valid, email }).email).toBe(message);
  });

  it('accepts a display name up to 64 characters without control characters', () => {
    expect(validateRegister({ ...valid, displayName: '😀'.repeat(64) }).displayName).toBeUndefined();
    expect(validateRegister({ ...valid, displayName: 'a'.repeat(65) }).displayName).toBe('Use at most 64 characters.');
    expect(validateRegister({ ...valid, displayName: 'tab\there' }).displayName).toBe('Remove the control characters.');
  });

  it('requires a password of at least 8 characters, counted as a person would', () => {
    expect(validateRegister({ ...valid, password: '' }).password).toBe('Choose a password.');
    expect(validateRegister({ ...valid, password: 'seven77' }).password).toBe('Use at least 8 characters.');
    expect(validateRegister({ ...valid, password: '😀😀😀😀' }).password).toBe('Use at least 8 characters.');
    expect(validateRegister({ ...valid, password: '        ' }).password).toBeUndefined();
    expect(validateRegister({ ...valid, password: 'é'.repeat(512) }).password).toBeUndefined();
    expect(validateRegister({ ...valid, password: 'é'.repeat(513) }).password).toBe('That password is too long.');
  });

  it('reports every problem at once', () => {
    expect(Object.keys(validateRegister({ username: '', email: '', displayName: '', password: '' })).sort()).toEqual([
      'email',
      'password',
      'username',
    ]);
  });
});

describe('validateLogin', () => {
  it('requires both fields', () => {
    expect(validateLogin({ login: ' ', password: '' })).toEqual({
      login: 'Enter your username or email.',
      password: 'Enter your password.',
    });
    expect(validateLogin({ login: 'alice@example.com', password: 'x' })).toEqual({});
  });
});

describe('splitFieldErrors', () => {
  it('separates fields the form shows from the rest', () => {
    expect(splitFieldErrors({ username: 'already taken', captcha: 'required' }, ['username', 'email'])).toEqual({
      byField: { username: 'already taken' },
      other: ['required'],
    });
  });
});
