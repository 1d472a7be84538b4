//! `/account/password`: 修改密码 for whoever is signed in (security review L8). The current
//! password first; the new one is checked as the person types with the registration's rules, and
//! again on the server, which also knows the ID number it must not contain.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::auth::ChangePassword;
use crate::components::field::{new_password_live, server_error, FieldState, FormAlert, Notice, TextField};
use crate::components::lang::use_lang;
use crate::i18n::Msg;

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let changed = move || query.with(|q| q.get("changed").is_some());
    view! {
        <section class="card narrow">
            <h1>{Msg::ChangePasswordTitle.text(lang)}</h1>
            {move || changed().then(|| view! { <Notice text=Msg::PasswordChanged.text(lang).to_string()/> })}
            <p class="intro">{Msg::ChangePasswordIntro.text(lang)}</p>
            <ChangePasswordForm/>
        </section>
    }
}

/// The form, checked as it is typed (an island).
#[cfg_attr(feature = "island-account", island)]
#[cfg_attr(not(feature = "island-account"), component)]
fn ChangePasswordForm() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<ChangePassword>::new();
    let action_pending = action.pending();
    let server = server_error(action.value());
    let current = FieldState::new("current");
    let password = FieldState::new("password");
    let password2 = FieldState::new("password2");
    let new_live = move |field: &'static str| new_password_live(password, password2, field);
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        [current, password, password2].iter().for_each(FieldState::submitted);
        let fine = current.required()().is_none() && new_live("password")().is_none() && new_live("password2")().is_none();
        if fine && !action_pending.get_untracked() {
            action.dispatch(ChangePassword {
                current: current.value.get_untracked(),
                password: password.value.get_untracked(),
                password2: password2.value.get_untracked(),
            });
        }
    };
    view! {
            <form method="post" action=ChangePassword::PATH on:submit=on_submit novalidate>
                <TextField state=current label=Msg::FieldCurrentPassword message=current.message(current.required(), server)
                    input_type="password" autocomplete="current-password"/>
                <TextField state=password label=Msg::FieldNewPassword message=password.message(new_live("password"), server)
                    input_type="password" autocomplete="new-password" hint=Msg::HintPassword/>
                <TextField state=password2 label=Msg::FieldNewPassword2 message=password2.message(new_live("password2"), server)
                    input_type="password" autocomplete="new-password"/>
                <FormAlert error=server/>
                <button type="submit" class="button primary block" disabled=move || action_pending.get()>
                    {move || if action_pending.get() { Msg::Sending.text(lang) } else { Msg::ButtonChangePassword.text(lang) }}
                </button>
            </form>
    }
}
