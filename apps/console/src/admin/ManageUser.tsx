import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import {
  Button,
  Form,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
  TextField,
} from 'react-aria-components';
import { problemText, useTRPC, type ApiOutputs } from '../api.js';
import { RoleSelect } from './RoleSelect.js';
import type { Role } from './roles.js';

// One user's administration, in a panel below the users table: their role, whether they may sign in, a new password, their
// single sign-on link and the clinician of the practice they are. Every change names the
// version of the user read; the server's refusals (the organization's last admin, a
// version changed meanwhile) are shown in its words and nothing is written.

export type UserRow = ApiOutputs['users']['list'][number];
type Clinician = ApiOutputs['practices']['clinicians'][number];

const NO_CLINICIAN = '__none__';

export function ManageUser({
  user,
  practiceId,
  clinicians,
  clinicianId,
  onClose,
}: {
  user: UserRow;
  practiceId: string;
  clinicians: Clinician[];
  clinicianId: string | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>(user.role);
  const [password, setPassword] = useState('');
  const [linkTo, setLinkTo] = useState(clinicianId ?? NO_CLINICIAN);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();

  // Every change refreshes the users and links, so the next one names the new version.
  const done = (text: string) => ({
    onSuccess: async () => {
      setOutcome({ ok: true, text });
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: trpc.users.list.queryKey() }),
        queryClient.invalidateQueries({ queryKey: trpc.clinicianLinks.list.queryKey() }),
      ]);
    },
    onError: (error: unknown) => setOutcome({ ok: false, text: problemText(error) }),
  });
  const changeRole = useMutation(trpc.users.changeRole.mutationOptions(done('Role changed.')));
  const disable = useMutation(
    trpc.users.disable.mutationOptions(done('Disabled: their sessions have ended.')),
  );
  const enable = useMutation(trpc.users.enable.mutationOptions(done('Enabled.')));
  const reset = useMutation(
    trpc.users.resetPassword.mutationOptions(done('Password reset: their sessions have ended.')),
  );
  const unlink = useMutation(
    trpc.users.unlinkSignIn.mutationOptions(done('Single sign-on link removed.')),
  );
  const link = useMutation(trpc.clinicianLinks.set.mutationOptions(done('Clinician link saved.')));
  const version = { userId: user.id, expectedVersion: user.version };

  function resetPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (password.length < 12) {
      setOutcome({ ok: false, text: 'New password must be at least 12 characters.' });
      return;
    }
    reset.mutate({ userId: user.id, password });
    setPassword('');
  }

  return (
    <section
      className="admin-form admin-panel"
      aria-labelledby="manage-user-title"
      data-testid="manage-user"
    >
      <h2 id="manage-user-title">
        {user.displayName} <span className="hint">({user.id})</span>
      </h2>
      {outcome ? (
        <p
          role={outcome.ok ? 'status' : 'alert'}
          className={outcome.ok ? 'status' : 'status error'}
          data-testid="manage-outcome"
        >
          {outcome.text}
        </p>
      ) : null}

      <section aria-label="Role" className="admin-group">
        <RoleSelect label="Role" value={role} onChange={setRole} />
        <Button
          className="button"
          isDisabled={role === user.role || changeRole.isPending}
          onPress={() => changeRole.mutate({ ...version, role })}
        >
          Change role
        </Button>
      </section>

      <section aria-label="Sign-in" className="admin-group">
        <p>{user.disabled ? 'Disabled: cannot sign in.' : 'Enabled: can sign in.'}</p>
        {user.disabled ? (
          <Button className="button" onPress={() => enable.mutate(version)}>
            Enable user
          </Button>
        ) : (
          <Button className="button" onPress={() => disable.mutate({ ...version })}>
            Disable user
          </Button>
        )}
      </section>

      <Form onSubmit={resetPassword} className="admin-group" validationBehavior="aria">
        <TextField value={password} onChange={setPassword} type="password">
          <Label>New password (at least 12 characters)</Label>
          <Input autoComplete="new-password" />
        </TextField>
        <Button type="submit" className="button" isDisabled={reset.isPending}>
          Reset password
        </Button>
      </Form>

      <section aria-label="Single sign-on" className="admin-group">
        <p>
          {user.signInLinked
            ? 'Linked to an identity at the single sign-on provider.'
            : 'No single sign-on link: the next single sign-on is matched by email.'}
        </p>
        {user.signInLinked ? (
          <Button className="button" onPress={() => unlink.mutate(version)}>
            Remove single sign-on link
          </Button>
        ) : null}
      </section>

      <section aria-label="Clinician" className="admin-group">
        <Select
          className="view"
          selectedKey={linkTo}
          onSelectionChange={(key) => setLinkTo(String(key))}
        >
          <Label>Clinician in this practice</Label>
          <Button className="button">
            <SelectValue />
            <span aria-hidden="true"> ▾</span>
          </Button>
          <Popover className="popover">
            <ListBox>
              <ListBoxItem id={NO_CLINICIAN} className="option">
                Not a clinician here
              </ListBoxItem>
              {clinicians.map((c) => (
                <ListBoxItem key={c.id} id={c.id} className="option">
                  {`${c.name}, ${c.credential}`}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
        <Button
          className="button"
          isDisabled={linkTo === (clinicianId ?? NO_CLINICIAN) || link.isPending}
          onPress={() =>
            link.mutate({
              userId: user.id,
              practiceId,
              clinicianId: linkTo === NO_CLINICIAN ? null : linkTo,
            })
          }
        >
          Save clinician link
        </Button>
      </section>

      <div className="actions">
        <Button className="button" onPress={onClose}>
          Close
        </Button>
      </div>
    </section>
  );
}
