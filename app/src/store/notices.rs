//! Notices and conditions.

use super::admin::ByAdmin;
use super::{audit, Store, StoreError, StoreResult};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NoticeRow {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub body: String,
    pub published_at: Option<i64>,
    pub created_by: String,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, kind, title, body, published_at, created_by, created_at, updated_at";

impl Store {
    /// Creates or updates a notice; `publish` sets the publication time once (a later edit keeps
    /// it), `false` takes it back to a draft. Each save is in the audit chain (`notice:<id>`, its
    /// state before and after, its title), as `by` did it.
    pub async fn save_notice(&self, n: &NoticeRow, publish: bool, by: &ByAdmin<'_>) -> StoreResult<()> {
        let now = by.now;
        let mut conn = self.begin().await?;
        let result = async {
            let before: Option<Option<i64>> =
                sqlx::query_scalar("SELECT published_at FROM notices WHERE id = $1").bind(&n.id).fetch_optional(&mut *conn).await?;
            let r = if before.is_some() {
                let published_at = if publish { "COALESCE(published_at, $4)" } else { "NULL" };
                let sql = format!(
                    "UPDATE notices SET kind = $1, title = $2, body = $3, updated_at = $4, published_at = {published_at} WHERE id = $5"
                );
                sqlx::query(&sql).bind(&n.kind).bind(&n.title).bind(&n.body).bind(now).bind(&n.id).execute(&mut *conn).await?
            } else {
                let published_at = if publish { "$6" } else { "NULL" };
                let sql = format!(
                    "INSERT INTO notices (id, kind, title, body, created_by, created_at, updated_at, published_at) VALUES ($1, $2, $3, $4, $5, $6, $6, {published_at})"
                );
                sqlx::query(&sql)
                    .bind(&n.id)
                    .bind(&n.kind)
                    .bind(&n.title)
                    .bind(&n.body)
                    .bind(&n.created_by)
                    .bind(now)
                    .execute(&mut *conn)
                    .await?
            };
            if r.rows_affected() != 1 {
                return Err(StoreError::NotFound);
            }
            let state = |published: bool| if published { "published" } else { "draft" };
            let before = match before {
                None => "",
                Some(published_at) => state(published_at.is_some()),
            };
            let subject = format!("notice:{}", n.id);
            audit::append_admin(&mut conn, self.chain(), &by.entry(&subject, "save_notice", before, state(publish), &n.title)).await?;
            Ok(())
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }

    pub async fn notice(&self, id: &str) -> StoreResult<Option<NoticeRow>> {
        let sql = format!("SELECT {COLUMNS} FROM notices WHERE id = $1");
        Ok(sqlx::query_as::<_, NoticeRow>(&sql).bind(id).fetch_optional(self.pool()).await?)
    }

    /// Published notices, newest first; with `drafts`, the unpublished ones too (administrators).
    pub async fn notices(&self, drafts: bool) -> StoreResult<Vec<NoticeRow>> {
        let filter = if drafts { "" } else { "WHERE published_at IS NOT NULL" };
        let sql = format!("SELECT {COLUMNS} FROM notices {filter} ORDER BY COALESCE(published_at, updated_at) DESC, id");
        Ok(sqlx::query_as::<_, NoticeRow>(&sql).fetch_all(self.pool()).await?)
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct NoticeFileRow {
    pub id: String,
    pub notice_id: String,
    pub sha256: String,
    pub kind: String,
    pub file_name: String,
    pub size: i64,
    pub uploaded_at: i64,
}

impl Store {
    pub async fn insert_notice_file(&self, f: &NoticeFileRow) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO notice_files (id, notice_id, sha256, kind, file_name, size, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&f.id)
        .bind(&f.notice_id)
        .bind(&f.sha256)
        .bind(&f.kind)
        .bind(&f.file_name)
        .bind(f.size)
        .bind(f.uploaded_at)
        .execute(self.pool())
        .await?;
        Ok(())
    }

    pub async fn notice_files(&self, notice_id: &str) -> StoreResult<Vec<NoticeFileRow>> {
        Ok(sqlx::query_as::<_, NoticeFileRow>(
            "SELECT id, notice_id, sha256, kind, file_name, size, uploaded_at FROM notice_files WHERE notice_id = $1 ORDER BY uploaded_at, id",
        )
        .bind(notice_id)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn notice_file(&self, id: &str) -> StoreResult<Option<NoticeFileRow>> {
        Ok(sqlx::query_as::<_, NoticeFileRow>(
            "SELECT id, notice_id, sha256, kind, file_name, size, uploaded_at FROM notice_files WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.pool())
        .await?)
    }
}
