//! The audit log (SPEC "谁审核，谁负责"): one append-only chain of every transition. Each record's
//! hash covers the previous record's hash and every column, so changing, removing or reordering
//! any record breaks the chain from there on; `audit_head` keeps the newest seq and hash, so
//! cutting records off the end is noticed as well. With an `AuditKey` (the server always has one,
//! in a file outside the database) the head is sealed with an HMAC as well: whoever can write the
//! database but not read that file cannot rewrite history and recompute a head that verifies.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;

use super::{Engine, Store, StoreResult};
use crate::domain::workflow::{Actor, Status};

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct AuditRow {
    pub seq: i64,
    pub application_id: String,
    pub actor_id: String,
    pub role: String,
    pub org_id: String,
    pub at: i64,
    pub action: String,
    pub from_status: String,
    pub to_status: String,
    pub opinion: String,
    pub detail: String,
    pub client_ip: String,
    pub prev_hash: String,
    pub hash: String,
}

/// What a transition writes; the chain fields are added by `append`.
pub struct AuditEntry<'a> {
    pub application_id: &'a str,
    pub actor: &'a Actor,
    pub at: i64,
    pub action: &'a str,
    pub from: Status,
    pub to: Status,
    pub opinion: &'a str,
    /// JSON: the return list, the files sent with a recommendation…
    pub detail: &'a str,
    pub client_ip: &'a str,
}

/// The key that seals the chain's head (security review M8).
#[derive(Clone)]
pub struct AuditKey(Vec<u8>);

/// Never prints the secret.
impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(…)")
    }
}

impl AuditKey {
    pub fn new(secret: Vec<u8>) -> Self {
        Self(secret)
    }

    /// HMAC-SHA-256 over the head's seq and hash.
    fn seal(&self, seq: i64, hash: &str) -> String {
        // HMAC takes a key of any length; `new_from_slice` cannot fail for it.
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&self.0) else { return String::new() };
        mac.update(format!("zhiping-audit-head:{seq}:{hash}").as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    fn seals(&self, seq: i64, hash: &str, seal: &str) -> bool {
        crate::security::same_digest(seal, &self.seal(seq, hash))
    }
}

/// What an append needs of the store: its engine (for the head's lock) and its key, if any.
#[derive(Clone, Copy)]
pub struct Chain<'a> {
    pub(super) engine: Engine,
    pub(super) key: Option<&'a AuditKey>,
}

/// SHA-256 over the previous hash and every column, each length-prefixed so that no two
/// different records can be read as the same bytes.
pub fn chain_hash(r: &AuditRow) -> String {
    let mut h = Sha256::new();
    let seq = r.seq.to_string();
    let at = r.at.to_string();
    for part in [
        r.prev_hash.as_str(),
        &seq,
        &r.application_id,
        &r.actor_id,
        &r.role,
        &r.org_id,
        &at,
        &r.action,
        &r.from_status,
        &r.to_status,
        &r.opinion,
        &r.detail,
        &r.client_ip,
    ] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    hex::encode(h.finalize())
}

const COLUMNS: &str =
    "seq, application_id, actor_id, role, org_id, at, action, from_status, to_status, opinion, detail, client_ip, prev_hash, hash";

impl AuditEntry<'_> {
    /// The record before it is chained (seq, prev_hash and hash are set by `append_rows`).
    fn unchained(&self) -> AuditRow {
        AuditRow {
            seq: 0,
            application_id: self.application_id.into(),
            actor_id: self.actor.user_id.clone(),
            role: self.actor.role.as_str().into(),
            org_id: self.actor.org_id.clone().unwrap_or_default(),
            at: self.at,
            action: self.action.into(),
            from_status: self.from.as_str().into(),
            to_status: self.to.as_str().into(),
            opinion: self.opinion.into(),
            detail: self.detail.into(),
            client_ip: self.client_ip.into(),
            prev_hash: String::new(),
            hash: String::new(),
        }
    }
}

/// Appends one record inside the caller's transaction (see `append_rows`).
pub(super) async fn append(conn: &mut AnyConnection, chain: Chain<'_>, e: &AuditEntry<'_>) -> StoreResult<i64> {
    append_rows(conn, chain, vec![e.unchained()]).await
}

/// What an administrator did to an account or an organisation: the same chain, with the subject
/// (`user:<id>`, `org:<id>`, `series:<id>`, `calendar:<day>`) where an application's id would be
/// and the state before and after where its statuses would be.
pub struct AdminEntry<'a> {
    pub subject: &'a str,
    pub actor: &'a Actor,
    pub at: i64,
    pub action: &'a str,
    pub before: &'a str,
    pub after: &'a str,
    pub detail: &'a str,
    pub client_ip: &'a str,
}

pub(super) async fn append_admin(conn: &mut AnyConnection, chain: Chain<'_>, e: &AdminEntry<'_>) -> StoreResult<i64> {
    let row = AuditRow {
        seq: 0,
        application_id: e.subject.into(),
        actor_id: e.actor.user_id.clone(),
        role: e.actor.role.as_str().into(),
        org_id: e.actor.org_id.clone().unwrap_or_default(),
        at: e.at,
        action: e.action.into(),
        from_status: e.before.into(),
        to_status: e.after.into(),
        opinion: String::new(),
        detail: e.detail.into(),
        client_ip: e.client_ip.into(),
        prev_hash: String::new(),
        hash: String::new(),
    };
    append_rows(conn, chain, vec![row]).await
}

/// Appends one record per transition inside the caller's transaction, as `append` would one after
/// the other, but with the head read and sealed once and the records inserted a few hundred per
/// statement: the sweeper withdraws thousands at a time (issue 15: 100,000 in under 2 s).
pub(super) async fn append_many(conn: &mut AnyConnection, chain: Chain<'_>, entries: &[AuditEntry<'_>]) -> StoreResult<()> {
    append_rows(conn, chain, entries.iter().map(AuditEntry::unchained).collect()).await.map(|_| ())
}

/// Records per INSERT: 14 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535.
const ROWS_PER_INSERT: usize = 500;

/// Chains `rows` in order after the head (each one's seq, prev_hash and hash set here), inserts
/// them, and moves and seals the head once. The head row is locked first (PostgreSQL; SQLite's
/// BEGIN IMMEDIATE already serialises writers), so concurrent appends chain one after the other
/// instead of forking. Returns the new head's seq.
async fn append_rows(conn: &mut AnyConnection, chain: Chain<'_>, mut rows: Vec<AuditRow>) -> StoreResult<i64> {
    let lock = if chain.engine == Engine::Postgres { " FOR UPDATE" } else { "" };
    let (mut seq, mut prev): (i64, String) =
        sqlx::query_as(&format!("SELECT seq, hash FROM audit_head WHERE id = 1{lock}")).fetch_one(&mut *conn).await?;
    if rows.is_empty() {
        return Ok(seq);
    }
    for row in &mut rows {
        seq += 1;
        row.seq = seq;
        row.prev_hash = std::mem::take(&mut prev);
        row.hash = chain_hash(row);
        prev = row.hash.clone();
    }
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let values = (0..chunk.len())
            .map(|i| {
                let p = (1..=14).map(|c| chain.engine.placeholder(i * 14 + c)).collect::<Vec<_>>().join(", ");
                format!("({p})")
            })
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!("INSERT INTO audit_log ({COLUMNS}) VALUES {values}");
        let mut q = sqlx::query(&sql);
        for row in chunk {
            q = q
                .bind(row.seq)
                .bind(&row.application_id)
                .bind(&row.actor_id)
                .bind(&row.role)
                .bind(&row.org_id)
                .bind(row.at)
                .bind(&row.action)
                .bind(&row.from_status)
                .bind(&row.to_status)
                .bind(&row.opinion)
                .bind(&row.detail)
                .bind(&row.client_ip)
                .bind(&row.prev_hash)
                .bind(&row.hash);
        }
        q.execute(&mut *conn).await?;
    }
    let seal = chain.key.map(|k| k.seal(seq, &prev)).unwrap_or_default();
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2, seal = $3 WHERE id = 1")
        .bind(seq)
        .bind(&prev)
        .bind(seal)
        .execute(&mut *conn)
        .await?;
    Ok(seq)
}

/// What `verify_audit` found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditCheck {
    Intact {
        records: i64,
    },
    /// The first record that does not match, and why.
    Broken {
        seq: i64,
        reason: &'static str,
    },
}

impl Store {
    /// The records of one application, oldest first (its history).
    pub async fn audit_of(&self, application_id: &str) -> StoreResult<Vec<AuditRow>> {
        Ok(sqlx::query_as::<_, AuditRow>(&format!("SELECT {COLUMNS} FROM audit_log WHERE application_id = $1 ORDER BY seq"))
            .bind(application_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Recomputes the whole chain, a page at a time, and names the first record that breaks it.
    pub async fn verify_audit(&self) -> StoreResult<AuditCheck> {
        const PAGE: i64 = 5000;
        let mut prev = GENESIS_HASH.to_string();
        let mut expected_seq = 1;
        loop {
            let rows = sqlx::query_as::<_, AuditRow>(&format!("SELECT {COLUMNS} FROM audit_log WHERE seq >= $1 ORDER BY seq LIMIT {PAGE}"))
                .bind(expected_seq)
                .fetch_all(self.pool())
                .await?;
            let last_page = (rows.len() as i64) < PAGE;
            for r in rows {
                if r.seq != expected_seq {
                    return Ok(AuditCheck::Broken { seq: expected_seq, reason: "missing" });
                }
                if r.prev_hash != prev {
                    return Ok(AuditCheck::Broken { seq: r.seq, reason: "prev_hash" });
                }
                if chain_hash(&r) != r.hash {
                    return Ok(AuditCheck::Broken { seq: r.seq, reason: "hash" });
                }
                prev = r.hash;
                expected_seq += 1;
            }
            if last_page {
                break;
            }
        }
        let (seq, hash, seal): (i64, String, String) =
            sqlx::query_as("SELECT seq, hash, seal FROM audit_head WHERE id = 1").fetch_one(self.pool()).await?;
        if seq != expected_seq - 1 || hash != prev {
            return Ok(AuditCheck::Broken { seq: expected_seq, reason: "head" });
        }
        if let Some(key) = self.audit_key() {
            if seq > 0 && !key.seals(seq, &hash, &seal) {
                return Ok(AuditCheck::Broken { seq, reason: "head seal" });
            }
        }
        Ok(AuditCheck::Intact { records: expected_seq - 1 })
    }

    /// An account's security event (`login`, `login_failed`, `password_reset`) in the same chain,
    /// with `user:<id>` as its subject and `actor` as who did it (security review M8).
    pub async fn record_account_event(&self, user_id: &str, actor: &Actor, action: &str, client_ip: &str, now: i64) -> StoreResult<()> {
        let subject = format!("user:{user_id}");
        let entry = AdminEntry { subject: &subject, actor, at: now, action, before: "", after: "", detail: "", client_ip };
        let mut conn = self.begin().await?;
        let result = append_admin(&mut conn, self.chain(), &entry).await.map(|_| ());
        self.finish(conn, result.is_ok()).await?;
        result
    }

    /// Seals the head of a chain written before the store had a key (an install that predates
    /// the seal), after checking the chain. Called only when the key was made just now: a key that
    /// existed already and finds the head unsealed means the seal was removed, which `verify_audit`
    /// reports instead of covering up.
    pub async fn seal_unsealed_head(&self) -> StoreResult<AuditCheck> {
        let check = self.verify_audit_chain_only().await?;
        if let (AuditCheck::Intact { .. }, Some(key)) = (&check, self.audit_key()) {
            let (seq, hash): (i64, String) = sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(self.pool()).await?;
            sqlx::query("UPDATE audit_head SET seal = $1 WHERE id = 1 AND seq = $2 AND seal = ''")
                .bind(key.seal(seq, &hash))
                .bind(seq)
                .execute(self.pool())
                .await?;
        }
        Ok(check)
    }

    /// `verify_audit` without the seal: the chain and its head as they are.
    async fn verify_audit_chain_only(&self) -> StoreResult<AuditCheck> {
        self.clone().without_audit_key().verify_audit().await
    }
}
