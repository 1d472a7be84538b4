//! Certificates and receipts as files (server only): the issuer's signature and the PDFs.
//! What a certificate states, its canonical form and its number are domain rules
//! (`domain::certificate`); this module turns them into signed bytes.

pub mod pdf;
pub mod signing;
