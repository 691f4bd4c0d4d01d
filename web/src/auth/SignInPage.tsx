import { Link } from 'react-router-dom';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { PasswordField } from '../ui/PasswordField';
import { TextField } from '../ui/TextField';
import { useDocumentTitle } from '../ui/useDocumentTitle';
import { useAuth } from './AuthContext';
import { AuthLayout } from './AuthLayout';
import styles from './AuthForm.module.css';
import { useAuthForm } from './useAuthForm';
import { validateLogin, type LoginForm } from './validation';

const ORDER = ['login', 'password'] as const satisfies readonly (keyof LoginForm)[];

export function SignInPage() {
  useDocumentTitle('Sign in');
  const { login } = useAuth();
  const { field, formError, busy, onSubmit } = useAuthForm<keyof LoginForm>({
    initial: { login: '', password: '' },
    order: ORDER,
    validate: validateLogin,
    submit: (values) => login({ login: values.login.trim(), password: values.password }),
  });

  return (
    <AuthLayout
      title="Welcome back"
      subtitle="Sign in to pick up your conversations."
      footer={
        <>
          New to Parley? <Link to="/register">Create an account</Link>
        </>
      }
    >
      <form className={styles.form} onSubmit={onSubmit} noValidate aria-label="Sign in">
        {formError && <Alert>{formError}</Alert>}
        <TextField
          {...field('login')}
          label="Username or email"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          autoFocus
          required
        />
        <PasswordField {...field('password')} label="Password" autoComplete="current-password" required />
        <Button type="submit" block busy={busy} className={styles.actions}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </AuthLayout>
  );
}
