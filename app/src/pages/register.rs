//! `/register`: 注册个人账号 (seed §2, SPEC rule 1). Every field is checked as the person types with
//! the same code the server runs; the server's verdict shows at the field too, also without JS.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::auth::Register;
use crate::components::field::{server_error, FieldState, FormAlert, MessageLink, TextField};
use crate::components::lang::{today_beijing, use_lang};
use crate::forms::Registration;
use crate::i18n::Msg;

/// The whole page is one island: every field is checked as it is typed.
#[cfg_attr(feature = "island-account", island)]
#[cfg_attr(not(feature = "island-account"), component)]
pub fn RegisterPage() -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<Register>::new();
    let action_pending = action.pending();
    let server = server_error(action.value());
    let [name, id_number, phone, email, password, password2] = Registration::FIELDS.map(FieldState::new);
    let fields = [name, id_number, phone, email, password, password2];

    // The live check of one field reads the whole form (the password must not contain the ID…).
    let live = move |field: &'static str| {
        move || {
            let (n, i, p, e, pw, pw2) = (
                name.value.get(),
                id_number.value.get(),
                phone.value.get(),
                email.value.get(),
                password.value.get(),
                password2.value.get(),
            );
            let form = Registration { name: &n, id_number: &i, phone: &p, email: &e, password: &pw, password2: &pw2 };
            form.problem(field, today_beijing())
        }
    };
    let message = move |f: FieldState| f.message(live(f.name), server);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        fields.iter().for_each(FieldState::submitted);
        let all_fine = fields.iter().all(|f| live(f.name)().is_none());
        if all_fine && !action_pending.get_untracked() {
            action.dispatch(Register {
                name: name.value.get_untracked(),
                id_number: id_number.value.get_untracked(),
                phone: phone.value.get_untracked(),
                email: email.value.get_untracked(),
                password: password.value.get_untracked(),
                password2: password2.value.get_untracked(),
            });
        }
    };

    let recover_link = MessageLink {
        when: Msg::IdTaken,
        view: ViewFn::from(move || {
            view! { {Msg::IdTakenHelp.text(lang)} " " <a href="/recover">{Msg::NavRecover.text(lang)}</a> }
        }),
    };

    view! {
        <section class="card narrow">
            <h1>{Msg::RegisterTitle.text(lang)}</h1>
            <p class="intro">{Msg::RegisterIntro.text(lang)}</p>
            <form method="post" action=Register::PATH on:submit=on_submit novalidate>
                <TextField state=name label=Msg::FieldName message=message(name) autocomplete="name"/>
                <TextField state=id_number label=Msg::FieldIdNumber message=message(id_number) hint=Msg::HintIdNumber
                    maxlength=18 eager_at=18 link=recover_link/>
                <TextField state=phone label=Msg::FieldPhone message=message(phone) input_type="tel" inputmode="numeric"
                    autocomplete="tel" hint=Msg::HintPhone/>
                <TextField state=email label=Msg::FieldEmail message=message(email) input_type="email" autocomplete="email"/>
                <TextField state=password label=Msg::FieldPassword message=message(password) input_type="password"
                    autocomplete="new-password" hint=Msg::HintPassword/>
                <TextField state=password2 label=Msg::FieldPassword2 message=message(password2) input_type="password"
                    autocomplete="new-password"/>
                <FormAlert error=server/>
                <button type="submit" class="button primary block" disabled=move || action_pending.get()>
                    {move || if action_pending.get() { Msg::Sending.text(lang) } else { Msg::ButtonRegister.text(lang) }}
                </button>
            </form>
            <p class="aside">{Msg::RegisterHaveAccount.text(lang)} " " <a href="/login">{Msg::NavLogin.text(lang)}</a></p>
        </section>
    }
}
