//! The invariants the fuzz targets check. The checks themselves live in the
//! main crate's `tests/fuzz_checks/mod.rs`, so that `tests/fuzz_regressions.rs`
//! runs exactly the same checks in the normal test run.

#[path = "../../tests/fuzz_checks/mod.rs"]
mod checks;

pub use checks::*;
