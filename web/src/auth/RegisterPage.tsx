import { Link } from 'react-router-dom';
import type { RegisterRequest } from '../api/types';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { PasswordField } from '../ui/PasswordField';
import { TextField } from '../ui/TextField';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { useAuth } from './AuthContext';
import { AuthLayout } from './AuthLayout';
import styles from './AuthForm.module.css';
import { useAuthForm } from './useAuthForm';
import {
  normalizeEmail,
  normalizeUsername,
  PASSWORD_MIN,
  USERNAME_MAX,
  USERNAME_MIN,
  validateRegister,
  type RegisterForm,
} from './validation';

const ORDER = ['username', 'email', 'displayName', 'password'] as const satisfies readonly (keyof RegisterForm)[];

function toRequest(values: RegisterForm): RegisterRequest {
  const request: RegisterRequest = {
    username: normalizeUsername(values.username),
    email: normalizeEmail(values.email),
    password: values.password,
  };
  const displayName = values.displayName.trim();
  if (displayName) request.displayName = displayName;
  return request;
}

export function RegisterPage() {
  useDocumentTitle('Create account');
  const { register } = useAuth();
  const { field, formError, busy, onSubmit } = useAuthForm<keyof RegisterForm>({
    initial: { username: '', email: '', displayName: '', password: '' },
    order: ORDER,
    validate: validateRegister,
    submit: (values) => register(toRequest(values)),
  });

  return (
    <AuthLayout
      title="Create your account"
      subtitle="Chat with your team on a server you run."
      footer={
        <>
          Already have an account? <Link to="/sign-in">Sign in</Link>
        </>
      }
    >
      <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="Create account">
        {formError && <Alert>{formError}</Alert>}
        <TextField
          {...field('username')}
          label="Username"
          hint={`${USERNAME_MIN}–${USERNAME_MAX} characters: letters a–z, digits, _ . or -`}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          autoFocus
          required
        />
        <TextField
          {...field('email')}
          label="Email"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          required
        />
        <TextField
          {...field('displayName')}
          label="Display name"
          hint="How others see you. Defaults to your username."
          autoComplete="name"
          optional
        />
        <PasswordField
          {...field('password')}
          label="Password"
          hint={`At least ${PASSWORD_MIN} characters`}
          autoComplete="new-password"
          required
        />
        <Button type="submit" block busy={busy} className={styles.actions}>
          {busy ? 'Creating account…' : 'Create account'}
        </Button>
      </form>
    </AuthLayout>
  );
}
