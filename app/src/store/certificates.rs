//! Signed certificates: numbering, issuance (with the application's last transition), lookup,
//! the holder's list, revocation (audited) and the published status list.

use super::audit::{self, AuditEntry};
use super::review::Decision;
use super::{Store, StoreError, StoreResult};
use crate::domain::certificate::CertificateStatus;
use crate::domain::workflow::{Action, Actor, Denied, Status};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CertificateRow {
    pub number: String,
    pub year: i64,
    pub seq: i64,
    pub application_id: String,
    pub holder_id: String,
    pub holder_name: String,
    pub canonical: String,
    pub signature: String,
    pub key_id: String,
    pub pdf_sha256: String,
    pub issued_by: String,
    pub issued_at: i64,
    #[sqlx(try_from = "String")]
    pub status: CertificateStatus,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<String>,
    pub revoked_reason: Option<String>,
}

const COLUMNS: &str = "number, year, seq, application_id, holder_id, holder_name, canonical, signature, key_id, pdf_sha256, \
     issued_by, issued_at, status, revoked_at, revoked_by, revoked_reason";

// One value per issuance, moved straight into the response: boxing the row would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum Issued {
    Done(CertificateRow),
    Denied(Denied),
    /// The application did not pass its evaluation: no certificate.
    NotPassed,
}

impl Store {
    /// The next running number of `year` (1, 2, …), taken atomically.
    pub async fn next_certificate_seq(&self, year: i32) -> StoreResult<i64> {
        sqlx::query("INSERT INTO certificate_counters (year, last) VALUES ($1, 0) ON CONFLICT (year) DO NOTHING")
            .bind(i64::from(year))
            .execute(self.pool())
            .await?;
        Ok(sqlx::query_scalar("UPDATE certificate_counters SET last = last + 1 WHERE year = $1 RETURNING last")
            .bind(i64::from(year))
            .fetch_one(self.pool())
            .await?)
    }

    /// Records a signed certificate and moves its application to 已发证, in one transaction on
    /// the locked application: a second issuance for the same application is refused by the
    /// workflow (it is no longer 已备案).
    pub async fn record_certificate(&self, c: &CertificateRow, actor: &Actor, client_ip: &str) -> StoreResult<Issued> {
        let mut conn = self.begin().await?;
        let result = async {
            let Some(app) = self.lock_application(&mut conn, &c.application_id).await? else { return Err(StoreError::NotFound) };
            let outcome: Option<String> =
                sqlx::query_scalar("SELECT outcome FROM applications WHERE id = $1").bind(&app.id).fetch_one(&mut *conn).await?;
            if outcome.as_deref() != Some("pass") {
                return Ok(Issued::NotPassed);
            }
            let detail = serde_json::json!({ "certificate": c.number, "key_id": c.key_id }).to_string();
            let mut d = Decision::plain(Action::Issue, "", client_ip, c.issued_at);
            d.detail = &detail;
            if let Err(denied) = self.transition_locked(&mut conn, &app, actor, &d).await? {
                return Ok(Issued::Denied(denied));
            }
            sqlx::query(&format!(
                "INSERT INTO certificates ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'valid', NULL, NULL, NULL)"
            ))
            .bind(&c.number)
            .bind(c.year)
            .bind(c.seq)
            .bind(&c.application_id)
            .bind(&c.holder_id)
            .bind(&c.holder_name)
            .bind(&c.canonical)
            .bind(&c.signature)
            .bind(&c.key_id)
            .bind(&c.pdf_sha256)
            .bind(&c.issued_by)
            .bind(c.issued_at)
            .execute(&mut *conn)
            .await?;
            Ok(Issued::Done(c.clone()))
        }
        .await;
        self.finish(conn, matches!(result, Ok(Issued::Done(_)))).await?;
        result
    }

    pub async fn certificate(&self, number: &str) -> StoreResult<Option<CertificateRow>> {
        Ok(sqlx::query_as::<_, CertificateRow>(&format!("SELECT {COLUMNS} FROM certificates WHERE number = $1"))
            .bind(number)
            .fetch_optional(self.pool())
            .await?)
    }

    pub async fn certificates_of_holder(&self, holder_id: &str) -> StoreResult<Vec<CertificateRow>> {
        Ok(sqlx::query_as::<_, CertificateRow>(&format!("SELECT {COLUMNS} FROM certificates WHERE holder_id = $1 ORDER BY issued_at DESC"))
            .bind(holder_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Filed passes still without a certificate, oldest first: (application id, applicant's name,
    /// unit's name, series, specialty, level).
    pub async fn awaiting_certificate(
        &self,
        region_id: &str,
        limit: i64,
    ) -> StoreResult<Vec<(String, String, String, String, String, String)>> {
        Ok(sqlx::query_as(
            "SELECT a.id, u.name, COALESCE(o.name, ''), a.series, a.specialty, a.level FROM applications a \
             JOIN users u ON u.id = a.applicant_id LEFT JOIN organisations o ON o.id = COALESCE(NULLIF(a.home_unit_id, ''), a.reviewing_unit_id) \
             WHERE a.status = 'filed' AND a.outcome = 'pass' AND a.region_id = $1 ORDER BY a.updated_at, a.id LIMIT $2",
        )
        .bind(region_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// The issuer's list for one region, newest first.
    pub async fn recent_certificates(&self, region_id: &str, limit: i64) -> StoreResult<Vec<CertificateRow>> {
        Ok(sqlx::query_as::<_, CertificateRow>(&format!(
            "SELECT {COLUMNS} FROM certificates WHERE application_id IN (SELECT id FROM applications WHERE region_id = $1) \
             ORDER BY issued_at DESC, seq DESC LIMIT $2"
        ))
        .bind(region_id)
        .bind(limit)
        .fetch_all(self.pool())
        .await?)
    }

    /// Revoked certificates, for the published status list.
    /// What changes whenever a certificate is revoked (revocation is for good): how many are, and
    /// the latest time. A copy of the signed list made at the same mark is still the list.
    pub async fn revocation_mark(&self) -> StoreResult<(i64, Option<i64>)> {
        Ok(sqlx::query_as("SELECT COUNT(*), MAX(revoked_at) FROM certificates WHERE status = 'revoked'").fetch_one(self.pool()).await?)
    }

    pub async fn revoked_certificates(&self) -> StoreResult<Vec<CertificateRow>> {
        Ok(sqlx::query_as::<_, CertificateRow>(&format!(
            "SELECT {COLUMNS} FROM certificates WHERE status = 'revoked' ORDER BY revoked_at, number"
        ))
        .fetch_all(self.pool())
        .await?)
    }

    /// Revokes a valid certificate, with an audit record on its application. `false` when it was
    /// revoked already (or does not exist): nothing changes.
    pub async fn revoke_certificate(&self, number: &str, actor: &Actor, reason: &str, client_ip: &str, now: i64) -> StoreResult<bool> {
        let mut conn = self.begin().await?;
        let result = async {
            let app_id: Option<String> = sqlx::query_scalar("SELECT application_id FROM certificates WHERE number = $1 AND status = 'valid'")
                .bind(number)
                .fetch_optional(&mut *conn)
                .await?;
            let Some(app_id) = app_id else { return Ok(false) };
            let done = sqlx::query(
                "UPDATE certificates SET status = 'revoked', revoked_at = $1, revoked_by = $2, revoked_reason = $3 WHERE number = $4 AND status = 'valid'",
            )
            .bind(now)
            .bind(&actor.user_id)
            .bind(reason)
            .bind(number)
            .execute(&mut *conn)
            .await?;
            if done.rows_affected() != 1 {
                return Ok(false);
            }
            let detail = serde_json::json!({ "certificate": number }).to_string();
            let entry = AuditEntry {
                application_id: &app_id,
                actor,
                at: now,
                action: "revoke_certificate",
                from: Status::Certified,
                to: Status::Certified,
                opinion: reason,
                detail: &detail,
                client_ip,
            };
            audit::append(&mut conn, self.chain(), &entry).await?;
            Ok(true)
        }
        .await;
        self.finish(conn, matches!(result, Ok(true))).await?;
        result
    }
}
