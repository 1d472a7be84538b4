//! `/`: the landing page for visitors, the dashboard for a signed-in person.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::api::applications::my_applications;
use crate::api::auth::Me;
use crate::api::review::review_queue;
use crate::components::field::Notice;
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, resource};
use crate::components::session::use_session;
use crate::domain::instant::Instant;
use crate::domain::workflow::{Role, Status};
use crate::i18n::{level_name, role_duty, role_name, status_name, Msg, Text};
use crate::pages::rounds::RoundList;

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
        <RoundList/>
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
        <h1 class="page-title">{Text::with(Msg::HomeGreeting, [me.name.clone()]).render(lang)}</h1>
        // the next step first: what the person came to do
        <NextStep me=me.clone()/>
        // the windows an applicant acts in: open rounds with the days left, and upcoming ones
        {(me.role == Role::Applicant).then(|| view! { <RoundList/> })}
        <section class="card">
            <dl class="facts">
                <dt>{Msg::HomeRole.text(lang)}</dt>
                <dd>{role_name(me.role).text(lang)}</dd>
                <dt>{Msg::HomeUsername.text(lang)}</dt>
                <dd>{me.username.clone()}</dd>
                {me.org_name.clone().map(|o| view! { <dt>{Msg::HomeOrg.text(lang)}</dt><dd>{o}</dd> })}
            </dl>
            <p>{role_duty(me.role).text(lang)}</p>
        </section>
    }
}

/// The person's next step: the applicant's application and what it lacks, the reviewer's queue
/// and its nearest deadline, or the place where the role's work is done.
#[component]
fn NextStep(me: Me) -> impl IntoView {
    let lang = use_lang();
    let body = match me.role {
        Role::Applicant => view! { <ApplicantNext/> }.into_any(),
        role if crate::domain::review::queue_of(role).is_some() => view! { <QueueNext/> }.into_any(),
        role => {
            let (href, label) = match role {
                Role::CommitteeMember => ("/committee", Msg::NavCommittee),
                Role::HrOfficer => ("/filing", Msg::NavFiling),
                Role::Issuer => ("/issuing", Msg::NavIssuing),
                Role::Admin => ("/admin", Msg::NavAdmin),
                _ => ("/notices", Msg::NavNotices),
            };
            view! { <p><a class="button primary" href=href>{Text::with(Msg::HomeGoTo, [label.text(lang).to_string()]).render(lang)}</a></p> }.into_any()
        }
    };
    view! {
        <section class="card next-step">
            <h2>{Msg::HomeNextTitle.text(lang)}</h2>
            {body}
        </section>
    }
}

#[component]
fn ApplicantNext() -> impl IntoView {
    let lang = use_lang();
    let apps = resource(|| (), |_| my_applications());
    loaded(apps, move |apps| {
        let Some(a) = apps.into_iter().find(|a| !matches!(a.status, Status::Closed | Status::Withdrawn)) else {
            return view! {
                <p>{Msg::HomeNextNone.text(lang)}</p>
                <p><a class="button primary" href="/applications">{Msg::ButtonStart.text(lang)}</a></p>
            }
            .into_any();
        };
        let what = format!("{} · {}", level_name(a.level).text(lang), a.specialty);
        let gaps: usize = a.missing.iter().map(|(_, n)| n).sum();
        let href = format!("/applications/{}", a.id);
        if matches!(a.status, Status::Draft | Status::Returned) {
            let (text, label) = if gaps > 0 {
                (Text::with(Msg::HomeNextMissing, [what, gaps.to_string()]), Msg::ButtonContinue)
            } else {
                (Text::with(Msg::HomeNextReady, [what]), Msg::ButtonReview)
            };
            let href = if gaps > 0 { href } else { format!("{href}/submit") };
            view! {
                <p>{text.render(lang)}</p>
                <p><a class="button primary" href=href>{label.text(lang)}</a></p>
            }
            .into_any()
        } else {
            view! {
                <p>{Text::with(Msg::HomeNextStatus, [what, status_name(a.status).text(lang).to_string()]).render(lang)}</p>
                <p><a class="button" href=href>{Msg::ViewApplication.text(lang)}</a></p>
            }
            .into_any()
        }
    })
}

#[component]
fn QueueNext() -> impl IntoView {
    let lang = use_lang();
    // sorted by deadline: the nearest one is on the first page, whatever the queue's length
    let queue =
        resource(|| (), |_| review_queue(String::new(), String::new(), String::new(), String::new(), "deadline".into(), String::new()));
    loaded(queue, move |q| {
        let waiting: i64 = q.counts.iter().map(|(_, n)| n).sum();
        let nearest = q.rows.iter().filter_map(|r| r.due_at.or(r.notice_closes_at)).min();
        let text = if waiting == 0 { Text::new(Msg::HomeQueueEmpty) } else { Text::with(Msg::HomeQueueCount, [waiting.to_string()]) };
        view! {
            <p>{text.render(lang)}</p>
            {nearest.map(|at| view! { <p class="deadline">{Text::with(Msg::HomeQueueNearest, [Instant(at).beijing_display()]).render(lang)}</p> })}
            <p><a class="button primary" href="/review">{Msg::HomeOpenQueue.text(lang)}</a></p>
        }
    })
}
