import { useState, type ReactNode } from 'react';
import {
  Button,
  Dialog,
  FieldError,
  Form,
  Heading,
  Label,
  Modal,
  ModalOverlay,
  TextArea,
  TextField,
} from 'react-aria-components';
import { problemText } from '../api.js';

// The billing screen's two dialogs: one asking why (holding a claim and releasing it both
// need a reason, which the server keeps in the claim's history), and one asking to confirm
// a step that cannot be undone (closing patient-months).

/** Asks for a reason; refuses an empty one, naming the field, and shows the server's refusal. */
export function ReasonDialog({
  title,
  action,
  onSubmit,
  onClose,
}: {
  title: string;
  action: string;
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [refusal, setRefusal] = useState<string>();
  const [busy, setBusy] = useState(false);
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(open) => !open && onClose()}
    >
      <Modal className="modal billing-modal">
        <Dialog>
          <Heading slot="title">{title}</Heading>
          <Form
            validationBehavior="aria"
            onSubmit={async (e) => {
              e.preventDefault();
              if (!reason.trim()) {
                setMissing(true);
                return;
              }
              setBusy(true);
              setRefusal(undefined);
              try {
                await onSubmit(reason.trim());
                onClose();
              } catch (error) {
                setRefusal(problemText(error));
              } finally {
                setBusy(false);
              }
            }}
          >
            <TextField
              className="billing-reason"
              value={reason}
              onChange={(value) => {
                setReason(value);
                setMissing(false);
              }}
              isInvalid={missing}
              autoFocus
            >
              <Label>Reason</Label>
              <TextArea rows={3} />
              <FieldError className="error" data-testid="reason-error">
                Reason is required: say why.
              </FieldError>
            </TextField>
            {refusal ? (
              <p role="alert" className="error">
                {refusal}
              </p>
            ) : null}
            <div className="billing-actions">
              <Button className="button primary" type="submit" isDisabled={busy}>
                {action}
              </Button>
              <Button className="button" slot="close">
                Cancel
              </Button>
            </div>
          </Form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

/** Asks to confirm an irreversible step. */
export function ConfirmDialog({
  title,
  action,
  children,
  onConfirm,
  onClose,
}: {
  title: string;
  action: string;
  children: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <ModalOverlay
      className="modal-overlay"
      isOpen
      isDismissable
      onOpenChange={(open) => !open && onClose()}
    >
      <Modal className="modal billing-modal">
        <Dialog role="alertdialog">
          <Heading slot="title">{title}</Heading>
          {children}
          <div className="billing-actions">
            <Button
              className="button primary"
              onPress={() => {
                onConfirm();
                onClose();
              }}
            >
              {action}
            </Button>
            <Button className="button" slot="close">
              Cancel
            </Button>
          </div>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
