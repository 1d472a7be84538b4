use sqlx::AnyConnection;

use super::outbox::Message;
use super::{new_id, Store, StoreResult};

/// A one-time code to keep (its hash), for `channel` (sms, email, invite, in_person).
pub struct NewResetCode<'a> {
    pub user_id: &'a str,
    pub code_hash: &'a str,
    pub channel: &'a str,
    pub now: i64,
    pub expires_at: i64,
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ResetCodeRow {
    pub id: String,
    pub code_hash: String,
    pub expires_at: i64,
    pub attempts: i64,
}

impl Store {
    /// Keeps a new code (its hash) and makes every earlier unused code of the user void, so only
    /// the latest one sent works. The messages that carry the code are stored in the same
    /// transaction: a code is kept exactly when its message is.
    pub async fn insert_reset_code(&self, code: &NewResetCode<'_>, notify: &[Message]) -> StoreResult<()> {
        let mut conn = self.begin().await?;
        let result = async {
            insert_reset_code_on(&mut conn, code).await?;
            super::outbox::insert_all_on(&mut conn, notify).await
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }

    /// The user's one live code, if any.
    pub async fn live_reset_code(&self, user_id: &str, now: i64) -> StoreResult<Option<ResetCodeRow>> {
        Ok(sqlx::query_as::<_, ResetCodeRow>(
            "SELECT id, code_hash, expires_at, attempts FROM reset_codes \
             WHERE user_id = $1 AND used_at IS NULL AND expires_at > $2 ORDER BY created_at DESC LIMIT 1",
        )
        .bind(user_id)
        .bind(now)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Counts one try at the code and gives its hash to compare, or None once `max` tries were
    /// made or the code was spent. The count comes first and in one statement, so any number of
    /// tries at once get at most `max` comparisons (security review H2).
    pub async fn try_reset_code(&self, id: &str, max: i64) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar(
            "UPDATE reset_codes SET attempts = attempts + 1 WHERE id = $1 AND attempts < $2 AND used_at IS NULL RETURNING code_hash",
        )
        .bind(id)
        .bind(max)
        .fetch_optional(self.pool())
        .await?)
    }

    /// Spends the code; true only for the one caller that spent it (single use under races).
    pub async fn spend_reset_code(&self, id: &str, now: i64) -> StoreResult<bool> {
        let r = sqlx::query("UPDATE reset_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(id)
            .execute(self.pool())
            .await?;
        Ok(r.rows_affected() == 1)
    }
}

/// Voids the user's earlier unused codes and keeps the new one, on the caller's connection.
pub(super) async fn insert_reset_code_on(conn: &mut AnyConnection, c: &NewResetCode<'_>) -> StoreResult<()> {
    sqlx::query("UPDATE reset_codes SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
        .bind(c.now)
        .bind(c.user_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO reset_codes (id, user_id, code_hash, channel, created_at, expires_at, used_at, attempts) VALUES ($1, $2, $3, $4, $5, $6, NULL, 0)")
        .bind(new_id())
        .bind(c.user_id)
        .bind(c.code_hash)
        .bind(c.channel)
        .bind(c.now)
        .bind(c.expires_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
