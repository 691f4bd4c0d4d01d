/** Shapes of the server's JSON, exactly as the API sends them. */

export type UserId = number;

/** The colour scheme an account's devices show; "system" follows the device. */
export type ThemePreference = 'system' | 'light' | 'dark';

export const THEME_PREFERENCES: readonly ThemePreference[] = ['system', 'light', 'dark'];

export interface User {
  id: UserId;
  username: string;
  email: string;
  displayName: string | null;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
  /** Absent from profiles stored before themes existed: "system". */
  theme?: ThemePreference;
}

export interface UserSummary {
  id: UserId;
  username: string;
  displayName: string | null;
}

export interface AuthResponse {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** Access token lifetime in seconds. */
  expiresIn: number;
}

export interface RegisterRequest {
  username: string;
  email: string;
  password: string;
  displayName?: string;
}

export interface LoginRequest {
  /** Username or email. */
  login: string;
  password: string;
}

/** The name to show for a user: their display name, else their username. */
export function nameOf(user: Pick<User, 'username' | 'displayName'>): string {
  const display = user.displayName?.trim();
  return display ? display : user.username;
}
