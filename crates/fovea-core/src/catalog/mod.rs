//! The operation catalog: every operation is declared once — name, request, response, permission — and both front
//! doors (the desktop app's `call` command and `fovea call`) dispatch through it. The TypeScript bindings and the
//! `--list` output are derived from the same declarations.

mod ctx;
mod describe;
mod permission;
mod registry;
mod strict;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use ts_rs::TS;

pub use ctx::Ctx;
pub use permission::Permission;
pub use registry::{dispatch, export_typescript, operations};

use crate::{Error, Fovea, Result};

/// One operation of the catalog.
pub trait Operation {
    /// Dotted name, `area.verb`, as the UI and the CLI call it.
    const NAME: &'static str;
    /// One line for `fovea call --list`.
    const SUMMARY: &'static str;
    /// What it did, in the words a clinic manager reads in the audit trail ("Opened the record").
    const LABEL: &'static str;
    /// The module that declares it (`fovea_core::appointments::queue`): its namespace follows it.
    const MODULE: &'static str;
    /// What the caller must be allowed to do.
    const PERMISSION: Permission;
    type Request: DeserializeOwned + TS + 'static;
    type Response: Serialize + TS + 'static;

    fn run(cx: &Ctx<'_>, request: Self::Request) -> Result<Self::Response>;
}

/// Declares one operation of the catalog — the only way to declare one:
///
/// ```ignore
/// op! {
///     Get = "patients.get", ReadPatients,
///     summary: "A patient's demographics by id.",
///     label: "Opened the record",
///     fn(cx, req: GetPatientRequest) -> Patient {
///         get(cx, &req.id)
///     }
/// }
/// ```
///
/// The type name, then the operation's name as the UI and the CLI call it, the [`Permission`] it needs, a line for
/// `fovea call --list`, the audit trail's words for it, and its body with the request type and the response type.
/// Then list the type in the area's [`area_operations!`] at the end of the same file, and call it from the UI
/// (`ui/src/api/operations.ts`).
macro_rules! op {
    (
        $(#[$meta:meta])*
        $ty:ident = $name:literal, $perm:ident,
        summary: $summary:literal,
        label: $label:literal,
        fn($cx:tt, $req:tt: $req_ty:ty) -> $resp_ty:ty $body:block
    ) => {
        $(#[$meta])*
        pub struct $ty;
        impl $crate::catalog::Operation for $ty {
            const NAME: &'static str = $name;
            const SUMMARY: &'static str = $summary;
            const LABEL: &'static str = $label;
            const MODULE: &'static str = module_path!();
            const PERMISSION: $crate::catalog::Permission = $crate::catalog::Permission::$perm;
            type Request = $req_ty;
            type Response = $resp_ty;
            fn run($cx: &$crate::catalog::Ctx<'_>, $req: $req_ty) -> $crate::Result<$resp_ty> $body
        }
    };
}
pub(crate) use op;

/// An operation as the registry holds it: its name and what the front doors and the bindings need of it.
pub struct Registered {
    pub name: &'static str,
    run_json: fn(&Fovea, Option<&str>, Value) -> Result<Value>,
    info: fn() -> OperationInfo,
    export: ExportFn,
}

/// Exports an operation's request and response types; answers their TypeScript names.
type ExportFn = fn(
    &ts_rs::Config,
    &mut std::collections::BTreeSet<String>,
) -> std::result::Result<(String, String), String>;

impl Registered {
    pub const fn of<O: Operation>() -> Self {
        Registered {
            name: O::NAME,
            run_json: run_json::<O>,
            info: info::<O>,
            export: export_operation::<O>,
        }
    }

    pub(crate) fn run_json(
        &self,
        fovea: &Fovea,
        session: Option<&str>,
        request: Value,
    ) -> Result<Value> {
        (self.run_json)(fovea, session, request)
    }

    pub(crate) fn info(&self) -> OperationInfo {
        (self.info)()
    }

    pub(crate) fn export(
        &self,
        cfg: &ts_rs::Config,
        imports: &mut std::collections::BTreeSet<String>,
    ) -> std::result::Result<(String, String), String> {
        (self.export)(cfg, imports)
    }
}

/// Lists an area's operations for the registry (`catalog/registry.rs`), at the end of the area's `ops.rs`: the
/// second half of an operation's declaration, beside its `op!`.
macro_rules! area_operations {
    ($($op:ty),* $(,)?) => {
        pub(crate) const OPERATIONS: &[$crate::catalog::Registered] =
            &[$($crate::catalog::Registered::of::<$op>()),*];
    };
}
pub(crate) use area_operations;

/// What `fovea call --list` shows of an operation.
#[derive(Debug, Clone, Serialize)]
pub struct OperationInfo {
    pub name: &'static str,
    pub summary: &'static str,
    /// The audit trail's words for it.
    pub label: &'static str,
    /// The module that declares it.
    pub module: &'static str,
    pub permission: Permission,
    /// The request's TypeScript shape, fully inlined.
    pub request: String,
    /// The declarations of the named types inside the request (`PatientInput`, `Role`), for `--describe`.
    pub request_types: Vec<String>,
    /// The response's TypeScript type name.
    pub response: String,
}

fn info<O: Operation>() -> OperationInfo {
    let cfg = ts_rs::Config::from_env();
    OperationInfo {
        name: O::NAME,
        summary: O::SUMMARY,
        label: O::LABEL,
        module: O::MODULE,
        permission: O::PERMISSION,
        request: <O::Request as TS>::inline(&cfg),
        request_types: describe::nested_declarations::<O::Request>(&cfg),
        response: <O::Response as TS>::name(&cfg),
    }
}

/// Who is calling, and may they: checked before the request is even looked at, so a refused caller learns nothing
/// about it. A signed-in user without the permission is refused and the refusal is audited.
fn authorize<'a, O: Operation>(fovea: &'a Fovea, session: Option<&'a str>) -> Result<Ctx<'a>> {
    let user = crate::accounts::authenticate(fovea, session, O::PERMISSION)?;
    let cx = Ctx::new(fovea, session, user, O::NAME);
    if let Some(user) = &cx.user
        && !user.permissions.contains(&O::PERMISSION)
    {
        cx.audit(crate::audit::Outcome::Denied)?;
        return Err(Error::permission_denied(format!(
            "Your role does not allow this ({}). Ask an administrator if you need it.",
            O::NAME
        )));
    }
    Ok(cx)
}

fn execute<O: Operation>(cx: Ctx<'_>, request: O::Request) -> Result<O::Response> {
    let res = O::run(&cx, request)?;
    cx.finish()?;
    Ok(res)
}

fn run_json<O: Operation>(fovea: &Fovea, session: Option<&str>, request: Value) -> Result<Value> {
    let cx = authorize::<O>(fovea, session)?;
    // `null` (no request given) means an empty request object.
    let request = if request.is_null() {
        Value::Object(Default::default())
    } else {
        request
    };
    // Name the field that is wrong (`workup.refractions[0].od.sphere`), not only the value found there.
    // Records only from objects (see `strict`): `"consultation": []` is not an empty consultation.
    let req: O::Request =
        serde_path_to_error::deserialize(strict::Strict(request)).map_err(|e| {
            let path = e.path().to_string();
            let mut error = Error::bad_request(format!(
                "The request for `{}` is not valid at `{path}`: {}.",
                O::NAME,
                e.inner()
            ));
            error.field = (path != ".").then_some(path);
            error
        })?;
    let res = execute::<O>(cx, req)?;
    serde_json::to_value(res)
        .map_err(|e| Error::storage(format!("Could not encode the response: {e}")))
}

impl Fovea {
    /// Runs one operation with a typed request, exactly as [`Fovea::call`] runs it from JSON (same permission check,
    /// same audit): for the CLI, benchmarks and tests, so that nothing builds request JSON by hand.
    ///
    /// ```ignore
    /// let info = fovea.run::<workstation::ops::Setup>(None, SetupRequest::new(clinic, "R1", admin))?;
    /// ```
    pub fn run<O: Operation>(
        &self,
        session: Option<&str>,
        request: O::Request,
    ) -> Result<O::Response> {
        execute::<O>(authorize::<O>(self, session)?, request)
    }
}

fn export_operation<O: Operation>(
    cfg: &ts_rs::Config,
    imports: &mut std::collections::BTreeSet<String>,
) -> std::result::Result<(String, String), String> {
    export_type::<O::Request>(cfg, imports)?;
    export_type::<O::Response>(cfg, imports)?;
    Ok((
        <O::Request as TS>::name(cfg),
        <O::Response as TS>::name(cfg),
    ))
}

/// Exports `T` (or, for a wrapper such as `Vec<User>`, the types inside it) and notes what operations.ts imports.
fn export_type<T: TS + 'static>(
    cfg: &ts_rs::Config,
    imports: &mut std::collections::BTreeSet<String>,
) -> std::result::Result<(), String> {
    struct Visitor<'a> {
        cfg: &'a ts_rs::Config,
        imports: &'a mut std::collections::BTreeSet<String>,
        error: Option<String>,
    }
    impl ts_rs::TypeVisitor for Visitor<'_> {
        fn visit<U: TS + 'static + ?Sized>(&mut self) {
            if U::output_path().is_some() {
                if let Err(e) = U::export_all(self.cfg) {
                    self.error = Some(e.to_string());
                }
                self.imports.insert(U::ident(self.cfg));
            }
        }
    }
    let mut v = Visitor {
        cfg,
        imports,
        error: None,
    };
    if T::output_path().is_some() {
        ts_rs::TypeVisitor::visit::<T>(&mut v);
    } else {
        T::visit_dependencies(&mut v);
    }
    v.error.map_or(Ok(()), Err)
}

/// The empty request of operations that need no input.
#[derive(Debug, Clone, Default, serde::Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Empty {}
