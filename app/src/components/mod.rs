//! Reusable widgets. Every string comes from the catalogue; every control has a real label.

pub mod address;
#[cfg(feature = "ssr")]
pub mod assets;
pub mod countdown;
#[cfg(feature = "ssr")]
pub mod csp;
pub mod field;
pub mod header;
pub mod history;
pub mod lang;
pub mod live;
pub mod loaded;
pub mod return_list;
pub mod session;
pub mod sign_in;
#[cfg(feature = "hydrate")]
pub mod timers;
pub mod upload;
