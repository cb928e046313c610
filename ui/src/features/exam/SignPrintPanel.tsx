import { Alert, Button, Group, Modal, Paper, PasswordInput, Stack, Text, Textarea, Title } from "@mantine/core";
import { IconLock, IconNotes, IconPrinter, IconSignature } from "@tabler/icons-react";
import { useState, type FormEvent } from "react";

import { useAddAddendum, usePrescription, usePrintMedicationRx, usePrintSpectacleRx, useSignExam } from "../../api";
import { useClinic } from "../../app/clinic";
import { useCan } from "../../app/session";
import type { ExaminationView } from "../../bindings/ExaminationView";
import { openSavedDocument } from "../../components/documents";
import { notifyError, notifySuccess } from "../../components/notify";
import { formatInstant } from "../../lib/dates";
import { displayName } from "../patients/format";

/** The password form of signing: autofocused, Enter signs, a wrong password says so under the field. */
function SignModal({ exam, opened, onClose }: { exam: ExaminationView; opened: boolean; onClose: () => void }) {
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const sign = useSignExam();

  const close = () => {
    setPassword("");
    setError(null);
    onClose();
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (sign.isPending) return;
    if (password === "") {
      setError("Type your password to sign.");
      return;
    }
    sign.mutate(
      { visitId: exam.visit_id, password },
      {
        onSuccess: (view) => {
          close();
          notifySuccess("Examination signed", `${displayName(view.patient)}: the record can no longer change; add an addendum to correct it.`);
        },
        onError: (e) => {
          setPassword("");
          if (e.field === "password" || e.code === "validation") setError(e.message);
          else {
            close();
            notifyError(e, "Could not sign the examination");
          }
        },
      },
    );
  };

  return (
    <Modal opened={opened} onClose={close} title="Sign the examination" size="md" styles={{ title: { fontSize: "var(--mantine-h3-font-size)", fontWeight: 650 } }}>
      <form onSubmit={onSubmit} data-testid="sign-form">
        <Stack gap="md">
          <Text size="sm">
            Signing makes the work-up and the consultation of {displayName(exam.patient)} permanent. Corrections are then added as
            addenda. Type your password to sign.
          </Text>
          <PasswordInput
            label="Your password"
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              setError(null);
            }}
            error={error}
            data-autofocus
            autoComplete="current-password"
            data-testid="sign-password"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={sign.isPending}>
              Cancel
            </Button>
            <Button type="submit" leftSection={<IconSignature size={18} />} loading={sign.isPending} data-testid="sign-submit">
              Sign
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function Addenda({ exam }: { exam: ExaminationView }) {
  const info = useClinic();
  const canAdd = useCan("write_workup");
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);
  const add = useAddAddendum();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (add.isPending) return;
    if (text.trim() === "") {
      setError("Write the addendum.");
      return;
    }
    add.mutate(
      { visitId: exam.visit_id, text: text.trim() },
      {
        onSuccess: () => {
          setText("");
          notifySuccess("Addendum added", "It shows with the signed record.");
        },
        onError: (e) => {
          if (e.field === "text") setError(e.message);
          else notifyError(e, "Could not add the addendum");
        },
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="addenda">
      <Title order={4} mb="sm">
        Addenda
      </Title>
      <Stack gap="sm">
        {exam.addenda.length === 0 ? (
          <Text size="sm" c="dimmed" fs="italic">
            No addenda.
          </Text>
        ) : (
          exam.addenda.map((a) => (
            <Paper key={a.id} withBorder radius="sm" p="sm" bg="gray.0" data-testid="addendum-row">
              <Text size="xs" c="dimmed">
                {a.author_name}, {formatInstant(a.created_at, info.date_format)}
              </Text>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {a.text}
              </Text>
            </Paper>
          ))
        )}
        {canAdd && (
          <form onSubmit={onSubmit}>
            <Stack gap="xs">
              <Textarea
                label="Add an addendum"
                description="A correction or a late note; the signed record stays as it was."
                value={text}
                onChange={(event) => {
                  setText(event.currentTarget.value);
                  setError(null);
                }}
                error={error}
                minRows={2}
                data-testid="addendum-text"
              />
              <Group justify="flex-end">
                <Button type="submit" variant="light" leftSection={<IconNotes size={18} />} loading={add.isPending} data-testid="addendum-submit">
                  Add addendum
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}

function PrintRx({ exam }: { exam: ExaminationView }) {
  const [open, setOpen] = useState(false);
  const [notes, setNotes] = useState("");
  const [error, setError] = useState<string | null>(null);
  const print = usePrintSpectacleRx();
  const hasFinal = exam.workup?.refractions.some((r) => r.kind === "final") ?? false;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (print.isPending) return;
    print.mutate(
      { visitId: exam.visit_id, notes: notes.trim() === "" ? null : notes.trim() },
      {
        onSuccess: (document) => {
          setOpen(false);
          setNotes("");
          void openSavedDocument(document, exam.signed_at === null ? "Draft prescription saved (not valid until signed)" : "Spectacle prescription saved");
        },
        onError: (e) => {
          if (e.field === "notes") setError(e.message);
          else notifyError(e, "Could not make the prescription");
        },
      },
    );
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="print-panel">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={4}>Spectacle prescription</Title>
          <Text size="sm" c="dimmed">
            {hasFinal
              ? `From the saved final refraction, in ${exam.settings.cylinder_form} cylinder form${exam.settings.rx_expiry_months > 0 ? `, valid ${exam.settings.rx_expiry_months} months` : ""}.`
              : "Record and save a final refraction in the work-up to print glasses."}
            {hasFinal && exam.signed_at === null && " Until the examination is signed it prints as a draft, marked not valid."}
          </Text>
        </div>
        <Button leftSection={<IconPrinter size={18} />} variant="default" onClick={() => setOpen((o) => !o)} disabled={!hasFinal} data-testid="print-rx">
          Print spectacle prescription
        </Button>
      </Group>
      {open && hasFinal && (
        <form onSubmit={onSubmit}>
          <Stack gap="xs" mt="sm">
            <Textarea
              label="Lens notes (optional)"
              description="Printed under the prescription: varifocals, coatings, tint…"
              value={notes}
              onChange={(event) => {
                setNotes(event.currentTarget.value);
                setError(null);
              }}
              error={error}
              minRows={2}
              data-autofocus
              autoFocus
              data-testid="print-rx-notes"
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" leftSection={<IconPrinter size={18} />} loading={print.isPending} data-testid="print-rx-submit">
                Save as PDF and open
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}

/** The medicine prescription's PDF, offered once the visit has a prescription with a line. */
function PrintMedicines({ exam }: { exam: ExaminationView }) {
  const prescription = usePrescription(exam.visit_id);
  const print = usePrintMedicationRx();
  const lines = prescription.data?.lines.length ?? 0;
  if (lines === 0) return null;
  const onPrint = () => {
    if (print.isPending) return;
    print.mutate(exam.visit_id, {
      onSuccess: (document) =>
        void openSavedDocument(document, exam.signed_at === null ? "Draft medicine prescription saved (not valid until signed)" : "Medicine prescription saved"),
      onError: (e) => notifyError(e, "Could not make the medicine prescription"),
    });
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="print-medicines-panel">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={4}>Medicine prescription</Title>
          <Text size="sm" c="dimmed">
            {lines} {lines === 1 ? "medicine" : "medicines"}, as last saved.
            {exam.signed_at === null && " Until the examination is signed it prints as a draft, marked not valid."}
          </Text>
        </div>
        <Button leftSection={<IconPrinter size={18} />} variant="default" onClick={onPrint} loading={print.isPending} data-testid="print-medicines">
          Print medicine prescription
        </Button>
      </Group>
    </Paper>
  );
}

/**
 * Signing (doctors), the addenda of a signed record, and the spectacle prescription. `unsaved` names the forms with
 * changes not yet saved: signing waits for them, since it signs what is stored.
 */
export function SignPrintPanel({ exam, unsaved = [] }: { exam: ExaminationView; unsaved?: string[] }) {
  const info = useClinic();
  const canSign = useCan("sign_clinical");
  const canReadClinical = useCan("read_clinical");
  const [signing, setSigning] = useState(false);
  const signed = exam.signed_at !== null;

  return (
    <Stack gap="md" data-testid="sign-panel">
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4}>Signature</Title>
            {signed ? (
              <Text size="sm">
                Signed by {exam.signed_by_name ?? "a doctor"} on {formatInstant(exam.signed_at ?? "", info.date_format)}. The record is
                read-only.
              </Text>
            ) : exam.consultation === null ? (
              <Text size="sm" c="dimmed">
                Save the consultation before signing.
              </Text>
            ) : (
              <Text size="sm" c="dimmed">
                Not signed yet. Once signed, nothing in the work-up or the consultation can change.
              </Text>
            )}
          </div>
          {!signed && canSign && (
            <Button
              leftSection={<IconLock size={18} />}
              onClick={() => setSigning(true)}
              disabled={exam.consultation === null || unsaved.length > 0}
              data-testid="sign-open"
            >
              Sign…
            </Button>
          )}
        </Group>
        {!signed && canSign && unsaved.length > 0 && (
          <Alert color="yellow" variant="light" mt="sm" data-testid="sign-unsaved">
            The {unsaved.join(" and the ")} {unsaved.length > 1 ? "have" : "has"} unsaved changes. Save first: signing signs what is saved.
          </Alert>
        )}
        {!signed && !canSign && (
          <Alert color="gray" variant="light" mt="sm">
            A doctor signs the examination.
          </Alert>
        )}
      </Paper>
      <PrintRx exam={exam} />
      {canReadClinical && <PrintMedicines exam={exam} />}
      {signed && <Addenda exam={exam} />}
      <SignModal exam={exam} opened={signing} onClose={() => setSigning(false)} />
    </Stack>
  );
}
