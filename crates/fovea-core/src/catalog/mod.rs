//! The operation catalog: every operation is declared once — name, request, response, permission — and both front
//! doors (the desktop app's `call` command and `fovea call`) dispatch through it. The TypeScript bindings and the
//! `--list` output are derived from the same declarations.

mod permission;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use ts_rs::TS;

pub use permission::Permission;

use crate::{Error, Fovea, Result};

/// One operation of the catalog.
pub trait Operation {
    /// Dotted name, `area.verb`, as the UI and the CLI call it.
    const NAME: &'static str;
    /// One line for `fovea call --list`.
    const SUMMARY: &'static str;
    /// What the caller must be allowed to do.
    const PERMISSION: Permission;
    type Request: DeserializeOwned + TS + 'static;
    type Response: Serialize + TS + 'static;

    fn run(fovea: &Fovea, request: Self::Request) -> Result<Self::Response>;
}

/// What `fovea call --list` shows of an operation.
#[derive(Debug, Clone, Serialize)]
pub struct OperationInfo {
    pub name: &'static str,
    pub summary: &'static str,
    pub permission: Permission,
    /// The request's TypeScript shape, fully inlined.
    pub request: String,
    /// The response's TypeScript type name.
    pub response: String,
}

fn info<O: Operation>() -> OperationInfo {
    let cfg = ts_rs::Config::from_env();
    OperationInfo {
        name: O::NAME,
        summary: O::SUMMARY,
        permission: O::PERMISSION,
        request: <O::Request as TS>::inline(&cfg),
        response: <O::Response as TS>::name(&cfg),
    }
}

fn run_json<O: Operation>(fovea: &Fovea, request: Value) -> Result<Value> {
    // `null` (no request given) means an empty request object.
    let request = if request.is_null() {
        Value::Object(Default::default())
    } else {
        request
    };
    let req: O::Request = serde_json::from_value(request).map_err(|e| {
        Error::bad_request(format!("The request for `{}` is not valid: {e}.", O::NAME))
    })?;
    permission::authorize(fovea, O::PERMISSION)?;
    let res = O::run(fovea, req)?;
    serde_json::to_value(res)
        .map_err(|e| Error::storage(format!("Could not encode the response: {e}")))
}

macro_rules! catalog {
    ($($op:ty),* $(,)?) => {
        /// Runs the operation called `name`.
        pub fn dispatch(fovea: &Fovea, name: &str, request: Value) -> Result<Value> {
            match name {
                $(<$op as Operation>::NAME => run_json::<$op>(fovea, request),)*
                _ => Err(Error::bad_request(format!(
                    "Unknown operation `{name}`. `fovea call --list` shows the operations."
                ))),
            }
        }

        /// Every operation, in catalog order.
        pub fn operations() -> Vec<OperationInfo> {
            vec![$(info::<$op>()),*]
        }

        /// Writes the TypeScript types of every request and response, and `operations.ts` mapping operation names
        /// to them, into `dir`.
        pub fn export_typescript(dir: &std::path::Path) -> std::result::Result<(), String> {
            let cfg = ts_rs::Config::from_env().with_out_dir(dir);
            let mut imports = std::collections::BTreeSet::new();
            let mut entries = Vec::new();
            $(
                <<$op as Operation>::Request as TS>::export_all(&cfg).map_err(|e| e.to_string())?;
                <<$op as Operation>::Response as TS>::export_all(&cfg).map_err(|e| e.to_string())?;
                let req = <<$op as Operation>::Request as TS>::name(&cfg);
                let res = <<$op as Operation>::Response as TS>::name(&cfg);
                imports.insert(req.clone());
                imports.insert(res.clone());
                entries.push(format!("  \"{}\": {{ request: {req}, response: {res} }},", <$op as Operation>::NAME));
            )*
            let mut out = String::from(
                "// This file was generated from the operation catalog in fovea-core. Do not edit it by hand.\n",
            );
            for name in &imports {
                out.push_str(&format!("import type {{ {name} }} from \"./{name}\";\n"));
            }
            out.push_str("\nexport type Operations = {\n");
            out.push_str(&entries.join("\n"));
            out.push_str("\n};\n\nexport type OperationName = keyof Operations;\n");
            std::fs::write(dir.join("operations.ts"), out).map_err(|e| e.to_string())
        }
    };
}

use crate::{patients::ops as patients, workstation::ops as workstation};

catalog! {
    workstation::Info,
    workstation::Setup,
    workstation::RenameWorkstation,
    patients::Search,
    patients::Register,
    patients::Get,
    patients::Update,
    patients::Archive,
}

/// The empty request of operations that need no input.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Empty {}
