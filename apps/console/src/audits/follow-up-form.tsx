import { TRPCClientError } from '@trpc/client';
import type { ReactNode } from 'react';
import {
  Button,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Modal,
  ModalOverlay,
  Popover,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
} from 'react-aria-components';
import { problemText } from '../api.js';

// What the follow-up forms of an audit share (starting a sampled audit, the corrective-action
// plan, overpayment cases): the server's refusal split into the fields it names and the
// rest, a stale version told apart, and labelled fields that show their problem under them.

/** The server's refusal of a form: problems by the field they name, the others as one text. */
export interface Refusal {
  fields: Partial<Record<string, string>>;
  /** What names no field of the form; undefined when every problem has its field. */
  message: string | undefined;
  /** The record changed since it was read (409 naming expectedVersion): nothing was written. */
  stale: boolean;
}

export const NO_REFUSAL: Refusal = { fields: {}, message: undefined, stale: false };

/**
 * Splits a refusal by the form's fields: `fields` maps the server's paths (`sample.size`)
 * to the form's names (`size`); a path the form does not show goes to `message`.
 */
export function refusalOf(error: unknown, fields: Readonly<Record<string, string>>): Refusal {
  if (!(error instanceof TRPCClientError)) return { ...NO_REFUSAL, message: problemText(error) };
  // The server's error formatter puts its problems in data (packages/api/src/trpc.ts).
  const data = error.data as { code?: string; problems?: Array<{ path: string; message: string }> };
  const problems = data?.problems ?? [];
  const byField: Partial<Record<string, string>> = {};
  const rest: string[] = [];
  for (const p of problems) {
    const field = fields[p.path];
    if (field && !byField[field]) byField[field] = p.message;
    else rest.push(p.path ? `${p.path}: ${p.message}` : p.message);
  }
  return {
    fields: byField,
    message: rest.length > 0 ? rest.join(' ') : problems.length === 0 ? error.message : undefined,
    stale: data?.code === 'CONFLICT' && problems.some((p) => p.path === 'expectedVersion'),
  };
}

/** A labelled text, date or number field with its help text and the problem named on it. */
export function FormField({
  label,
  value,
  onChange,
  type = 'text',
  description,
  problem,
  isRequired = false,
  multiline = false,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date';
  description?: string;
  problem?: string | undefined;
  isRequired?: boolean;
  multiline?: boolean;
}) {
  return (
    <TextField
      className={multiline ? 'field wide' : 'field'}
      type={type}
      value={value}
      onChange={onChange}
      isRequired={isRequired}
      isInvalid={problem !== undefined}
    >
      <Label>{label}</Label>
      {multiline ? <TextArea rows={3} /> : <Input />}
      {description ? (
        <Text slot="description" className="hint">
          {description}
        </Text>
      ) : null}
      <FieldError>{problem}</FieldError>
    </TextField>
  );
}

/** A labelled choice of one option, with the problem named on it. */
export function ChoiceField<K extends string>({
  label,
  options,
  value,
  onChange,
  description,
  problem,
}: {
  label: string;
  options: ReadonlyArray<{ id: K; label: string }>;
  value: K | null;
  onChange: (value: K) => void;
  description?: string;
  problem?: string | undefined;
}) {
  return (
    <Select
      className="field"
      placeholder="Choose…"
      selectedKey={value}
      isInvalid={problem !== undefined}
      onSelectionChange={(key) => {
        const found = options.find((o) => o.id === key);
        if (found) onChange(found.id);
      }}
    >
      <Label>{label}</Label>
      <Button className="button">
        <SelectValue />
        <span aria-hidden="true"> ▾</span>
      </Button>
      {description ? (
        <Text slot="description" className="hint">
          {description}
        </Text>
      ) : null}
      <FieldError>{problem}</FieldError>
      <Popover className="popover">
        <ListBox>
          {options.map((o) => (
            <ListBoxItem key={o.id} id={o.id} className="option">
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

/**
 * What a refused save says beyond its fields: a stale version plainly (someone else saved
 * first; nothing of this form was written), with the way to start again from theirs.
 */
export function RefusalNotice({
  refusal,
  what,
  onReload,
}: {
  refusal: Refusal;
  what: string;
  onReload: () => void;
}) {
  if (refusal.stale)
    return (
      <div role="alert" className="status error wide conflict" data-testid="stale-conflict">
        <p>
          Someone else changed this {what} after you opened it, so nothing you entered was saved.
          Load their version, check it, and make your change again.
        </p>
        <Button className="button" onPress={onReload}>
          Load the current version
        </Button>
      </div>
    );
  if (!refusal.message) return null;
  return (
    <p role="alert" className="status error wide">
      {refusal.message}
    </p>
  );
}

/**
 * A modal dialog: opened by its parent's state when given `onClose` (closed by Escape,
 * Cancel or saving), else by the DialogTrigger around it.
 */
export function FollowUpModal({
  onClose,
  children,
}: {
  onClose?: () => void;
  children: ReactNode;
}) {
  const controlled = onClose
    ? { isOpen: true, onOpenChange: (open: boolean) => !open && onClose() }
    : {};
  return (
    <ModalOverlay className="modal-overlay" isDismissable {...controlled}>
      <Modal className="modal follow-up-modal">{children}</Modal>
    </ModalOverlay>
  );
}

/** "" → null (a cleared field), else the trimmed text. */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());
