import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { describeSubmitError } from './submitErrors';
import { hasErrors, type FieldErrors } from './validation';

interface AuthFormOptions<K extends string> {
  initial: Record<K, string>;
  /** Fields in the order they appear, for focusing the first one with an error. */
  order: readonly K[];
  validate(values: Record<K, string>): FieldErrors<K>;
  submit(values: Record<K, string>): Promise<void>;
}

/**
 * Form state for the sign-in and register forms: values, client-side validation on submit,
 * server errors mapped onto fields, and focus moved to the first field to fix. (Validating on
 * blur would shift the layout under a pointer on its way to the submit button.)
 */
export function useAuthForm<K extends string>({ initial, order, validate, submit }: AuthFormOptions<K>) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<K>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputs = useRef(new Map<K, HTMLInputElement>());

  const focusFirst = (found: FieldErrors<K>) => {
    const first = order.find((name) => found[name]);
    if (first) inputs.current.get(first)?.focus();
  };

  const field = (name: K) => ({
    name,
    value: values[name],
    error: errors[name],
    ref: (element: HTMLInputElement | null) => {
      if (element) inputs.current.set(name, element);
      else inputs.current.delete(name);
    },
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.target.value;
      setValues((current) => ({ ...current, [name]: value }));
      if (errors[name]) {
        setErrors((current) => {
          const next = { ...current };
          delete next[name];
          return next;
        });
      }
    },
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const found = validate(values);
    setErrors(found);
    setFormError(null);
    if (hasErrors(found)) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    try {
      await submit(values);
    } catch (error) {
      const { fieldErrors, formError: message } = describeSubmitError(error, order);
      setErrors(fieldErrors);
      setFormError(message);
      focusFirst(fieldErrors);
    } finally {
      setBusy(false);
    }
  };

  return { values, field, formError, busy, onSubmit };
}
