//! The server over HTTP, without a browser: each test starts the real binary on a free port with its
//! own database and talks to it as the page does. One test binary for all areas, so the whole app
//! is linked once for them, not once per area.

mod support;

mod access_matrix;
mod accounts;
mod admin;
mod alipay;
mod assets;
mod certificates;
mod durability;
mod form;
mod mail;
mod notices;
mod review;
mod rounds;
mod security;
mod sms;
mod uploads;
