import { Alert, Button, Group, Modal, PasswordInput, Stack } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useChangePassword } from "../../api";
import { useSession } from "../../app/session";
import { notifySuccess } from "../../components/notify";
import { fieldErrorFromApi, type FieldErrors } from "../../lib/formErrors";
import { confirmationHint, PASSWORD_ADVICE, passwordHint } from "./passwords";

/** The signed-in user changes their own password. */
export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Change your password"
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 650 } }}
      size="md"
    >
      {opened && <ChangePasswordForm onDone={onClose} />}
    </Modal>
  );
}

const FIELDS = ["current_password", "new_password", "confirmation"];

function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { user } = useSession();
  const [values, setValues] = useState({ current_password: "", new_password: "", confirmation: "" });
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const change = useChangePassword();

  const hints: FieldErrors = {};
  if (values.current_password === "") hints.current_password = "Enter your current password";
  const newHint = passwordHint(values.new_password, user.username);
  if (newHint) hints.new_password = newHint;
  const confirmHint = confirmationHint(values.new_password, values.confirmation);
  if (confirmHint) hints.confirmation = confirmHint;

  const errorFor = (field: string) => serverErrors[field] ?? (submitted ? hints[field] : undefined);
  const set = (field: keyof typeof values) => (value: string) => {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors({});
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (change.isPending) return;
    setSubmitted(true);
    setFormError(null);
    const invalid = FIELDS.find((field) => hints[field]);
    if (invalid) {
      document.getElementById(`change-${invalid}`)?.focus();
      return;
    }
    change.mutate(
      { current_password: values.current_password, new_password: values.new_password },
      {
        onSuccess: () => {
          notifySuccess("Password changed", "Use the new password next time you sign in or unlock the screen.");
          onDone();
        },
        onError: (error) => {
          const mapped = fieldErrorFromApi(error, (field) => FIELDS.includes(field));
          if (mapped) {
            setServerErrors({ [mapped.field]: mapped.message });
            window.setTimeout(() => document.getElementById(`change-${mapped.field}`)?.focus(), 0);
          } else {
            setFormError(error.message);
          }
        },
      },
    );
  };

  const pending = change.isPending;
  return (
    <form noValidate onSubmit={onSubmit} data-testid="change-password-form">
      <Stack gap="md">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} role="alert">
            {formError}
          </Alert>
        )}
        <PasswordInput
          id="change-current_password"
          data-testid="change-password-current"
          label="Current password"
          autoComplete="current-password"
          data-autofocus
          value={values.current_password}
          onChange={(event) => set("current_password")(event.currentTarget.value)}
          error={errorFor("current_password")}
          disabled={pending}
        />
        <PasswordInput
          id="change-new_password"
          data-testid="change-password-new"
          label="New password"
          description={PASSWORD_ADVICE}
          autoComplete="new-password"
          value={values.new_password}
          onChange={(event) => set("new_password")(event.currentTarget.value)}
          error={errorFor("new_password")}
          disabled={pending}
          inputWrapperOrder={["label", "input", "description", "error"]}
        />
        <PasswordInput
          id="change-confirmation"
          data-testid="change-password-confirm"
          label="New password again"
          autoComplete="new-password"
          value={values.confirmation}
          onChange={(event) => set("confirmation")(event.currentTarget.value)}
          error={errorFor("confirmation")}
          disabled={pending}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} data-testid="change-password-submit">
            Change password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
