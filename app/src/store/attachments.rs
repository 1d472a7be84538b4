use super::{Store, StoreResult};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: String,
    pub application_id: String,
    pub owner_id: String,
    pub field: String,
    pub item: Option<i64>,
    pub sha256: String,
    pub kind: String,
    pub size: i64,
    pub file_name: String,
    pub pages: Option<i64>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub uploaded_at: i64,
}

impl Store {
    pub async fn insert_attachment(&self, a: &AttachmentRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO attachments (id, application_id, owner_id, field, item, sha256, kind, size, file_name, pages, width, height, uploaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(&a.id)
        .bind(&a.application_id)
        .bind(&a.owner_id)
        .bind(&a.field)
        .bind(a.item)
        .bind(&a.sha256)
        .bind(&a.kind)
        .bind(a.size)
        .bind(&a.file_name)
        .bind(a.pages)
        .bind(a.width)
        .bind(a.height)
        .bind(a.uploaded_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    /// Every file uploaded to an application, with how many other people's applications hold the
    /// same file (the duplicate-evidence flag).
    pub async fn attachments_of(&self, application_id: &str) -> StoreResult<Vec<(AttachmentRow, i64)>> {
        #[derive(sqlx::FromRow)]
        struct WithDupes {
            #[sqlx(flatten)]
            row: AttachmentRow,
            elsewhere: i64,
        }
        let rows = sqlx::query_as::<_, WithDupes>(
            "SELECT a.id, a.application_id, a.owner_id, a.field, a.item, a.sha256, a.kind, a.size, a.file_name, a.pages, \
             a.width, a.height, a.uploaded_at, \
             (SELECT COUNT(DISTINCT b.application_id) FROM attachments b WHERE b.sha256 = a.sha256 AND b.owner_id <> a.owner_id) AS elsewhere \
             FROM attachments a WHERE a.application_id = $1",
        )
        .bind(application_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|r| (r.row, r.elsewhere)).collect())
    }

    pub async fn attachment(&self, id: &str) -> StoreResult<Option<AttachmentRow>> {
        Ok(sqlx::query_as::<_, AttachmentRow>(
            "SELECT id, application_id, owner_id, field, item, sha256, kind, size, file_name, pages, width, height, uploaded_at \
             FROM attachments WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
    }

    /// How many other people's applications hold a file with this hash (the duplicate-evidence flag).
    pub async fn same_file_elsewhere(&self, sha256: &str, owner_id: &str) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(DISTINCT application_id) FROM attachments WHERE sha256 = $1 AND owner_id <> $2")
            .bind(sha256)
            .bind(owner_id)
            .fetch_one(self.pool())
            .await?)
    }
}
