//! The review chain's writes and reads: one transition function every status change goes through
//! (the domain's check, the optimistic version, the effects of the action and the audit record,
//! in one transaction), the reviewers' queues, the sweeper's withdrawals and the
//! reminders before a return's deadline.

use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection};

use super::applications::COLUMNS;
use super::audit::{self, AuditEntry};
use super::outbox::{self, Message};
use super::{ApplicationRow, Engine, Store, StoreError, StoreResult};
use crate::domain::deadline::CORRECTION_WINDOW_MS;
use crate::domain::review::QueueOrg;
use crate::domain::workflow::{self, Action, Actor, Denied, Status};

/// One decision on an application, as the transition records it.
#[derive(Clone, Debug)]
pub struct Decision<'a> {
    pub action: Action,
    /// The version the reviewer's page showed; a decision on anything newer is `Stale`.
    /// `None` decides on what is stored (the applicant's keyed submission, the sweeper).
    pub expected_version: Option<i64>,
    pub opinion: &'a str,
    /// JSON kept in the audit record (the return list, the files sent with a recommendation).
    pub detail: &'a str,
    pub client_ip: &'a str,
    pub now: i64,
    /// StartNotice: the earliest moment the notice may close.
    pub notice_closes_at: Option<i64>,
    /// OfficeReturn: the list (JSON of `Vec<domain::review::ReturnItem>`).
    pub return_items: Option<&'a str>,
    /// Messages the decision sends (the return's notices): stored in its transaction, so they
    /// exist exactly when it was taken, and delivered from the outbox after.
    pub notify: &'a [Message],
}

impl<'a> Decision<'a> {
    pub fn plain(action: Action, opinion: &'a str, client_ip: &'a str, now: i64) -> Self {
        Self {
            action,
            expected_version: None,
            opinion,
            detail: "{}",
            client_ip,
            now,
            notice_closes_at: None,
            return_items: None,
            notify: &[],
        }
    }
}

/// What a decision came to.
#[derive(Clone, Debug)]
pub enum Decided {
    /// Taken; the row as it is now.
    Done(ApplicationRow),
    /// The domain refused it (wrong role, organisation or step).
    Denied(Denied),
    /// Someone acted first: the row as they left it.
    Stale(ApplicationRow),
}

#[derive(Clone, Debug, Default)]
pub struct QueueFilter {
    pub status: Option<Status>,
    pub level: Option<String>,
    /// Part of the specialty.
    pub specialty: Option<String>,
    /// Part of the applicant's name.
    pub name: Option<String>,
    pub sort: QueueSort,
    /// Keyset paging: the rows after this application in the sort order (the last one of the
    /// page before). An id no longer in the queue starts from the top.
    pub after: Option<String>,
    pub limit: i64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum QueueSort {
    /// Most recently changed first.
    #[default]
    Recent,
    /// Nearest deadline (48-hour window, notice close) first.
    Deadline,
    Name,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct QueueRow {
    pub id: String,
    pub applicant_name: String,
    pub unit_name: String,
    pub series: String,
    pub specialty: String,
    pub level: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub submissions_used: i64,
    pub version: i64,
    pub updated_at: i64,
    pub due_at: Option<i64>,
    pub notice_closes_at: Option<i64>,
    pub objections: i64,
    /// Files of this application that another person's application holds too.
    pub duplicates: i64,
}

/// The deadline sort's key: the 48 hours of a return, else the notice's close, else last.
const DEADLINE_KEY: &str = "COALESCE(ap.due_at, ap.notice_closes_at, 9223372036854775807)";

/// A value bound to a numbered placeholder.
enum Bind {
    Text(String),
    Int(i64),
}

/// Binds `binds` in order (placeholders are numbered in the order they appear: SQLite numbers
/// `$N` by first use).
fn bound<'q, O>(
    mut q: sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>>,
    binds: Vec<Bind>,
) -> sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>> {
    for b in binds {
        q = match b {
            Bind::Text(s) => q.bind(s),
            Bind::Int(i) => q.bind(i),
        };
    }
    q
}

/// The WHERE clause of a queue and its values (`ap` the application, `u` its applicant), or
/// None when the filter asks for a status outside the queue's steps.
fn queue_where(org: QueueOrg, org_id: &str, statuses: &[Status], f: &QueueFilter) -> Option<(String, Vec<Bind>)> {
    let statuses: Vec<Status> = match f.status {
        Some(s) if statuses.contains(&s) => vec![s],
        Some(_) => return None,
        None => statuses.to_vec(),
    };
    // Statuses come from the domain's constants, never from input: safe to inline.
    let in_list = statuses.iter().map(|s| format!("'{}'", s.as_str())).collect::<Vec<_>>().join(", ");
    let mut sql = format!("WHERE ap.{} = $1 AND ap.status IN ({in_list})", org.column());
    let mut binds = vec![Bind::Text(org_id.to_string())];
    if let Some(level) = f.level.as_ref().filter(|l| !l.is_empty()) {
        binds.push(Bind::Text(level.clone()));
        sql.push_str(&format!(" AND ap.level = ${}", binds.len()));
    }
    if let Some(sp) = f.specialty.as_ref().filter(|s| !s.trim().is_empty()) {
        binds.push(Bind::Text(like_pattern(sp.trim())));
        sql.push_str(&format!(" AND ap.specialty LIKE ${} ESCAPE '\\'", binds.len()));
    }
    if let Some(name) = f.name.as_ref().filter(|s| !s.trim().is_empty()) {
        binds.push(Bind::Text(like_pattern(name.trim())));
        sql.push_str(&format!(" AND u.name LIKE ${} ESCAPE '\\'", binds.len()));
    }
    Some((sql, binds))
}

/// `%` and `_` typed into a search box are letters, not wildcards.
fn like_pattern(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// The row after a transition the domain allowed: the new status and count, the version step, and
/// the action's own effects (the notice's dates, the 48 hours of a return).
fn advanced(row: &ApplicationRow, next: &workflow::ApplicationFacts, d: &Decision<'_>) -> ApplicationRow {
    let mut after = row.clone();
    after.status = next.status;
    after.submissions_used = i64::from(next.submissions_used);
    after.version += 1;
    after.updated_at = d.now;
    match d.action {
        Action::StartNotice => {
            after.notice_started_at = Some(d.now);
            after.notice_closes_at = d.notice_closes_at;
        }
        Action::OfficeReturn => {
            after.due_at = Some(d.now + CORRECTION_WINDOW_MS);
            after.return_items = d.return_items.map(Into::into);
            after.reminders_sent = 0;
        }
        Action::Submit => after.due_at = None,
        _ => {}
    }
    after
}

impl Store {
    /// A connection inside a transaction: BEGIN IMMEDIATE on SQLite, so writers queue instead of
    /// failing half-way; BEGIN on PostgreSQL, where the row locks order them.
    pub(super) async fn begin(&self) -> StoreResult<PoolConnection<Any>> {
        let mut conn = self.pool().acquire().await?;
        let begin = if self.engine() == Engine::Sqlite { "BEGIN IMMEDIATE" } else { "BEGIN" };
        sqlx::query(begin).execute(&mut *conn).await?;
        Ok(conn)
    }

    pub(super) async fn finish(&self, mut conn: PoolConnection<Any>, commit: bool) -> StoreResult<()> {
        sqlx::query(if commit { "COMMIT" } else { "ROLLBACK" }).execute(&mut *conn).await?;
        Ok(())
    }

    /// Reads the application and, on PostgreSQL, locks it until the transaction ends.
    pub(super) async fn lock_application(&self, conn: &mut AnyConnection, id: &str) -> StoreResult<Option<ApplicationRow>> {
        let lock = if self.engine() == Engine::Sqlite { "" } else { " FOR UPDATE" };
        let sql = format!("SELECT {COLUMNS} FROM applications WHERE id = $1{lock}");
        Ok(sqlx::query_as::<_, ApplicationRow>(&sql).bind(id).fetch_optional(&mut *conn).await?)
    }

    /// The one way a status changes: the domain's check, the action's effects, the version step
    /// and the audit record, inside the caller's transaction on a locked row.
    pub(super) async fn transition_locked(
        &self,
        conn: &mut AnyConnection,
        row: &ApplicationRow,
        actor: &Actor,
        d: &Decision<'_>,
    ) -> StoreResult<Result<ApplicationRow, Denied>> {
        let facts = row.facts();
        let next = match workflow::apply(actor, d.action, &facts) {
            Ok(next) => next,
            Err(denied) => return Ok(Err(denied)),
        };
        let after = advanced(row, &next, d);
        let updated = sqlx::query(
            "UPDATE applications SET status = $1, submissions_used = $2, version = $3, updated_at = $4, notice_started_at = $5, \
             notice_closes_at = $6, due_at = $7, return_items = $8, reminders_sent = $9 WHERE id = $10 AND version = $11",
        )
        .bind(after.status.as_str())
        .bind(after.submissions_used)
        .bind(after.version)
        .bind(after.updated_at)
        .bind(after.notice_started_at)
        .bind(after.notice_closes_at)
        .bind(after.due_at)
        .bind(after.return_items.clone())
        .bind(after.reminders_sent)
        .bind(&row.id)
        .bind(row.version)
        .execute(&mut *conn)
        .await?;
        if updated.rows_affected() != 1 {
            return Err(StoreError::Conflict);
        }
        let entry = AuditEntry {
            application_id: &row.id,
            actor,
            at: d.now,
            action: d.action.as_str(),
            from: facts.status,
            to: next.status,
            opinion: d.opinion,
            detail: d.detail,
            client_ip: d.client_ip,
        };
        audit::append(conn, self.chain(), &entry).await?;
        Ok(Ok(after))
    }

    /// A reviewer's decision: exactly one of any number of simultaneous decisions on one version
    /// is taken; the others get `Stale` with what the winner left (or `Denied` when the step has
    /// moved on). Runs on its own task, so a client that goes away cannot cut it in half.
    pub async fn decide(&self, id: &str, actor: &Actor, d: &Decision<'_>) -> StoreResult<Decided> {
        let store = self.clone();
        let (id, actor) = (id.to_string(), actor.clone());
        let (opinion, detail, ip, items) =
            (d.opinion.to_string(), d.detail.to_string(), d.client_ip.to_string(), d.return_items.map(String::from));
        let owned = (d.action, d.expected_version, d.now, d.notice_closes_at);
        let notify = d.notify.to_vec();
        tokio::spawn(async move {
            let (action, expected_version, now, notice_closes_at) = owned;
            let d = Decision {
                action,
                expected_version,
                opinion: &opinion,
                detail: &detail,
                client_ip: &ip,
                now,
                notice_closes_at,
                return_items: items.as_deref(),
                notify: &notify,
            };
            let mut conn = store.begin().await?;
            let result = async {
                let Some(row) = store.lock_application(&mut conn, &id).await? else { return Err(StoreError::NotFound) };
                if d.expected_version.is_some_and(|v| v != row.version) {
                    return Ok(Decided::Stale(row));
                }
                Ok(match store.transition_locked(&mut conn, &row, &actor, &d).await? {
                    Ok(after) => {
                        outbox::insert_all_on(&mut conn, d.notify).await?;
                        Decided::Done(after)
                    }
                    Err(denied) => Decided::Denied(denied),
                })
            }
            .await;
            store.finish(conn, matches!(result, Ok(Decided::Done(_)))).await?;
            result
        })
        .await
        .map_err(|e| StoreError::Corrupt(format!("decide task: {e}")))?
    }

    /// Withdraws up to `limit` applications whose 48 hours have passed (视为放弃申报), in one
    /// transaction, each with its audit record by the platform, and returns them as they are now
    /// except for their materials, which are not read (for telling live pages, not for showing).
    /// Idempotent: a row already moved (resubmitted in time, or withdrawn by another server) is
    /// not selected again.
    ///
    /// Set-based (issue 15): the rows are read and locked in one statement (PostgreSQL skips rows
    /// another server's sweep holds; SQLite's BEGIN IMMEDIATE lets one writer in), the domain
    /// decides each one as `transition_locked` would, the rows move in one UPDATE per outcome and
    /// the audit records are chained and inserted a few hundred per statement.
    pub async fn expire_overdue(&self, now: i64, limit: i64) -> StoreResult<Vec<ApplicationRow>> {
        let store = self.clone();
        tokio::spawn(async move {
            let mut conn = store.begin().await?;
            let result = store.expire_locked(&mut conn, now, limit).await;
            store.finish(conn, result.is_ok()).await?;
            result
        })
        .await
        .map_err(|e| StoreError::Corrupt(format!("expire task: {e}")))?
    }

    async fn expire_locked(&self, conn: &mut AnyConnection, now: i64, limit: i64) -> StoreResult<Vec<ApplicationRow>> {
        let lock = if self.engine() == Engine::Sqlite { "" } else { " FOR UPDATE SKIP LOCKED" };
        // In the order of the (status, due_at) index, so each batch reads only its own rows: an
        // `id` tie-break would sort every overdue row again for each batch (27 s for 100,000).
        // Without the materials: a region's year of overdue applications would be gigabytes of
        // JSON read only to be thrown away (the rows returned carry an empty `materials`).
        let columns = COLUMNS.replace("materials", "'' AS materials");
        let sql = format!("SELECT {columns} FROM applications WHERE status = 'returned' AND due_at <= $1 ORDER BY due_at LIMIT $2{lock}");
        let rows = sqlx::query_as::<_, ApplicationRow>(&sql).bind(now).bind(limit).fetch_all(&mut *conn).await?;
        let system = Actor::system();
        let d = Decision::plain(Action::Expire, "", "", now);
        // The domain's verdict on each row; rows it refuses stay where they are.
        let moved: Vec<(ApplicationRow, ApplicationRow)> = rows
            .into_iter()
            .filter_map(|row| {
                let next = workflow::apply(&system, Action::Expire, &row.facts()).ok()?;
                let after = advanced(&row, &next, &d);
                Some((row, after))
            })
            .collect();
        // One UPDATE per distinct outcome (for a withdrawal there is one), a few hundred ids each.
        let mut outcomes: std::collections::BTreeMap<(&'static str, i64), Vec<&str>> = Default::default();
        for (before, after) in &moved {
            outcomes.entry((after.status.as_str(), after.submissions_used)).or_default().push(&before.id);
        }
        for ((status, used), ids) in outcomes {
            for chunk in ids.chunks(500) {
                let p = |n| self.engine().placeholder(n);
                let placeholders = (0..chunk.len()).map(|i| p(i + 4)).collect::<Vec<_>>().join(", ");
                // By id alone: the rows are this transaction's (locked on PostgreSQL, written
                // under BEGIN IMMEDIATE on SQLite), and a `status =` term would lead SQLite's
                // planner to scan every returned row through the status index for each statement.
                let sql = format!(
                    "UPDATE applications SET status = {}, submissions_used = {}, version = version + 1, updated_at = {} \
                     WHERE id IN ({placeholders})",
                    p(1),
                    p(2),
                    p(3)
                );
                let mut q = sqlx::query(&sql).bind(status).bind(used).bind(now);
                for id in chunk {
                    q = q.bind(*id);
                }
                if q.execute(&mut *conn).await?.rows_affected() != chunk.len() as u64 {
                    return Err(StoreError::Conflict);
                }
            }
        }
        let entries: Vec<AuditEntry<'_>> = moved
            .iter()
            .map(|(before, after)| AuditEntry {
                application_id: &before.id,
                actor: &system,
                at: now,
                action: Action::Expire.as_str(),
                from: before.status,
                to: after.status,
                opinion: d.opinion,
                detail: d.detail,
                client_ip: d.client_ip,
            })
            .collect();
        audit::append_many(conn, self.chain(), &entries).await?;
        Ok(moved.into_iter().map(|(_, after)| after).collect())
    }

    /// Returned applications whose deadline is within `window_ms` and that still have a reminder
    /// to receive.
    pub async fn returns_due_within(&self, now: i64, window_ms: i64) -> StoreResult<Vec<ApplicationRow>> {
        let sql =
            format!("SELECT {COLUMNS} FROM applications WHERE status = 'returned' AND due_at > $1 AND due_at <= $2 AND reminders_sent < 3");
        Ok(sqlx::query_as::<_, ApplicationRow>(&sql).bind(now).bind(now + window_ms).fetch_all(self.pool()).await?)
    }

    /// Records a reminder as sent if nobody recorded one since `old` was read, and stores its
    /// messages in the same transaction: true when this call is the one that stored them, so a
    /// second server sends nothing again and a crash loses nothing half-done.
    pub async fn mark_reminder(&self, id: &str, old: i64, new: i64, notify: &[Message]) -> StoreResult<bool> {
        let mut conn = self.begin().await?;
        let result = async {
            let r =
                sqlx::query("UPDATE applications SET reminders_sent = $1 WHERE id = $2 AND reminders_sent = $3 AND status = 'returned'")
                    .bind(new)
                    .bind(id)
                    .bind(old)
                    .execute(&mut *conn)
                    .await?;
            if r.rows_affected() != 1 {
                return Ok(false);
            }
            outbox::insert_all_on(&mut conn, notify).await?;
            Ok(true)
        }
        .await;
        self.finish(conn, matches!(result, Ok(true))).await?;
        result
    }

    /// The queue of one reviewer organisation: applications whose `org` column is `org_id` and
    /// whose status is one of `statuses` (the domain's `queue_of`), filtered and sorted, `f.limit`
    /// rows after `f.after` (keyset paging: each page costs the same however deep it is).
    pub async fn queue(&self, org: QueueOrg, org_id: &str, statuses: &[Status], f: &QueueFilter) -> StoreResult<Vec<QueueRow>> {
        let Some((mut sql, mut binds)) = queue_where(org, org_id, statuses, f) else { return Ok(vec![]) };
        sql = format!(
            "SELECT ap.id, u.name AS applicant_name, COALESCE(o.name, '') AS unit_name, ap.series, ap.specialty, ap.level, ap.status, \
             ap.submissions_used, ap.version, ap.updated_at, ap.due_at, ap.notice_closes_at, \
             (SELECT COUNT(*) FROM objections ob WHERE ob.application_id = ap.id) AS objections, \
             (SELECT COUNT(*) FROM attachments a WHERE a.application_id = ap.id AND EXISTS \
                (SELECT 1 FROM attachments b WHERE b.sha256 = a.sha256 AND b.owner_id <> a.owner_id)) AS duplicates \
             FROM applications ap JOIN users u ON u.id = ap.applicant_id LEFT JOIN organisations o ON o.id = COALESCE(NULLIF(ap.home_unit_id, ''), ap.reviewing_unit_id) \
             {sql}"
        );
        if let Some(after) = f.after.as_deref() {
            let anchor: Option<(i64, i64, String)> = sqlx::query_as(&format!(
                "SELECT ap.updated_at, {DEADLINE_KEY}, u.name FROM applications ap JOIN users u ON u.id = ap.applicant_id WHERE ap.id = $1"
            ))
            .bind(after)
            .fetch_optional(self.pool())
            .await?;
            if let Some((updated_at, deadline, name)) = anchor {
                let mut p = |b: Bind| {
                    binds.push(b);
                    format!("${}", binds.len())
                };
                let id = || Bind::Text(after.to_string());
                let cond = match f.sort {
                    QueueSort::Recent => {
                        format!(" AND (ap.updated_at < {} OR (ap.updated_at = {} AND ap.id > {}))", p(Bind::Int(updated_at)), p(Bind::Int(updated_at)), p(id()))
                    }
                    QueueSort::Deadline => format!(
                        " AND ({DEADLINE_KEY} > {} OR ({DEADLINE_KEY} = {} AND ap.updated_at > {}) OR ({DEADLINE_KEY} = {} AND ap.updated_at = {} AND ap.id > {}))",
                        p(Bind::Int(deadline)),
                        p(Bind::Int(deadline)),
                        p(Bind::Int(updated_at)),
                        p(Bind::Int(deadline)),
                        p(Bind::Int(updated_at)),
                        p(id())
                    ),
                    QueueSort::Name => format!(" AND (u.name > {} OR (u.name = {} AND ap.id > {}))", p(Bind::Text(name.clone())), p(Bind::Text(name)), p(id())),
                };
                sql.push_str(&cond);
            }
        }
        sql.push_str(&match f.sort {
            QueueSort::Recent => " ORDER BY ap.updated_at DESC, ap.id".to_string(),
            QueueSort::Deadline => format!(" ORDER BY {DEADLINE_KEY}, ap.updated_at, ap.id"),
            QueueSort::Name => " ORDER BY u.name, ap.id".to_string(),
        });
        sql.push_str(&format!(" LIMIT {}", f.limit.clamp(1, 5000)));
        Ok(bound(sqlx::query_as::<_, QueueRow>(&sql), binds).fetch_all(self.pool()).await?)
    }

    /// Every row the filter selects, in its order, read a thousand at a time (the CSV export,
    /// the office's list of those still to pay): as exact for 50,000 rows as for 5.
    pub async fn queue_all(&self, org: QueueOrg, org_id: &str, statuses: &[Status], f: &QueueFilter) -> StoreResult<Vec<QueueRow>> {
        let mut page = QueueFilter { after: None, limit: 1000, ..f.clone() };
        let mut all = vec![];
        loop {
            let rows = self.queue(org, org_id, statuses, &page).await?;
            let last_page = (rows.len() as i64) < page.limit;
            page.after = rows.last().map(|r| r.id.clone());
            all.extend(rows);
            if last_page {
                return Ok(all);
            }
        }
    }

    /// How many applications the filter selects, on every page together.
    pub async fn queue_total(&self, org: QueueOrg, org_id: &str, statuses: &[Status], f: &QueueFilter) -> StoreResult<i64> {
        let Some((sql, binds)) = queue_where(org, org_id, statuses, f) else { return Ok(0) };
        let sql = format!("SELECT COUNT(*) FROM applications ap JOIN users u ON u.id = ap.applicant_id {sql}");
        let (n,) = bound(sqlx::query_as::<_, (i64,)>(&sql), binds).fetch_one(self.pool()).await?;
        Ok(n)
    }

    /// How many applications of the queue are at each status (the counts above the filters).
    pub async fn queue_counts(&self, org: QueueOrg, org_id: &str) -> StoreResult<Vec<(String, i64)>> {
        let sql = format!("SELECT status, COUNT(*) FROM applications WHERE {} = $1 GROUP BY status", org.column());
        Ok(sqlx::query_as(&sql).bind(org_id).fetch_all(self.pool()).await?)
    }

    /// Whether a file was uploaded to `field` of the application (the unit's stamped notice files).
    pub async fn has_attachment(&self, application_id: &str, field: &str) -> StoreResult<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachments WHERE application_id = $1 AND field = $2")
            .bind(application_id)
            .bind(field)
            .fetch_one(self.pool())
            .await?;
        Ok(n > 0)
    }
}
