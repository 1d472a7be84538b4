//! The review chain's writes and reads: one transition function every status change goes through
//! (the domain's check, the optimistic version, the effects of the action and the audit record,
//! in one transaction), the reviewers' queues, the sweeper's withdrawals and the
//! reminders before a return's deadline.

use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection};

use super::applications::COLUMNS;
use super::audit::{self, AuditEntry};
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
}

impl<'a> Decision<'a> {
    pub fn plain(action: Action, opinion: &'a str, client_ip: &'a str, now: i64) -> Self {
        Self { action, expected_version: None, opinion, detail: "{}", client_ip, now, notice_closes_at: None, return_items: None }
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

/// `%` and `_` typed into a search box are letters, not wildcards.
fn like_pattern(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
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
            };
            let mut conn = store.begin().await?;
            let result = async {
                let Some(row) = store.lock_application(&mut conn, &id).await? else { return Err(StoreError::NotFound) };
                if d.expected_version.is_some_and(|v| v != row.version) {
                    return Ok(Decided::Stale(row));
                }
                Ok(match store.transition_locked(&mut conn, &row, &actor, &d).await? {
                    Ok(after) => Decided::Done(after),
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
    /// transaction, each with its audit record by the platform. Idempotent: a row already moved
    /// (resubmitted in time, or withdrawn by another server) is skipped.
    pub async fn expire_overdue(&self, now: i64, limit: i64) -> StoreResult<Vec<ApplicationRow>> {
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT id FROM applications WHERE status = 'returned' AND due_at <= $1 ORDER BY due_at LIMIT $2")
                .bind(now)
                .bind(limit)
                .fetch_all(self.pool())
                .await?;
        if ids.is_empty() {
            return Ok(vec![]);
        }
        let store = self.clone();
        tokio::spawn(async move {
            let system = Actor::system();
            let d = Decision::plain(Action::Expire, "", "", now);
            let mut conn = store.begin().await?;
            let result = async {
                let mut done = vec![];
                for id in &ids {
                    let Some(row) = store.lock_application(&mut conn, id).await? else { continue };
                    if row.status != Status::Returned || row.due_at.is_none_or(|due| due > now) {
                        continue;
                    }
                    if let Ok(after) = store.transition_locked(&mut conn, &row, &system, &d).await? {
                        done.push(after);
                    }
                }
                Ok(done)
            }
            .await;
            store.finish(conn, result.is_ok()).await?;
            result
        })
        .await
        .map_err(|e| StoreError::Corrupt(format!("expire task: {e}")))?
    }

    /// Returned applications whose deadline is within `window_ms` and that still have a reminder
    /// to receive.
    pub async fn returns_due_within(&self, now: i64, window_ms: i64) -> StoreResult<Vec<ApplicationRow>> {
        let sql =
            format!("SELECT {COLUMNS} FROM applications WHERE status = 'returned' AND due_at > $1 AND due_at <= $2 AND reminders_sent < 3");
        Ok(sqlx::query_as::<_, ApplicationRow>(&sql).bind(now).bind(now + window_ms).fetch_all(self.pool()).await?)
    }

    /// Records a reminder as sent if nobody recorded one since `old` was read: true when this
    /// call is the one that must send it.
    pub async fn mark_reminder(&self, id: &str, old: i64, new: i64) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE applications SET reminders_sent = $1 WHERE id = $2 AND reminders_sent = $3 AND status = 'returned'")
            .bind(new)
            .bind(id)
            .bind(old)
            .execute(self.pool())
            .await?;
        Ok(r.rows_affected() == 1)
    }

    /// The queue of one reviewer organisation: applications whose `org` column is `org_id` and
    /// whose status is one of `statuses` (the domain's `queue_of`), filtered and sorted.
    pub async fn queue(&self, org: QueueOrg, org_id: &str, statuses: &[Status], f: &QueueFilter) -> StoreResult<Vec<QueueRow>> {
        let statuses: Vec<Status> = match f.status {
            Some(s) if statuses.contains(&s) => vec![s],
            Some(_) => return Ok(vec![]),
            None => statuses.to_vec(),
        };
        // Statuses come from the domain's constants, never from input: safe to inline.
        let in_list = statuses.iter().map(|s| format!("'{}'", s.as_str())).collect::<Vec<_>>().join(", ");
        let mut sql = format!(
            "SELECT ap.id, u.name AS applicant_name, COALESCE(o.name, '') AS unit_name, ap.series, ap.specialty, ap.level, ap.status, \
             ap.submissions_used, ap.version, ap.updated_at, ap.due_at, ap.notice_closes_at, \
             (SELECT COUNT(*) FROM objections ob WHERE ob.application_id = ap.id) AS objections, \
             (SELECT COUNT(*) FROM attachments a WHERE a.application_id = ap.id AND EXISTS \
                (SELECT 1 FROM attachments b WHERE b.sha256 = a.sha256 AND b.owner_id <> a.owner_id)) AS duplicates \
             FROM applications ap JOIN users u ON u.id = ap.applicant_id LEFT JOIN organisations o ON o.id = ap.reviewing_unit_id \
             WHERE ap.{} = $1 AND ap.status IN ({in_list})",
            org.column()
        );
        let mut binds: Vec<String> = vec![org_id.to_string()];
        if let Some(level) = f.level.as_ref().filter(|l| !l.is_empty()) {
            binds.push(level.clone());
            sql.push_str(&format!(" AND ap.level = ${}", binds.len()));
        }
        if let Some(sp) = f.specialty.as_ref().filter(|s| !s.trim().is_empty()) {
            binds.push(like_pattern(sp.trim()));
            sql.push_str(&format!(" AND ap.specialty LIKE ${} ESCAPE '\\'", binds.len()));
        }
        if let Some(name) = f.name.as_ref().filter(|s| !s.trim().is_empty()) {
            binds.push(like_pattern(name.trim()));
            sql.push_str(&format!(" AND u.name LIKE ${} ESCAPE '\\'", binds.len()));
        }
        sql.push_str(match f.sort {
            QueueSort::Recent => " ORDER BY ap.updated_at DESC, ap.id",
            QueueSort::Deadline => " ORDER BY COALESCE(ap.due_at, ap.notice_closes_at, 9223372036854775807), ap.updated_at, ap.id",
            QueueSort::Name => " ORDER BY u.name, ap.id",
        });
        sql.push_str(&format!(" LIMIT {}", f.limit.clamp(1, 5000)));
        let mut q = sqlx::query_as::<_, QueueRow>(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        Ok(q.fetch_all(self.pool()).await?)
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
