import { Alert, Button, PasswordInput, Stack, TextInput } from "@mantine/core";
import { IconAlertTriangle, IconLogin } from "@tabler/icons-react";
import { useRef, useState, type FormEvent } from "react";

import { useSignIn } from "../../api";
import type { CurrentUser } from "../../bindings/CurrentUser";
import { fieldErrorFromApi, withoutFields, type FieldErrors } from "../../lib/formErrors";

/**
 * Username and password. Errors that name no field ("Wrong username or password.", a lockout)
 * show above the form; Enter submits.
 */
export function SignInForm({
  initialUsername = "",
  onSignedIn,
  submitLabel = "Sign in",
}: {
  initialUsername?: string;
  onSignedIn: (user: CurrentUser) => void;
  submitLabel?: string;
}) {
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const signIn = useSignIn();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (signIn.isPending) return;
    const hints: FieldErrors = {};
    if (username.trim() === "") hints.username = "Enter your username";
    if (password === "") hints.password = "Enter your password";
    setFieldErrors(hints);
    setError(null);
    if (hints.username) return usernameRef.current?.focus();
    if (hints.password) return passwordRef.current?.focus();

    signIn.mutate(
      { username: username.trim(), password },
      {
        onSuccess: onSignedIn,
        onError: (failure) => {
          const mapped = fieldErrorFromApi(failure, (field) => field === "username" || field === "password");
          if (mapped) setFieldErrors({ [mapped.field]: mapped.message });
          else setError(failure.message);
          setPassword("");
          window.setTimeout(() => (mapped?.field === "username" ? usernameRef : passwordRef).current?.focus(), 0);
        },
      },
    );
  };

  const pending = signIn.isPending;
  return (
    <form data-testid="signin-form" noValidate onSubmit={onSubmit}>
      <Stack gap="md">
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} role="alert" data-testid="signin-error">
            {error}
          </Alert>
        )}
        <TextInput
          ref={usernameRef}
          data-testid="signin-username"
          label="Username"
          autoComplete="username"
          autoCapitalize="none"
          // The password field takes the cursor when the username is already known.
          data-autofocus={initialUsername === "" || undefined}
          autoFocus={initialUsername === ""}
          value={username}
          onChange={(event) => {
            setUsername(event.currentTarget.value);
            setFieldErrors((current) => withoutFields(current, (field) => field === "username"));
          }}
          error={fieldErrors.username}
          disabled={pending}
        />
        <PasswordInput
          ref={passwordRef}
          data-testid="signin-password"
          label="Password"
          autoComplete="current-password"
          data-autofocus={initialUsername !== "" || undefined}
          autoFocus={initialUsername !== ""}
          value={password}
          onChange={(event) => {
            setPassword(event.currentTarget.value);
            setFieldErrors((current) => withoutFields(current, (field) => field === "password"));
          }}
          error={fieldErrors.password}
          disabled={pending}
        />
        <Button type="submit" size="md" leftSection={<IconLogin size={18} />} loading={pending} data-testid="signin-submit">
          {submitLabel}
        </Button>
      </Stack>
    </form>
  );
}
