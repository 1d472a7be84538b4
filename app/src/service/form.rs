//! The application form (rules 3, 7, 12; routes `/applications/<id>/…`): who may see, read or
//! change an application, the form's data, saving a section, signing the pledge, and submitting.
//! Every refusal about one application looks like a missing one, so guessing ids learns nothing.

use std::collections::HashMap;

use crate::api::error::{AppError, OrInternal};
use crate::api::form::{FileInfo, FormView};
use crate::api::limits::{take, UPLOADS_PER_PERSON};
use crate::domain::attachments::check_quota;
use crate::domain::disclosure::{sees_duplicates, withheld_files};
use crate::domain::evaluation::may_read;
use crate::domain::instant::iso_date;
use crate::domain::materials::fields::{parse_field_id, section_of, BadValue, ListOp};
use crate::domain::materials::{missing, Attachment, Materials, Missing, Section};
use crate::domain::signature::{SignatureProblem, Strokes};
use crate::domain::workflow::{may_edit, may_view, submissions_left, Actor, Role, Status};
use crate::forms::FieldText;
use crate::i18n::{Msg, Text};
use crate::state::AppState;
use crate::store::{ApplicationRow, AttachmentRow, StoreError, Submitted};

/// The application, if the actor may see it (`may_view`).
pub async fn visible(state: &AppState, actor: &Actor, id: &str) -> Result<ApplicationRow, AppError> {
    let row = state.store.application(id).await?;
    let row = row.ok_or_else(not_found)?;
    may_view(actor, &row.facts()).map_err(|_| not_found())?;
    Ok(row)
}

/// The application, if the actor may read its materials: whoever `visible` lets see it, and a
/// committee member of the session it is assigned to, unless from the applicant's own unit
/// (`domain::evaluation::may_read`).
pub async fn readable(state: &AppState, actor: &Actor, id: &str) -> Result<ApplicationRow, AppError> {
    if actor.role != Role::CommitteeMember {
        return visible(state, actor, id).await;
    }
    let session = state.store.session_of_application(id).await?.ok_or_else(not_found)?.id;
    let apps = state.store.session_applications(&session).await?;
    let app = apps.iter().find(|a| a.id == id).ok_or_else(not_found)?;
    let members = state.store.session_members(&session).await?;
    let me = members.iter().find(|m| m.user_id == actor.user_id).map(|m| m.member());
    may_read(me.as_ref(), &app.units()).map_err(|_| not_found())?;
    state.store.application(id).await?.ok_or_else(not_found)
}

/// The application, if the actor may change its materials now (rule 3).
pub async fn editable(state: &AppState, actor: &Actor, id: &str) -> Result<ApplicationRow, AppError> {
    let row = visible(state, actor, id).await?;
    may_edit(actor, &row.facts()).map_err(|_| AppError::refused(Msg::NotEditable))?;
    Ok(row)
}

fn not_found() -> AppError {
    AppError::refused(Msg::ApplicationNotFound)
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
        materials.sync_years(crate::service::rounds::basis(state, &row).await?.reference_date);
        let json = serde_json::to_string(&materials).or_internal("materials json")?;
        match state.store.save_materials(id, row.version, &json, state.clock.now().millis()).await {
            Ok(version) => return Ok((out, version)),
            Err(StoreError::Conflict) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(AppError::refused(Msg::StaleVersion))
}

/// Everything the form's pages show, for whoever may read the application.
pub async fn view(state: &AppState, actor: &Actor, id: &str) -> Result<FormView, AppError> {
    let row = readable(state, actor, id).await?;
    let facts = row.facts();
    let mut materials = materials_of(&row)?;
    let basis = crate::service::rounds::basis(state, &row).await?;
    let missing = missing(&materials, &basis);
    // what this reader may not open leaves the view whole: its attachment and the file's facts
    let withheld: Vec<String> = withheld_files(actor.role).iter().filter(|f| materials.detach(f, None)).map(|f| f.to_string()).collect();
    let duplicates = sees_duplicates(actor.role);
    let files = state
        .store
        .attachments_of(id)
        .await?
        .into_iter()
        .filter(|(a, _)| !withheld_files(actor.role).contains(&a.field.as_str()))
        .map(|(a, elsewhere)| (a.id.clone(), file_info(a, if duplicates { elsewhere } else { 0 })))
        .collect();
    let unit_name = state.store.organisation(row.home_unit()).await?.map(|o| o.name).unwrap_or_default();
    let returned = facts.status == Status::Returned;
    Ok(FormView {
        id: row.id.clone(),
        version: row.version,
        status: facts.status,
        level: materials.level,
        series: row.series.clone(),
        specialty: row.specialty.clone(),
        unit_id: row.home_unit().to_string(),
        unit_name,
        aid_unit_id: row.dispatching_unit().map(String::from),
        evaluation_year: row.evaluation_year as i32,
        missing,
        editable: may_edit(actor, &facts).is_ok(),
        submissions_left: submissions_left(&facts),
        materials,
        basis,
        files,
        withheld,
        created_at: row.created_at,
        submissions: state.store.submissions_of(id).await?,
        history: crate::service::review::history_of(state, id).await?,
        due_at: row.due_at.filter(|_| returned),
        return_items: row.return_items.as_deref().filter(|_| returned).and_then(|j| serde_json::from_str(j).ok()).unwrap_or_default(),
        server_now: state.clock.now().millis(),
        submit_key: crate::security::random_token(),
    })
}

fn file_info(a: AttachmentRow, elsewhere: i64) -> FileInfo {
    FileInfo { file_name: a.file_name, kind: a.kind, size: a.size, pages: a.pages, width: a.width, height: a.height, elsewhere }
}

/// One section's values as the page posted them (`<field id>` → text), and a list button
/// (`education:add`, `publications:remove:1`, `detach:diploma-0`) pressed on the page at
/// `version`.
pub struct SectionSave<'a> {
    pub section: Section,
    pub version: i64,
    pub values: &'a HashMap<String, String>,
    pub op: Option<&'a str>,
}

/// Saves what can be read and applies the list button; the values that cannot be read come back
/// with their field's reason (the others are saved all the same, so nothing typed is lost). A
/// list button applies only to the version the page showed: on a stale page it would move the
/// wrong item. Returns the fields refused, the new version and what is still missing.
pub async fn save_section(
    state: &AppState,
    actor: &Actor,
    id: &str,
    save: SectionSave<'_>,
) -> Result<(Vec<FieldText>, i64, Vec<Missing>), AppError> {
    let SectionSave { section, version, values, op } = save;
    let (problems, version) = update(state, actor, id, |m, row| {
        let mut problems = vec![];
        for (key, raw) in values {
            let (name, item) = parse_field_id(key);
            // a key from another section is refused like an unknown one
            let result = if section_of(name) == Some(section) { m.set_value(name, item, raw) } else { Err(BadValue::NoSuchField) };
            if let Err(bad) = result {
                problems.push(FieldText::new(key, Text::from(bad)));
            }
        }
        if let Some(op) = op {
            if row.version != version || !apply_list_op(m, section, op) {
                return Err(AppError::refused(Msg::StaleVersion));
            }
        }
        Ok(problems)
    })
    .await?;
    let row = visible(state, actor, id).await?;
    let materials = materials_of(&row)?;
    Ok((problems, version, missing(&materials, &crate::service::rounds::basis(state, &row).await?)))
}

/// A list button of `section`: false when it names a list or field of another section, or an item
/// that is not there.
fn apply_list_op(m: &mut Materials, section: Section, op: &str) -> bool {
    match op.split_once(':') {
        Some(("detach", field)) => {
            let (name, item) = parse_field_id(field);
            section_of(name) == Some(section) && m.detach(name, item)
        }
        Some((list, rest)) => section_of(list) == Some(section) && ListOp::parse(rest).is_some_and(|o| m.edit_list(list, o)),
        None => false,
    }
}

/// Counts one file `actor` stores, refusing past their uploads an hour (M7).
pub async fn count_upload(state: &AppState, actor: &Actor) -> Result<(), AppError> {
    let bucket = format!("upload:{}", actor.user_id);
    take(state, &bucket, UPLOADS_PER_PERSON, Msg::UploadThrottled).await?.keep();
    Ok(())
}

/// Refuses, at `field`, a file of `incoming` bytes (0 before its body is read) that would take the
/// application past the files it may keep (M7).
pub async fn check_room(state: &AppState, id: &str, field: &str, incoming: u64) -> Result<(), AppError> {
    let (files, bytes) = state.store.attachment_usage(id).await?;
    check_quota(files.max(0) as u64, bytes.max(0) as u64, incoming).map_err(|r| AppError::field(field, Text::from(r)))
}

/// Signs the pledge with strokes drawn on the page: the domain decides whether they are a pledge
/// written out or a token scribble; the server draws them into an image; both are stored and bound
/// to the application.
pub async fn sign_pledge(state: &AppState, actor: &Actor, id: &str, strokes: String) -> Result<(), AppError> {
    editable(state, actor, id).await?;
    count_upload(state, actor).await?;
    check_room(state, id, "pledge", strokes.len() as u64).await?;
    let malformed = || AppError::field("pledge", Text::from(SignatureProblem::Malformed));
    let parsed: Strokes = serde_json::from_str(&strokes).map_err(|_| malformed())?;
    parsed.check().map_err(|p| AppError::field("pledge", Text::from(p)))?;
    let png = tokio::task::spawn_blocking(move || crate::files::signature::render(&parsed))
        .await
        .or_internal("render task")?
        .or_internal("render")?;
    let now = state.clock.now().millis();
    let mut ids = vec![];
    for (bytes, kind, name) in [(png, "png", "承诺书.png"), (strokes.into_bytes(), "strokes", "承诺书笔迹.json")] {
        let sha = state.blobs.put(&bytes).await.or_internal("blob")?;
        let image = kind == "png";
        let row = AttachmentRow {
            id: crate::store::new_id(),
            application_id: id.to_string(),
            owner_id: actor.user_id.clone(),
            field: "pledge".into(),
            item: None,
            sha256: sha,
            kind: kind.into(),
            size: bytes.len() as i64,
            file_name: name.into(),
            pages: None,
            width: image.then_some(crate::domain::signature::WIDTH as i64),
            height: image.then_some(crate::domain::signature::HEIGHT as i64),
            uploaded_at: now,
        };
        state.store.insert_attachment(&row).await?;
        ids.push(row.id);
    }
    update(state, actor, id, |m, _| {
        m.pledge = Some(Attachment { id: ids[0].clone() });
        m.pledge_strokes = Some(Attachment { id: ids[1].clone() });
        Ok(())
    })
    .await?;
    Ok(())
}

/// Submits the application (rules 3, 7 and 12): only when nothing is missing, and once per `key`,
/// so a double click, a retried request or a second tab spends one submission. Returns the
/// submission's number.
pub async fn submit(state: &AppState, actor: &Actor, id: &str, key: &str, client_ip: &str) -> Result<i64, AppError> {
    let row = visible(state, actor, id).await?;
    let now = state.clock.now();
    // the unit may not recommend while its ban runs (§五): refused before anything is spent
    if row.facts().status.is_editable() {
        if let Some(free_on) = crate::service::applications::unit_barred_until(state, &row.reviewing_unit_id).await? {
            let unit = state.store.organisation(&row.reviewing_unit_id).await?.map(|o| o.name).unwrap_or_default();
            return Err(AppError::refused(Text::with(Msg::StaffUnitBarred, [unit, iso_date(free_on)])));
        }
    }
    // a draft only inside its round's window; a returned one keeps its 48 hours after it
    if row.facts().status.is_editable() {
        crate::service::rounds::check_submit(state, &row, row.facts().status).await?;
    }
    let gaps = missing(&materials_of(&row)?, &crate::service::rounds::basis(state, &row).await?);
    // (once submitted the status is no longer editable: a retry with the same key then reaches
    // the store, which answers with the submission already made)
    if !gaps.is_empty() && row.facts().status.is_editable() {
        return Err(AppError::refused(Text::with(Msg::SubmitIncomplete, [gaps.len().to_string()])));
    }
    match state.store.submit(id, actor, key, client_ip, now.millis()).await? {
        Ok(Submitted::Now { number }) => {
            if let Ok(Some(after)) = state.store.application(id).await {
                state.events.publish(&after);
            }
            Ok(number)
        }
        Ok(Submitted::Already { number }) => Ok(number),
        Err(denied) => Err(AppError::refused(Text::from(denied))),
    }
}
