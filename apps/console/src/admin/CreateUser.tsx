import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Button, Form, Input, Label, TextField } from 'react-aria-components';
import { problemText, useTRPC } from '../api.js';
import { RoleSelect } from './RoleSelect.js';
import type { Role } from './roles.js';

// A new user with a first password, in a panel opened below the heading: refused here while a field is missing (named), and
// by the server when the id or email is taken or the password too short (named by it).

const MIN_PASSWORD = 12;

interface Fields {
  id: string;
  displayName: string;
  email: string;
  role: Role | null;
  password: string;
}
const EMPTY: Fields = { id: '', displayName: '', email: '', role: null, password: '' };

/** What is missing or too short, one sentence per field. */
function missing(f: Fields): string[] {
  const problems: string[] = [];
  if (!f.id.trim()) problems.push('User id is required.');
  if (!f.displayName.trim()) problems.push('Name is required.');
  if (!f.email.trim()) problems.push('Email is required.');
  if (!f.role) problems.push('Role is required.');
  if (f.password.length < MIN_PASSWORD)
    problems.push(`Password must be at least ${MIN_PASSWORD} characters.`);
  return problems;
}

export function CreateUser() {
  const [open, setOpen] = useState(false);
  return (
    <div className="admin-panel-host">
      <Button className="button primary" aria-expanded={open} onPress={() => setOpen(!open)}>
        New user
      </Button>
      {open ? (
        <section className="admin-panel" aria-label="New user" data-testid="new-user">
          <CreateUserForm onDone={() => setOpen(false)} />
        </section>
      ) : null}
    </div>
  );
}

function CreateUserForm({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<Fields>(EMPTY);
  const [problems, setProblems] = useState<string[]>([]);
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() });
        onDone();
      },
    }),
  );
  const set = (name: keyof Fields) => (value: string) => setFields({ ...fields, [name]: value });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = missing(fields);
    setProblems(found);
    if (found.length > 0 || !fields.role) return;
    create.mutate({
      id: fields.id.trim(),
      displayName: fields.displayName.trim(),
      email: fields.email.trim(),
      role: fields.role,
      password: fields.password,
    });
  }

  return (
    <Form onSubmit={submit} className="admin-form" validationBehavior="aria">
      <h2>New user</h2>
      <TextField value={fields.id} onChange={set('id')} isRequired>
        <Label>User id</Label>
        <Input />
      </TextField>
      <TextField value={fields.displayName} onChange={set('displayName')} isRequired>
        <Label>Name</Label>
        <Input />
      </TextField>
      <TextField value={fields.email} onChange={set('email')} type="email" isRequired>
        <Label>Email</Label>
        <Input />
      </TextField>
      <RoleSelect
        label="Role"
        value={fields.role}
        onChange={(role) => setFields({ ...fields, role })}
      />
      <TextField value={fields.password} onChange={set('password')} type="password" isRequired>
        <Label>First password (at least {MIN_PASSWORD} characters)</Label>
        <Input autoComplete="new-password" />
      </TextField>
      {problems.length > 0 ? (
        <div role="alert" className="status error">
          {problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      ) : null}
      {create.isError ? (
        <p role="alert" className="status error">
          {problemText(create.error)}
        </p>
      ) : null}
      <div className="actions">
        <Button type="submit" className="button primary" isDisabled={create.isPending}>
          Create user
        </Button>
        <Button className="button" onPress={onDone}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}
