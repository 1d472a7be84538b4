//! A labelled form field whose message appears right under it: the live check while a person
//! types (in the browser), or the server's verdict (also without JavaScript).

use leptos::prelude::*;

use super::lang::use_lang;
use crate::api::error::AppError;
use crate::i18n::{Msg, Text};

/// One field's state: its value, whether its check should show (after leaving it, after a
/// submit attempt, or eagerly once long enough), and whether it changed since the last submit
/// (a server message about an older value then no longer applies).
#[derive(Clone, Copy)]
pub struct FieldState {
    pub name: &'static str,
    pub value: RwSignal<String>,
    pub touched: RwSignal<bool>,
    pub edited: RwSignal<bool>,
}

impl FieldState {
    /// A field, holding what the person typed before a no-JavaScript submission came back refused.
    pub fn new(name: &'static str) -> Self {
        let initial = remembered(name);
        Self { name, value: RwSignal::new(initial), touched: RwSignal::new(false), edited: RwSignal::new(false) }
    }

    /// The live check of a field that only has to be filled in.
    pub fn required(self) -> impl Fn() -> Option<Text> + Copy + Send + Sync + 'static {
        move || self.value.with(|v| v.trim().is_empty()).then(|| Text::new(Msg::Required))
    }

    /// Called when the form is submitted: show every check, forget earlier edits.
    pub fn submitted(&self) {
        self.touched.set(true);
        self.edited.set(false);
    }

    /// The message to show: the live check once touched, else the server's for this field.
    pub fn message(
        self,
        live: impl Fn() -> Option<Text> + Send + Sync + 'static,
        server: Signal<Option<AppError>>,
    ) -> Signal<Option<Text>> {
        Signal::derive(move || {
            if self.touched.get() {
                if let Some(t) = live() {
                    return Some(t);
                }
            }
            if self.edited.get() {
                return None;
            }
            server.get().and_then(|e| e.at_field(self.name).cloned())
        })
    }
}

/// The value `name` had in the form the server just refused (no-JavaScript path), read once per
/// request from the `zp_form` cookie, which is then cleared. Empty in the browser: with
/// JavaScript the form never leaves the page.
pub fn remembered(name: &str) -> String {
    #[cfg(feature = "ssr")]
    {
        use crate::api::context::{cookie, set_cookie, FORM_COOKIE};
        #[derive(Clone)]
        struct Remembered(std::collections::BTreeMap<String, String>);
        let form = use_context::<Remembered>().unwrap_or_else(|| {
            let map = use_context::<http::request::Parts>()
                .and_then(|p| cookie(&p, FORM_COOKIE))
                .and_then(|hexed| hex::decode(hexed).ok())
                .and_then(|json| serde_json::from_slice(&json).ok())
                .unwrap_or_default();
            let form = Remembered(map);
            if !form.0.is_empty() {
                set_cookie(format!("{FORM_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"));
            }
            provide_context(form.clone());
            form
        });
        form.0.get(name).cloned().unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = name;
        String::new()
    }
}

/// The live check at `field` (`password` or `password2`) of a new password and its repetition,
/// by the registration's rules (the reset and the change-password forms).
pub fn new_password_live(
    password: FieldState,
    password2: FieldState,
    field: &'static str,
) -> impl Fn() -> Option<Text> + Copy + Send + Sync + 'static {
    move || {
        let (a, b) = (password.value.get(), password2.value.get());
        crate::forms::new_password_problems(&a, &b).into_iter().find(|p| p.field == field).map(|p| p.text)
    }
}

/// The error of the last server call of an action, as a signal.
pub fn server_error<T, S>(value: S) -> Signal<Option<AppError>>
where
    S: Get<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
    T: 'static,
{
    Signal::derive(move || value.get().and_then(|r| r.err()))
}

/// What `TextField` appends to its message when the message is `when`.
#[derive(Clone)]
pub struct MessageLink {
    pub when: Msg,
    pub view: ViewFn,
}

#[component]
pub fn TextField(
    state: FieldState,
    label: Msg,
    /// The element id, when two forms on one page share a field name. Defaults to the name.
    #[prop(optional)]
    id: Option<&'static str>,
    message: Signal<Option<Text>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] hint: Option<Msg>,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] maxlength: Option<u32>,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    /// Show the live check as soon as the value has this many characters (ID numbers, codes).
    #[prop(optional)]
    eager_at: Option<usize>,
    /// A link that follows one particular message (该身份证号已注册 → 找回用户名和密码).
    #[prop(optional)]
    link: Option<MessageLink>,
) -> impl IntoView {
    let lang = use_lang();
    let name = state.name;
    let id = id.unwrap_or(name);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    let has_error = move || message.with(Option::is_some);
    view! {
        <div class="field" class:invalid=has_error>
            <label for=id>{label.text(lang)}</label>
            <input
                id=id
                name=name
                type=input_type
                autocomplete=autocomplete
                inputmode=inputmode
                maxlength=maxlength
                list=list
                aria-invalid=move || if has_error() { "true" } else { "false" }
                aria-describedby=described
                // the attribute for the server-rendered page, the property once live
                value=state.value.get_untracked()
                prop:value=move || state.value.get()
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    if eager_at.is_some_and(|n| v.chars().count() >= n) {
                        state.touched.set(true);
                    }
                    state.value.set(v);
                    state.edited.set(true);
                }
                on:change=move |_| state.touched.set(true)
            />
            {hint.map(|h| view! { <p id=hint_id class="hint">{h.text(lang)}</p> })}
            <p id=error_id class="error" aria-live="polite">
                {move || message.get().map(|t| t.render(lang))}
                {move || {
                    let link = link.clone()?;
                    message.get().filter(|t| t.msg == link.when).map(|_| link.view.run())
                }}
            </p>
        </div>
    }
}

/// The server's message for one field, under it (where a form has no `TextField` of its own:
/// choices, lists, files). Empty until the server answers.
pub fn field_error(error: Signal<Option<AppError>>, field: &'static str, lang: crate::i18n::Lang) -> impl IntoView {
    view! { <p class="error" aria-live="polite">{move || error.get().and_then(|e| e.at_field(field).cloned()).map(|t| t.render(lang))}</p> }
}

/// The form-wide message (wrong credentials, throttled, our fault), announced to screen readers.
pub fn form_error(error: Signal<Option<AppError>>, lang: crate::i18n::Lang) -> impl IntoView {
    view! { <div class="form-alert" role="alert">{move || error.get().and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}</div> }
}

/// `form_error` as a component, in the page's language.
#[component]
pub fn FormAlert(error: Signal<Option<AppError>>) -> impl IntoView {
    form_error(error, use_lang())
}

/// A notice shown after a successful step (code sent, password reset…).
#[component]
pub fn Notice(text: String) -> impl IntoView {
    view! { <p class="notice" role="status">{text}</p> }
}

/// A server function's refusal as the whole-page message (a page whose data could not load).
/// Nobody signed in: to the login form and back (`SignInFirst`).
pub fn error_alert(e: &crate::api::error::AppError, lang: crate::i18n::Lang) -> AnyView {
    if *e == crate::api::error::AppError::Unauthenticated {
        return view! { <super::sign_in::SignInFirst/> }.into_any();
    }
    view! { <p class="form-alert" role="alert">{e.form_text().unwrap_or_else(|| crate::i18n::Msg::Internal.into()).render(lang)}</p> }
        .into_any()
}
