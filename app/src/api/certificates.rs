//! Certificates (seed §九–§十, SPEC rule 15): the issuer issues a signed certificate for each filed
//! pass and may revoke one; the holder lists theirs; anyone verifies one by its number. The PDF,
//! the public key, the status list and the JSON query API are plain routes in the server
//! (`server/src/certificate_routes.rs`); the rules are `domain::certificate`.

#[cfg(feature = "ssr")]
use crate::api::context::internal;
#[cfg(feature = "ssr")]
use crate::api::error::OrInternal;
use std::collections::HashMap;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::certificate::CertificateStatus;
use crate::domain::materials::Level;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CertificateSummary {
    pub number: String,
    pub holder_name: String,
    pub title: String,
    pub series: String,
    pub specialty: String,
    pub level: Option<Level>,
    pub issuer: String,
    pub issued_on: String,
    pub status: CertificateStatus,
    pub revoked_reason: Option<String>,
}

/// What the public verify page shows: masked holder, the title, and the status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyView {
    pub number: String,
    pub holder_name_masked: String,
    pub holder_id_masked: String,
    pub title: String,
    pub series: String,
    pub specialty: String,
    pub level: Option<Level>,
    pub work_unit: String,
    pub issuer: String,
    pub issued_on: String,
    pub status: CertificateStatus,
    pub revoked_on: Option<String>,
    pub revoked_reason: Option<String>,
    /// The stored signature checks out against the issuer's key (it always should; a `false`
    /// here means the database was changed behind the platform's back).
    pub signature_ok: bool,
    pub key_id: String,
}

/// The issuer's page: filed passes waiting for a certificate, and recent certificates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuingData {
    /// (application id, name, unit, series · specialty, level)
    pub waiting: Vec<(String, String, String, String, Option<Level>)>,
    pub issued: Vec<CertificateSummary>,
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::*;
    use crate::certificates::pdf::{certificate_pdf, CertificatePage, DEMO_SEAL_PNG};
    use crate::domain::certificate::{certificate_number, chinese_date, title_for, CertificateData};
    use crate::domain::instant::{iso_date, Instant};
    use crate::domain::workflow::{may, Action, Actor};
    use crate::i18n::{level_name, Lang};
    use crate::state::AppState;
    use crate::store::certificates::{CertificateRow, Issued};

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
                None => store.organisation(&row.reviewing_unit_id).await?.map(|o| o.name).unwrap_or_default(),
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
}

#[cfg(feature = "ssr")]
fn require_issuer(actor: &crate::domain::workflow::Actor) -> Result<(), AppError> {
    if actor.role == crate::domain::workflow::Role::Issuer {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[server(prefix = "/api", endpoint = "issuing_overview")]
pub async fn issuing_overview() -> Result<IssuingData, AppError> {
    use crate::api::context::{app_state, require_session};
    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    require_issuer(&actor)?;
    let waiting = state
        .store
        .awaiting_certificate(1000)
        .await?
        .into_iter()
        .map(|(id, name, unit, series, specialty, level)| (id, name, unit, format!("{series} · {specialty}"), Level::parse(&level)))
        .collect();
    let issued = state.store.recent_certificates(200).await?.iter().filter_map(server::summary).collect();
    Ok(IssuingData { waiting, issued })
}

/// Issues certificates for the chosen filed passes (`app[...]`), or for all of them (`all=1`).
#[server(prefix = "/api", endpoint = "issue_certificates")]
pub async fn issue_certificates(
    #[server(default)] all: String,
    #[server(default)] app: HashMap<String, String>,
) -> Result<Vec<String>, AppError> {
    use crate::api::context::{app_state, client_ip, request_parts, require_session};
    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    require_issuer(&actor)?;
    let ids: Vec<String> = if all == "1" {
        issuing_overview().await?.waiting.into_iter().map(|w| w.0).collect()
    } else {
        app.into_values().take(1000).collect()
    };
    if ids.is_empty() {
        return Err(AppError::field("app", crate::i18n::Msg::SessionPickApplications));
    }
    let origin = server::origin(&state);
    let ip = client_ip(&request_parts()?, &state);
    let mut numbers = vec![];
    for id in ids {
        if let Some(c) = server::issue_one(&state, &actor, &id, &origin, &ip).await? {
            numbers.push(c.number);
        }
    }
    crate::api::form::redirect_form_post("/issuing?issued=1");
    Ok(numbers)
}

/// Revokes a certificate, with its reason (published on the verify page and the status list).
#[server(prefix = "/api", endpoint = "revoke_certificate")]
pub async fn revoke_certificate(number: String, #[server(default)] reason: String) -> Result<(), AppError> {
    use crate::api::context::{app_state, client_ip, request_parts, require_session};
    use crate::i18n::Msg;
    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    require_issuer(&actor)?;
    let reason = reason.trim().to_string();
    if !crate::domain::certificate::check_revocation_reason(&reason) {
        return Err(AppError::field("reason", Msg::RevokeReasonRequired));
    }
    let ip = client_ip(&request_parts()?, &state);
    let done = state.store.revoke_certificate(&number, &actor, &reason, &ip, state.clock.now().millis()).await?;
    if !done {
        return Err(AppError::refused(Msg::CertificateNotRevocable));
    }
    crate::api::form::redirect_form_post("/issuing?revoked=1");
    Ok(())
}

/// The signed-in holder's certificates.
#[server(prefix = "/api", endpoint = "my_certificates")]
pub async fn my_certificates() -> Result<Vec<CertificateSummary>, AppError> {
    use crate::api::context::{app_state, require_session};
    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    let rows = state.store.certificates_of_holder(&actor.user_id).await?;
    Ok(rows.iter().filter_map(server::summary).collect())
}

/// Public: a certificate by its number (a mistyped number is caught by its check character).
#[server(prefix = "/api", endpoint = "verify_certificate", input = server_fn::codec::GetUrl)]
pub async fn verify_certificate(number: String) -> Result<VerifyView, AppError> {
    use crate::api::context::app_state;
    use crate::i18n::Msg;
    let state = app_state()?;
    let Some(number) = crate::domain::certificate::normalise_number(&number) else {
        return Err(AppError::field("number", Msg::CertificateNumberInvalid));
    };
    let row = state.store.certificate(&number).await?;
    let row = row.ok_or_else(|| AppError::refused(Msg::CertificateNotFound))?;
    server::verify_view(&state, &row).ok_or_else(|| internal("certificate data", &number))
}
