//! Certificates (§十, server only): issuing one (the title, the seal, the signed PDF, the record),
//! and the views of a certificate for its holder, the issuer and the public check.

use crate::api::certificates::{CertificateSummary, VerifyView};
use crate::api::context::internal;
use crate::api::error::{AppError, OrInternal};
use crate::certificates::pdf::{certificate_pdf, CertificatePage, DEMO_SEAL_PNG};
use crate::domain::certificate::CertificateStatus;
use crate::domain::certificate::{certificate_number, chinese_date, title_for, CertificateData};
use crate::domain::instant::{iso_date, Instant};
use crate::domain::materials::Level;
use crate::domain::workflow::{may, Action, Actor};
use crate::i18n::{level_name, Lang};
use crate::state::AppState;
use crate::store::certificates::{CertificateRow, Issued};

/// Whether `actor` may revoke certificate `number` (the domain's `may_revoke` on its application);
/// `false` for a number that does not exist, so the answer does not tell the two apart.
pub async fn may_revoke(state: &AppState, actor: &Actor, number: &str) -> Result<bool, AppError> {
    let Some(cert) = state.store.certificate(number).await? else { return Ok(false) };
    let Some(app) = state.store.application(&cert.application_id).await? else { return Ok(false) };
    Ok(crate::domain::workflow::may_revoke(actor, &app.facts()).is_ok())
}

/// Whether `actor` may download certificate `cert`'s signed PDF: its holder, or the issuer of
/// its region (`may_view` on its application).
pub async fn may_download(state: &AppState, actor: &Actor, cert: &CertificateRow) -> Result<bool, AppError> {
    if actor.user_id == cert.holder_id {
        return Ok(true);
    }
    let Some(app) = state.store.application(&cert.application_id).await? else { return Ok(false) };
    Ok(actor.role == crate::domain::workflow::Role::Issuer && crate::domain::workflow::may_view(actor, &app.facts()).is_ok())
}

pub fn summary(c: &CertificateRow) -> Option<CertificateSummary> {
    let d = CertificateData::from_canonical(&c.canonical)?;
    Some(CertificateSummary {
        number: c.number.clone(),
        holder_name: d.holder_name,
        title: d.title,
        series: d.series,
        specialty: d.specialty,
        level: Level::parse(&d.level),
        issuer: d.issuer,
        issued_on: d.issued_on,
        status: c.status,
        revoked_reason: c.revoked_reason.clone(),
    })
}

/// The origin printed into the QR code: the configured public one, else the request's host.
pub fn origin(state: &AppState) -> String {
    if let Some(o) = &state.config.public_origin {
        return o.trim_end_matches('/').to_string();
    }
    let host = crate::api::context::request_parts()
        .ok()
        .and_then(|p| p.headers.get(http::header::HOST).and_then(|h| h.to_str().ok()).map(str::to_string))
        .unwrap_or_else(|| "127.0.0.1:3000".into());
    let scheme = if state.config.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// Issues one certificate: the data from the application, a number, the PDF, both
/// signatures, the file into the blob store, and the row with the application's last
/// transition. `Ok(None)` when the workflow refuses (not filed, or issued already) or the
/// application did not pass.
pub async fn issue_one(
    state: &AppState,
    actor: &Actor,
    app_id: &str,
    origin: &str,
    client_ip: &str,
) -> Result<Option<CertificateRow>, AppError> {
    let store = &state.store;
    let Some(row) = store.application(app_id).await? else { return Ok(None) };
    let facts = row.facts();
    if may(actor, Action::Issue, &facts).is_err() {
        return Ok(None);
    }
    let holder = store.user_by_id(&row.applicant_id).await?.ok_or(AppError::Internal)?;
    let level = Level::parse(&row.level).ok_or_else(|| internal("level", &row.level))?;
    let session = store.session_of_application(app_id).await?;
    let closed_at = session.as_ref().and_then(|s| s.closed_at);
    let committee = match &session {
        Some(s) => store.organisation(&s.committee_id).await?.map(|o| o.name).unwrap_or_default(),
        None => String::new(),
    };
    let issuer = match &actor.org_id {
        Some(org) => store.organisation(org).await?.map(|o| o.name).unwrap_or_default(),
        None => String::new(),
    };
    // the title as the administrator named it for this series and level; the seed's naming
    // when the series has left the catalogue
    let catalogue = store.title_series().await?;
    let title = match catalogue.iter().find(|s| s.name == row.series) {
        Some(s) => s.title(level).to_string(),
        None => title_for(&row.series, level),
    };
    // the issuer's uploaded seal, or the demo one
    let uploaded = match &actor.org_id {
        Some(org) => store.org_seal(org).await?,
        None => None,
    };
    let seal = match uploaded {
        Some(sha) => state.blobs.get(&sha).await.or_internal("seal blob")?,
        None => DEMO_SEAL_PNG.to_vec(),
    };
    let now = state.clock.now();
    let year = now.beijing_date().year();
    let seq = store.next_certificate_seq(year).await?;
    let data = CertificateData {
        number: certificate_number(year, seq as u32),
        holder_name: holder.name.clone(),
        holder_id_number: holder.id_number.clone().unwrap_or_default(),
        title,
        series: row.series.clone(),
        specialty: row.specialty.clone(),
        level: level.as_str().into(),
        // the unit the applicant works at; self-registered applicants carry it on the application
        work_unit: match holder.org_name.clone().filter(|n| !n.is_empty()) {
            Some(n) => n,
            None => store.organisation(row.home_unit()).await?.map(|o| o.name).unwrap_or_default(),
        },
        issuer,
        committee,
        evaluated_on: iso_date(Instant(closed_at.unwrap_or(now.millis())).beijing_date()),
        issued_on: iso_date(now.beijing_date()),
    };
    let key = &state.issuer_key;
    let verify_url = format!("{origin}/verify/{}", data.number);
    let page = CertificatePage {
        number: &data.number,
        holder_name: &data.holder_name,
        holder_id_number: &data.holder_id_number,
        title: &data.title,
        series_specialty: &format!("{} · {}", data.series, data.specialty),
        level: level_name(level).text(Lang::Zh),
        work_unit: &data.work_unit,
        committee: &data.committee,
        evaluated_on: &chinese_date(&data.evaluated_on),
        issuer: &data.issuer,
        issued_on: &chinese_date(&data.issued_on),
        verify_url: &verify_url,
        seal_png: &seal,
        key_id: &key.key_id(),
    };
    let pdf = certificate_pdf(&page).or_internal("certificate pdf")?;
    let file = key.seal_file(pdf, &data);
    let sha = state.blobs.put(&file).await.or_internal("certificate file")?;
    let canonical = data.canonical_json();
    let cert = CertificateRow {
        number: data.number.clone(),
        year: i64::from(year),
        seq,
        application_id: row.id.clone(),
        holder_id: holder.id.clone(),
        holder_name: holder.name.clone(),
        signature: key.sign_b64(canonical.as_bytes()),
        canonical,
        key_id: key.key_id(),
        pdf_sha256: sha,
        issued_by: actor.user_id.clone(),
        issued_at: now.millis(),
        status: CertificateStatus::Valid,
        revoked_at: None,
        revoked_by: None,
        revoked_reason: None,
    };
    match store.record_certificate(&cert, actor, client_ip).await? {
        Issued::Done(c) => {
            if let Ok(Some(after)) = store.application(app_id).await {
                state.events.publish(&after);
            }
            Ok(Some(c))
        }
        Issued::Denied(_) | Issued::NotPassed => Ok(None),
    }
}

pub fn verify_view(state: &AppState, c: &CertificateRow) -> Option<VerifyView> {
    use crate::domain::certificate::{mask_id_number, mask_name};
    let d = CertificateData::from_canonical(&c.canonical)?;
    let public = crate::certificates::signing::parse_public_key(&state.issuer_key.public_key_b64()).ok()?;
    let signature_ok = crate::certificates::signing::verifies(&public, c.canonical.as_bytes(), &c.signature);
    Some(VerifyView {
        number: c.number.clone(),
        holder_name_masked: mask_name(&d.holder_name),
        holder_id_masked: mask_id_number(&d.holder_id_number),
        title: d.title,
        series: d.series,
        specialty: d.specialty,
        level: Level::parse(&d.level),
        work_unit: d.work_unit,
        issuer: d.issuer,
        issued_on: d.issued_on,
        status: c.status,
        revoked_on: c.revoked_at.map(|t| iso_date(Instant(t).beijing_date())),
        revoked_reason: c.revoked_reason.clone(),
        signature_ok,
        key_id: c.key_id.clone(),
    })
}
