import { describe, expect, it } from 'vitest';
import { resolveScheme } from './colorScheme';

describe('the colour scheme shown', () => {
  it('is the account’s choice when it made one, whatever the device says', () => {
    expect(resolveScheme('dark', false)).toBe('dark');
    expect(resolveScheme('light', true)).toBe('light');
  });

  it('follows the device for System, and for a profile stored before themes existed', () => {
    expect(resolveScheme('system', true)).toBe('dark');
    expect(resolveScheme('system', false)).toBe('light');
    expect(resolveScheme(undefined, true)).toBe('dark');
  });
});
