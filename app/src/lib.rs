//! 职评: the shared crate. `domain` holds the rules; `api` the server functions; `pages` and
//! `components` the screens, rendered on the server and hydrated in the browser.

#![recursion_limit = "512"]

pub mod api;
// The unit tests (domain, store, i18n, files, forms) never render a screen. Leaving the screens
// out of the test build of this crate cuts the largest part of its compile time; the screens are
// still compiled, linted and tested with the server (HTTP and Playwright suites) and the browser.
#[cfg(not(test))]
mod app;
#[cfg(feature = "ssr")]
pub mod certificates;
#[cfg(not(test))]
pub mod components;
#[cfg(feature = "ssr")]
pub mod delivery;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod files;
pub mod forms;
pub mod i18n;
#[cfg(not(test))]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod payments;
#[cfg(feature = "ssr")]
pub mod security;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod state;
#[cfg(feature = "ssr")]
pub mod store;

#[cfg(all(feature = "ssr", not(test)))]
pub use app::shell;
#[cfg(not(test))]
pub use app::App;
