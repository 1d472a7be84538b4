//! The document shell and the router.

use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_meta::MetaTags;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::{path, SsrMode};

#[cfg(feature = "ssr")]
use crate::components::assets::{BrowserScripts, Stylesheet};
use crate::components::header::Header;
use crate::components::lang::{detect_lang, use_lang};
use crate::components::session::provide_session;
use crate::i18n::Msg;
use crate::pages::admin::{calendar::CalendarPage, orgs::OrgsPage, rounds::RoundsPage, series::SeriesPage, users::UsersPage, AdminPage};
use crate::pages::application::{ApplicationPage, SubmitPage};
use crate::pages::certificates::{IssuingPage, MyCertificatesPage, VerifyFormPage, VerifyPage};
use crate::pages::committee::{CommitteePage, CommitteeSessionPage};
use crate::pages::evaluation::{EvaluationPage, EvaluationSessionPage};
use crate::pages::fee::FeePage;
use crate::pages::fees::FeeAccountsPage;
use crate::pages::findings::{CreditRecordPage, FindingsPage};
use crate::pages::gongshi::{PublicNoticePage, PublicNoticesPage};
use crate::pages::notices::{AdminNoticesPage, NoticeEditPage, NoticePage, NoticesPage};
use crate::pages::results::{FilingPage, ResultsPage};
use crate::pages::review::{detail::ReviewPage, QueuePage};
use crate::pages::section::SectionPage;
use crate::pages::{
    account::ChangePasswordPage, applications::ApplicationsPage, home::HomePage, login::LoginPage, not_found::NotFound, outbox::OutboxPage,
    recover::RecoverPage, register::RegisterPage,
};

/// The HTML document around the app (server only): it also sets the Content-Security-Policy with
/// this response's script nonce.
#[cfg(feature = "ssr")]
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = detect_lang();
    crate::components::csp::set_content_security_policy();
    // In islands mode only what an island loads goes into the page for the browser: the rest of
    // the page's data is already in its HTML, and the islands' data is numbered as the browser
    // numbers it (from the first island on), not after everything the page loaded before it.
    #[cfg(feature = "islands")]
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5c73"/>
                // what a search result shows under the title
                <meta name="description" content=Msg::AppDescription.text(lang)/>
                <Stylesheet options=options.clone()/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <BrowserScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(detect_lang());
    // Every route waits for its data on the server (SsrMode::Async) so that the page is complete
    // without JavaScript; the WASM then takes over.
    view! {
        <Router>
            <Frame/>
        </Router>
    }
}

/// Inside the router: the session, the header and the routes.
#[component]
fn Frame() -> impl IntoView {
    provide_session();
    let lang = use_lang();
    let location = use_location();
    // every page names itself in the tab, the history and a screen reader's first words
    // leptos_axum reads the title after the page has rendered, when the router's signals may be
    // disposed already (a panic under load, seen on 6 % of form pages with 20 requests at once):
    // the path this page was rendered for stands in then. In the browser the signal lives on.
    let rendered_for = location.pathname.get_untracked();
    let title = move || {
        let path = location.pathname.try_get().unwrap_or_else(|| rendered_for.clone());
        format!("{} — {}", page_title(&path, lang), Msg::AppName.text(lang))
    };
    view! {
        <Title text=title/>
        <a class="skip" href="#main">{Msg::SkipToContent.text(lang)}</a>
        <Header/>
        <main id="main" tabindex="-1">
            <Routes fallback=NotFound>
                // Every page is rendered whole before it is sent (Async): it reads the same without
                // JavaScript, and a refusal can still answer with a redirect to the login form. The
                // mode is set once here: a child route takes its parent's mode unless it asks for a
                // stricter one.
                <ParentRoute path=path!("") view=Outlet ssr=SsrMode::Async>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/register") view=RegisterPage/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/recover") view=RecoverPage/>
                    <Route path=path!("/account/password") view=ChangePasswordPage/>
                    <Route path=path!("/outbox") view=OutboxPage/>
                    <Route path=path!("/fees") view=FeeAccountsPage/>
                    <Route path=path!("/notices") view=NoticesPage/>
                    <Route path=path!("/notices/:id") view=NoticePage/>
                    <Route path=path!("/admin") view=AdminPage/>
                    <Route path=path!("/admin/orgs") view=OrgsPage/>
                    <Route path=path!("/admin/users") view=UsersPage/>
                    <Route path=path!("/admin/series") view=SeriesPage/>
                    <Route path=path!("/admin/rounds") view=RoundsPage/>
                    <Route path=path!("/admin/calendar") view=CalendarPage/>
                    <Route path=path!("/admin/notices") view=AdminNoticesPage/>
                    <Route path=path!("/admin/notices/:id") view=NoticeEditPage/>
                    <Route path=path!("/applications") view=ApplicationsPage/>
                    <Route path=path!("/applications/:id") view=ApplicationPage/>
                    <Route path=path!("/applications/:id/submit") view=SubmitPage/>
                    <Route path=path!("/applications/:id/fee") view=FeePage/>
                    <Route path=path!("/applications/:id/:section") view=SectionPage/>
                    <Route path=path!("/review") view=QueuePage/>
                    <Route path=path!("/review/:id") view=ReviewPage/>
                    <Route path=path!("/gongshi") view=PublicNoticesPage/>
                    <Route path=path!("/gongshi/:id") view=PublicNoticePage/>
                    <Route path=path!("/evaluation") view=EvaluationPage/>
                    <Route path=path!("/evaluation/:id") view=EvaluationSessionPage/>
                    <Route path=path!("/committee") view=CommitteePage/>
                    <Route path=path!("/committee/:id") view=CommitteeSessionPage/>
                    <Route path=path!("/filing") view=FilingPage/>
                    <Route path=path!("/results") view=ResultsPage/>
                    <Route path=path!("/issuing") view=IssuingPage/>
                    <Route path=path!("/certificates") view=MyCertificatesPage/>
                    <Route path=path!("/verify") view=VerifyFormPage/>
                    <Route path=path!("/verify/:number") view=VerifyPage/>
                    <Route path=path!("/tongbao") view=FindingsPage/>
                    <Route path=path!("/chengxin") view=CreditRecordPage/>
                </ParentRoute>
            </Routes>
        </main>
    }
}

/// The page's own name for `<title>`, from its address (one table for every route above).
fn page_title(path: &str, lang: crate::i18n::Lang) -> String {
    use crate::domain::materials::Section;
    let parts: Vec<&str> = path.trim_matches('/').split('/').filter(|p| !p.is_empty()).collect();
    let m = match parts.as_slice() {
        [] => Msg::NavHome,
        ["register"] => Msg::RegisterTitle,
        ["login"] => Msg::LoginTitle,
        ["recover"] => Msg::RecoverTitle,
        ["account", "password"] => Msg::ChangePasswordTitle,
        ["outbox"] => Msg::OutboxTitle,
        ["fees"] => Msg::FeesTitle,
        ["notices"] => Msg::NoticesTitle,
        ["notices", _] => Msg::NavNotices,
        ["admin"] => Msg::AdminTitle,
        ["admin", "orgs"] => Msg::AdminOrgs,
        ["admin", "users"] => Msg::AdminUsers,
        ["admin", "series"] => Msg::AdminSeries,
        ["admin", "rounds"] => Msg::AdminRounds,
        ["admin", "calendar"] => Msg::AdminCalendar,
        ["admin", "notices", ..] => Msg::NoticeAdminTitle,
        ["applications"] => Msg::ApplicationsTitle,
        ["applications", _] => Msg::ViewApplication,
        ["applications", _, "submit"] => Msg::SubmitTitle,
        ["applications", _, "fee"] => Msg::FeeTitle,
        ["applications", _, slug] => {
            let name = Section::from_slug(slug).map(|s| crate::i18n::section_name(s).text(lang)).unwrap_or_default();
            return format!("{} · {name}", Msg::SectionsNav.text(lang));
        }
        ["review"] => Msg::NavReview,
        ["review", _] => Msg::ReviewTitle,
        ["gongshi", ..] => Msg::PublicNoticeTitle,
        ["evaluation", ..] => Msg::EvaluationTitle,
        ["committee", ..] => Msg::CommitteeTitle,
        ["filing"] => Msg::FilingTitle,
        ["results"] => Msg::ResultsTitle,
        ["issuing"] => Msg::IssuingTitle,
        ["certificates"] => Msg::MyCertificatesTitle,
        ["verify", ..] => Msg::VerifyTitle,
        ["tongbao"] => Msg::FindingsTitle,
        ["chengxin"] => Msg::CreditRecordTitle,
        _ => Msg::NotFoundTitle,
    };
    m.text(lang).to_string()
}
