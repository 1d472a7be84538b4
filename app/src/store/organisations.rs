use super::{Store, StoreResult};
use crate::domain::admin::OrgKind;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct OrgRow {
    pub id: String,
    #[sqlx(try_from = "String")]
    pub kind: OrgKind,
    pub name: String,
    pub parent_id: Option<String>,
}

impl Store {
    /// Inserts an organisation unless one with that id exists (idempotent seeding).
    pub async fn ensure_org(&self, org: &OrgRow, now: i64) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO organisations (id, kind, name, parent_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
        )
        .bind(&org.id)
        .bind(org.kind.as_str())
        .bind(&org.name)
        .bind(&org.parent_id)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn organisations(&self) -> StoreResult<Vec<OrgRow>> {
        Ok(sqlx::query_as::<_, OrgRow>("SELECT id, kind, name, parent_id FROM organisations ORDER BY id").fetch_all(self.pool()).await?)
    }
}

impl Store {
    pub async fn organisation(&self, id: &str) -> StoreResult<Option<OrgRow>> {
        Ok(sqlx::query_as::<_, OrgRow>("SELECT id, kind, name, parent_id FROM organisations WHERE id = $1")
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// The evaluation office of a region (the first, when a region has several series' offices).
    pub async fn office_of_region(&self, region_id: &str) -> StoreResult<Option<OrgRow>> {
        Ok(sqlx::query_as::<_, OrgRow>(
            "SELECT id, kind, name, parent_id FROM organisations WHERE kind = 'office' AND parent_id = $1 ORDER BY id LIMIT 1",
        )
        .bind(region_id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// The region an organisation belongs to: itself when it is one, else the first region above
    /// it (organisations nest at most region → authority → unit). `None` for an unknown id.
    pub async fn region_of(&self, org_id: &str) -> StoreResult<Option<String>> {
        let mut id = org_id.to_string();
        for _ in 0..4 {
            let Some(org) = self.organisation(&id).await? else { return Ok(None) };
            if org.kind == OrgKind::Region {
                return Ok(Some(org.id));
            }
            match org.parent_id {
                Some(parent) => id = parent,
                None => return Ok(None),
            }
        }
        Ok(None)
    }
}
