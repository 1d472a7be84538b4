use super::{unique_or, Store, StoreResult};
use crate::domain::workflow::Role;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UserRow {
    pub id: String,
    pub username: String,
    pub id_number: Option<String>,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub password_hash: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
    pub org_id: Option<String>,
    pub org_name: Option<String>,
    pub disabled: i64,
    pub created_at: i64,
}

pub struct NewUser<'a> {
    pub id: &'a str,
    pub username: &'a str,
    pub id_number: Option<&'a str>,
    pub name: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub org_id: Option<&'a str>,
    pub created_at: i64,
}

pub(super) const SELECT: &str = "SELECT u.id, u.username, u.id_number, u.name, u.phone, u.email, u.password_hash, \
     u.role, u.org_id, o.name AS org_name, u.disabled, u.created_at \
     FROM users u LEFT JOIN organisations o ON o.id = u.org_id";

impl Store {
    /// Inserts a user. A second account with the same ID number or user name fails with
    /// `StoreError::Unique("id_number" | "username")` from the database's own constraint.
    pub async fn insert_user(&self, u: &NewUser<'_>) -> StoreResult<()> {
        let mut conn = self.pool().acquire().await?;
        insert_user_on(&mut conn, u).await
    }

    pub async fn user_by_id(&self, id: &str) -> StoreResult<Option<UserRow>> {
        let sql = format!("{SELECT} WHERE u.id = $1");
        Ok(sqlx::query_as::<_, UserRow>(&sql).bind(id).fetch_optional(self.pool()).await?)
    }

    /// The account a person names at login or recovery: by user name or by ID number.
    pub async fn user_by_account(&self, account: &str) -> StoreResult<Option<UserRow>> {
        let account = account.trim();
        let sql = format!("{SELECT} WHERE u.username = $1 OR u.id_number = $2");
        Ok(sqlx::query_as::<_, UserRow>(&sql).bind(account).bind(account.to_ascii_uppercase()).fetch_optional(self.pool()).await?)
    }

    pub async fn set_password_hash(&self, user_id: &str, hash: &str) -> StoreResult<()> {
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(hash).bind(user_id).execute(self.pool()).await?;
        Ok(())
    }

    pub async fn username_taken(&self, username: &str) -> StoreResult<bool> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username = $1").bind(username).fetch_one(self.pool()).await?;
        Ok(n > 0)
    }
}

/// The INSERT of `Store::insert_user`, on a connection (an invitation runs it in its transaction).
pub(super) async fn insert_user_on(conn: &mut sqlx::AnyConnection, u: &NewUser<'_>) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO users (id, username, id_number, name, phone, email, password_hash, role, org_id, disabled, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, $10)",
    )
    .bind(u.id)
    .bind(u.username)
    .bind(u.id_number)
    .bind(u.name)
    .bind(u.phone)
    .bind(u.email)
    .bind(u.password_hash)
    .bind(u.role)
    .bind(u.org_id)
    .bind(u.created_at)
    .execute(conn)
    .await
    .map_err(|e| unique_or(e, &["id_number", "username"]))?;
    Ok(())
}
