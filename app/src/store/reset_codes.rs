use super::{new_id, Store, StoreResult};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ResetCodeRow {
    pub id: String,
    pub code_hash: String,
    pub expires_at: i64,
    pub attempts: i64,
}

impl Store {
    /// Keeps a new code (its hash) and makes every earlier unused code of the user void, so only
    /// the latest one sent works.
    pub async fn insert_reset_code(&self, user_id: &str, code_hash: &str, channel: &str, now: i64, expires_at: i64) -> StoreResult<()> {
        let mut tx = self.pool().begin().await?;
        sqlx::query("UPDATE reset_codes SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL")
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("INSERT INTO reset_codes (id, user_id, code_hash, channel, created_at, expires_at, used_at, attempts) VALUES ($1, $2, $3, $4, $5, $6, NULL, 0)")
            .bind(new_id())
            .bind(user_id)
            .bind(code_hash)
            .bind(channel)
            .bind(now)
            .bind(expires_at)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
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
