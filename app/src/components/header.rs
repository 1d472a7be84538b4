//! The top bar: the platform's name, the navigation for the signed-in role, the language switch
//! and logging out (a plain form, so it works without JavaScript too).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::lang::use_lang;
use super::session::use_session;
use crate::api::auth::Me;
use crate::domain::workflow::Role;
use crate::i18n::Msg;

#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let me = use_session();
    let location = use_location();
    let switch_href = move || format!("/lang/{}?back={}", lang.other().code(), location.pathname.get());
    view! {
        <header class="topbar">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">{Msg::BrandMark.text(lang)}</span>
                <span class="brand-name">{Msg::AppName.text(lang)}</span>
                <span class="brand-tagline">{Msg::AppTagline.text(lang)}</span>
            </a>
            <nav aria-label=Msg::NavMain.text(lang)>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match me.await {
                            Ok(Some(me)) => signed_in_nav(&me).into_any(),
                            _ => view! {
                                <a href="/notices">{Msg::NavNotices.text(lang)}</a>
                                <a href="/gongshi">{Msg::NavPublicNotice.text(lang)}</a>
                                <a href="/results">{Msg::NavResults.text(lang)}</a>
                                <a href="/verify">{Msg::NavVerify.text(lang)}</a>
                                <a href="/login">{Msg::NavLogin.text(lang)}</a>
                                <a href="/register">{Msg::NavRegister.text(lang)}</a>
                            }.into_any(),
                        }
                    })}
                </Suspense>
                // rel="external": a server route that sets a cookie, not a page of the router
                <a class="lang" href=switch_href rel="external" hreflang=lang.other().code() aria-label=Msg::SwitchLanguageLabel.text(lang)>
                    {Msg::SwitchLanguage.text(lang)}
                </a>
            </nav>
        </header>
    }
}

fn signed_in_nav(me: &Me) -> impl IntoView {
    let lang = use_lang();
    let outbox = (me.role == Role::Admin).then(|| view! {
        <a href="/admin">{Msg::NavAdmin.text(lang)}</a>
        <a href="/outbox">{Msg::NavOutbox.text(lang)}</a>
    });
    let applications = (me.role == Role::Applicant).then(|| view! { <a href="/applications">{Msg::NavApplications.text(lang)}</a> });
    let review = crate::domain::review::queue_of(me.role).is_some().then(|| view! { <a href="/review">{Msg::NavReview.text(lang)}</a> });
    let (href, label) = match me.role {
        Role::Applicant => (Some("/certificates"), Msg::NavCertificates),
        Role::OfficeReviewer => (Some("/evaluation"), Msg::NavEvaluation),
        Role::CommitteeMember => (Some("/committee"), Msg::NavCommittee),
        Role::HrOfficer => (Some("/filing"), Msg::NavFiling),
        Role::Issuer => (Some("/issuing"), Msg::NavIssuing),
        _ => (None, Msg::NavHome),
    };
    let duty = href.map(|h| view! { <a href=h>{label.text(lang)}</a> });
    view! {
        <a href="/">{Msg::NavHome.text(lang)}</a>
        <a href="/notices">{Msg::NavNotices.text(lang)}</a>
        {applications}
        {review}
        {duty}
        <a href="/gongshi">{Msg::NavPublicNotice.text(lang)}</a>
        <a href="/results">{Msg::NavResults.text(lang)}</a>
        {outbox}
        <form class="inline" method="post" action="/api/logout">
            <button type="submit" class="link">{Msg::NavLogout.text(lang)}</button>
        </form>
    }
}
