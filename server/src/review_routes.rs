//! The reviewers' plain routes: the queue as CSV (the same rows as the page, through the same
//! function) and the unit's stamped notice files (§五), uploaded while the notice runs.

use axum::extract::{Extension, Multipart, Path, Query};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{extract::DefaultBodyLimit, Json, Router};
use leptos::config::LeptosOptions;
use serde::Deserialize;

use app::api::context::{is_plain_form_post, session_from_headers};
use app::api::error::AppError;
use app::api::review::UNIT_FILE_FIELDS;
use app::domain::attachments::SlotKind;
use app::domain::instant::Instant;
use app::domain::workflow::{may, Action};
use app::i18n::{level_name, status_name, Lang};
use app::service::review::{filter_from, whole_queue};
use app::state::AppState;

use crate::files::{drain, fail, read_and_inspect, store_file};

pub fn routes() -> Router<LeptosOptions> {
    Router::new().route("/review/export.csv", get(export_csv)).route(
        "/review-upload/{application_id}/{field}",
        post(upload_unit_file).layer(DefaultBodyLimit::max(crate::files::UPLOAD_BODY_CAP)),
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct QueueQuery {
    status: String,
    level: String,
    specialty: String,
    name: String,
    sort: String,
}

/// A CSV field: quoted, quotes doubled, and a leading = + - @ defused so that a spreadsheet
/// never runs a name someone typed as a formula.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{s}") } else { s.to_string() };
    format!("\"{}\"", s.replace('"', "\"\""))
}

async fn export_csv(Extension(state): Extension<AppState>, Query(q): Query<QueueQuery>, headers: HeaderMap) -> Response {
    let actor = match session_from_headers(&state, &headers).await {
        Ok(Some((actor, _))) => actor,
        Ok(None) => return fail(AppError::Unauthenticated),
        Err(e) => return fail(e),
    };
    // the whole filtered view, whichever page the reviewer was on
    let filter = filter_from(&q.status, &q.level, &q.specialty, &q.name, &q.sort, "");
    let rows = match whole_queue(&state, &actor, &filter).await {
        Ok(rows) => rows,
        Err(e) => return fail(e),
    };
    let lang = Lang::Zh;
    // a BOM so that Excel opens UTF-8 Chinese correctly
    let mut out = String::from("\u{feff}");
    let heads = ["申报人", "单位", "系列", "专业", "级别", "状态", "已提交次数", "最近变动", "修改截止", "公示期满", "异议", "重复文件"];
    out.push_str(&heads.map(csv_field).join(","));
    out.push_str("\r\n");
    let time = |ms: Option<i64>| ms.map(|m| Instant(m).beijing_display()).unwrap_or_default();
    for r in rows {
        let cells = [
            r.applicant_name,
            r.unit_name,
            r.series,
            r.specialty,
            r.level.map(|l| level_name(l).text(lang).to_string()).unwrap_or_default(),
            status_name(r.status).text(lang).to_string(),
            r.submissions_used.to_string(),
            time(Some(r.updated_at)),
            time(r.due_at),
            time(r.notice_closes_at),
            r.objections.to_string(),
            r.duplicates.to_string(),
        ];
        out.push_str(&cells.iter().map(|c| csv_field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    let mut res = out.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"queue.csv\""));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}

async fn upload_unit_file(
    Extension(state): Extension<AppState>,
    Path((application_id, field)): Path<(String, String)>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let result = receive_unit_file(&state, &application_id, &field, &headers, &mut multipart).await;
    if result.is_err() {
        drain(&mut multipart).await;
    }
    if is_plain_form_post(&headers) {
        // without JavaScript: back to the review page (the refusal shows at the field with JS;
        // without it the page lists the file as still missing)
        return (StatusCode::SEE_OTHER, [(header::LOCATION, format!("/review/{application_id}#{field}"))]).into_response();
    }
    match result {
        Ok(id) => Json(serde_json::json!({ "attachment_id": id })).into_response(),
        Err(e) => fail(e),
    }
}

async fn receive_unit_file(
    state: &AppState,
    application_id: &str,
    field: &str,
    headers: &HeaderMap,
    multipart: &mut Multipart,
) -> Result<String, AppError> {
    let (actor, _) = session_from_headers(state, headers).await?.ok_or(AppError::Unauthenticated)?;
    if !UNIT_FILE_FIELDS.contains(&field) {
        return Err(AppError::Forbidden);
    }
    let row = state.store.application(application_id).await?.ok_or(AppError::Forbidden)?;
    // the files go with the recommendation: only the unit that may recommend it now uploads them
    may(&actor, Action::UnitRecommend, &row.facts()).map_err(|_| AppError::Forbidden)?;
    let (file_name, bytes, inspected) = read_and_inspect(multipart, SlotKind::Document, field).await?;
    let now = state.clock.now().millis();
    let attachment = store_file(state, application_id, &actor.user_id, field, None, file_name, bytes, &inspected, now).await?;
    Ok(attachment.id)
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn a_cell_a_spreadsheet_would_run_is_kept_as_text_and_every_cell_is_quoted() {
        for (typed, cell) in [
            ("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\""),
            ("+1+1", "\"'+1+1\""),
            ("-2", "\"'-2\""),
            ("@SUM(A1)", "\"'@SUM(A1)\""),
            ("\tx", "\"'\tx\""),
            ("\rx", "\"'\rx\""),
            ("古丽米拉·艾买提", "\"古丽米拉·艾买提\""),
            ("a \"quoted\" name", "\"a \"\"quoted\"\" name\""),
            ("two\nlines", "\"two\nlines\""),
            ("", "\"\""),
        ] {
            assert_eq!(csv_field(typed), cell, "{typed:?}");
        }
    }
}
