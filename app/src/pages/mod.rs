//! One module per screen.

pub mod account;
pub mod admin;
pub mod application;
pub mod applications;
pub mod certificates;
pub mod committee;
pub mod evaluation;
pub mod fee;
pub mod findings;
pub mod form_state;
pub mod gongshi;
pub mod home;
pub mod login;
pub mod not_found;
pub mod notices;
pub mod outbox;
pub mod pledge;
pub mod recover;
pub mod register;
pub mod results;
pub mod review;
pub mod section;
