//! Uploaded files (server only): opening and measuring them so the domain can judge them.
//! (Content-addressed storage joins this module with the upload endpoint.)

pub mod blobs;
pub mod inspect;
