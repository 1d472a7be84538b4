//! Who is signed in, fetched once per navigation so that login, logout and expiry show at once.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::api::auth::{current_user, Me};
use crate::api::error::AppError;

#[derive(Clone, Copy)]
pub struct Session(pub Resource<Result<Option<Me>, AppError>>);

pub fn provide_session() {
    let location = use_location();
    let me = Resource::new(move || location.pathname.get(), |_| current_user());
    provide_context(Session(me));
}

pub fn use_session() -> Resource<Result<Option<Me>, AppError>> {
    expect_context::<Session>().0
}
