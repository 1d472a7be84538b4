//! A committee member's sessions and votes (§八): `/committee` and `/committee/<id>`.

use leptos::prelude::*;

use super::evaluation::{at_field, form_error, state_text, what};
use crate::api::evaluation::*;
use crate::components::field::server_error;
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded, loaded_live, resource};
use crate::domain::evaluation::SessionState;
use crate::domain::instant::Instant;
use crate::i18n::{Msg, Text};

#[component]
pub fn CommitteePage() -> impl IntoView {
    let lang = use_lang();
    let data = resource(|| (), |_| my_sessions());
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::CommitteeTitle.text(lang)}</h1>
            {loaded(data, move |d| match d {
                list if list.is_empty() => view! { <p class="empty">{Msg::SessionNone.text(lang)}</p> }.into_any(),
                list => view! {
                    <ul class="cards">
                        {list.into_iter().map(|s| view! {
                            <li class="card">
                                <a class="card-link" href=format!("/committee/{}", s.id)>{s.name.clone()}</a>
                                <span>{Instant(s.held_at).beijing_display()}{" · "}{s.place.clone()}</span>
                                <span class="hint">{state_text(s.state, lang)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </div>
    }
}

#[component]
pub fn CommitteeSessionPage() -> impl IntoView {
    crate::pages::screen_for_id(|id| view! { <CommitteeSessionScreen id/> })
}

/// A session's cards as they live in the browser (an island in islands mode).
#[cfg_attr(feature = "island-review", island)]
#[cfg_attr(not(feature = "island-review"), component)]
fn CommitteeSessionScreen(id: String) -> impl IntoView {
    let lang = use_lang();
    // a vote accepted on any card reloads the session, so every card shows what was recorded
    let recorded = RwSignal::new(0u32);
    let data = resource(move || recorded.get(), move |_| committee_session(id.clone()));
    loaded_live(data, move |v| {
        let open = v.session.state == SessionState::Open;
        let sid = v.session.id.clone();
        view! {
            <div class="stack">
                <p class="crumbs"><a href="/committee">{"← "}{Msg::CommitteeTitle.text(lang)}</a></p>
                <h1 class="page-title">{v.session.name.clone()}</h1>
                <p>{Instant(v.session.held_at).beijing_display()}{" · "}{v.session.place.clone()}{" · "}{state_text(v.session.state, lang)}</p>
                <p class="hint">{Msg::CommitteeRecusal.text(lang)}</p>
                {if v.applications.is_empty() { view! { <p class="empty">{Msg::SessionNoApplications.text(lang)}</p> }.into_any() } else {
                    v.applications.into_iter().map(|a| view! { <VoteCard session=sid.clone() a open recorded/> }).collect_view().into_any()
                }}
            </div>
        }
    })
}

/// One application and the member's vote on it; each card has its own form, so a refusal shows
/// at the card it belongs to.
#[component]
fn VoteCard(session: String, a: SessionApp, open: bool, recorded: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let vote = ServerAction::<CastVote>::new();
    let vote_pending = vote.pending();
    let error = server_error(vote.value());
    let initial = a.my_vote.clone();
    Effect::new(move |_| {
        if let Some(Ok(())) = vote.value().get() {
            recorded.update(|n| *n += 1);
        }
    });
    let shown = initial.clone();
    let voted = move || {
        shown.clone().map(|(p, c)| {
            format!(
                "{}{}{}",
                Msg::VoteYours.text(lang),
                if p { Msg::VotePass.text(lang) } else { Msg::VoteFail.text(lang) },
                if c.is_empty() { String::new() } else { format!("：{c}") }
            )
        })
    };
    let label = Text::with(Msg::VoteOn, [a.applicant_name.clone()]).render(lang);
    let comment_id = format!("c-{}", a.id);
    view! {
        <section class="card" aria-label=a.applicant_name.clone()>
            <h2>{a.applicant_name.clone()}</h2>
            <p>{a.unit_name.clone()}<br/><span class="hint">{what(&a, lang)}</span></p>
            // the materials, read-only (the member's session makes them readable; never their own unit's)
            <p><a href=format!("/review/{}", a.id) aria-label=Text::with(Msg::VoteMaterialsOf, [a.applicant_name.clone()]).render(lang)>{Msg::VoteMaterials.text(lang)}</a></p>
            <p class="notice" role="status">{voted}</p>
            {open.then(move || view! {
                <ActionForm action=vote attr:aria-label=label>
                    <input type="hidden" name="session" value=session.clone()/>
                    <input type="hidden" name="application" value=a.id.clone()/>
                    <fieldset class="field">
                        <legend>{Msg::VoteLegend.text(lang)}</legend>
                        <label class="check"><input type="radio" name="vote" value="pass" checked=initial.as_ref().is_some_and(|m| m.0)/>{Msg::VotePass.text(lang)}</label>
                        <label class="check"><input type="radio" name="vote" value="fail" checked=initial.as_ref().is_some_and(|m| !m.0)/>{Msg::VoteFail.text(lang)}</label>
                        {at_field(error, "vote", lang)}
                    </fieldset>
                    <div class="field">
                        <label for=comment_id.clone()>{Msg::VoteComment.text(lang)}</label>
                        <textarea id=comment_id.clone() name="comment" rows="2">{initial.clone().map(|m| m.1).unwrap_or_default()}</textarea>
                        {at_field(error, "comment", lang)}
                    </div>
                    {form_error(error, lang)}
                    <button type="submit" class="button primary" disabled=move || vote_pending.get()>{Msg::VoteSubmit.text(lang)}</button>
                </ActionForm>
            })}
        </section>
    }
}
