import {
  Button,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Select,
  SelectValue,
} from 'react-aria-components';
import { ROLE_OPTIONS, type Role } from './roles.js';

// A labelled choice of role, used by the new-user form and the change-role form.

export function RoleSelect({
  label,
  value,
  onChange,
  isDisabled = false,
}: {
  label: string;
  value: Role | null;
  onChange: (role: Role) => void;
  isDisabled?: boolean;
}) {
  return (
    <Select
      className="view"
      selectedKey={value}
      isDisabled={isDisabled}
      onSelectionChange={(key) => onChange(String(key) as Role)}
    >
      <Label>{label}</Label>
      <Button className="button">
        <SelectValue />
        <span aria-hidden="true"> ▾</span>
      </Button>
      <Popover className="popover">
        <ListBox>
          {ROLE_OPTIONS.map((r) => (
            <ListBoxItem key={r.id} id={r.id} className="option">
              {r.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}
