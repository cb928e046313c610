import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";
import { useLocation } from "wouter";

import type { Patient } from "../bindings/Patient";
import type { PatientSummary } from "../bindings/PatientSummary";
import type { PatientFormValues } from "../features/patients/patientForm";
import { PatientFormModal, type PatientEditorState } from "../features/patients/PatientFormModal";

export interface SearchState {
  query: string;
  includeArchived: boolean;
}

interface ShellValue {
  /** The patient search survives visits to a patient's page, so "back" finds the same list. */
  search: SearchState;
  setSearch: (update: Partial<SearchState>) => void;
  searchInputRef: RefObject<HTMLInputElement | null>;
  /** Goes to the patient search and puts the cursor in it (Ctrl+K). */
  focusSearch: () => void;
  /**
   * Opens the registration form, optionally prefilled (Ctrl+N). With `onChosen`, the form hands back the
   * registered patient (or the existing one picked from a duplicate warning) instead of opening their page, so a
   * flow such as booking carries on where it was.
   */
  openRegister: (prefill?: Partial<PatientFormValues>, onChosen?: (patient: Patient | PatientSummary) => void) => void;
  openEdit: (patient: Patient) => void;
  editorOpen: boolean;
}

const ShellContext = createContext<ShellValue | null>(null);

export function ShellProvider({ children }: { children: ReactNode }) {
  const [location, navigate] = useLocation();
  const [search, setSearchState] = useState<SearchState>({ query: "", includeArchived: false });
  // The form's state outlives `opened` so the modal keeps its content while it fades out.
  const [editor, setEditor] = useState<{ state: PatientEditorState | null; opened: boolean }>({
    state: null,
    opened: false,
  });
  const searchInputRef = useRef<HTMLInputElement | null>(null);
  const sequence = useRef(0);

  const setSearch = useCallback((update: Partial<SearchState>) => {
    setSearchState((current) => ({ ...current, ...update }));
  }, []);

  const focusSearch = useCallback(() => {
    const input = searchInputRef.current;
    if (location === "/patients" && input) {
      input.focus();
      input.select();
    } else {
      navigate("/patients"); // the page focuses its search box when it mounts
    }
  }, [location, navigate]);

  const openRegister = useCallback(
    (prefill: Partial<PatientFormValues> = {}, onChosen?: (patient: Patient | PatientSummary) => void) => {
      sequence.current += 1;
      setEditor({ state: { kind: "register", prefill, key: sequence.current, onChosen }, opened: true });
    },
    [],
  );

  const openEdit = useCallback((patient: Patient) => {
    sequence.current += 1;
    setEditor({ state: { kind: "edit", patient, key: sequence.current }, opened: true });
  }, []);

  const value = useMemo<ShellValue>(
    () => ({ search, setSearch, searchInputRef, focusSearch, openRegister, openEdit, editorOpen: editor.opened }),
    [search, setSearch, focusSearch, openRegister, openEdit, editor.opened],
  );

  return (
    <ShellContext.Provider value={value}>
      {children}
      <PatientFormModal
        state={editor.state}
        opened={editor.opened}
        onClose={() => setEditor((current) => ({ ...current, opened: false }))}
      />
    </ShellContext.Provider>
  );
}

export function useShell(): ShellValue {
  const value = useContext(ShellContext);
  if (value === null) throw new Error("useShell must be used inside ShellProvider");
  return value;
}
