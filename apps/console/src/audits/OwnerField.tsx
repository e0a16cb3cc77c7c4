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

// The owner of a corrective action: a user of the organization, by id, chosen from the
// organization's enabled users (correctiveActions.owners, readable by whoever may write
// the plan). Any other id may be typed; the server checks it (an unknown or disabled user
// is refused on this field).

interface Suggestion {
  id: string;
  label: string;
}

function useSuggestions(known: readonly string[]): Suggestion[] {
  const trpc = useTRPC();
  const { me } = useSession();
  const owners = useQuery(trpc.correctiveActions.owners.queryOptions());
  if (owners.data)
    return owners.data.map((u) => ({
      id: u.id,
      label: `${u.displayName} (${u.id})${u.id === me.userId ? ' (you)' : ''}`,
    }));
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
