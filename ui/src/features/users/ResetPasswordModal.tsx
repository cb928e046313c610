import { Alert, Button, Group, Modal, PasswordInput, Stack, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useResetPassword } from "../../api";
import type { User } from "../../bindings/User";
import { notifySuccess } from "../../components/notify";
import { confirmationHint, PASSWORD_ADVICE, passwordHint } from "../auth/passwords";

/** An administrator sets a new password for someone who forgot theirs. */
export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  return (
    <Modal
      opened={user !== null}
      onClose={onClose}
      title={user ? `Reset password — ${user.full_name}` : ""}
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 650 } }}
      size="md"
    >
      {user && <ResetPasswordForm key={user.id} user={user} onDone={onClose} />}
    </Modal>
  );
}

function ResetPasswordForm({ user, onDone }: { user: User; onDone: () => void }) {
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const reset = useResetPassword();

  const passwordProblem = passwordHint(password, user.username);
  const confirmProblem = confirmationHint(password, confirmation);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (reset.isPending) return;
    setSubmitted(true);
    setFormError(null);
    if (passwordProblem || confirmProblem) return;
    reset.mutate(
      { id: user.id, newPassword: password },
      {
        onSuccess: () => {
          notifySuccess("Password reset", `Tell ${user.full_name} the new password in person.`);
          onDone();
        },
        onError: (error) => {
          if (error.field === "new_password" || error.field === "password") setServerError(error.message);
          else setFormError(error.message);
        },
      },
    );
  };

  return (
    <form noValidate onSubmit={onSubmit} data-testid="reset-password-form">
      <Stack gap="md">
        <Text size="sm">
          {user.full_name} ({user.username}) signs in with the new password from now on.
        </Text>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} role="alert">
            {formError}
          </Alert>
        )}
        <PasswordInput
          data-testid="reset-password"
          label="New password"
          description={PASSWORD_ADVICE}
          inputWrapperOrder={["label", "input", "description", "error"]}
          autoComplete="new-password"
          data-autofocus
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setServerError(null);
          }}
          error={serverError ?? (submitted ? passwordProblem : null)}
          disabled={reset.isPending}
        />
        <PasswordInput
          data-testid="reset-password-confirm"
          label="New password again"
          autoComplete="new-password"
          value={confirmation}
          onChange={(event) => setConfirmation(event.currentTarget.value)}
          error={submitted ? confirmProblem : null}
          disabled={reset.isPending}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone} disabled={reset.isPending}>
            Cancel
          </Button>
          <Button type="submit" loading={reset.isPending} data-testid="reset-password-submit">
            Set new password
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
