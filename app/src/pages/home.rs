//! `/`: the landing page for visitors, the dashboard for a signed-in person.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::auth::Me;
use crate::components::field::Notice;
use crate::components::lang::use_lang;
use crate::components::session::use_session;
use crate::i18n::{role_duty, role_name, Msg, Text};

#[component]
pub fn HomePage() -> impl IntoView {
    let me = use_session();
    view! {
        <Suspense fallback=move || view! { <p class="loading">{Msg::Loading.text(use_lang())}</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => view! { <Dashboard me/> }.into_any(),
                    _ => view! { <Landing/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Landing() -> impl IntoView {
    let lang = use_lang();
    let steps = [Msg::LandingStep1, Msg::LandingStep2, Msg::LandingStep3, Msg::LandingStep4];
    view! {
        <section class="hero">
            <h1>{Msg::AppTagline.text(lang)}</h1>
            <p class="lead">{Msg::LandingLead.text(lang)}</p>
            <div class="actions">
                <a class="button primary" href="/register">{Msg::LandingCtaRegister.text(lang)}</a>
                <a class="button" href="/login">{Msg::LandingCtaLogin.text(lang)}</a>
            </div>
        </section>
        <section class="card">
            <h2>{Msg::LandingStepsTitle.text(lang)}</h2>
            <ol class="steps">
                {steps.into_iter().map(|s| view! { <li>{s.text(lang)}</li> }).collect_view()}
            </ol>
        </section>
    }
}

#[component]
fn Dashboard(me: Me) -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let registered = move || query.with(|q| q.get("registered").is_some());
    let username = me.username.clone();
    view! {
        {move || registered().then(|| view! {
            <Notice text=format!("{} — {}", Msg::RegisteredTitle.text(lang), Text::with(Msg::RegisteredUsername, [username.clone()]).render(lang))/>
        })}
        <section class="card">
            <h1>{Text::with(Msg::HomeGreeting, [me.name.clone()]).render(lang)}</h1>
            <dl class="facts">
                <dt>{Msg::HomeRole.text(lang)}</dt>
                <dd>{role_name(me.role).text(lang)}</dd>
                <dt>{Msg::HomeUsername.text(lang)}</dt>
                <dd>{me.username.clone()}</dd>
                {me.org_name.clone().map(|o| view! { <dt>{Msg::HomeOrg.text(lang)}</dt><dd>{o}</dd> })}
            </dl>
            <p>{role_duty(me.role).text(lang)}</p>
        </section>
        <section class="card muted">
            <h2>{Msg::HomeNextTitle.text(lang)}</h2>
            <p>{Msg::HomeComingSoon.text(lang)}</p>
        </section>
    }
}
