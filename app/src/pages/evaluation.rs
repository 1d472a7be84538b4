//! The evaluation screens (§八–§九): the office's sessions (`/evaluation`, `/evaluation/<id>`),
//! a committee member's sessions and votes (`/committee`, `/committee/<id>`), the HR department's
//! filing (`/filing`) and the public results (`/results`).

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::error::AppError;
use crate::api::evaluation::*;
use crate::components::field::server_error;
use crate::components::lang::use_lang;
use crate::domain::evaluation::{Outcome, SessionState};
use crate::domain::instant::Instant;
use crate::i18n::{level_name, Lang, Msg, Text};

use crate::components::field::error_alert as alert;

fn loading(lang: Lang) -> impl IntoView {
    view! { <p class="loading">{Msg::Loading.text(lang)}</p> }
}

fn outcome_text(o: Option<Outcome>, lang: Lang) -> &'static str {
    match o {
        Some(Outcome::Pass) => Msg::OutcomePass.text(lang),
        Some(Outcome::Fail) => Msg::OutcomeFail.text(lang),
        None => Msg::OutcomePending.text(lang),
    }
}

fn state_text(state: SessionState, lang: Lang) -> &'static str {
    match state {
        SessionState::Open => Msg::SessionStateOpen.text(lang),
        SessionState::Closed => Msg::SessionStateClosed.text(lang),
        SessionState::Published => Msg::SessionStatePublished.text(lang),
    }
}

fn what(a: &SessionApp, lang: Lang) -> String {
    format!("{} · {} · {}", a.series, a.specialty, a.level.map(|l| level_name(l).text(lang)).unwrap_or(""))
}

fn form_error(error: Signal<Option<AppError>>, lang: Lang) -> impl IntoView {
    view! { <div class="form-alert" role="alert">{move || error.get().and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}</div> }
}

fn at_field(error: Signal<Option<AppError>>, field: &'static str, lang: Lang) -> impl IntoView {
    view! { <p class="error" aria-live="polite">{move || error.get().and_then(|e| e.at_field(field).cloned()).map(|t| t.render(lang))}</p> }
}

#[component]
pub fn EvaluationPage() -> impl IntoView {
    let lang = use_lang();
    let create = ServerAction::<CreateSession>::new();
    let data = Resource::new(move || create.version().get(), |_| evaluation_overview());
    view! {
        <div class="stack wide">
            <h1 class="page-title">{Msg::EvaluationTitle.text(lang)}</h1>
            <Suspense fallback=move || loading(lang)>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(d) => view! { <Overview d create/> }.into_any(),
                        Err(e) => alert(&e, lang),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn Overview(d: EvaluationData, create: ServerAction<CreateSession>) -> impl IntoView {
    let lang = use_lang();
    let error = server_error(create.value());
    let kept = |name: &str| crate::components::field::remembered(name);
    let sessions = d.sessions.iter().map(|s| view! {
        <li class="card">
            <a class="card-link" href=format!("/evaluation/{}", s.id)>{s.name.clone()}</a>
            <span>{Instant(s.held_at).beijing_display()}{" · "}{s.place.clone()}</span>
            <span class="hint">{Text::with(Msg::SessionCount, [s.applications.to_string()]).render(lang)}{" · "}{state_text(s.state, lang)}</span>
        </li>
    }).collect_view();
    let members = d.committee.iter().enumerate().map(|(i, (id, name, unit))| view! {
        <label class="check"><input type="checkbox" name=format!("member[m{i}]") value=id.clone()/>{name.clone()}{(!unit.is_empty()).then(|| format!("（{unit}）"))}</label>
    }).collect_view();
    // a list with nothing in it gets no heading either
    let (has_unpaid, has_unassigned) = (!d.unpaid.is_empty(), !d.unassigned.is_empty());
    let unpaid = d
        .unpaid
        .iter()
        .map(|a| view! { <li>{a.applicant_name.clone()}{" · "}{a.unit_name.clone()}<span class="hint">{" "}{what(a, lang)}</span></li> })
        .collect_view();
    let unassigned = d
        .unassigned
        .iter()
        .map(|a| view! { <li>{a.applicant_name.clone()}{" · "}{a.unit_name.clone()}<span class="hint">{" "}{what(a, lang)}</span></li> })
        .collect_view();
    view! {
        <div class="grid-2">
            <section class="card" aria-labelledby="fee-title">
                <h2 id="fee-title">{Msg::EvaluationFees.text(lang)}</h2>
                <p>{Text::with(Msg::EvaluationPaidUnpaid, [d.unassigned.len().to_string(), d.unpaid.len().to_string()]).render(lang)}</p>
                {has_unassigned.then(|| view! { <h3>{Msg::EvaluationUnassigned.text(lang)}</h3> <ul>{unassigned}</ul> })}
                {has_unpaid.then(|| view! { <h3>{Msg::EvaluationUnpaid.text(lang)}</h3> <ul>{unpaid}</ul> })}
            </section>
            <section class="card" aria-labelledby="new-session">
                <h2 id="new-session">{Msg::SessionNew.text(lang)}</h2>
                <ActionForm action=create attr:aria-label=Msg::SessionNew.text(lang)>
                    <div class="field"><label for="s-name">{Msg::SessionName.text(lang)}</label><input id="s-name" name="name" value=kept("name")/>{at_field(error, "name", lang)}</div>
                    <div class="field"><label for="s-date">{Msg::SessionDate.text(lang)}</label><input id="s-date" name="date" inputmode="numeric" placeholder=Msg::DatePlaceholder.text(lang) value=kept("date")/>{at_field(error, "date", lang)}</div>
                    <div class="field"><label for="s-time">{Msg::SessionTime.text(lang)}</label><input id="s-time" type="time" name="time" value=kept("time")/>{at_field(error, "time", lang)}</div>
                    <div class="field"><label for="s-place">{Msg::SessionPlace.text(lang)}</label><input id="s-place" name="place" value=kept("place")/>{at_field(error, "place", lang)}</div>
                    <fieldset class="field">
                        <legend>{Msg::SessionRule.text(lang)}</legend>
                        <p class="hint">{Msg::SessionRuleHint.text(lang)}</p>
                        <span class="inline-fields">
                            <input name="rule_num" inputmode="numeric" value="2" aria-label=Msg::SessionRuleNum.text(lang) size="3"/>{" / "}
                            <input name="rule_den" inputmode="numeric" value="3" aria-label=Msg::SessionRuleDen.text(lang) size="3"/>
                        </span>
                        {at_field(error, "rule_num", lang)}
                    </fieldset>
                    <fieldset class="field">
                        <legend>{Msg::SessionMembers.text(lang)}</legend>
                        {members}
                        {at_field(error, "member", lang)}
                    </fieldset>
                    {form_error(error, lang)}
                    <button type="submit" class="button primary" disabled=move || create.pending().get()>{Msg::SessionCreate.text(lang)}</button>
                </ActionForm>
            </section>
        </div>
        <section aria-labelledby="sessions-title">
            <h2 id="sessions-title">{Msg::SessionList.text(lang)}</h2>
            {if d.sessions.is_empty() { view! { <p class="empty">{Msg::SessionNone.text(lang)}</p> }.into_any() } else { view! { <ul class="cards">{sessions}</ul> }.into_any() }}
        </section>
    }
}

#[component]
pub fn EvaluationSessionPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let assign = ServerAction::<AssignToSession>::new();
    let attend = ServerAction::<SetAttendance>::new();
    let close = ServerAction::<CloseSession>::new();
    let publish = ServerAction::<PublishResults>::new();
    // votes and payments elsewhere move the page along (the live stream of the office's applications)
    let (tick, _) = crate::components::live::use_changes(None);
    let data = Resource::new(
        move || {
            (
                params.with(|p| p.get("id").unwrap_or_default()),
                assign.version().get(),
                attend.version().get(),
                close.version().get(),
                publish.version().get(),
                tick.get(),
            )
        },
        |(id, ..)| async move { (evaluation_session(id).await, evaluation_overview().await) },
    );
    view! {
        <Suspense fallback=move || loading(lang)>
            {move || Suspend::new(async move {
                match data.await {
                    (Ok(v), Ok(o)) => view! { <OfficeSession v unassigned=o.unassigned assign attend close publish/> }.into_any(),
                    (Err(e), _) | (_, Err(e)) => alert(&e, lang),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OfficeSession(
    v: SessionView,
    unassigned: Vec<SessionApp>,
    assign: ServerAction<AssignToSession>,
    attend: ServerAction<SetAttendance>,
    close: ServerAction<CloseSession>,
    publish: ServerAction<PublishResults>,
) -> impl IntoView {
    let lang = use_lang();
    let s = v.session.clone();
    let sid = s.id.clone();
    let open = s.state == SessionState::Open;
    let assign_error = server_error(assign.value());
    let close_error = server_error(close.value());
    let publish_error = server_error(publish.value());
    let members = v.members.iter().map(|m| {
        let present = m.present;
        let (sid, uid) = (sid.clone(), m.user_id.clone());
        view! {
            <li>
                {m.name.clone()}{(!m.home_unit.is_empty()).then(|| format!("（{}）", m.home_unit))}
                {" · "}{if present { Msg::MemberPresent.text(lang) } else { Msg::MemberAbsent.text(lang) }}
                {open.then(|| view! {
                    <ActionForm action=attend attr:class="inline">
                        <input type="hidden" name="id" value=sid.clone()/>
                        <input type="hidden" name="user_id" value=uid.clone()/>
                        <input type="hidden" name="present" value=(!present).to_string()/>
                        <button type="submit" class="button small">{if present { Msg::MemberMarkAbsent.text(lang) } else { Msg::MemberMarkPresent.text(lang) }}</button>
                    </ActionForm>
                })}
            </li>
        }
    }).collect_view();
    let (sid1, sid2, sid3) = (sid.clone(), sid.clone(), sid.clone());
    let rows = v
        .applications
        .iter()
        .map(|a| {
            view! {
                <tr>
                    <td>{a.applicant_name.clone()}<br/><span class="hint">{a.unit_name.clone()}</span></td>
                    <td>{what(a, lang)}</td>
                    <td>{Text::with(Msg::SessionVotes, [a.pass_votes.to_string(), a.votes_cast.to_string()]).render(lang)}</td>
                    <td><span class="status">{outcome_text(a.outcome, lang)}</span></td>
                </tr>
            }
        })
        .collect_view();
    let pool = unassigned.iter().enumerate().map(|(i, a)| view! {
        <label class="check"><input type="checkbox" name=format!("app[a{i}]") value=a.id.clone()/>{a.applicant_name.clone()}{" · "}{a.unit_name.clone()}<span class="hint">{" "}{what(a, lang)}</span></label>
    }).collect_view();
    view! {
        <div class="stack wide">
            <p class="crumbs"><a href="/evaluation">{"← "}{Msg::EvaluationTitle.text(lang)}</a></p>
            <h1 class="page-title">{s.name.clone()}</h1>
            <p>{Instant(s.held_at).beijing_display()}{" · "}{s.place.clone()}{" · "}{state_text(s.state, lang)}
               {" · "}{Text::with(Msg::SessionRuleIs, [s.rule.0.to_string(), s.rule.1.to_string()]).render(lang)}</p>
            {s.notice_closes_at.map(|t| view! { <p class="notice">{Text::with(Msg::ResultNoticeUntil, [Instant(t).beijing_display()]).render(lang)}</p> })}
            <section class="card">
                <h2>{Msg::SessionMembers.text(lang)}</h2>
                <ul>{members}</ul>
                <p class="hint">{Text::with(Msg::SessionWithheld, [v.withheld.to_string()]).render(lang)}</p>
            </section>
            <section class="card">
                <h2>{Msg::SessionApplications.text(lang)}</h2>
                {if v.applications.is_empty() { view! { <p class="empty">{Msg::SessionNoApplications.text(lang)}</p> }.into_any() } else { view! {
                    <table class="queue">
                        <thead><tr><th>{Msg::QueueApplicant.text(lang)}</th><th>{Msg::FieldSeries.text(lang)}</th><th>{Msg::SessionVotesHead.text(lang)}</th><th>{Msg::SessionOutcome.text(lang)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any() }}
            </section>
            {(open && !unassigned.is_empty()).then(move || view! {
                <section class="card">
                    <h2>{Msg::SessionAssign.text(lang)}</h2>
                    <ActionForm action=assign attr:aria-label=Msg::SessionAssign.text(lang)>
                        <input type="hidden" name="id" value=sid1.clone()/>
                        <fieldset class="field"><legend>{Msg::EvaluationUnassigned.text(lang)}</legend>{pool}{at_field(assign_error, "app", lang)}</fieldset>
                        {form_error(assign_error, lang)}
                        <button type="submit" class="button primary">{Msg::SessionAssignButton.text(lang)}</button>
                    </ActionForm>
                </section>
            })}
            {open.then(move || view! {
                <ActionForm action=close attr:aria-label=Msg::SessionClose.text(lang)>
                    <input type="hidden" name="id" value=sid2.clone()/>
                    <p class="hint">{Msg::SessionCloseHint.text(lang)}</p>
                    {form_error(close_error, lang)}
                    <button type="submit" class="button">{Msg::SessionClose.text(lang)}</button>
                </ActionForm>
            })}
            {(s.state == SessionState::Closed).then(move || view! {
                <ActionForm action=publish attr:aria-label=Msg::SessionPublish.text(lang)>
                    <input type="hidden" name="id" value=sid3.clone()/>
                    {form_error(publish_error, lang)}
                    <button type="submit" class="button primary">{Msg::SessionPublish.text(lang)}</button>
                </ActionForm>
            })}
        </div>
    }
}

#[component]
pub fn CommitteePage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| my_sessions());
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::CommitteeTitle.text(lang)}</h1>
            <Suspense fallback=move || loading(lang)>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">{Msg::SessionNone.text(lang)}</p> }.into_any(),
                        Ok(list) => view! {
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
                        Err(e) => alert(&e, lang),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
pub fn CommitteeSessionPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    // a vote accepted on any card reloads the session, so every card shows what was recorded
    let recorded = RwSignal::new(0u32);
    let data = Resource::new(move || (params.with(|p| p.get("id").unwrap_or_default()), recorded.get()), |(id, _)| committee_session(id));
    view! {
        <Transition fallback=move || loading(lang)>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => {
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
                        }.into_any()
                    }
                    Err(e) => alert(&e, lang),
                }
            })}
        </Transition>
    }
}

/// One application and the member's vote on it; each card has its own form, so a refusal shows
/// at the card it belongs to.
#[component]
fn VoteCard(session: String, a: SessionApp, open: bool, recorded: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let vote = ServerAction::<CastVote>::new();
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
                    <button type="submit" class="button primary" disabled=move || vote.pending().get()>{Msg::VoteSubmit.text(lang)}</button>
                </ActionForm>
            })}
        </section>
    }
}

#[component]
pub fn FilingPage() -> impl IntoView {
    let lang = use_lang();
    let file = ServerAction::<FileResults>::new();
    let data = Resource::new(move || file.version().get(), |_| filing_overview());
    let error = server_error(file.value());
    let query = use_query_map();
    let filed = move || file.value().get().is_some_and(|r| r.is_ok()) || query.with(|q| q.get("filed").is_some());
    view! {
        <div class="stack wide">
            <h1 class="page-title">{Msg::FilingTitle.text(lang)}</h1>
            {move || filed().then(|| view! { <p class="notice" role="status">{Msg::FilingDone.text(lang)}</p> })}
            {form_error(error, lang)}
            <Suspense fallback=move || loading(lang)>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">{Msg::FilingNone.text(lang)}</p> }.into_any(),
                        Ok(list) => list.into_iter().map(|r| {
                            let sid = r.session.id.clone();
                            let sid_all = sid.clone();
                            let rows = r.rows.iter().enumerate().map(|(i, (id, name, unit, what, level, outcome))| view! {
                                <label class="check"><input type="checkbox" name=format!("app[a{i}]") value=id.clone()/>
                                    {name.clone()}{" · "}{unit.clone()}{" · "}{what.clone()}{" "}{level.map(|l| level_name(l).text(lang)).unwrap_or("")}
                                    {" — "}<strong>{outcome_text(Some(*outcome), lang)}</strong></label>
                            }).collect_view();
                            view! {
                                <section class="card" aria-label=r.session.name.clone()>
                                    <h2>{r.session.name.clone()}</h2>
                                    <p class="hint">{r.committee_name.clone()}{r.session.notice_closes_at.map(|t| format!(" · {}", Text::with(Msg::ResultNoticeUntil, [Instant(t).beijing_display()]).render(lang)))}</p>
                                    <ActionForm action=file attr:aria-label=Msg::FilingChosen.text(lang)>
                                        <input type="hidden" name="session" value=sid_all.clone()/>
                                        <fieldset class="field"><legend>{Msg::SessionApplications.text(lang)}</legend>{rows}</fieldset>
                                        <button type="submit" class="button">{Msg::FilingChosen.text(lang)}</button>
                                    </ActionForm>
                                    <ActionForm action=file attr:aria-label=Msg::FilingAll.text(lang)>
                                        <input type="hidden" name="session" value=sid/>
                                        <input type="hidden" name="all" value="1"/>
                                        <button type="submit" class="button primary">{Msg::FilingAll.text(lang)}</button>
                                    </ActionForm>
                                </section>
                            }
                        }).collect_view().into_any(),
                        Err(e) => alert(&e, lang),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let lang = use_lang();
    let data = Resource::new(|| (), |_| public_results());
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::ResultsTitle.text(lang)}</h1>
            <p class="intro">{Msg::ResultsLead.text(lang)}</p>
            <Suspense fallback=move || loading(lang)>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(list) if list.is_empty() => view! { <p class="empty">{Msg::ResultsNone.text(lang)}</p> }.into_any(),
                        Ok(list) => list.into_iter().map(|r| view! {
                            <section class="card" aria-label=r.session.name.clone()>
                                <h2>{r.session.name.clone()}</h2>
                                <p class="hint">{r.committee_name.clone()}{" · "}{Instant(r.session.held_at).beijing_display()}
                                    {r.session.notice_closes_at.map(|t| format!(" · {}", Text::with(Msg::ResultNoticeUntil, [Instant(t).beijing_display()]).render(lang)))}</p>
                                <table class="queue">
                                    <thead><tr><th>{Msg::QueueApplicant.text(lang)}</th><th>{Msg::FieldUnit.text(lang)}</th><th>{Msg::FieldSeries.text(lang)}</th><th>{Msg::SessionOutcome.text(lang)}</th></tr></thead>
                                    <tbody>
                                        {r.rows.into_iter().map(|(id, name, unit, what, level, outcome)| view! {
                                            <tr>
                                                <td>{name}</td><td>{unit}</td>
                                                <td>{what}{" "}{level.map(|l| level_name(l).text(lang)).unwrap_or("")}</td>
                                                <td><span class="status">{outcome_text(Some(outcome), lang)}</span>{" "}<a href=format!("/gongshi/{id}")>{Msg::ResultsObject.text(lang)}</a></td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </section>
                        }).collect_view().into_any(),
                        Err(e) => alert(&e, lang),
                    }
                })}
            </Suspense>
        </div>
    }
}
