import {
  Alert,
  Button,
  Checkbox,
  Group,
  Input,
  Modal,
  PasswordInput,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useState, type FormEvent, type ReactNode } from "react";

import { useCreateUser, useUpdateUser } from "../../api";
import { useSession } from "../../app/session";
import type { User } from "../../bindings/User";
import { notifySuccess } from "../../components/notify";
import { withoutFields, type FieldErrors } from "../../lib/formErrors";
import { PASSWORD_ADVICE } from "../auth/passwords";
import { isClinician, ROLE_DESCRIPTIONS, ROLE_LABELS, ROLES } from "./roles";
import {
  emptyUserForm,
  isUserField,
  toCreateRequest,
  toggleRole,
  toUpdateRequest,
  userFieldFromPath,
  userFormHints,
  userToForm,
  USER_FIELDS,
  type UserFormValues,
} from "./userForm";

export type UserEditorState = { kind: "create"; key: number } | { kind: "edit"; user: User; key: number };

const fieldId = (field: string) => `user-field-${field}`;

function focusField(field: string) {
  window.setTimeout(() => {
    const element = field === "roles" ? document.querySelector<HTMLInputElement>('[data-testid^="user-role-"]') : document.getElementById(fieldId(field));
    element?.focus();
  }, 0);
}

/** Adds a staff account, or edits one (name, roles, clinician profile, active). Never deletes. */
export function UserFormModal({ state, opened, onClose }: { state: UserEditorState | null; opened: boolean; onClose: () => void }) {
  return (
    <Modal
      opened={opened && state !== null}
      onClose={onClose}
      title={state?.kind === "edit" ? `Edit user — ${state.user.username}` : "Add user"}
      styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 650 } }}
      size={720}
      padding="lg"
      closeButtonProps={{ "aria-label": "Cancel" }}
      transitionProps={{ duration: 120 }}
    >
      {state && <UserEditor key={state.key} state={state} onClose={onClose} />}
    </Modal>
  );
}

function UserEditor({ state, onClose }: { state: UserEditorState; onClose: () => void }) {
  const session = useSession();
  const mode = state.kind;
  const editingSelf = state.kind === "edit" && state.user.id === session.user.id;
  const [values, setValues] = useState<UserFormValues>(() => (state.kind === "edit" ? userToForm(state.user) : emptyUserForm));
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const create = useCreateUser();
  const update = useUpdateUser();
  const pending = create.isPending || update.isPending;

  const hints = userFormHints(values, mode);
  const errorFor = (field: string) => serverErrors[field] ?? (submitted ? hints[field] : undefined);
  const set = <F extends keyof UserFormValues>(field: F, value: UserFormValues[F]) => {
    setValues((current) => ({ ...current, [field]: value }));
    setServerErrors((current) => withoutFields(current, (key) => key === field));
  };

  const fail = (error: { field: string | null; message: string }) => {
    const field = error.field === null ? null : userFieldFromPath(error.field);
    if (field !== null && isUserField(field)) {
      setServerErrors({ [field]: error.message });
      focusField(field);
    } else {
      setFormError(error.message);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setSubmitted(true);
    setFormError(null);
    const invalid = USER_FIELDS.find((field) => hints[field]);
    if (invalid) {
      focusField(invalid);
      return;
    }
    if (state.kind === "create") {
      create.mutate(toCreateRequest(values), {
        onSuccess: (user) => {
          notifySuccess("User added", `${user.full_name} can now sign in as ${user.username}.`);
          onClose();
        },
        onError: fail,
      });
    } else {
      update.mutate(toUpdateRequest(state.user.id, values), {
        onSuccess: (user) => {
          notifySuccess("Changes saved", `${user.full_name} (${user.username})`);
          if (editingSelf) session.refresh();
          onClose();
        },
        onError: fail,
      });
    }
  };

  const clinician = isClinician(values.roles);

  return (
    <form data-testid="user-form" noValidate onSubmit={onSubmit}>
      <Stack gap="lg">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={20} />} title="Could not save the user" role="alert">
            {formError}
          </Alert>
        )}

        <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
          {state.kind === "create" ? (
            <TextInput
              id={fieldId("username")}
              data-testid="user-username"
              label="Username"
              description="What they type to sign in. It cannot change later."
              inputWrapperOrder={["label", "input", "description", "error"]}
              required
              autoCapitalize="none"
              data-autofocus
              value={values.username}
              onChange={(event) => set("username", event.currentTarget.value)}
              error={errorFor("username")}
              disabled={pending}
            />
          ) : (
            <Input.Wrapper label="Username" description="Cannot change." inputWrapperOrder={["label", "input", "description"]}>
              <Text ff="monospace" fw={600} py={6} data-testid="user-username">
                {state.user.username}
              </Text>
            </Input.Wrapper>
          )}
          <TextInput
            id={fieldId("full_name")}
            data-testid="user-full-name"
            label="Full name"
            description="Shown on screens and printed documents."
            inputWrapperOrder={["label", "input", "description", "error"]}
            required
            data-autofocus={state.kind === "edit" || undefined}
            value={values.full_name}
            onChange={(event) => set("full_name", event.currentTarget.value)}
            error={errorFor("full_name")}
            disabled={pending}
          />
        </SimpleGrid>

        <Input.Wrapper
          label="Roles"
          required
          description="What this person may see and do. Choose every role they work in."
          inputWrapperOrder={["label", "description", "input", "error"]}
          error={errorFor("roles")}
          labelElement="div"
        >
          <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm" mt="xs" role="group" aria-label="Roles">
            {ROLES.map((role) => (
              <Checkbox
                key={role}
                data-testid={`user-role-${role}`}
                label={ROLE_LABELS[role]}
                description={ROLE_DESCRIPTIONS[role]}
                checked={values.roles.includes(role)}
                onChange={(event) => set("roles", toggleRole(values.roles, role, event.currentTarget.checked))}
                disabled={pending}
              />
            ))}
          </SimpleGrid>
        </Input.Wrapper>

        {state.kind === "create" && (
          <PasswordInput
            id={fieldId("password")}
            data-testid="user-password"
            label="Password"
            description={`${PASSWORD_ADVICE} Tell it to them in person; they can change it after signing in.`}
            inputWrapperOrder={["label", "input", "description", "error"]}
            required
            autoComplete="new-password"
            value={values.password}
            onChange={(event) => set("password", event.currentTarget.value)}
            error={errorFor("password")}
            disabled={pending}
            maw={420}
          />
        )}

        {clinician && (
          <Section title="Clinician profile" testId="clinician-profile">
            <SimpleGrid cols={2} spacing="md" verticalSpacing="sm">
              <TextInput
                id={fieldId("specialization")}
                data-testid="user-specialization"
                label="Specialization"
                placeholder="e.g. Glaucoma, Paediatric ophthalmology"
                value={values.specialization}
                onChange={(event) => set("specialization", event.currentTarget.value)}
                error={errorFor("specialization")}
                disabled={pending}
              />
              <TextInput
                id={fieldId("licence_number")}
                data-testid="user-licence-number"
                label="Licence / registration number"
                placeholder="e.g. IMC 123456"
                value={values.licence_number}
                onChange={(event) => set("licence_number", event.currentTarget.value)}
                error={errorFor("licence_number")}
                disabled={pending}
              />
            </SimpleGrid>
            <Textarea
              id={fieldId("signature_text")}
              data-testid="user-signature-text"
              label="Printed under the signature"
              placeholder={"e.g. Dr Amara Okafor MB BCh FRCOphth\nConsultant Ophthalmologist"}
              value={values.signature_text}
              onChange={(event) => set("signature_text", event.currentTarget.value)}
              error={errorFor("signature_text")}
              disabled={pending}
            />
          </Section>
        )}

        {state.kind === "edit" && (
          <Switch
            id={fieldId("active")}
            data-testid="user-active"
            label="Active"
            description={
              editingSelf
                ? "You cannot deactivate your own account."
                : "A deactivated user cannot sign in. Nothing is deleted: their records and audit history stay."
            }
            checked={values.active}
            onChange={(event) => set("active", event.currentTarget.checked)}
            error={errorFor("active")}
            disabled={pending || editingSelf}
          />
        )}

        <Group justify="flex-end" gap="sm" pt="xs">
          <Button variant="default" onClick={onClose} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} data-testid="user-submit">
            {state.kind === "create" ? "Add user" : "Save changes"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title} data-testid={testId}>
      <Text size="xs" fw={700} tt="uppercase" c="dimmed" style={{ letterSpacing: "0.05em" }}>
        {title}
      </Text>
      {children}
    </Stack>
  );
}
