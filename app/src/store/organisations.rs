use super::{Store, StoreResult};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrgRow {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub parent_id: Option<String>,
}

impl Store {
    /// Inserts an organisation unless one with that id exists (idempotent seeding).
    pub async fn ensure_org(&self, org: &OrgRow, now: i64) -> StoreResult<()> {
        sqlx::query("INSERT INTO organisations (id, kind, name, parent_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING")
            .bind(&org.id)
            .bind(&org.kind)
            .bind(&org.name)
            .bind(&org.parent_id)
            .bind(now)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub async fn organisations(&self) -> StoreResult<Vec<OrgRow>> {
        Ok(sqlx::query_as::<_, OrgRow>("SELECT id, kind, name, parent_id FROM organisations ORDER BY id")
            .fetch_all(self.pool())
            .await?)
    }
}
