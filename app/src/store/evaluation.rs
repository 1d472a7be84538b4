//! Evaluation sessions (§八), the members' votes, the published results and the filing (§九).
//! Each status change goes through `transition_locked`, so every step is audited like the
//! review chain's.

use super::outbox::Message;
use super::review::Decision;
use super::{ApplicationRow, Store, StoreError, StoreResult};
use crate::domain::evaluation::{self, Member, Outcome, PassRule, SessionState};
use crate::domain::workflow::{Action, Actor, Denied, Status};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionRow {
    pub id: String,
    pub office_id: String,
    pub committee_id: String,
    pub name: String,
    pub held_at: i64,
    pub place: String,
    pub rule_num: i64,
    pub rule_den: i64,
    #[sqlx(try_from = "String")]
    pub state: SessionState,
    pub created_at: i64,
    pub closed_at: Option<i64>,
    pub published_at: Option<i64>,
    pub notice_closes_at: Option<i64>,
}

const SESSION_COLUMNS: &str =
    "id, office_id, committee_id, name, held_at, place, rule_num, rule_den, state, created_at, closed_at, published_at, notice_closes_at";

impl SessionRow {
    pub fn rule(&self) -> PassRule {
        PassRule::new(self.rule_num as u32, self.rule_den as u32).unwrap_or_default()
    }
}

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MemberRow {
    pub session_id: String,
    pub user_id: String,
    pub name: String,
    pub home_unit_id: Option<String>,
    pub home_unit_name: Option<String>,
    pub present: i64,
}

impl MemberRow {
    pub fn member(&self) -> Member {
        Member { user_id: self.user_id.clone(), home_unit_id: self.home_unit_id.clone(), present: self.present != 0 }
    }
}

/// An application in a session, with what the tables and the public results show.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct SessionApplicationRow {
    pub id: String,
    pub applicant_id: String,
    pub applicant_name: String,
    /// The unit the applicant works at.
    pub applicant_unit_id: Option<String>,
    pub unit_name: String,
    pub reviewing_unit_id: String,
    /// The applicant's own unit when a dispatching unit reviews (援疆); empty otherwise.
    pub home_unit_id: String,
    /// The region it is filed and certified in.
    pub region_id: String,
    pub series: String,
    pub specialty: String,
    pub level: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub version: i64,
    pub outcome: Option<String>,
}

impl SessionApplicationRow {
    /// The units a member must not come from to see or vote on it (回避): the one that reviewed
    /// it, the applicant's own (for aid staff both the dispatching unit and the unit served), and
    /// the one the account names.
    pub fn units(&self) -> Vec<&str> {
        let mut u = vec![self.reviewing_unit_id.as_str()];
        for own in [Some(self.home_unit_id.as_str()), self.applicant_unit_id.as_deref()].into_iter().flatten() {
            if !own.is_empty() && !u.contains(&own) {
                u.push(own);
            }
        }
        u
    }
}

pub struct NewSession<'a> {
    pub id: &'a str,
    pub office_id: &'a str,
    pub committee_id: &'a str,
    pub name: &'a str,
    pub held_at: i64,
    pub place: &'a str,
    pub rule: PassRule,
    pub now: i64,
    /// (user id, home unit)
    pub members: &'a [(String, Option<String>)],
}

/// What a batch step did: the applications it moved and those it could not (and why).
#[derive(Clone, Debug, Default)]
pub struct Batch {
    pub moved: Vec<ApplicationRow>,
    pub refused: Vec<(String, Denied)>,
}

const APP_SELECT: &str = "SELECT a.id, a.applicant_id, u.name AS applicant_name, u.org_id AS applicant_unit_id, \
     COALESCE(o.name, '') AS unit_name, a.reviewing_unit_id, a.home_unit_id, a.region_id, a.series, a.specialty, a.level, a.status, a.version, a.outcome \
     FROM applications a JOIN users u ON u.id = a.applicant_id LEFT JOIN organisations o ON o.id = COALESCE(NULLIF(a.home_unit_id, ''), a.reviewing_unit_id)";

impl Store {
    pub async fn insert_eval_session(&self, s: &NewSession<'_>) -> StoreResult<()> {
        let mut conn = self.begin().await?;
        let result = async {
            sqlx::query(&format!(
                "INSERT INTO eval_sessions ({SESSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, NULL, NULL, NULL)"
            ))
            .bind(s.id)
            .bind(s.office_id)
            .bind(s.committee_id)
            .bind(s.name)
            .bind(s.held_at)
            .bind(s.place)
            .bind(i64::from(s.rule.num))
            .bind(i64::from(s.rule.den))
            .bind(s.now)
            .execute(&mut *conn)
            .await?;
            for (user, unit) in s.members {
                sqlx::query("INSERT INTO session_members (session_id, user_id, home_unit_id, present) VALUES ($1, $2, $3, 1)")
                    .bind(s.id)
                    .bind(user)
                    .bind(unit)
                    .execute(&mut *conn)
                    .await?;
            }
            Ok(())
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }

    pub async fn eval_session(&self, id: &str) -> StoreResult<Option<SessionRow>> {
        Ok(sqlx::query_as::<_, SessionRow>(&format!("SELECT {SESSION_COLUMNS} FROM eval_sessions WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?)
    }

    /// The evaluation session an application was assigned to, if any.
    pub async fn session_of_application(&self, application_id: &str) -> StoreResult<Option<SessionRow>> {
        Ok(sqlx::query_as::<_, SessionRow>(&format!(
            "SELECT {SESSION_COLUMNS} FROM eval_sessions WHERE id = (SELECT session_id FROM applications WHERE id = $1)"
        ))
        .bind(application_id)
        .fetch_optional(self.pool())
        .await?)
    }

    pub async fn sessions_of_office(&self, office_id: &str) -> StoreResult<Vec<SessionRow>> {
        Ok(sqlx::query_as::<_, SessionRow>(&format!(
            "SELECT {SESSION_COLUMNS} FROM eval_sessions WHERE office_id = $1 ORDER BY held_at DESC, id"
        ))
        .bind(office_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// The sessions a committee member sits on.
    pub async fn sessions_of_member(&self, user_id: &str) -> StoreResult<Vec<SessionRow>> {
        let cols = SESSION_COLUMNS.split(", ").map(|c| format!("s.{c}")).collect::<Vec<_>>().join(", ");
        Ok(sqlx::query_as::<_, SessionRow>(&format!(
            "SELECT {cols} FROM eval_sessions s JOIN session_members m ON m.session_id = s.id WHERE m.user_id = $1 ORDER BY s.held_at DESC, s.id"
        ))
        .bind(user_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Sessions whose results are public, newest first.
    /// Published sessions, newest first; with `notice_running_at`, only those whose results'
    /// public notice still runs then (the public page: results are public for their notice, not
    /// for ever — security review L6).
    pub async fn published_sessions(&self, notice_running_at: Option<i64>) -> StoreResult<Vec<SessionRow>> {
        Ok(sqlx::query_as::<_, SessionRow>(&format!(
            "SELECT {SESSION_COLUMNS} FROM eval_sessions WHERE state = 'published' AND ($1 IS NULL OR notice_closes_at > $1) \
             ORDER BY published_at DESC, id"
        ))
        .bind(notice_running_at)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn session_members(&self, session_id: &str) -> StoreResult<Vec<MemberRow>> {
        Ok(sqlx::query_as::<_, MemberRow>(
            "SELECT m.session_id, m.user_id, u.name, m.home_unit_id, o.name AS home_unit_name, m.present \
             FROM session_members m JOIN users u ON u.id = m.user_id LEFT JOIN organisations o ON o.id = m.home_unit_id \
             WHERE m.session_id = $1 ORDER BY u.name, m.user_id",
        )
        .bind(session_id)
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn set_member_present(&self, session_id: &str, user_id: &str, present: bool) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE session_members SET present = $1 WHERE session_id = $2 AND user_id = $3 \
             AND EXISTS (SELECT 1 FROM eval_sessions s WHERE s.id = $2 AND s.state = 'open')",
        )
        .bind(i64::from(present))
        .bind(session_id)
        .bind(user_id)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn session_applications(&self, session_id: &str) -> StoreResult<Vec<SessionApplicationRow>> {
        Ok(sqlx::query_as::<_, SessionApplicationRow>(&format!("{APP_SELECT} WHERE a.session_id = $1 ORDER BY u.name, a.id"))
            .bind(session_id)
            .fetch_all(self.pool())
            .await?)
    }

    /// Paid applications of an office not yet in a session (the office's pool to assign from).
    pub async fn unassigned_paid(&self, office_id: &str) -> StoreResult<Vec<SessionApplicationRow>> {
        Ok(sqlx::query_as::<_, SessionApplicationRow>(&format!(
            "{APP_SELECT} WHERE a.office_id = $1 AND a.status = 'under_evaluation' AND a.session_id IS NULL ORDER BY a.updated_at, a.id"
        ))
        .bind(office_id)
        .fetch_all(self.pool())
        .await?)
    }

    /// Puts paid, unassigned applications of the session's office into an open session, and
    /// stores the notices of the time and place (`notify`, by application) of exactly those it
    /// took, in the same transaction. Returns how many it took (others were not the office's, not
    /// paid, or in a session already).
    pub async fn assign_to_session(&self, session: &SessionRow, ids: &[String], notify: &[(String, Vec<Message>)]) -> StoreResult<u64> {
        let mut conn = self.begin().await?;
        let result = async {
            let mut n = 0;
            for id in ids {
                let done = sqlx::query(
                    "UPDATE applications SET session_id = $1 WHERE id = $2 AND office_id = $3 AND status = 'under_evaluation' \
                     AND session_id IS NULL AND EXISTS (SELECT 1 FROM eval_sessions s WHERE s.id = $1 AND s.state = 'open')",
                )
                .bind(&session.id)
                .bind(id)
                .bind(&session.office_id)
                .execute(&mut *conn)
                .await?;
                if done.rows_affected() == 1 {
                    n += 1;
                    for (_, messages) in notify.iter().filter(|(app, _)| app == id) {
                        super::outbox::insert_all_on(&mut conn, messages).await?;
                    }
                }
            }
            Ok(n)
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }

    /// Closes the voting: every application of the session gets its outcome by the session's rule
    /// (`evaluation::tally`) and moves to 已评审, audited with the count. Once only.
    pub async fn close_session(&self, session: &SessionRow, actor: &Actor, client_ip: &str, now: i64) -> StoreResult<Batch> {
        let members: Vec<Member> = self.session_members(&session.id).await?.iter().map(MemberRow::member).collect();
        let apps = self.session_applications(&session.id).await?;
        let votes = self.votes_of_session(&session.id).await?;
        let mut conn = self.begin().await?;
        let result = async {
            let claimed = sqlx::query("UPDATE eval_sessions SET state = 'closed', closed_at = $1 WHERE id = $2 AND state = 'open'")
                .bind(now)
                .bind(&session.id)
                .execute(&mut *conn)
                .await?;
            if claimed.rows_affected() != 1 {
                return Err(StoreError::Conflict);
            }
            let mut batch = Batch::default();
            for a in &apps {
                let passes: Vec<&str> =
                    votes.iter().filter(|v| v.application_id == a.id && v.pass != 0).map(|v| v.member_id.as_str()).collect();
                let outcome = evaluation::tally(session.rule(), &members, &passes, &a.units());
                let Some(row) = self.lock_application(&mut conn, &a.id).await? else { continue };
                let detail =
                    serde_json::json!({ "session": session.id, "outcome": outcome.as_str(), "pass_votes": passes.len() }).to_string();
                let mut d = Decision::plain(Action::Evaluate, outcome_word(outcome), client_ip, now);
                d.detail = &detail;
                match self.transition_locked(&mut conn, &row, actor, &d).await? {
                    Ok(mut after) => {
                        sqlx::query("UPDATE applications SET outcome = $1 WHERE id = $2")
                            .bind(outcome.as_str())
                            .bind(&row.id)
                            .execute(&mut *conn)
                            .await?;
                        after.updated_at = now;
                        batch.moved.push(after);
                    }
                    Err(denied) => batch.refused.push((row.id.clone(), denied)),
                }
            }
            Ok(batch)
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }

    /// Publishes a closed session's results: each application to 结果公示, the session public
    /// until `notice_closes_at` (five working days, counted by the caller on the calendar).
    pub async fn publish_session(
        &self,
        session: &SessionRow,
        actor: &Actor,
        client_ip: &str,
        now: i64,
        notice_closes_at: i64,
    ) -> StoreResult<Batch> {
        let apps = self.session_applications(&session.id).await?;
        let mut conn = self.begin().await?;
        let result = async {
            let claimed = sqlx::query(
                "UPDATE eval_sessions SET state = 'published', published_at = $1, notice_closes_at = $2 WHERE id = $3 AND state = 'closed'",
            )
            .bind(now)
            .bind(notice_closes_at)
            .bind(&session.id)
            .execute(&mut *conn)
            .await?;
            if claimed.rows_affected() != 1 {
                return Err(StoreError::Conflict);
            }
            let mut batch = Batch::default();
            for a in &apps {
                let Some(row) = self.lock_application(&mut conn, &a.id).await? else { continue };
                let d = Decision::plain(Action::PublishResult, "", client_ip, now);
                match self.transition_locked(&mut conn, &row, actor, &d).await? {
                    Ok(after) => batch.moved.push(after),
                    Err(denied) => batch.refused.push((row.id.clone(), denied)),
                }
            }
            Ok(batch)
        }
        .await;
        self.finish(conn, result.is_ok()).await?;
        result
    }

    /// Files (备案) the given applications of a session, one transaction each, so one refused
    /// application does not hold back the rest.
    pub async fn file_applications(&self, ids: &[String], actor: &Actor, client_ip: &str, now: i64) -> StoreResult<Batch> {
        let mut batch = Batch::default();
        for id in ids {
            let d = Decision::plain(Action::File, "", client_ip, now);
            match self.decide(id, actor, &d).await? {
                super::Decided::Done(after) => batch.moved.push(after),
                super::Decided::Denied(denied) => batch.refused.push((id.clone(), denied)),
                super::Decided::Stale(_) => {}
            }
        }
        Ok(batch)
    }
}

/// The opinion written into the audit record when the voting closes.
fn outcome_word(o: Outcome) -> &'static str {
    match o {
        Outcome::Pass => "评审通过",
        Outcome::Fail => "评审未通过",
    }
}
