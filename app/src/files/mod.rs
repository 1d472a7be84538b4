//! Uploaded files (server only): opening and measuring them so the domain can judge them.
//! (Content-addressed storage joins this module with the upload endpoint.)

pub mod blobs;
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;
pub mod inspect;
pub mod signature;
