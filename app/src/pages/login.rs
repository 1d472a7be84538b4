//! `/login`: by ID number or user name.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Login;
use crate::components::field::{server_error, FieldState, FormAlert, Notice, TextField};
use crate::components::lang::use_lang;
use crate::i18n::Msg;

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let notice = move || {
        query.with(|q| {
            if q.get("out").is_some() {
                Some(Msg::LoggedOut)
            } else if q.get("reset").is_some() {
                Some(Msg::ResetDone)
            } else if q.get("expired").is_some() {
                Some(Msg::SessionExpired)
            } else if q.get("next").is_some() {
                Some(Msg::LoginToContinue)
            } else {
                None
            }
        })
    };
    let form = move || {
        let next = query.with(|q| q.get("next")).unwrap_or_default();
        view! { <LoginForm next/> }
    };

    view! {
        <section class="card narrow">
            <h1>{Msg::LoginTitle.text(lang)}</h1>
            {move || notice().map(|m| view! { <Notice text=m.text(lang).to_string()/> })}
            {form}
            <p class="aside">
                {Msg::LoginForgot.text(lang)} " " <a href="/recover">{Msg::NavRecover.text(lang)}</a>
            </p>
            <p class="aside">
                {Msg::LoginNoAccount.text(lang)} " " <a href="/register">{Msg::NavRegister.text(lang)}</a>
            </p>
        </section>
    }
}

/// The form itself, checked before it is sent (an island: the rest of the page is HTML).
#[cfg_attr(feature = "island-account", island)]
#[cfg_attr(not(feature = "island-account"), component)]
fn LoginForm(
    /// Where to go once signed in (from `?next=`), empty for the home page.
    next: String,
) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Login>::new();
    let action_pending = action.pending();
    let server = server_error(action.value());
    let account = FieldState::new("account");
    let password = FieldState::new("password");
    let hidden_next = next.clone();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        account.submitted();
        password.submitted();
        if account.required()().is_none() && password.required()().is_none() && !action_pending.get_untracked() {
            let next = Some(next.clone()).filter(|n| !n.is_empty());
            action.dispatch(Login { account: account.value.get_untracked(), password: password.value.get_untracked(), next });
        }
    };

    view! {
        <form method="post" action=Login::PATH on:submit=on_submit novalidate>
            <input type="hidden" name="next" value=hidden_next/>
            <TextField state=account label=Msg::FieldAccount message=account.message(account.required(), server)
                autocomplete="username"/>
            <TextField state=password label=Msg::FieldPassword message=password.message(password.required(), server)
                input_type="password" autocomplete="current-password"/>
            <FormAlert error=server/>
            <button type="submit" class="button primary block" disabled=move || action_pending.get()>
                {move || if action_pending.get() { Msg::Sending.text(lang) } else { Msg::ButtonLogin.text(lang) }}
            </button>
        </form>
    }
}
