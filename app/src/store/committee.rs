//! A committee's members and their votes (§八): who may be chosen for a session, where each
//! works (回避 is by this unit), and the votes cast while a session is open.

use super::{Store, StoreResult};
use crate::domain::evaluation::SessionState;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct VoteRow {
    pub application_id: String,
    pub member_id: String,
    pub pass: i64,
    pub comment: String,
    pub at: i64,
}

impl Store {
    pub async fn votes_of_session(&self, session_id: &str) -> StoreResult<Vec<VoteRow>> {
        Ok(sqlx::query_as::<_, VoteRow>("SELECT application_id, member_id, pass, comment, at FROM votes WHERE session_id = $1")
            .bind(session_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Records (or changes, while the voting is open) a member's vote. The caller has checked
    /// `evaluation::may_vote`; the session's state is checked again here, in the same statement.
    pub async fn cast_vote(
        &self,
        session_id: &str,
        application_id: &str,
        member_id: &str,
        pass: bool,
        comment: &str,
        now: i64,
    ) -> StoreResult<bool> {
        let state: Option<String> =
            sqlx::query_scalar("SELECT state FROM eval_sessions WHERE id = $1").bind(session_id).fetch_optional(self.pool()).await?;
        if state.as_deref().and_then(SessionState::parse) != Some(SessionState::Open) {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO votes (session_id, application_id, member_id, pass, comment, at) VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (application_id, member_id) DO UPDATE SET pass = excluded.pass, comment = excluded.comment, at = excluded.at",
        )
        .bind(session_id)
        .bind(application_id)
        .bind(member_id)
        .bind(i64::from(pass))
        .bind(comment)
        .bind(now)
        .execute(self.pool())
        .await?;
        Ok(true)
    }

    pub async fn set_home_unit(&self, user_id: &str, unit: Option<&str>) -> StoreResult<()> {
        sqlx::query("UPDATE users SET home_unit_id = $1 WHERE id = $2").bind(unit).bind(user_id).execute(self.pool()).await?;
        Ok(())
    }

    pub async fn home_unit_of(&self, user_id: &str) -> StoreResult<Option<String>> {
        Ok(sqlx::query_scalar::<_, Option<String>>("SELECT home_unit_id FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(self.pool())
            .await?
            .flatten())
    }

    /// The committee's members, to choose a session's from.
    pub async fn committee_members(&self, committee_id: &str) -> StoreResult<Vec<(String, String, Option<String>)>> {
        Ok(sqlx::query_as::<_, (String, String, Option<String>)>(
            "SELECT id, name, home_unit_id FROM users WHERE role = 'committee_member' AND org_id = $1 AND disabled = 0 ORDER BY name, id",
        )
        .bind(committee_id)
        .fetch_all(self.pool())
        .await?)
    }
}
