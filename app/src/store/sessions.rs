use super::{Store, StoreResult};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub user_id: String,
    pub created_at: i64,
    pub last_seen_at: i64,
}

impl Store {
    pub async fn insert_session(&self, token_hash: &str, user_id: &str, now: i64) -> StoreResult<()> {
        sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)")
            .bind(token_hash)
            .bind(user_id)
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn session(&self, token_hash: &str) -> StoreResult<Option<SessionRow>> {
        Ok(sqlx::query_as::<_, SessionRow>("SELECT user_id, created_at, last_seen_at FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .fetch_optional(self.pool())
            .await?)
    }

    pub async fn touch_session(&self, token_hash: &str, now: i64) -> StoreResult<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2").bind(now).bind(token_hash).execute(self.pool()).await?;
        Ok(())
    }

    pub async fn delete_session(&self, token_hash: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(self.pool()).await?;
        Ok(())
    }

    /// Ends every session of a user (password reset, disabling).
    pub async fn delete_sessions_of(&self, user_id: &str) -> StoreResult<u64> {
        let r = sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(self.pool()).await?;
        Ok(r.rows_affected())
    }

    /// Removes sessions idle since `idle_before` or created before `created_before`.
    pub async fn purge_sessions(&self, idle_before: i64, created_before: i64) -> StoreResult<u64> {
        let r = sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR created_at < $2")
            .bind(idle_before)
            .bind(created_before)
            .execute(self.pool())
            .await?;
        Ok(r.rows_affected())
    }
}
