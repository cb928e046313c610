//! Sync-readiness: the hybrid logical clock and the one write path that records every change in the operation log.
//! Export and import of bundles build on these.

mod clock;
pub(crate) mod tables;
pub mod write;

pub use clock::Clock;
pub use tables::{LOCAL_TABLES, REPLICATED_TABLES, ReplicatedTable};
pub use write::Writer;
