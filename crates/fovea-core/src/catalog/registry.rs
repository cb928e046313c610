//! The registry: every area's operations, in the order `fovea call --list` and the bindings show them. It sits on
//! top of the kernel (`catalog/mod.rs`: `Operation`, `op!`, `Ctx`, `Permission`), which the areas import; the
//! kernel imports no area.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{OperationInfo, Registered};
use crate::{Error, Fovea, Result};

const AREAS: &[&[Registered]] = &[
    crate::workstation::ops::OPERATIONS,
    crate::accounts::ops::OPERATIONS,
    crate::clinic::ops::OPERATIONS,
    crate::audit::ops::OPERATIONS,
    crate::patients::ops::OPERATIONS,
    crate::appointments::ops::OPERATIONS,
    crate::appointments::schedule::OPERATIONS,
    crate::appointments::print::OPERATIONS,
    crate::appointments::queue::OPERATIONS,
    crate::exam::ops::OPERATIONS,
    crate::exam::print::OPERATIONS,
    crate::exam::icd10::OPERATIONS,
    crate::exam::settings::OPERATIONS,
    crate::prescriptions::ops::OPERATIONS,
    crate::pharmacy::ops::OPERATIONS,
    crate::pharmacy::dispensing::ops::OPERATIONS,
    crate::billing::ops::OPERATIONS,
    crate::documents::ops::OPERATIONS,
    crate::demo::ops::OPERATIONS,
];

fn all() -> impl Iterator<Item = &'static Registered> {
    AREAS.iter().flat_map(|area| area.iter())
}

/// Runs the operation called `name`.
pub fn dispatch(fovea: &Fovea, session: Option<&str>, name: &str, request: Value) -> Result<Value> {
    match all().find(|op| op.name == name) {
        Some(op) => op.run_json(fovea, session, request),
        None => Err(Error::bad_request(format!(
            "Unknown operation `{name}`. `fovea call --list` shows the operations."
        ))),
    }
}

/// Every operation, in catalog order.
pub fn operations() -> Vec<OperationInfo> {
    all().map(Registered::info).collect()
}

/// Writes the TypeScript types of every request and response, and `operations.ts` mapping operation names to them
/// (with the audit labels and the error codes), into `dir`.
pub fn export_typescript(dir: &std::path::Path) -> std::result::Result<(), String> {
    let cfg = ts_rs::Config::from_env().with_out_dir(dir);
    let mut imports = BTreeSet::new();
    let mut entries = Vec::new();
    let mut labels = Vec::new();
    for op in all() {
        let (req, res) = op.export(&cfg, &mut imports)?;
        entries.push(format!(
            "  \"{}\": {{ request: {req}, response: {res} }},",
            op.name
        ));
        labels.push(format!("  \"{}\": {:?},", op.name, op.info().label));
    }
    let mut out = String::from(
        "// This file was generated from the operation catalog in fovea-core. Do not edit it by hand.\n",
    );
    // Only what the entries name: exporting `Vec<User>` also visits the types inside `User`.
    let body = entries.join("\n");
    let used = |name: &str| {
        body.match_indices(name).any(|(i, _)| {
            let before = body[..i]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after = body[i + name.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    };
    for name in imports.iter().filter(|n| used(n)) {
        out.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
    }
    out.push_str("import type { ErrorCode } from \"./ErrorCode\";\n");
    out.push_str("\nexport type Operations = {\n");
    out.push_str(&body);
    out.push_str("\n};\n\nexport type OperationName = keyof Operations;\n");
    out.push_str("\n/** What each operation did, in the words the audit trail shows. */\n");
    out.push_str("export const OPERATION_LABELS: Record<OperationName, string> = {\n");
    out.push_str(&labels.join("\n"));
    out.push_str(
        "\n};\n\n/** Every error code the core answers with. */\nexport const ERROR_CODES: readonly ErrorCode[] = [",
    );
    let codes: Vec<String> = crate::ErrorCode::ALL
        .iter()
        .map(|c| serde_json::to_string(c).unwrap_or_default())
        .collect();
    out.push_str(&codes.join(", "));
    out.push_str("];\n");
    std::fs::write(dir.join("operations.ts"), out).map_err(|e| e.to_string())
}
