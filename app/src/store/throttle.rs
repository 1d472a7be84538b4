use super::{Store, StoreResult};

impl Store {
    /// Writes one use of `bucket` (e.g. `login:acct:<user id>`) under `token`, then counts the
    /// bucket's uses since `since`, this one included, and gives the oldest (for "try again in").
    /// Two statements, not one transaction: each request's count sees every use written before
    /// its own, which is what bounds a burst (`api::limits::take`).
    pub async fn take_throttle(&self, bucket: &str, token: &str, now: i64, since: i64) -> StoreResult<(i64, Option<i64>)> {
        sqlx::query("INSERT INTO throttle_events (bucket, at, token) VALUES ($1, $2, $3)")
            .bind(bucket)
            .bind(now)
            .bind(token)
            .execute(self.pool())
            .await?;
        let row: (i64, Option<i64>) = sqlx::query_as("SELECT COUNT(*), MIN(at) FROM throttle_events WHERE bucket = $1 AND at >= $2")
            .bind(bucket)
            .bind(since)
            .fetch_one(self.pool())
            .await?;
        Ok(row)
    }

    /// Takes one use back.
    pub async fn release_throttle(&self, token: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM throttle_events WHERE token = $1").bind(token).execute(self.pool()).await?;
        Ok(())
    }

    pub async fn clear_throttle(&self, bucket: &str) -> StoreResult<()> {
        sqlx::query("DELETE FROM throttle_events WHERE bucket = $1").bind(bucket).execute(self.pool()).await?;
        Ok(())
    }

    pub async fn purge_throttle_events(&self, before: i64) -> StoreResult<u64> {
        let r = sqlx::query("DELETE FROM throttle_events WHERE at < $1").bind(before).execute(self.pool()).await?;
        Ok(r.rows_affected())
    }
}
