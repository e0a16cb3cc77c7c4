import { useQuery } from '@tanstack/react-query';
import {
  Button,
  ComboBox,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Text,
} from 'react-aria-components';
import { useTRPC } from '../api.js';
import { useSession } from '../session.js';

// The owner of a corrective action: a user of the organization, by id. Admins choose from
// the organization's users (users.list); the API lists users to admins only, so the
// others are offered themselves and the users the run and its plan already name, and may
// type any other user's id, which the server checks (an unknown or disabled user is
// refused on this field).

interface Suggestion {
  id: string;
  label: string;
}

function useSuggestions(known: readonly string[]): Suggestion[] {
  const trpc = useTRPC();
  const { can, me } = useSession();
  const users = useQuery({ ...trpc.users.list.queryOptions(), enabled: can('users.read') });
  if (users.data)
    return users.data
      .filter((u) => !u.disabled)
      .map((u) => ({ id: u.id, label: `${u.displayName} (${u.id})` }));
  const ids = [...new Set([me.userId, ...known])];
  return ids.map((id) => ({ id, label: id === me.userId ? `${id} (you)` : id }));
}

export function OwnerField({
  value,
  onChange,
  known,
  problem,
}: {
  value: string;
  onChange: (value: string) => void;
  /** Users the run and its plan already name. */
  known: readonly string[];
  problem: string | undefined;
}) {
  const suggestions = useSuggestions(known);
  return (
    <ComboBox
      className="field"
      allowsCustomValue
      items={suggestions}
      inputValue={value}
      onInputChange={onChange}
      onSelectionChange={(key) => {
        if (key !== null) onChange(String(key));
      }}
      isInvalid={problem !== undefined}
    >
      <Label>Owner</Label>
      <div className="combo">
        <Input />
        <Button className="button" aria-label="Show users">
          ▾
        </Button>
      </div>
      <Text slot="description" className="hint">
        A user of the organization, by id; empty for none.
      </Text>
      <FieldError>{problem}</FieldError>
      <Popover className="popover">
        <ListBox<Suggestion>>
          {(s) => (
            <ListBoxItem id={s.id} textValue={s.id} className="option">
              {s.label}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
