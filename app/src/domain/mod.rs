//! The rules of SPEC.md as plain Rust: no Leptos, no IO, no clock reads, no cfg(feature).
//! Compiled into the server and into the browser's WASM, so both decide the same way.

pub mod account;
pub mod admin;
pub mod attachments;
pub mod calendar;
pub mod certificate;
pub mod conditions;
pub mod deadline;
pub mod disclosure;
pub mod evaluation;
pub mod fee;
pub mod id_number;
pub mod instant;
pub mod materials;
pub mod notices;
pub mod penalties;
pub mod review;
pub mod rounds;
pub mod seal;
pub mod series;
pub mod signature;
pub mod site_path;
pub mod stored_name;
pub mod wording;
pub mod workflow;
