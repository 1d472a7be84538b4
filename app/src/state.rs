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
        let system = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0);
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
    /// How many proxies in front of the server append to `X-Forwarded-For` (0: use the peer).
    pub trusted_proxies: usize,
    /// The evaluation fee in fen (`ZP_FEE_FEN`, default 30000 = ¥300.00).
    pub fee_fen: i64,
    /// The public origin printed into certificates' QR codes (`ZP_PUBLIC_ORIGIN`); without it,
    /// the origin the issuer's request came to.
    pub public_origin: Option<String>,
}

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub clock: Clock,
    pub messenger: Arc<dyn Messenger>,
    /// The transports the outbox delivers through, and the bell that wakes its worker.
    pub deliveries: crate::delivery::Deliveries,
    pub blobs: Arc<dyn BlobStore>,
    pub config: Arc<Config>,
    pub events: Events,
    /// The issuer's Ed25519 key (`<data dir>/issuer-ed25519.key`).
    pub issuer_key: Arc<crate::certificates::signing::IssuerKey>,
    pub gateway: Arc<dyn crate::payments::PaymentGateway>,
    /// The built-in gateway's own side (its pay page signs the callback), when it is the gateway.
    pub local_gateway: Option<Arc<crate::payments::LocalGateway>>,
}

/// A change to an application that live pages hear about (the queues, the review page, the
/// applicant's overview): which application, whose it is, which organisations look at it, and
/// where it is now. Only the `note` travels to a browser.
#[derive(Clone, Debug)]
pub struct Change {
    pub note: crate::api::review::ChangeNote,
    pub applicant_id: String,
    pub orgs: [String; 3],
}

impl Change {
    pub fn of(row: &crate::store::ApplicationRow) -> Self {
        Self {
            note: crate::api::review::ChangeNote {
                application_id: row.id.clone(),
                status: row.status.as_str().to_string(),
                version: row.version,
            },
            applicant_id: row.applicant_id.clone(),
            orgs: [row.reviewing_unit_id.clone(), row.authority_id.clone(), row.office_id.clone()],
        }
    }

    /// Whether `actor` may hear of it: the applicant, or someone of an organisation on its route.
    /// (Only the id and status travel; the page then asks the server, which checks `may_view`.)
    pub fn concerns(&self, actor: &crate::domain::workflow::Actor) -> bool {
        actor.user_id == self.applicant_id || actor.org_id.as_ref().is_some_and(|o| self.orgs.contains(o))
    }
}

/// The in-process broadcast of changes. One server: this is all. Several servers sharing a
/// database would relay it through PostgreSQL LISTEN/NOTIFY (not built yet; see README).
#[derive(Clone)]
pub struct Events(tokio::sync::broadcast::Sender<Change>);

impl Default for Events {
    fn default() -> Self {
        // A slow stream that falls this far behind is told to reload (Lagged), not blocked on.
        Self(tokio::sync::broadcast::channel(4096).0)
    }
}

impl Events {
    pub fn publish(&self, row: &crate::store::ApplicationRow) {
        // No subscriber is not an error: nobody is looking.
        let _ = self.0.send(Change::of(row));
    }

    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<Change> {
        self.0.subscribe()
    }
}
