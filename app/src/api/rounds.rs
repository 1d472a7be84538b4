//! Rounds (申报年度 / 批次, issue 16): the windows anyone may read (the home page and 我的申报 show
//! them), and the administrator's changes (`service::rounds`).

// `save_round` takes a form of eight fields; the browser-side function the #[server] macro
// generates from it carries no attribute of ours, so the allowance is the module's.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::error::AppError;
use crate::domain::rounds::{Round, Window};

/// A round with where today (by the server's clock) stands against it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundEntry {
    pub round: Round,
    pub series_id: String,
    pub region_name: String,
    pub window: Window,
    /// Days left to submit, today included (`Round::days_left`).
    pub days_left: Option<i64>,
}

#[cfg(feature = "ssr")]
impl RoundEntry {
    pub fn new(r: crate::store::RoundRow, today: time::Date) -> Self {
        let (window, days_left) = (r.round.window(today), r.round.days_left(today));
        RoundEntry { round: r.round, series_id: r.series_id, region_name: r.region_name, window, days_left }
    }
}

/// Every round, the latest year first: public, as the office's notice is.
#[server(prefix = "/api", endpoint = "rounds_overview")]
pub async fn rounds_overview() -> Result<Vec<RoundEntry>, AppError> {
    crate::service::rounds::overview(&super::context::app_state()?).await
}

/// Adds (`id` empty) or changes a round (administrators only).
#[server(prefix = "/api", endpoint = "save_round")]
pub async fn save_round(
    #[server(default)] id: String,
    #[server(default)] series_id: String,
    #[server(default)] region_id: String,
    #[server(default)] year: String,
    #[server(default)] opens_on: String,
    #[server(default)] submit_by: String,
    #[server(default)] reference_date: String,
    #[server(default)] c: std::collections::HashMap<String, String>,
) -> Result<String, AppError> {
    use crate::api::context::{redirect_form_post, request_ip};
    use crate::service::rounds::{save, RoundForm};

    let state = super::context::app_state()?;
    let actor = crate::api::access::admin(&state).await?;
    let form = RoundForm {
        id: &id,
        series_id: &series_id,
        region_id: &region_id,
        year: &year,
        opens_on: &opens_on,
        submit_by: &submit_by,
        reference_date: &reference_date,
        conditions: &c,
    };
    let by = crate::store::ByAdmin { actor: &actor, client_ip: &request_ip(&state)?, now: state.clock.now().millis() };
    let id = save(&state, &by, &form).await?;
    redirect_form_post("/admin/rounds?saved=1");
    Ok(id)
}
