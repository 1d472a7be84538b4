//! What a server function does once it knows who is asking and what they typed (server only).
//! One module per area, named like its route, page and store module. An operation takes the app
//! state, the authorised actor and typed input, asks the domain, talks to the store, tells the
//! live pages, and returns the view the page shows; the `#[server]` functions in `api/` stay
//! the thin door in front of it (authenticate, authorise, parse, call, map).

pub mod admin;
pub mod applications;
pub mod auth;
pub mod calendar;
pub mod certificates;
pub mod committee;
pub mod evaluation;
pub mod fees;
pub mod findings;
pub mod form;
pub mod gongshi;
pub mod notices;
pub mod outbox;
pub mod results;
pub mod review;
pub mod rounds;
pub mod users;
