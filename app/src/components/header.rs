//! The top bar: one row on a phone, so the work starts on the first screen. The role's main
//! places (one to three) stand in the bar; everything else, with logging out (a plain form, so it
//! works without JavaScript too), is in 菜单 — a `<details>`, which opens without JavaScript. On a
//! wide screen the menu's content stands in the bar beside the places (style/main.css).

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::lang::use_lang;
use super::session::use_session;
use crate::api::auth::Me;
use crate::domain::workflow::Role;
use crate::i18n::{Lang, Msg};

#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let me = use_session();
    let location = use_location();
    let switch_href = move || format!("/lang/{}?back={}", lang.other().code(), location.pathname.get());
    // a tap on a link in the open menu closes it (the page behind it changes without a reload)
    let menu = NodeRef::<leptos::html::Details>::new();
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(d) = menu.get_untracked() {
            d.set_open(false);
        }
    });
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
                        let me = me.await.ok().flatten();
                        let (places, more) = links(me.as_ref(), lang);
                        view! {
                            <span class="places">
                                {places.into_iter().map(|(href, label)| view! { <a href=href>{label}</a> }).collect_view()}
                            </span>
                            <details class="menu" node_ref=menu>
                                <summary>{Msg::NavMenu.text(lang)}</summary>
                                <div class="menu-items">
                                    {more.into_iter().map(|(href, label)| view! { <a href=href>{label}</a> }).collect_view()}
                                    {me.is_some().then(|| view! {
                                        <form class="inline" method="post" action="/api/logout">
                                            <button type="submit" class="link">{Msg::NavLogout.text(lang)}</button>
                                        </form>
                                    })}
                                </div>
                            </details>
                        }
                    })}
                </Suspense>
                // rel="external": a server route that sets a cookie, not a page of the router.
                // Its name is the text it shows plus a hidden "（切换语言）", so it says what it does
                // and a voice user can still say what they see (WCAG 2.5.3).
                <a class="lang" href=switch_href rel="external" hreflang=lang.other().code()>
                    <span class="long">{Msg::SwitchLanguage.text(lang)}</span>
                    <span class="short">{Msg::SwitchLanguageShort.text(lang)}</span>
                    <span class="sr-only">{Msg::SwitchLanguageLabel.text(lang)}</span>
                </a>
            </nav>
        </header>
    }
}

type Link = (&'static str, &'static str);

/// The places in the bar and the rest of the menu, for who is signed in (or nobody).
fn links(me: Option<&Me>, lang: Lang) -> (Vec<Link>, Vec<Link>) {
    let l = |href: &'static str, m: Msg| (href, m.text(lang));
    let public = [l("/notices", Msg::NavNotices), l("/gongshi", Msg::NavPublicNotice), l("/results", Msg::NavResults)];
    let Some(me) = me else {
        let places = vec![l("/notices", Msg::NavNotices), l("/login", Msg::NavLogin)];
        let more = vec![
            l("/", Msg::NavHome),
            l("/register", Msg::NavRegister),
            l("/gongshi", Msg::NavPublicNotice),
            l("/results", Msg::NavResults),
            l("/verify", Msg::NavVerify),
            l("/tongbao", Msg::NavFindings),
        ];
        return (places, more);
    };
    let mut places = match me.role {
        Role::Applicant => vec![l("/applications", Msg::NavApplications), l("/certificates", Msg::NavCertificates)],
        Role::OfficeReviewer => vec![l("/review", Msg::NavReview), l("/evaluation", Msg::NavEvaluation)],
        Role::CommitteeMember => vec![l("/committee", Msg::NavCommittee)],
        Role::HrOfficer => vec![l("/filing", Msg::NavFiling)],
        Role::Issuer => vec![l("/issuing", Msg::NavIssuing)],
        Role::Admin => vec![l("/admin", Msg::NavAdmin), l("/outbox", Msg::NavOutbox)],
        _ => vec![],
    };
    if crate::domain::review::queue_of(me.role).is_some() && !places.iter().any(|p| p.0 == "/review") {
        places.insert(0, l("/review", Msg::NavReview));
    }
    let mut more = vec![l("/", Msg::NavHome)];
    more.extend(public.into_iter().filter(|p| !places.contains(p)));
    more.push(l("/tongbao", Msg::NavFindings));
    if crate::domain::fee::keeps_fee_accounts(me.role) {
        more.insert(1, l("/fees", Msg::NavFees));
    }
    if crate::domain::penalties::reads_credit_record(me.role) {
        more.push(l("/chengxin", Msg::NavCreditRecord));
    }
    more.push(l("/account/password", Msg::NavChangePassword));
    (places, more)
}
