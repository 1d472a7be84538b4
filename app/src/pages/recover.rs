//! `/recover`: 找回用户名和密码 (seed §2, SPEC rule 2). The user name goes to the phone and e-mail
//! on file; a password reset takes a one-time code sent by the channel the person chooses.
//! Answers never say whether an ID is registered.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::auth::{RecoverUsername, RequestResetCode, ResetPassword};
use crate::components::field::{new_password_live, server_error, FieldState, FormAlert, Notice, TextField};
use crate::components::lang::{today_beijing, use_lang};
use crate::domain::{account, id_number::IdNumber};
use crate::i18n::{Msg, Text};

#[component]
pub fn RecoverPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    // which channel the code went to, after step 1 (`?sent=sms`)
    let reset = move || {
        let sent = query.with(|q| q.get("sent"));
        view! { <ResetPasswordForms sent/> }
    };
    // after step 1 of the user name's recovery (`?username_sent`)
    let username_sent = query.with_untracked(|q| q.get("username_sent").is_some());
    view! {
        <div class="stack narrow">
            <h1 class="page-title">{Msg::RecoverTitle.text(lang)}</h1>
            <RecoverUsernameForm username_sent/>
            {reset}
            <p class="aside card muted">{Msg::ResetInPerson.text(lang)}</p>
        </div>
    }
}

// Each form is an island: checked as it is typed, the rest of the page is HTML.
#[cfg_attr(feature = "island-account", island)]
#[cfg_attr(not(feature = "island-account"), component)]
fn RecoverUsernameForm(username_sent: bool) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<RecoverUsername>::new();
    let action_pending = action.pending();
    let server = server_error(action.value());
    let id_number = FieldState::new("id_number");
    let name = FieldState::new("name");
    let id_live = move || id_number.value.with(|v| IdNumber::parse(v, today_beijing()).err().map(Text::from));
    let name_live = move || name.value.with(|v| account::check_name(v).err().map(Text::from));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        id_number.submitted();
        name.submitted();
        if id_live().is_none() && name_live().is_none() && !action_pending.get_untracked() {
            action.dispatch(RecoverUsername { id_number: id_number.value.get_untracked(), name: name.value.get_untracked() });
        }
    };
    // the server says so after a form sent without JavaScript; with it, the answer does
    let sent = move || username_sent || action.value().with(|v| matches!(v, Some(Ok(_))));
    view! {
        <section class="card" aria-labelledby="recover-username">
            <h2 id="recover-username">{Msg::RecoverUsernameTitle.text(lang)}</h2>
            <p class="intro">{Msg::RecoverUsernameIntro.text(lang)}</p>
            {move || sent().then(|| view! { <Notice text=Msg::RecoverUsernameSent.text(lang).to_string()/> })}
            <form method="post" action=RecoverUsername::PATH on:submit=on_submit novalidate aria-labelledby="recover-username">
                <TextField state=id_number label=Msg::FieldIdNumber message=id_number.message(id_live, server)
                    hint=Msg::HintIdNumber maxlength=18 eager_at=18/>
                <TextField state=name label=Msg::FieldName message=name.message(name_live, server) autocomplete="name"/>
                <FormAlert error=server/>
                <button type="submit" class="button block" disabled=move || action_pending.get()>
                    {Msg::ButtonSendUsername.text(lang)}
                </button>
            </form>
        </section>
    }
}

#[cfg_attr(feature = "island-account", island)]
#[cfg_attr(not(feature = "island-account"), component)]
fn ResetPasswordForms(sent: Option<String>) -> impl IntoView {
    let lang = use_lang();

    // step 1: ask for a code
    let ask = ServerAction::<RequestResetCode>::new();
    let ask_pending = ask.pending();
    let ask_error = server_error(ask.value());
    let ask_account = FieldState::new("account");
    let channel = RwSignal::new("sms".to_string());
    let on_ask = move |ev: SubmitEvent| {
        ev.prevent_default();
        ask_account.submitted();
        if ask_account.required()().is_none() && !ask_pending.get_untracked() {
            ask.dispatch(RequestResetCode { account: ask_account.value.get_untracked(), channel: channel.get_untracked() });
        }
    };

    // step 2: the code and the new password
    let reset = ServerAction::<ResetPassword>::new();
    let reset_pending = reset.pending();
    let reset_error = server_error(reset.value());
    let account = FieldState::new("account");
    let code = FieldState::new("code");
    let password = FieldState::new("password");
    let password2 = FieldState::new("password2");
    let code_live = move || code.value.with(|v| account::check_code(v).err().map(Text::from));
    let pw_live = move |field: &'static str| new_password_live(password, password2, field);
    let on_reset = move |ev: SubmitEvent| {
        ev.prevent_default();
        [account, code, password, password2].iter().for_each(FieldState::submitted);
        let fine =
            account.required()().is_none() && code_live().is_none() && pw_live("password")().is_none() && pw_live("password2")().is_none();
        if fine && !reset_pending.get_untracked() {
            reset.dispatch(ResetPassword {
                account: account.value.get_untracked(),
                code: code.value.get_untracked(),
                password: password.value.get_untracked(),
                password2: password2.value.get_untracked(),
            });
        }
    };

    view! {
        <section class="card" id="reset" aria-labelledby="reset-title">
            <h2 id="reset-title">{Msg::ResetTitle.text(lang)}</h2>
            <p class="intro">{Msg::ResetIntro.text(lang)}</p>
            <h3 id="reset-step1">{Msg::ResetStep1.text(lang)}</h3>
            {sent.map(|c| {
                let how = if c == "email" { Msg::ChannelEmail } else { Msg::ChannelPhone };
                view! { <Notice text=Text::with(Msg::ResetCodeSent, [how.text(lang)]).render(lang)/> }
            })}
            <form method="post" action=RequestResetCode::PATH on:submit=on_ask novalidate aria-labelledby="reset-step1">
                <TextField state=ask_account id="ask-account" label=Msg::FieldAccount message=ask_account.message(ask_account.required(), ask_error)
                    autocomplete="username"/>
                <fieldset class="choices">
                    <legend>{Msg::FieldChannel.text(lang)}</legend>
                    <label>
                        <input type="radio" name="channel" value="sms" checked=true
                            on:change=move |_| channel.set("sms".into())/>
                        {Msg::ChannelPhone.text(lang)}
                    </label>
                    <label>
                        <input type="radio" name="channel" value="email"
                            on:change=move |_| channel.set("email".into())/>
                        {Msg::ChannelEmail.text(lang)}
                    </label>
                </fieldset>
                <FormAlert error=ask_error/>
                <button type="submit" class="button block" disabled=move || ask_pending.get()>
                    {Msg::ButtonSendCode.text(lang)}
                </button>
            </form>

            <h3 id="reset-step2">{Msg::ResetStep2.text(lang)}</h3>
            <form method="post" action=ResetPassword::PATH on:submit=on_reset novalidate aria-labelledby="reset-step2">
                <TextField state=account id="reset-account" label=Msg::FieldAccount message=account.message(account.required(), reset_error)
                    autocomplete="username"/>
                <TextField state=code label=Msg::FieldCode message=code.message(code_live, reset_error) hint=Msg::HintCode
                    inputmode="numeric" autocomplete="one-time-code" maxlength=account::CODE_DIGITS as u32 eager_at=account::CODE_DIGITS/>
                <TextField state=password label=Msg::FieldNewPassword message=password.message(pw_live("password"), reset_error)
                    input_type="password" autocomplete="new-password" hint=Msg::HintPassword/>
                <TextField state=password2 label=Msg::FieldNewPassword2 message=password2.message(pw_live("password2"), reset_error)
                    input_type="password" autocomplete="new-password"/>
                <FormAlert error=reset_error/>
                <button type="submit" class="button primary block" disabled=move || reset_pending.get()>
                    {Msg::ButtonResetPassword.text(lang)}
                </button>
            </form>
        </section>
    }
}
