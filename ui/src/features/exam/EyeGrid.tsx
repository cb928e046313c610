import { Text, TextInput } from "@mantine/core";
import type { ReactNode } from "react";

import type { EyeKey } from "./workupForm";
import classes from "./Exam.module.css";

export const EYE_HEADINGS: Record<EyeKey, string> = { od: "OD — right eye", os: "OS — left eye" };

/** The grid of a per-eye section: a label column, then OD, then OS. */
export function EyeGrid({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <div className={classes.grid} data-testid={testId}>
      {children}
    </div>
  );
}

/** The column headings, OD left; `od`/`os` add controls under each (e.g. "not examined"). */
export function EyeGridHeader({ label = "", od, os }: { label?: ReactNode; od?: ReactNode; os?: ReactNode }) {
  return (
    <>
      <div className={classes.head}>{label}</div>
      <div className={classes.headOd}>
        {EYE_HEADINGS.od}
        {od}
      </div>
      <div className={classes.headOs}>
        {EYE_HEADINGS.os}
        {os}
      </div>
    </>
  );
}

/** One row: its label, the right eye's control, the left eye's. */
export function EyeRow({ label, od, os, testId }: { label: ReactNode; od: ReactNode; os: ReactNode; testId?: string }) {
  return (
    <>
      <div className={classes.label} data-testid={testId}>
        {label}
      </div>
      <div>{od}</div>
      <div>{os}</div>
    </>
  );
}

/** A heading across the grid (Slit lamp, Fundus). */
export function GridHeading({ children }: { children: ReactNode }) {
  return <div className={classes.sub}>{children}</div>;
}

/**
 * One text box of the form, its `data-testid` on the `<input>`. `derived` is what the core made of the text (the
 * acuity in the clinic's notation, LogMAR), shown under it.
 */
export function FormField({
  testId,
  label,
  value,
  onChange,
  error,
  readOnly,
  placeholder,
  derived,
  mono = true,
  autoFocus,
}: {
  testId: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  error?: string;
  readOnly: boolean;
  placeholder?: string;
  derived?: ReactNode;
  mono?: boolean;
  autoFocus?: boolean;
}) {
  return (
    <TextInput
      size="sm"
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      readOnly={readOnly}
      variant={readOnly ? "filled" : "default"}
      placeholder={readOnly ? undefined : placeholder}
      description={derived ? <Text span className={classes.derived}>{derived}</Text> : undefined}
      inputWrapperOrder={["label", "input", "description", "error"]}
      className={mono ? classes.mono : undefined}
      data-testid={testId}
      id={testId}
      autoFocus={autoFocus}
    />
  );
}
