//! 职评: the shared crate. `domain` holds the rules; `api` the server functions; `pages` and
//! `components` the screens, rendered on the server and hydrated in the browser.

#![recursion_limit = "512"]

pub mod api;
mod app;
#[cfg(feature = "ssr")]
pub mod certificates;
pub mod components;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod files;
pub mod forms;
pub mod i18n;
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

pub use app::{shell, App};
