use leptos::prelude::*;

use crate::components::lang::use_lang;
use crate::i18n::Msg;

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    let lang = use_lang();
    view! {
        <section class="card narrow">
            <h1>{Msg::NotFoundTitle.text(lang)}</h1>
            <p>{Msg::NotFoundBody.text(lang)}</p>
            <p><a href="/">{Msg::BackHome.text(lang)}</a></p>
        </section>
    }
}
