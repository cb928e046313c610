//! The full shape of a request for `fovea call --describe`: the declaration of every named type it uses, generated
//! from the Rust types by ts-rs, so what a script writer reads cannot drift from what the core decodes.

use std::collections::BTreeMap;

use ts_rs::{Config, TS, TypeVisitor};

/// The TypeScript declaration of each named type that `T` uses, directly or through other types, by name.
pub fn nested_declarations<T: TS + 'static + ?Sized>(cfg: &Config) -> Vec<String> {
    struct Collect<'a> {
        cfg: &'a Config,
        found: BTreeMap<String, String>,
    }
    impl TypeVisitor for Collect<'_> {
        fn visit<U: TS + 'static + ?Sized>(&mut self) {
            // Only exported types have a declaration; primitives and wrappers are inlined where they are used.
            if U::output_path().is_none() {
                return;
            }
            let name = U::ident(self.cfg);
            if self.found.contains_key(&name) {
                return;
            }
            self.found.insert(name, U::decl(self.cfg));
            U::visit_dependencies(self);
        }
    }
    let mut c = Collect {
        cfg,
        found: BTreeMap::new(),
    };
    T::visit_dependencies(&mut c);
    c.found.into_values().collect()
}
