use super::{Store, StoreResult};

impl Store {
    /// Records one event against `bucket` (e.g. `login:acct:<user>` or `login:ip:<addr>`).
    pub async fn record_throttle_event(&self, bucket: &str, now: i64) -> StoreResult<()> {
        sqlx::query("INSERT INTO throttle_events (bucket, at) VALUES ($1, $2)").bind(bucket).bind(now).execute(self.pool()).await?;
        Ok(())
    }

    /// How many events `bucket` has had since `since`, and the oldest of them (for "try again in").
    pub async fn throttle_count(&self, bucket: &str, since: i64) -> StoreResult<(i64, Option<i64>)> {
        let row: (i64, Option<i64>) = sqlx::query_as("SELECT COUNT(*), MIN(at) FROM throttle_events WHERE bucket = $1 AND at >= $2")
            .bind(bucket)
            .bind(since)
            .fetch_one(self.pool())
            .await?;
        Ok(row)
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
