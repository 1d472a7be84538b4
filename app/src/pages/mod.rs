//! One module per screen.

pub mod applications;
pub mod home;
pub mod login;
pub mod not_found;
pub mod outbox;
pub mod recover;
pub mod register;
