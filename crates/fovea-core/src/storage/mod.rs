//! The embedded database: opening it safely, the schema, and the SQL functions the schema relies on.

pub(crate) mod columns;
mod functions;
mod migrations;
mod open;

pub use functions::{fold_text, name_tokens, reversed_digits, sort_key};
pub use migrations::{MIGRATIONS, schema_version};
pub use open::{ConnectionSettings, open_connection, open_existing_connection};
