//! Certificates (seed §九–§十, SPEC rule 15): the issuer issues a signed certificate for each filed
//! pass and may revoke one; the holder lists theirs; anyone verifies one by its number. The PDF,
//! the public key, the status list and the JSON query API are plain routes in the server
//! (`server/src/certificate_routes.rs`); the rules are `domain::certificate`.

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
use crate::service::certificates as service;

#[server(prefix = "/api", endpoint = "issuing_overview")]
pub async fn issuing_overview() -> Result<IssuingData, AppError> {
    use crate::api::context::app_state;
    let state = app_state()?;
    let actor = crate::api::access::as_role(&state, crate::domain::workflow::Role::Issuer).await?;
    // the issuer's region only (an issuer whose organisation has no region sees nothing)
    let region = actor.region_id.unwrap_or_default();
    let waiting = state
        .store
        .awaiting_certificate(&region, 1000)
        .await?
        .into_iter()
        .map(|(id, name, unit, series, specialty, level)| (id, name, unit, format!("{series} · {specialty}"), Level::parse(&level)))
        .collect();
    let issued = state.store.recent_certificates(&region, 200).await?.iter().filter_map(service::summary).collect();
    Ok(IssuingData { waiting, issued })
}

/// Issues certificates for the chosen filed passes (`app[...]`), or for all of them (`all=1`).
#[server(prefix = "/api", endpoint = "issue_certificates")]
pub async fn issue_certificates(
    #[server(default)] all: String,
    #[server(default)] app: HashMap<String, String>,
) -> Result<Vec<String>, AppError> {
    use crate::api::context::{app_state, request_ip};
    let state = app_state()?;
    let actor = crate::api::access::as_role(&state, crate::domain::workflow::Role::Issuer).await?;
    let ids: Vec<String> = if all == "1" {
        issuing_overview().await?.waiting.into_iter().map(|w| w.0).collect()
    } else {
        app.into_values().take(1000).collect()
    };
    if ids.is_empty() {
        return Err(AppError::field("app", crate::i18n::Msg::SessionPickApplications));
    }
    let origin = service::origin(&state);
    let ip = request_ip(&state)?;
    let mut numbers = vec![];
    for id in ids {
        if let Some(c) = service::issue_one(&state, &actor, &id, &origin, &ip).await? {
            numbers.push(c.number);
        }
    }
    // the page says how many, as it does after the same form sent from a live page
    crate::api::context::redirect_form_post(&format!("/issuing?issued={}", numbers.len()));
    Ok(numbers)
}

/// Revokes a certificate, with its reason (published on the verify page and the status list).
#[server(prefix = "/api", endpoint = "revoke_certificate")]
pub async fn revoke_certificate(number: String, #[server(default)] reason: String) -> Result<(), AppError> {
    use crate::api::context::{app_state, request_ip};
    use crate::i18n::Msg;
    let state = app_state()?;
    let actor = crate::api::access::as_role(&state, crate::domain::workflow::Role::Issuer).await?;
    let reason = reason.trim().to_string();
    if !crate::domain::certificate::check_revocation_reason(&reason) {
        return Err(AppError::field("reason", Msg::RevokeReasonRequired));
    }
    let ip = request_ip(&state)?;
    if !service::may_revoke(&state, &actor, &number).await? {
        return Err(AppError::refused(Msg::CertificateNotRevocable));
    }
    let done = state.store.revoke_certificate(&number, &actor, &reason, &ip, state.clock.now().millis()).await?;
    if !done {
        return Err(AppError::refused(Msg::CertificateNotRevocable));
    }
    crate::api::context::redirect_form_post("/issuing?revoked=1");
    Ok(())
}

/// The signed-in holder's certificates.
#[server(prefix = "/api", endpoint = "my_certificates")]
pub async fn my_certificates() -> Result<Vec<CertificateSummary>, AppError> {
    use crate::api::context::{app_state, require_session};
    let state = app_state()?;
    let (actor, _) = require_session(&state).await?;
    let rows = state.store.certificates_of_holder(&actor.user_id).await?;
    Ok(rows.iter().filter_map(service::summary).collect())
}

/// Public: a certificate by its number (a mistyped number is caught by its check character).
#[server(prefix = "/api", endpoint = "verify_certificate", input = server_fn::codec::GetUrl)]
pub async fn verify_certificate(number: String) -> Result<VerifyView, AppError> {
    use crate::api::context::app_state;
    use crate::api::limits;
    use crate::i18n::Msg;
    let state = app_state()?;
    // certificate numbers run in sequence: without a limit anyone could walk them (review M4)
    let bucket = format!("cert-query:{}", crate::api::context::request_ip(&state)?);
    limits::take(&state, &bucket, limits::CERTIFICATE_LOOKUPS_PER_IP, Msg::QueryThrottled).await?.keep();
    let Some(number) = crate::domain::certificate::normalise_number(&number) else {
        return Err(AppError::field("number", Msg::CertificateNumberInvalid));
    };
    let row = state.store.certificate(&number).await?;
    let row = row.ok_or_else(|| AppError::refused(Msg::CertificateNotFound))?;
    service::verify_view(&state, &row).ok_or_else(|| crate::api::context::internal("certificate data", &number))
}
