//! What every server function reaches through context (server only): the store, the clock, the
//! messenger and the configuration.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

use crate::domain::instant::Instant;
use crate::files::blobs::BlobStore;
use crate::store::outbox::Messenger;
use crate::store::Store;

/// The server's one clock. `advance` exists for end-to-end tests that must see 48 hours or five
/// working days pass; the route that calls it is mounted only when `ZP_TEST_CLOCK=1`.
#[derive(Clone, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    pub fn now(&self) -> Instant {
        let system = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        Instant(system + self.offset_ms.load(Ordering::Relaxed))
    }

    pub fn advance(&self, ms: i64) {
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }
}

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Demo mode (`make run`): demo accounts exist and administrators may read the outbox page.
    pub demo: bool,
    /// Mark cookies `Secure` (set when served behind HTTPS).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_forwarded_for: bool,
}

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Clock,
    pub messenger: Arc<dyn Messenger>,
    pub blobs: Arc<dyn BlobStore>,
    pub config: Arc<Config>,
}
