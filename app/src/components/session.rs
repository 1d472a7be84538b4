//! Who is signed in, fetched once per navigation so that login, logout and expiry show at once.

use crate::components::loaded::{resource, SliceJson};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::auth::{current_user, Me};
use crate::api::error::AppError;

#[derive(Clone, Copy)]
pub struct Session {
    pub me: Resource<Result<Option<Me>, AppError>, SliceJson>,
    /// Someone was signed in earlier in this tab (browser only): a page that now finds nobody
    /// says the session expired rather than "log in first".
    pub was_signed_in: RwSignal<bool>,
}

pub fn provide_session() {
    let location = use_location();
    let me = resource(move || location.pathname.get(), |_| current_user());
    let was_signed_in = RwSignal::new(false);
    Effect::new(move |_| {
        if matches!(me.get(), Some(Ok(Some(_)))) {
            was_signed_in.set(true);
        }
    });
    provide_context(Session { me, was_signed_in });
}

pub fn use_session() -> Resource<Result<Option<Me>, AppError>, SliceJson> {
    expect_context::<Session>().me
}
