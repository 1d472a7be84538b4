//! A page that needs a signed-in person, reached without one (a link in an SMS, an expired
//! session, a bookmark): the person is sent to the login form, which brings them back here. On the
//! server that is a redirect before any of the page is sent, so it works without JavaScript; in the
//! browser a navigation. The message and a link stay on the page for the moment in between.

use leptos::prelude::*;

use super::lang::use_lang;
use crate::domain::site_path::login_then;
use crate::i18n::Msg;

#[component]
pub fn SignInFirst() -> impl IntoView {
    let lang = use_lang();
    let here = super::address::current();
    let expired = session_ended();
    let to = login_then(&here, expired);
    go_to(&to);
    let text = if expired { Msg::SessionExpired } else { Msg::Unauthenticated };
    view! {
        <div class="form-alert sign-in-first" role="alert">
            <p>{text.text(lang)}</p>
            <a class="button primary" href=to>{Msg::NavLogin.text(lang)}</a>
        </div>
    }
}

/// Whether the person had a session that has ended (rather than never signed in).
fn session_ended() -> bool {
    #[cfg(feature = "ssr")]
    {
        // a session cookie came with the request, yet no live session matched it
        use_context::<http::request::Parts>()
            .is_some_and(|p| crate::api::context::cookie(&p, crate::api::context::SESSION_COOKIE).is_some_and(|c| !c.is_empty()))
    }
    #[cfg(not(feature = "ssr"))]
    {
        use_context::<super::session::Session>().is_some_and(|s| s.was_signed_in.get_untracked())
    }
}

fn go_to(to: &str) {
    #[cfg(feature = "ssr")]
    leptos_axum::redirect(to);
    #[cfg(feature = "hydrate")]
    {
        let to = to.to_string();
        // after this render, replacing the dead page in the history
        request_animation_frame(move || super::address::go(&to, true));
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    let _ = to;
}
