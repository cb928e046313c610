// What an audited operation means, in words a clinic manager reads: each operation's label is declared with it in
// the core's catalog and generated into the bindings. A name the catalog does not know (an entry from a newer
// workstation) shows as it is.
import { OPERATION_LABELS } from "../../bindings/operations";

export function operationLabel(operation: string): string {
  return (OPERATION_LABELS as Record<string, string>)[operation] ?? operation;
}
