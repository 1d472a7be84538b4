//! The application form (issue 3): reading it, saving a section as the applicant types, signing
//! the pledge, and submitting. Each function authenticates, parses what was posted, and calls
//! `service::form`, which authorises through the domain (`may_view`, `may_edit`) before it
//! touches the store.

use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

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
    /// The applicant's own unit (for aid staff, not the one that reviews).
    pub unit_id: String,
    pub unit_name: String,
    /// 援疆: the dispatching unit that reviews, when there is one.
    pub aid_unit_id: Option<String>,
    pub evaluation_year: i32,
    pub materials: Materials,
    /// What completeness is judged against: the round's reference date and conditions
    /// (`service::rounds::basis`). The year lists and the completeness check use it, on the server
    /// and in the browser alike.
    pub basis: crate::domain::materials::Basis,
    pub editable: bool,
    pub submissions_left: u8,
    pub missing: Vec<Missing>,
    pub files: HashMap<String, FileInfo>,
    /// File fields this reader may not open (`domain::disclosure::withheld_files`): the page says
    /// they are there without naming them.
    pub withheld: Vec<String>,
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

/// The application as its form shows it. Applicants see their own; reviewers see what SPEC lets
/// them see (`may_view`).
#[server(prefix = "/api", endpoint = "application_form")]
pub async fn application_form(id: String) -> Result<FormView, AppError> {
    let state = crate::api::context::app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    crate::service::form::view(&state, &actor, &id).await
}

/// What a save came to: the new version and what is still missing (the page updates its
/// messages from it without reloading, so the field being typed in keeps its focus).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub version: i64,
    pub missing: Vec<Missing>,
}

/// Saves the values of one section (`v[<field id>]`, as `fields::field_id` names them) and then
/// applies `op`, a list button (`service::form::save_section`). Values that cannot be read are
/// refused at their field, and the page gets them back to correct.
#[server(prefix = "/api", endpoint = "save_section")]
pub async fn save_section(
    id: String,
    section: String,
    version: i64,
    #[server(default)] v: HashMap<String, String>,
    #[server(default)] op: Option<String>,
    #[server(default)] next: Option<String>,
) -> Result<Saved, AppError> {
    use crate::api::context::{app_state, redirect_form_post, remember_form};
    use crate::domain::materials::Section;
    use crate::service::form::SectionSave;

    let state = app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    let section = Section::from_slug(&section).ok_or(AppError::Forbidden)?;
    if v.len() > 500 {
        return Err(AppError::Forbidden);
    }
    let save = SectionSave { section, version, values: &v, op: op.as_deref().filter(|o| !o.is_empty()) };
    let (problems, version, missing) = crate::service::form::save_section(&state, &actor, &id, save).await?;
    if !problems.is_empty() {
        let kept: Vec<(&str, &str)> =
            problems.iter().filter_map(|p| v.get_key_value(&p.field).map(|(k, v)| (k.as_str(), v.as_str()))).collect();
        remember_form(&kept);
        return Err(AppError::Invalid(problems));
    }
    // without JavaScript, 保存并继续 names the next section; anything else comes back here
    let back = next.as_deref().and_then(Section::from_slug).unwrap_or(section);
    redirect_form_post(&format!("/applications/{id}/{}", back.slug()));
    Ok(Saved { version, missing })
}

/// Signs the pledge with strokes drawn on the page (JSON of `signature::Strokes`).
#[server(prefix = "/api", endpoint = "sign_pledge")]
pub async fn sign_pledge(id: String, strokes: String) -> Result<(), AppError> {
    use crate::domain::signature::SignatureProblem;
    use crate::i18n::Text;

    let state = crate::api::context::app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    if strokes.len() > 4 * 1024 * 1024 {
        return Err(AppError::field("pledge", Text::from(SignatureProblem::Malformed)));
    }
    crate::service::form::sign_pledge(&state, &actor, &id, strokes).await
}

/// Submits the application once per `key` (`service::form::submit`); returns the submission's
/// number.
#[server(prefix = "/api", endpoint = "submit_application")]
pub async fn submit_application(id: String, key: String) -> Result<i64, AppError> {
    use crate::api::context::{app_state, redirect_form_post, request_ip};

    let state = app_state()?;
    let actor = crate::api::access::signed_in(&state).await?;
    if key.len() < 16 || key.len() > 128 {
        return Err(AppError::Forbidden);
    }
    let ip = request_ip(&state)?;
    let number = crate::service::form::submit(&state, &actor, &id, &key, &ip).await?;
    redirect_form_post(&format!("/applications/{id}"));
    Ok(number)
}
