//! The one scaffold for a page part that loads data: the loading line while it comes, the
//! refusal (or the login form, for nobody signed in) if it is refused, the view when it is there.
//! New pages use it; the older pages still write the same out by hand and are to fold into it.

use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};

use super::field::error_alert;
use super::lang::use_lang;
use crate::api::error::AppError;
use crate::i18n::Msg;

pub fn loaded<T, V>(data: Resource<Result<T, AppError>>, view: impl Fn(T) -> V + Clone + Send + Sync + 'static) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => view(d).into_any(),
                        Err(e) => error_alert(&e, lang),
                    }
                })
            }}
        </Suspense>
    }
}
