import { useState, type FormEvent } from 'react';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { signIn } from './api.js';

/** Organization, email and password; the server's refusal is shown as it words it. */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    setBusy(true);
    const problem = await signIn({
      organization: String(data.get('organization') ?? ''),
      email: String(data.get('email') ?? ''),
      password: String(data.get('password') ?? ''),
    });
    setBusy(false);
    if (problem) setError(problem);
    else onSignedIn();
  }

  return (
    <main className="sign-in">
      <h1>Sign in to Chronicle</h1>
      <Form onSubmit={submit} aria-describedby={error ? 'sign-in-error' : undefined}>
        <TextField name="organization" isRequired autoComplete="organization">
          <Label>Organization</Label>
          <Input />
          <FieldError />
        </TextField>
        <TextField name="email" type="email" isRequired autoComplete="username">
          <Label>Email</Label>
          <Input />
          <FieldError />
        </TextField>
        <TextField name="password" type="password" isRequired autoComplete="current-password">
          <Label>Password</Label>
          <Input />
          <FieldError />
        </TextField>
        {error ? (
          <p id="sign-in-error" role="alert" className="error">
            {error}
          </p>
        ) : null}
        <Button type="submit" className="button primary" isDisabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </Form>
    </main>
  );
}
