//! Uploading and downloading attachments: plain axum handlers, because a multipart body is
//! streamed with a limit (a server function would buffer it whole). Each authenticates,
//! authorises through the domain (`may_edit` to upload, `service::form::readable` to download), and only then
//! touches the store. Errors are the same JSON `AppError` the server functions send.

use axum::extract::{DefaultBodyLimit, Multipart, Path, Query};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use http::{header, HeaderMap, HeaderValue, StatusCode};
use leptos::config::LeptosOptions;
use serde::{Deserialize, Serialize};

use app::api::context::{is_plain_form_post, session_from_headers};
use app::api::error::{AppError, OrInternal};
use app::components::upload::UPLOAD_FLASH_COOKIE;
use app::domain::attachments::{rules, Refusal, MB};
use app::domain::materials::fields::{field_id, section_of};
use app::domain::materials::{slot_kind, Attachment, Materials};
use app::domain::workflow::may_edit;
use app::files::inspect::inspect;
use app::i18n::{Msg, Text};
use app::state::AppState;
use app::store::{AttachmentRow, StoreError};

/// The most an upload's body may carry. Each slot's own limit (10 MB at most) is checked while the
/// file streams in; a refused file is then read to its end and dropped (`drain`), so that the
/// person's browser, still sending, receives the reason instead of a cut connection. Past twice
/// the largest limit the connection is cut: that is no longer a person's mistake.
pub(crate) const UPLOAD_BODY_CAP: usize = (2 * 10 * MB + 64 * 1024) as usize;

/// Inspections running at once (PDF parsing, image decoding): the machine's two cores. The
/// memory they may take is bounded per inspection (`app::files::inspect`), so in all by this.
static INSPECTIONS: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(2);

pub fn routes() -> Router<LeptosOptions> {
    Router::new()
        .route("/upload/{application_id}/{field}", post(upload).layer(DefaultBodyLimit::max(UPLOAD_BODY_CAP)))
        .route("/files/{attachment_id}", get(download))
        .merge(crate::notice_files::routes())
}

#[derive(Deserialize)]
struct Item {
    item: Option<usize>,
}

/// What the page learns about an accepted upload.
#[derive(Serialize)]
pub struct Uploaded {
    pub attachment_id: String,
    pub kind: String,
    pub pages: Option<usize>,
    pub width: Option<u32>,
    pub height: Option<u32>,
}

pub(crate) fn fail(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, Json(e)).into_response()
}

pub(crate) use app::api::context::internal;

async fn upload(
    Extension(state): Extension<AppState>,
    Path((application_id, field)): Path<(String, String)>,
    Query(q): Query<Item>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let result = receive(&state, &application_id, &field, q.item, &headers, &mut multipart).await;
    if result.is_err() {
        drain(&mut multipart).await;
    }
    if is_plain_form_post(&headers) {
        return back_to_form(&application_id, &field, q.item, result.err());
    }
    match result {
        Ok(done) => Json(done).into_response(),
        Err(e) => fail(e),
    }
}

/// Sends a plain form post back to the field's section; a refusal travels in a short-lived
/// cookie that the page shows at the field (`components::upload::flashed_upload_error`).
fn back_to_form(application_id: &str, field: &str, item: Option<usize>, error: Option<AppError>) -> Response {
    let section = section_of(field).map(|s| s.slug()).unwrap_or("basic");
    let anchor = field_id(field, item);
    let to = format!("/applications/{application_id}/{section}#{anchor}");
    let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response();
    if let Some(text) = error.and_then(|e| e.at_field(field).or_else(|| e.at_field("file")).cloned().or_else(|| e.form_text())) {
        if let Ok(json) = serde_json::to_string(&(anchor, text)) {
            let cookie = format!("{UPLOAD_FLASH_COOKIE}={}; Path=/; Max-Age=60; HttpOnly; SameSite=Strict", hex::encode(json));
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
        }
    }
    res
}

async fn receive(
    state: &AppState,
    application_id: &str,
    field: &str,
    item: Option<usize>,
    headers: &HeaderMap,
    multipart: &mut Multipart,
) -> Result<Uploaded, AppError> {
    let (actor, _) = session_from_headers(state, headers).await?.ok_or(AppError::Unauthenticated)?;
    let row = state.store.application(application_id).await?;
    // an application that is not yours looks the same as one that does not exist
    let row = row.ok_or(AppError::Forbidden)?;
    may_edit(&actor, &row.facts()).map_err(|_| AppError::Forbidden)?;
    let mut materials: Materials = serde_json::from_str(&row.materials).or_internal("materials")?;
    if !materials.takes_files(field, item) {
        return Err(AppError::field(field, Msg::Forbidden));
    }
    // the quota is looked at before the body is read and again with its size (M7)
    app::service::form::count_upload(state, &actor).await?;
    app::service::form::check_room(state, application_id, field, 0).await?;

    let (file_name, bytes, inspected) = read_and_inspect(multipart, slot_kind(field), field).await?;
    app::service::form::check_room(state, application_id, field, bytes.len() as u64).await?;

    let now = state.clock.now().millis();
    let attachment = store_file(state, application_id, &actor.user_id, field, item, file_name, bytes, &inspected, now).await?;
    put_in_slot(state, application_id, field, item, &attachment.id, now).await?;
    Ok(Uploaded {
        attachment_id: attachment.id,
        kind: attachment.kind,
        pages: inspected.pages,
        width: inspected.measure.map(|m| m.width),
        height: inspected.measure.map(|m| m.height),
    })
}

/// Reads the uploaded file (refusing it past the slot's size) and opens it on a blocking thread;
/// a file the slot does not take is refused at `field` with the reason.
pub(crate) async fn read_and_inspect(
    multipart: &mut Multipart,
    slot: app::domain::attachments::SlotKind,
    field: &str,
) -> Result<(String, Vec<u8>, app::files::inspect::Inspected), AppError> {
    let (file_name, bytes) = read_file(multipart, rules(slot).max_bytes).await?;
    // one inspection per core at a time: each may decode up to its caps (docs/SECURITY.md, M6)
    let _turn = INSPECTIONS.acquire().await.or_internal("inspection queue")?;
    let checked = tokio::task::spawn_blocking(move || inspect(slot, &bytes).map(|i| (i, bytes))).await.or_internal("inspect task")?;
    let (inspected, bytes) = checked.map_err(|r: Refusal| AppError::field(field, Text::from(r)))?;
    Ok((file_name, bytes, inspected))
}

/// Keeps an inspected file: its bytes in the blob store, its row in `attachments` (which field
/// and item of which application, who uploaded it, what it is).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn store_file(
    state: &AppState,
    application_id: &str,
    owner_id: &str,
    field: &str,
    item: Option<usize>,
    file_name: String,
    bytes: Vec<u8>,
    inspected: &app::files::inspect::Inspected,
    now: i64,
) -> Result<AttachmentRow, AppError> {
    let sha256 = state.blobs.put(&bytes).await.or_internal("blob put")?;
    let attachment = AttachmentRow {
        id: app::store::new_id(),
        application_id: application_id.to_string(),
        owner_id: owner_id.to_string(),
        field: field.to_string(),
        item: item.map(|i| i as i64),
        sha256,
        kind: format!("{:?}", inspected.kind).to_lowercase(),
        size: bytes.len() as i64,
        file_name,
        pages: inspected.pages.map(|p| p as i64),
        width: inspected.measure.map(|m| i64::from(m.width)),
        height: inspected.measure.map(|m| i64::from(m.height)),
        uploaded_at: now,
    };
    state.store.insert_attachment(&attachment).await?;
    Ok(attachment)
}

/// Reads what the client is still sending after a refusal (at most the body limit), so that it
/// receives the refusal instead of a connection closed under it.
pub(crate) async fn drain(multipart: &mut Multipart) {
    while let Ok(Some(mut part)) = multipart.next_field().await {
        while let Ok(Some(_)) = part.chunk().await {}
    }
}

/// Reads the `file` part, refusing as soon as it passes `max` bytes: memory never holds more.
pub(crate) async fn read_file(multipart: &mut Multipart, max: u64) -> Result<(String, Vec<u8>), AppError> {
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            return AppError::field("file", Text::from(Refusal::TooLarge { max_bytes: max }));
        }
        tracing::info!(error = %e, "upload body unreadable");
        AppError::field("file", Msg::UploadInterrupted)
    };
    while let Some(mut part) = multipart.next_field().await.map_err(bad)? {
        if part.name() != Some("file") {
            continue;
        }
        let name: String = part.file_name().unwrap_or("file").chars().filter(|c| !c.is_control()).take(200).collect();
        let mut bytes = Vec::new();
        while let Some(chunk) = part.chunk().await.map_err(bad)? {
            if (bytes.len() + chunk.len()) as u64 > max {
                return Err(AppError::field("file", Text::from(Refusal::TooLarge { max_bytes: max })));
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok((name, bytes));
    }
    Err(AppError::field("file", Msg::UploadRefusedEmpty))
}

/// Records the attachment in its slot, at the version just read (retrying if the applicant's
/// other tab saved in between).
async fn put_in_slot(state: &AppState, id: &str, field: &str, item: Option<usize>, attachment_id: &str, now: i64) -> Result<(), AppError> {
    for _ in 0..3 {
        let row = state.store.application(id).await?.ok_or(AppError::Forbidden)?;
        let mut materials: Materials = serde_json::from_str(&row.materials).or_internal("materials")?;
        if !materials.attach(field, item, Attachment { id: attachment_id.to_string() }) {
            return Err(AppError::field(field, Msg::Forbidden));
        }
        let json = serde_json::to_string(&materials).or_internal("materials")?;
        match state.store.save_materials(id, row.version, &json, now).await {
            Ok(_) => return Ok(()),
            Err(StoreError::Conflict) => continue,
            Err(e) => return Err(internal("save materials", e)),
        }
    }
    Err(AppError::refused(Msg::Internal))
}

/// Serves an attachment to the people who may see its application, never as active content:
/// PDFs download, images show inline, and the response may run nothing (CSP sandbox, nosniff).
async fn download(Extension(state): Extension<AppState>, Path(id): Path<String>, headers: HeaderMap) -> Response {
    let not_found = || StatusCode::NOT_FOUND.into_response();
    let Ok(Some((actor, _))) = session_from_headers(&state, &headers).await else {
        return fail(AppError::Unauthenticated);
    };
    let Ok(Some(att)) = state.store.attachment(&id).await else { return not_found() };
    // who may read the application (a committee member: through their session) may read its
    // files; any refusal is the same answer as for an id that does not exist
    if app::service::form::readable(&state, &actor, &att.application_id).await.is_err()
        || app::domain::disclosure::withheld_files(actor.role).contains(&att.field.as_str())
    {
        return not_found();
    }
    let bytes = match state.blobs.get(&att.sha256).await {
        Ok(b) => b,
        Err(e) => return fail(internal("blob get", e)),
    };
    let (mime, disposition) = match att.kind.as_str() {
        "pdf" => ("application/pdf", "attachment"),
        "png" => ("image/png", "inline"),
        _ => ("image/jpeg", "inline"),
    };
    serve(bytes, mime, disposition, &att.file_name)
}

/// A stored file as a response that can never run on our origin: its type stated, `nosniff`,
/// a sandboxing CSP, not cached by shared caches, and the original name (UTF-8, percent-encoded).
pub(crate) fn serve(bytes: Vec<u8>, mime: &'static str, disposition: &str, file_name: &str) -> Response {
    let encoded: String = file_name
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"._-".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect();
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    if let Ok(v) = HeaderValue::from_str(&format!("{disposition}; filename*=UTF-8''{encoded}")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}
