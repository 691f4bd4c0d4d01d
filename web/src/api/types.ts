/** Shapes of the server's JSON, exactly as the API sends them. */

export type UserId = number;

export interface User {
  id: UserId;
  username: string;
  email: string;
  displayName: string | null;
  /** Milliseconds since the Unix epoch. */
  createdAt: number;
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
