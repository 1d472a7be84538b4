//! What the administrator changes (issue 5 part 7): organisations, accounts, title series and
//! calendar days. Each change is one transaction with its record in the audit chain
//! (`audit::append_admin`), so an auditor sees who gave whom which role, and when.

use super::audit::{self, AdminEntry};
use super::outbox::Message;
use super::reset_codes::NewResetCode;
use super::{new_id, unique_or, NewUser, Store, StoreError, StoreResult, UserRow};
use crate::domain::admin::OrgKind;
use crate::domain::series::Series;
use crate::domain::workflow::Actor;

/// Who made a change, from where and when: what every audited administration write needs.
pub struct ByAdmin<'a> {
    pub actor: &'a Actor,
    pub client_ip: &'a str,
    pub now: i64,
}

impl ByAdmin<'_> {
    pub(super) fn entry<'e>(
        &'e self,
        subject: &'e str,
        action: &'e str,
        before: &'e str,
        after: &'e str,
        detail: &'e str,
    ) -> AdminEntry<'e> {
        AdminEntry { subject, actor: self.actor, at: self.now, action, before, after, detail, client_ip: self.client_ip }
    }
}

/// Filters of the account list; empty strings mean "any".
#[derive(Clone, Debug, Default)]
pub struct UserFilter {
    pub role: String,
    pub org_id: String,
    /// Part of the name, user name, phone or e-mail.
    pub text: String,
    pub limit: i64,
}

#[derive(Clone, Debug, sqlx::FromRow)]
struct SeriesRow {
    id: String,
    name: String,
    specialties: String,
    title_junior: String,
    title_intermediate: String,
    title_associate_senior: String,
    title_senior: String,
    open: i64,
}

impl From<SeriesRow> for Series {
    fn from(r: SeriesRow) -> Self {
        Series {
            id: r.id,
            name: r.name,
            specialties: r.specialties.lines().map(str::to_string).filter(|s| !s.is_empty()).collect(),
            titles: [r.title_junior, r.title_intermediate, r.title_associate_senior, r.title_senior],
            open: r.open != 0,
        }
    }
}

impl Store {
    /// Adds an organisation; returns its id. The caller has checked name and parent kind.
    pub async fn insert_org(&self, kind: OrgKind, name: &str, parent_id: Option<&str>, by: &ByAdmin<'_>) -> StoreResult<String> {
        let id = format!("org-{}", &new_id()[..12]);
        let mut conn = self.begin().await?;
        let result = async {
            sqlx::query("INSERT INTO organisations (id, kind, name, parent_id, created_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(&id)
                .bind(kind.as_str())
                .bind(name)
                .bind(parent_id)
                .bind(by.now)
                .execute(&mut *conn)
                .await?;
            let subject = format!("org:{id}");
            let detail = serde_json::json!({ "kind": kind.as_str(), "name": name, "parent": parent_id }).to_string();
            audit::append_admin(&mut conn, self.chain(), &by.entry(&subject, "create_org", "", kind.as_str(), &detail)).await?;
            Ok(())
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result.map(|()| id)
    }

    /// Renames an organisation (its id, place in the tree and people stay).
    pub async fn rename_org(&self, id: &str, name: &str, by: &ByAdmin<'_>) -> StoreResult<()> {
        let mut conn = self.begin().await?;
        let result = async {
            let old: Option<String> =
                sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1").bind(id).fetch_optional(&mut *conn).await?;
            let Some(old) = old else { return Err(StoreError::NotFound) };
            sqlx::query("UPDATE organisations SET name = $1 WHERE id = $2").bind(name).bind(id).execute(&mut *conn).await?;
            let subject = format!("org:{id}");
            audit::append_admin(&mut conn, self.chain(), &by.entry(&subject, "rename_org", &old, name, "")).await?;
            Ok(())
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }

    /// Sets an issuer's seal (the blob's SHA-256), with its audit record.
    pub async fn set_org_seal(&self, id: &str, sha256: &str, by: &ByAdmin<'_>) -> StoreResult<()> {
        let mut conn = self.begin().await?;
        let result = async {
            let old: Option<Option<String>> =
                sqlx::query_scalar("SELECT seal_sha256 FROM organisations WHERE id = $1").bind(id).fetch_optional(&mut *conn).await?;
            let Some(old) = old else { return Err(StoreError::NotFound) };
            sqlx::query("UPDATE organisations SET seal_sha256 = $1 WHERE id = $2").bind(sha256).bind(id).execute(&mut *conn).await?;
            let subject = format!("org:{id}");
            audit::append_admin(&mut conn, self.chain(), &by.entry(&subject, "set_seal", &old.unwrap_or_default(), sha256, "")).await?;
            Ok(())
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }

    /// Every uploaded seal: (organisation, SHA-256).
    pub async fn org_seals(&self) -> StoreResult<Vec<(String, String)>> {
        Ok(sqlx::query_as("SELECT id, seal_sha256 FROM organisations WHERE seal_sha256 IS NOT NULL").fetch_all(self.pool()).await?)
    }

    /// An organisation's seal (the blob's SHA-256), if one was uploaded.
    pub async fn org_seal(&self, id: &str) -> StoreResult<Option<String>> {
        let sha: Option<Option<String>> =
            sqlx::query_scalar("SELECT seal_sha256 FROM organisations WHERE id = $1").bind(id).fetch_optional(self.pool()).await?;
        Ok(sha.flatten())
    }

    /// How many accounts each organisation has.
    pub async fn people_per_org(&self) -> StoreResult<Vec<(String, i64)>> {
        Ok(sqlx::query_as("SELECT org_id, COUNT(*) FROM users WHERE org_id IS NOT NULL GROUP BY org_id").fetch_all(self.pool()).await?)
    }

    /// Accounts matching `f`, staff first by role, then by name.
    pub async fn users(&self, f: &UserFilter) -> StoreResult<Vec<UserRow>> {
        let like = format!("%{}%", f.text.trim().replace(['%', '_'], ""));
        let sql = format!(
            "{} WHERE ($1 = '' OR u.role = $2) AND ($3 = '' OR u.org_id = $4) \
             AND ($5 = '%%' OR u.name LIKE $6 OR u.username LIKE $7 OR u.phone LIKE $8 OR u.email LIKE $9) \
             ORDER BY u.role, u.name, u.id LIMIT {}",
            super::users::SELECT,
            f.limit.clamp(1, 500)
        );
        Ok(sqlx::query_as::<_, UserRow>(&sql)
            .bind(&f.role)
            .bind(&f.role)
            .bind(&f.org_id)
            .bind(&f.org_id)
            .bind(&like)
            .bind(&like)
            .bind(&like)
            .bind(&like)
            .bind(&like)
            .fetch_all(self.pool())
            .await?)
    }

    /// Creates an invited account (no usable password yet: the invitation's code sets one).
    /// `StoreError::Unique("username")` when the name is taken.
    pub async fn invite_user(&self, u: &NewUser<'_>, by: &ByAdmin<'_>, code: &NewResetCode<'_>, notify: &[Message]) -> StoreResult<()> {
        let mut conn = self.begin().await?;
        let result = async {
            super::users::insert_user_on(&mut conn, u).await?;
            let subject = format!("user:{}", u.id);
            let detail = serde_json::json!({ "username": u.username, "org": u.org_id }).to_string();
            audit::append_admin(&mut conn, self.chain(), &by.entry(&subject, "invite_user", "", u.role, &detail)).await?;
            // the code to set a password and the invitation carrying it: kept with the account or not at all
            super::reset_codes::insert_reset_code_on(&mut conn, code).await?;
            super::outbox::insert_all_on(&mut conn, notify).await
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }

    /// Gives an account a role and organisation. A change ends the person's sessions, so the
    /// new rights (or the loss of the old ones) hold from their next request. Returns false when
    /// nothing changed.
    pub async fn assign_user(&self, user_id: &str, role: &str, org_id: Option<&str>, by: &ByAdmin<'_>) -> StoreResult<bool> {
        let mut conn = self.begin().await?;
        let result = async {
            let old: Option<(String, Option<String>)> =
                sqlx::query_as("SELECT role, org_id FROM users WHERE id = $1").bind(user_id).fetch_optional(&mut *conn).await?;
            let Some((old_role, old_org)) = old else { return Err(StoreError::NotFound) };
            if old_role == role && old_org.as_deref() == org_id {
                return Ok(false);
            }
            sqlx::query("UPDATE users SET role = $1, org_id = $2 WHERE id = $3")
                .bind(role)
                .bind(org_id)
                .bind(user_id)
                .execute(&mut *conn)
                .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
            let subject = format!("user:{user_id}");
            let before = format!("{old_role}@{}", old_org.unwrap_or_default());
            let after = format!("{role}@{}", org_id.unwrap_or_default());
            audit::append_admin(&mut conn, self.chain(), &by.entry(&subject, "assign_user", &before, &after, "")).await?;
            Ok(true)
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }

    /// Disables (ending every session at once) or enables an account. Returns false when it
    /// already was in that state.
    pub async fn set_user_disabled(&self, user_id: &str, disabled: bool, by: &ByAdmin<'_>) -> StoreResult<bool> {
        let mut conn = self.begin().await?;
        let result = async {
            let done = sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2 AND disabled <> $3")
                .bind(disabled as i64)
                .bind(user_id)
                .bind(disabled as i64)
                .execute(&mut *conn)
                .await?;
            if done.rows_affected() != 1 {
                let exists: Option<String> =
                    sqlx::query_scalar("SELECT id FROM users WHERE id = $1").bind(user_id).fetch_optional(&mut *conn).await?;
                return if exists.is_some() { Ok(false) } else { Err(StoreError::NotFound) };
            }
            let ended = sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?.rows_affected();
            let subject = format!("user:{user_id}");
            let (action, before, after) =
                if disabled { ("disable_user", "enabled", "disabled") } else { ("enable_user", "disabled", "enabled") };
            let detail = serde_json::json!({ "sessions_ended": ended }).to_string();
            audit::append_admin(&mut conn, self.chain(), &by.entry(&subject, action, before, after, &detail)).await?;
            Ok(true)
        }
        .await;
        self.finish(conn, matches!(result, Ok(true))).await?;
        result
    }

    /// The title series, by name.
    pub async fn title_series(&self) -> StoreResult<Vec<Series>> {
        let rows = sqlx::query_as::<_, SeriesRow>(
            "SELECT id, name, specialties, title_junior, title_intermediate, title_associate_senior, title_senior, open \
             FROM title_series ORDER BY name",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(Series::from).collect())
    }

    /// Adds (`s.id` empty) or changes a series. `StoreError::Unique("name")` when another series
    /// has the name. Returns the series' id.
    pub async fn save_series(&self, s: &Series, by: &ByAdmin<'_>) -> StoreResult<String> {
        let id = if s.id.is_empty() { format!("series-{}", &new_id()[..12]) } else { s.id.clone() };
        let specialties = s.specialties.join("\n");
        let mut conn = self.begin().await?;
        let result = async {
            let sql = if s.id.is_empty() {
                "INSERT INTO title_series (name, specialties, title_junior, title_intermediate, title_associate_senior, title_senior, open, id, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            } else {
                "UPDATE title_series SET name = $1, specialties = $2, title_junior = $3, title_intermediate = $4, \
                 title_associate_senior = $5, title_senior = $6, open = $7 WHERE id = $8"
            };
            let query = sqlx::query(sql)
                .bind(&s.name)
                .bind(&specialties)
                .bind(&s.titles[0])
                .bind(&s.titles[1])
                .bind(&s.titles[2])
                .bind(&s.titles[3])
                .bind(s.open as i64)
                .bind(&id);
            let query = if s.id.is_empty() { query.bind(by.now) } else { query };
            let done = query.execute(&mut *conn).await.map_err(|e| unique_or(e, &["name"]))?;
            if done.rows_affected() != 1 {
                return Err(StoreError::NotFound);
            }
            let subject = format!("series:{id}");
            let detail = serde_json::json!({ "name": s.name, "specialties": s.specialties, "titles": s.titles, "open": s.open }).to_string();
            let action = if s.id.is_empty() { "create_series" } else { "change_series" };
            audit::append_admin(&mut conn, self.chain(), &by.entry(&subject, action, "", if s.open { "open" } else { "closed" }, &detail)).await?;
            Ok(())
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result.map(|()| id)
    }
}
