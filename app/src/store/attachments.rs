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

    /// How many files an application keeps, and their bytes (the quota, M7).
    pub async fn attachment_usage(&self, application_id: &str) -> StoreResult<(i64, i64)> {
        Ok(sqlx::query_as("SELECT COUNT(*), CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM attachments WHERE application_id = $1")
            .bind(application_id)
            .fetch_one(self.pool())
            .await?)
    }

    /// Removes the rows of files that no application's materials name any more (replaced or
    /// removed by the applicant), uploaded before `before` so that an upload between its row and
    /// its slot is never caught; `keep_fields` (the units' stamped files, which the materials do
    /// not name) are never removed. Returns how many went.
    pub async fn collect_detached_attachments(&self, before: i64, keep_fields: &[&str]) -> StoreResult<u64> {
        // attachment ids are 32 hex digits, so a LIKE on the materials' JSON cannot match by accident
        let kept =
            keep_fields.iter().map(|f| format!("'{}'", f.replace('\'', ""))).chain(["''".to_string()]).collect::<Vec<_>>().join(", ");
        let sql = format!(
            "DELETE FROM attachments WHERE uploaded_at < $1 AND field NOT IN ({kept}) AND NOT EXISTS \
             (SELECT 1 FROM applications p WHERE p.id = attachments.application_id AND p.materials LIKE '%' || attachments.id || '%')"
        );
        Ok(sqlx::query(&sql).bind(before).execute(self.pool()).await?.rows_affected())
    }

    /// Every blob some row still names: attachments, notice files, certificate PDFs, seals.
    pub async fn referenced_blobs(&self) -> StoreResult<std::collections::HashSet<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT sha256 FROM attachments UNION SELECT sha256 FROM notice_files \
             UNION SELECT pdf_sha256 FROM certificates UNION SELECT seal_sha256 FROM organisations WHERE seal_sha256 IS NOT NULL",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows.into_iter().map(|(s,)| s).collect())
    }
}
