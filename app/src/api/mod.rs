//! Server functions, one module per area. Each: authenticate, authorise through the domain, call
//! the store, return typed errors. Every one of them is a public HTTP endpoint under `/api/`.

#[cfg(feature = "ssr")]
pub mod access;
pub mod admin;
pub mod applications;
pub mod auth;
pub mod calendar;
pub mod certificates;
#[cfg(feature = "ssr")]
pub mod context;
pub mod error;
pub mod evaluation;
pub mod fees;
pub mod findings;
pub mod form;
#[cfg(feature = "ssr")]
pub mod limits;
pub mod notices;
pub mod outbox;
pub mod review;
pub mod rounds;
