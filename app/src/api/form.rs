//! The application form (issue 3): reading it, saving a section as the applicant types, signing
//! the pledge, and submitting. Each function authenticates, authorises through the domain
//! (`may_view`, `may_edit`, `workflow::apply`), and only then touches the store.

#[cfg(feature = "ssr")]
use crate::api::context::internal;
#[cfg(feature = "ssr")]
use crate::api::error::OrInternal;
use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use time::Date;

use super::error::AppError;
use crate::domain::materials::{Level, Materials, Missing};
use crate::domain::workflow::Status;

/// What the page knows about an uploaded file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    pub file_name: String,
    pub kind: String,
    pub size: i64,
    pub pages: Option<i64>,
    pub width: Option<i64>,
    pub height: Option<i64>,
    /// Other people's applications holding the same file.
    pub elsewhere: i64,
}

/// Everything the form's pages show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormView {
    pub id: String,
    pub version: i64,
    pub status: Status,
    pub level: Level,
    pub series: String,
    pub specialty: String,
    pub unit_id: String,
    pub unit_name: String,
    pub evaluation_year: i32,
    pub materials: Materials,
    /// Beijing's date by the server's clock: the year lists and the completeness check use it.
    pub today: Date,
    pub editable: bool,
    pub submissions_left: u8,
    pub missing: Vec<Missing>,
    pub files: HashMap<String, FileInfo>,
    pub created_at: i64,
    /// (number, time in ms) of each submission so far.
    pub submissions: Vec<(i64, i64)>,
    /// Every transition so far, from the audit log: who, when, what and why.
    pub history: Vec<crate::api::review::HistoryEntry>,
    /// While returned: the 48-hour deadline and the office's list (一次性告知).
    pub due_at: Option<i64>,
    pub return_items: Vec<crate::domain::review::ReturnItem>,
    /// The server's clock when the page was made: countdowns run from it, not the device's.
    pub server_now: i64,
    /// A fresh key for the submit form: a double click or a retried request sends it again and
    /// spends nothing more.
    pub submit_key: String,
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::api::context::{app_state, require_session};
    use crate::domain::workflow::{may_edit, may_view, Actor};
    use crate::i18n::Msg;
    use crate::state::AppState;
    use crate::store::{ApplicationRow, StoreError};

    /// The application, if the actor may see it; otherwise the same answer as for an id that
    /// does not exist, so guessing ids learns nothing.
    pub async fn visible(state: &AppState, actor: &Actor, id: &str) -> Result<ApplicationRow, AppError> {
        let row = state.store.application(id).await?;
        let row = row.ok_or_else(|| AppError::refused(Msg::ApplicationNotFound))?;
        let facts = row.facts();
        may_view(actor, &facts).map_err(|_| AppError::refused(Msg::ApplicationNotFound))?;
        Ok(row)
    }

    /// The application, if the actor may read its materials: whoever `visible` lets see it, and a
    /// committee member of the session it is assigned to, unless from the applicant's own unit
    /// (`domain::evaluation::may_read`). Refusals look like a missing application.
    pub async fn readable(state: &AppState, actor: &Actor, id: &str) -> Result<ApplicationRow, AppError> {
        use crate::domain::evaluation::may_read;
        use crate::domain::workflow::Role;
        if actor.role != Role::CommitteeMember {
            return visible(state, actor, id).await;
        }
        let missing = || AppError::refused(Msg::ApplicationNotFound);
        let session = state.store.session_of_application(id).await?.ok_or_else(missing)?.id;
        let apps = state.store.session_applications(&session).await?;
        let app = apps.iter().find(|a| a.id == id).ok_or_else(missing)?;
        let members = state.store.session_members(&session).await?;
        let me = members.iter().find(|m| m.user_id == actor.user_id).map(|m| m.member());
        may_read(me.as_ref(), &app.units()).map_err(|_| missing())?;
        let row = state.store.application(id).await?;
        row.ok_or_else(missing)
    }

    /// The application, if the actor may change its materials now (rule 3).
    pub async fn editable(state: &AppState, actor: &Actor, id: &str) -> Result<ApplicationRow, AppError> {
        let row = visible(state, actor, id).await?;
        let facts = row.facts();
        may_edit(actor, &facts).map_err(|_| AppError::refused(Msg::NotEditable))?;
        Ok(row)
    }

    pub fn materials_of(row: &ApplicationRow) -> Result<Materials, AppError> {
        serde_json::from_str(&row.materials).or_internal("materials")
    }

    /// Applies `change` to the latest materials and saves them, retrying when another tab saved
    /// in between (each retry starts again from what is stored). `change` returning an error
    /// saves nothing.
    pub async fn update<T>(
        state: &AppState,
        actor: &Actor,
        id: &str,
        mut change: impl FnMut(&mut Materials, &ApplicationRow) -> Result<T, AppError>,
    ) -> Result<(T, i64), AppError> {
        for _ in 0..5 {
            let row = editable(state, actor, id).await?;
            let mut materials = materials_of(&row)?;
            let out = change(&mut materials, &row)?;
            materials.sync_years(state.clock.now().beijing_date());
            let json = serde_json::to_string(&materials).or_internal("materials json")?;
            match state.store.save_materials(id, row.version, &json, state.clock.now().millis()).await {
                Ok(version) => return Ok((out, version)),
                Err(StoreError::Conflict) => continue,
                Err(e) => return Err(internal("save materials", e)),
            }
        }
        Err(AppError::refused(Msg::StaleVersion))
    }

    /// Sends a plain form post (no JavaScript) back to a page; calls from the page itself are
    /// left alone, or every autosave would navigate.
    pub fn redirect_form_post(to: &str) {
        if use_context::<http::request::Parts>().is_some_and(|p| crate::api::context::is_plain_form_post(&p.headers)) {
            leptos_axum::redirect(to);
        }
    }

    pub async fn read_form(id: &str) -> Result<FormView, AppError> {
        use crate::domain::materials::missing;
        use crate::domain::workflow::submissions_left;
        let state = app_state()?;
        let (actor, _) = require_session(&state).await?;
        let row = readable(&state, &actor, id).await?;
        let facts = row.facts();
        let materials = materials_of(&row)?;
        let today = state.clock.now().beijing_date();
        let files = state
            .store
            .attachments_of(id)
            .await?
            .into_iter()
            .map(|(a, elsewhere)| {
                (
                    a.id,
                    FileInfo {
                        file_name: a.file_name,
                        kind: a.kind,
                        size: a.size,
                        pages: a.pages,
                        width: a.width,
                        height: a.height,
                        elsewhere,
                    },
                )
            })
            .collect();
        let unit_name = state.store.organisation(&row.reviewing_unit_id).await?.map(|o| o.name).unwrap_or_default();
        let submissions = state.store.submissions_of(id).await?;
        Ok(FormView {
            id: row.id.clone(),
            version: row.version,
            status: facts.status,
            level: materials.level,
            series: row.series.clone(),
            specialty: row.specialty.clone(),
            unit_id: row.reviewing_unit_id.clone(),
            unit_name,
            evaluation_year: row.evaluation_year as i32,
            missing: missing(&materials, today),
            editable: may_edit(&actor, &facts).is_ok(),
            submissions_left: submissions_left(&facts),
            materials,
            today,
            files,
            created_at: row.created_at,
            submissions,
            history: crate::service::review::history_of(&state, id).await?,
            due_at: row.due_at.filter(|_| facts.status == Status::Returned),
            return_items: row
                .return_items
                .as_deref()
                .filter(|_| facts.status == Status::Returned)
                .and_then(|j| serde_json::from_str(j).ok())
                .unwrap_or_default(),
            server_now: state.clock.now().millis(),
            submit_key: crate::security::random_token(),
        })
    }
}

#[cfg(feature = "ssr")]
pub use server::{editable, materials_of, read_form, readable, redirect_form_post, update, visible};

/// The application as its form shows it. Applicants see their own; reviewers see what SPEC lets
/// them see (`may_view`).
#[server(prefix = "/api", endpoint = "application_form")]
pub async fn application_form(id: String) -> Result<FormView, AppError> {
    server::read_form(&id).await
}

/// What a save came to: the new version and what is still missing (the page updates its
/// messages from it without reloading, so the field being typed in keeps its focus).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: i64,
    pub missing: Vec<Missing>,
}

/// Saves the values of one section (`v[<field id>]`, as `fields::field_id` names them) and then
/// applies `op`, a list button (`education:add`, `publications:remove:1`, `detach:diploma-0`).
/// Values that cannot be read are refused at their field; the others are saved all the same, so
/// nothing typed is lost. A list operation applies only to the version the page showed: on a
/// stale page it would move the wrong item.
#[server(prefix = "/api", endpoint = "save_section")]
pub async fn save_section(
    id: String,
    section: String,
    version: i64,
    #[server(default)] v: HashMap<String, String>,
    #[server(default)] op: Option<String>,
    #[server(default)] next: Option<String>,
) -> Result<Saved, AppError> {
    use crate::api::context::{app_state, remember_form, require_session};
    use crate::domain::materials::fields::{parse_field_id, section_of, ListOp};
    use crate::domain::materials::{missing, Section};
    use crate::forms::FieldText;
    use crate::i18n::{Msg, Text};

    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    let section = Section::from_slug(&section).ok_or(AppError::Forbidden)?;
    if v.len() > 500 {
        return Err(AppError::Forbidden);
    }
    // without JavaScript, 保存并继续 names the next section; anything else comes back here
    let back = match next.as_deref().and_then(Section::from_slug) {
        Some(s) => format!("/applications/{id}/{}", s.slug()),
        None => format!("/applications/{id}/{}", section.slug()),
    };
    let op = op.filter(|o| !o.is_empty());
    let (problems, version) = server::update(&state, &actor, &id, |m, row| {
        let mut problems = vec![];
        for (key, raw) in &v {
            let (name, item) = parse_field_id(key);
            // a key from another section is refused like an unknown one
            let result = if section_of(name) == Some(section) {
                m.set_value(name, item, raw)
            } else {
                Err(crate::domain::materials::fields::BadValue::NoSuchField)
            };
            if let Err(bad) = result {
                problems.push(FieldText::new(key, Text::from(bad)));
            }
        }
        if let Some(op) = &op {
            if row.version != version {
                return Err(AppError::refused(Msg::StaleVersion));
            }
            let done = match op.split_once(':') {
                Some(("detach", field)) => {
                    let (name, item) = parse_field_id(field);
                    section_of(name) == Some(section) && m.detach(name, item)
                }
                Some((list, rest)) => section_of(list) == Some(section) && ListOp::parse(rest).is_some_and(|o| m.edit_list(list, o)),
                None => false,
            };
            if !done {
                return Err(AppError::refused(Msg::StaleVersion));
            }
        }
        Ok(problems)
    })
    .await?;
    if !problems.is_empty() {
        let kept: Vec<(&str, &str)> =
            problems.iter().filter_map(|p| v.get_key_value(&p.field).map(|(k, v)| (k.as_str(), v.as_str()))).collect();
        remember_form(&kept);
        return Err(AppError::Invalid(problems));
    }
    let row = server::visible(&state, &actor, &id).await?;
    let materials = server::materials_of(&row)?;
    server::redirect_form_post(&back);
    Ok(Saved { version, missing: missing(&materials, state.clock.now().beijing_date()) })
}

/// Signs the pledge with strokes drawn on the page (JSON of `signature::Strokes`): the domain
/// decides whether they are a pledge written out or a token scribble; the server draws them into
/// an image; both are stored and bound to the application.
#[server(prefix = "/api", endpoint = "sign_pledge")]
pub async fn sign_pledge(id: String, strokes: String) -> Result<(), AppError> {
    use crate::api::context::{app_state, require_session};
    use crate::domain::materials::Attachment;
    use crate::domain::signature::{SignatureProblem, Strokes};
    use crate::i18n::Text;
    use crate::store::AttachmentRow;

    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    server::editable(&state, &actor, &id).await?;
    if strokes.len() > 4 * 1024 * 1024 {
        return Err(AppError::field("pledge", Text::from(SignatureProblem::Malformed)));
    }
    let parsed: Strokes = serde_json::from_str(&strokes).map_err(|_| AppError::field("pledge", Text::from(SignatureProblem::Malformed)))?;
    parsed.check().map_err(|p| AppError::field("pledge", Text::from(p)))?;
    let png = tokio::task::spawn_blocking(move || crate::files::signature::render(&parsed))
        .await
        .or_internal("render task")?
        .or_internal("render")?;
    let now = state.clock.now().millis();
    let mut ids = vec![];
    for (bytes, kind, name) in [(png, "png", "承诺书.png"), (strokes.into_bytes(), "strokes", "承诺书笔迹.json")] {
        let sha = state.blobs.put(&bytes).await.or_internal("blob")?;
        let row = AttachmentRow {
            id: crate::store::new_id(),
            application_id: id.clone(),
            owner_id: actor.user_id.clone(),
            field: "pledge".into(),
            item: None,
            sha256: sha,
            kind: kind.into(),
            size: bytes.len() as i64,
            file_name: name.into(),
            pages: None,
            width: (kind == "png").then_some(crate::domain::signature::WIDTH as i64),
            height: (kind == "png").then_some(crate::domain::signature::HEIGHT as i64),
            uploaded_at: now,
        };
        state.store.insert_attachment(&row).await?;
        ids.push(row.id);
    }
    server::update(&state, &actor, &id, |m, _| {
        m.pledge = Some(Attachment { id: ids[0].clone() });
        m.pledge_strokes = Some(Attachment { id: ids[1].clone() });
        Ok(())
    })
    .await?;
    Ok(())
}

/// Submits the application (rules 3, 7 and 12): only when nothing is missing, and once per
/// `key`, so a double click, a retried request or a second tab spends one submission. Returns
/// the submission's number.
#[server(prefix = "/api", endpoint = "submit_application")]
pub async fn submit_application(id: String, key: String) -> Result<i64, AppError> {
    use crate::api::context::{app_state, require_session};
    use crate::domain::materials::missing;
    use crate::i18n::{Msg, Text};
    use crate::store::Submitted;

    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    if key.len() < 16 || key.len() > 128 {
        return Err(AppError::Forbidden);
    }
    let row = server::visible(&state, &actor, &id).await?;
    let now = state.clock.now();
    let materials = server::materials_of(&row)?;
    let gaps = missing(&materials, now.beijing_date());
    let facts = row.facts();
    // (once submitted the status is no longer editable: a retry with the same key then reaches
    // the store, which answers with the submission already made)
    if !gaps.is_empty() && facts.status.is_editable() {
        return Err(AppError::refused(Text::with(Msg::SubmitIncomplete, [gaps.len().to_string()])));
    }
    let ip = crate::api::context::client_ip(&crate::api::context::request_parts()?, &state);
    match state.store.submit(&id, &actor, &key, &ip, now.millis()).await? {
        Ok(Submitted::Now { number }) => {
            if let Ok(Some(after)) = state.store.application(&id).await {
                state.events.publish(&after);
            }
            server::redirect_form_post(&format!("/applications/{id}"));
            Ok(number)
        }
        Ok(Submitted::Already { number }) => {
            server::redirect_form_post(&format!("/applications/{id}"));
            Ok(number)
        }
        Err(denied) => Err(AppError::refused(Text::from(denied))),
    }
}
