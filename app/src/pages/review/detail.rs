//! `/review/<id>`: one application for its reviewer — facts, the deadline, completeness, the
//! duplicate-file flags, the objections, the decisions this reviewer may take now, every section
//! with its files, and the history. It reloads by itself when anyone acts on the application.

use crate::components::loaded::resource;
use leptos::prelude::*;

use crate::components::field::error_alert;

use super::materials::MaterialsView;
use crate::api::error::AppError;
use crate::api::review::{review_application, Decide, HandleObjection, ObjectionView, ReviewView};
use crate::components::countdown::Countdown;
use crate::components::field::{remembered, server_error};
use crate::components::history::History;
use crate::components::lang::use_lang;
use crate::components::live::use_changes;
use crate::components::upload::{upload_form_id, FilePicker};
use crate::domain::attachments::SlotKind;
use crate::domain::instant::Instant;
use crate::domain::materials::fields::{field_id, layout};
use crate::domain::materials::Materials;
use crate::domain::workflow::{Action, Status};
use crate::i18n::{action_name, field_label, level_name, section_name, status_name, Lang, Msg, Text};

type Actions = StoredValue<Vec<(Action, ServerAction<Decide>)>>;

#[component]
pub fn ReviewPage() -> impl IntoView {
    crate::pages::screen_for_id(|id| view! { <ReviewScreen id/> })
}

/// One application under review as it lives in the browser: reloaded when it changes, the
/// decisions sent from here (an island in islands mode).
#[cfg_attr(feature = "island-review", island)]
#[cfg_attr(not(feature = "island-review"), component)]
fn ReviewScreen(id: String) -> impl IntoView {
    let lang = use_lang();
    let (tick, _) = use_changes(Some(id.clone()));
    let uploaded = RwSignal::new(0u32);
    let actions: Actions =
        StoredValue::new(crate::domain::workflow::REVIEW_ACTIONS.into_iter().map(|a| (a, ServerAction::<Decide>::new())).collect());
    let versions = move || actions.with_value(|list| list.iter().map(|(_, a)| a.version().get()).sum::<usize>());
    let data = resource(move || (tick.get(), uploaded.get(), versions()), move |_| review_application(id.clone()));
    // the decision just taken; after it the application may have left this reviewer's step (and
    // sight): the page then says what was done and leads back to the queue
    let done = move || actions.with_value(|l| l.iter().find_map(|(a, s)| s.value().get().and_then(|r| r.ok()).map(|st| (*a, st))));
    // the page's own edits (a stamped file uploaded, an objection handled) answer what a refused
    // decision asked for: its message would be out of date, so it goes
    Effect::new(move |before: Option<u32>| {
        let now = uploaded.get();
        if before.is_some_and(|b| b != now) {
            actions.with_value(|l| l.iter().for_each(|(_, s)| s.clear()));
        }
        now
    });
    view! {
        {move || done().map(|(action, status)| view! {
            <div class="stack wide">
                <p class="notice" role="status">
                    {Text::with(Msg::DecisionDone, [action_name(action).text(lang).to_string(), status_name(status).text(lang).to_string()]).render(lang)}
                    {" "}<a href="/review">{Msg::BackToQueue.text(lang)}</a>
                </p>
            </div>
        })}
        <Transition fallback=move || view! { <p class="loading">{Msg::Loading.text(lang)}</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(v) => view! { <Review v actions uploaded/> }.into_any(),
                    Err(_) if done().is_some() => ().into_any(),
                    Err(e) => error_alert(&e, lang),
                }
            })}
        </Transition>
    }
}

#[component]
fn Review(v: ReviewView, actions: Actions, uploaded: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let f = v.form.clone();
    let heading = format!("{} · {} · {}", v.applicant_name, level_name(f.level).text(lang), f.specialty);
    let dupes: Vec<(String, i64)> = f.files.values().filter(|i| i.elsewhere > 0).map(|i| (i.file_name.clone(), i.elsewhere)).collect();
    let notice = v.notice_started_at.zip(v.notice_closes_at).filter(|_| f.status == Status::UnitNotice).map(|(from, to)| {
        view! {
            <p class="notice" role="status">{Text::with(Msg::ReviewNoticeRunning, [Instant(from).beijing_display(), Instant(to).beijing_display()]).render(lang)}</p>
        }
    });
    let show_objections = !v.objections.is_empty() || f.status == Status::UnitNotice;
    view! {
        <div class="stack wide">
            {if v.as_member {
                view! { <p class="crumbs"><a href="/committee">{"← "}{Msg::NavCommittee.text(lang)}</a></p> }.into_any()
            } else {
                view! { <p class="crumbs"><a href="/review">{"← "}{Msg::NavReview.text(lang)}</a></p> }.into_any()
            }}
            <h1 class="page-title">{heading}</h1>
            <section class="card">
                <dl class="facts">
                    <dt>{Msg::FieldUnit.text(lang)}</dt><dd>{f.unit_name.clone()}</dd>
                    {f.materials.aid.as_ref().filter(|_| f.aid_unit_id.is_some()).map(|aid| view! {
                        <dt>{Msg::FieldAidUnit.text(lang)}</dt><dd>{aid.dispatching_unit.clone()}</dd>
                    })}
                    <dt>{Msg::FieldSeries.text(lang)}</dt><dd>{f.series.clone()}</dd>
                    <dt>{Msg::StatusLabel.text(lang)}</dt><dd class="status">{status_name(f.status).text(lang)}</dd>
                </dl>
                <p class="badge">{Text::with(Msg::SubmissionsLeft, [f.submissions_left.to_string()]).render(lang)}</p>
                {f.due_at.map(|due| view! { <p class="deadline"><Countdown due server_now=f.server_now/></p> })}
                {notice}
                {if f.missing.is_empty() {
                    view! { <p class="ok">{Msg::ReviewComplete.text(lang)}</p> }.into_any()
                } else {
                    view! { <p class="flag">{Text::with(Msg::ReviewMissing, [f.missing.len().to_string()]).render(lang)}</p> }.into_any()
                }}
            </section>
            {(!dupes.is_empty()).then(|| view! {
                // folded: a long list would push the decisions off the screen
                <details class="card">
                    <summary><strong>{format!("{}（{}）", Msg::ReviewDuplicatesTitle.text(lang), dupes.len())}</strong></summary>
                    <ul>{dupes.into_iter().map(|(name, n)| view! { <li>{name}{" · "}<span class="flag">{Text::with(Msg::FileSameElsewhere, [n.to_string()]).render(lang)}</span></li> }).collect_view()}</ul>
                </details>
            })}
            {show_objections.then(|| view! {
                <Objections app_id=f.id.clone() objections=v.objections.clone() may_handle=v.may_handle_objections reload=uploaded/>
            })}
            <DecisionPanel v=v.clone() actions uploaded/>
            {v.may_find_fraud.then(|| view! { <FindingForm id=f.id.clone() against_unit=v.may_find_against_unit/> })}
            <MaterialsView f=f.clone()/>
            <History created_at=f.created_at entries=f.history.clone()/>
        </div>
    }
}

/// The objections lodged during the notice, each with the unit's handling (核实情况、处理结果) or,
/// for the unit while its notice runs, the form that records it: the recommendation waits for all.
#[component]
fn Objections(app_id: String, objections: Vec<ObjectionView>, may_handle: bool, reload: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let objections_empty = objections.is_empty();
    let items = objections
        .into_iter()
        .map(|o| {
            let who =
                if o.name.is_empty() { Msg::ObjectorWithheld.text(lang).to_string() } else { format!("{}（{}）", o.name, o.contact) };
            let handling = match o.handled_at {
                Some(at) => view! {
                    <p class="ok">{Text::with(Msg::ObjectionHandledAt, [Instant(at).beijing_display()]).render(lang)}</p>
                    <dl class="facts">
                        <dt>{Msg::ObjectionFindings.text(lang)}</dt><dd>{o.findings.clone()}</dd>
                        <dt>{Msg::ObjectionOutcome.text(lang)}</dt><dd>{o.outcome.clone()}</dd>
                    </dl>
                }
                .into_any(),
                None if may_handle => view! { <ObjectionForm app_id=app_id.clone() objection_id=o.id.clone() reload/> }.into_any(),
                None => ().into_any(),
            };
            view! {
                <li>
                    <time>{Instant(o.at).beijing_display()}</time>{" · "}{who}
                    <p>{o.body.clone()}</p>
                    {handling}
                </li>
            }
        })
        .collect_view();
    let none = objections_empty.then(|| view! { <p class="hint">{Msg::ReviewNoObjections.text(lang)}</p> });
    view! {
        <section class="card" aria-labelledby="objections-title">
            <h2 id="objections-title">{Msg::ReviewObjections.text(lang)}</h2>
            {none}
            {(!objections_empty).then(|| view! { <ol class="objections">{items}</ol> })}
        </section>
    }
}

/// The unit's record of how it handled one objection; the page reloads with it once it is kept.
#[component]
fn ObjectionForm(app_id: String, objection_id: String, reload: RwSignal<u32>) -> impl IntoView {
    use crate::domain::review::ObjectionField;
    let lang = use_lang();
    let action = ServerAction::<HandleObjection>::new();
    let pending = action.pending();
    let error = server_error(action.value());
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            reload.update(|n| *n += 1);
        }
    });
    let oid = objection_id.clone();
    let field = move |part: ObjectionField, label: Msg| {
        let key = part.form_name(&oid);
        let message = {
            let key = key.clone();
            move || error.get().and_then(|e| e.at_field(&key).cloned()).map(|t| t.render(lang))
        };
        let name = match part {
            ObjectionField::Findings => "findings",
            ObjectionField::Outcome => "outcome",
        };
        view! {
            <div class="field">
                <label for=key.clone()>{label.text(lang)}</label>
                <textarea id=key.clone() name=name rows="2">{remembered(&key)}</textarea>
                <p class="error" aria-live="polite">{message}</p>
            </div>
        }
    };
    view! {
        <p class="flag">{Msg::ObjectionPending.text(lang)}</p>
        <ActionForm action=action attr:class="objection-handling" attr:aria-label=Msg::ObjectionHandleButton.text(lang)>
            <input type="hidden" name="id" value=app_id/>
            <input type="hidden" name="objection" value=objection_id/>
            {field(ObjectionField::Findings, Msg::ObjectionFindings)}
            {field(ObjectionField::Outcome, Msg::ObjectionOutcome)}
            <div class="form-alert" role="alert">{move || error.get().and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}</div>
            <button type="submit" class="button" disabled=move || pending.get()>{Msg::ObjectionHandleButton.text(lang)}</button>
        </ActionForm>
    }
}

#[component]
fn DecisionPanel(v: ReviewView, actions: Actions, uploaded: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    if v.actions.is_empty() {
        return view! { <section class="card"><p class="notice" role="status">{Msg::ReviewNothingToDo.text(lang)}</p></section> }
            .into_any();
    }
    let forms = v
        .actions
        .iter()
        .filter_map(|a| actions.with_value(|list| list.iter().find(|(x, _)| x == a).map(|(_, s)| (*a, *s))))
        .map(|(a, server)| decision_form(&v, a, server, uploaded, lang))
        .collect_view();
    view! {
        <section class="card decisions" aria-labelledby="decision-title">
            <h2 id="decision-title">{Msg::ReviewDecision.text(lang)}</h2>
            {forms}
        </section>
    }
    .into_any()
}

fn decision_form(v: &ReviewView, action: Action, server: ServerAction<Decide>, uploaded: RwSignal<u32>, lang: Lang) -> AnyView {
    let server_pending = server.pending();
    let error = server_error(server.value());
    let at = move |field: String| move || error.get().and_then(|e| e.at_field(&field).cloned()).map(|t| t.render(lang));
    let slug = action.as_str();
    let opinion_id = format!("opinion-{slug}");
    let (opinion_label, opinion_hint) = match action {
        Action::UnitDecline | Action::AuthorityDecline => (Msg::ReviewFieldReason, None),
        Action::UnitRecommend => (Msg::ReviewFieldOpinion, Some(Text::with(Msg::ReviewPledgeHint, [v.pledge.clone()]).render(lang))),
        _ => (Msg::ReviewFieldOpinion, None),
    };
    let needs_opinion = !matches!(action, Action::StartNotice);
    let danger = matches!(action, Action::UnitDecline | Action::AuthorityDecline | Action::OfficeReturn);
    let unit_files = (action == Action::UnitRecommend).then(|| unit_files(v, uploaded, error, lang));
    let last_chance = (action == Action::OfficeReturn && v.form.submissions_left == 0)
        .then(|| view! { <p class="form-alert">{Msg::ReviewReturnLast.text(lang)}</p> });
    let return_rows = (action == Action::OfficeReturn).then(|| return_rows(&v.form.materials, error, lang));
    let hint_id = format!("{opinion_id}-hint");
    let (app_id, version) = (v.form.id.clone(), v.form.version.to_string());
    view! {
        {unit_files}
        <ActionForm action=server attr:class="decision" attr:aria-label=action_name(action).text(lang)>
            <input type="hidden" name="id" value=app_id.clone()/>
            <input type="hidden" name="version" value=version.clone()/>
            <input type="hidden" name="action" value=slug/>
            {last_chance}
            {return_rows}
            {needs_opinion.then(|| view! {
                <div class="field">
                    <label for=opinion_id.clone()>{opinion_label.text(lang)}</label>
                    <textarea id=opinion_id.clone() name="opinion" rows="3" aria-describedby=hint_id.clone()></textarea>
                    {opinion_hint.clone().map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
                    <p class="error" aria-live="polite">{at("opinion".into())}</p>
                </div>
            })}
            <div class="form-alert" role="alert">{move || error.get().and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}</div>
            {if action == Action::StartNotice {
                // publishing is one tap that cannot be taken back: it says what happens first
                // (a <details>, so it works without JavaScript too)
                view! {
                    <details class="confirm">
                        <summary class="button primary">{action_name(action).text(lang)}</summary>
                        <p class="confirm-text">{Msg::ConfirmStartNotice.text(lang)}</p>
                        <button type="submit" class="button primary" disabled=move || server_pending.get()>
                            {Msg::ConfirmStartNoticeButton.text(lang)}
                        </button>
                    </details>
                }.into_any()
            } else {
                view! {
                    <button type="submit" class="button" class:primary=!danger class:danger=danger disabled=move || server_pending.get()>
                        {action_name(action).text(lang)}
                    </button>
                }.into_any()
            }}
        </ActionForm>
    }
    .into_any()
}

/// The unit's stamped notice files, uploaded before recommending.
fn unit_files(v: &ReviewView, uploaded: RwSignal<u32>, error: Signal<Option<AppError>>, lang: Lang) -> impl IntoView {
    let id = v.form.id.clone();
    let pickers = crate::api::review::UNIT_FILE_FIELDS
        .into_iter()
        .map(|field| {
            let have = v.unit_files.iter().find(|(f, ..)| f == field).map(|(_, att, name)| (att.clone(), name.clone()));
            let label = field_label(field).text(lang).to_string();
            let url = format!("/review-upload/{id}/{field}");
            let field_error = move || error.get().and_then(|e| e.at_field(field).cloned()).map(|t| t.render(lang));
            view! {
                <div class="field file-field" id=field>
                    <span class="label">{label.clone()}</span>
                    {have.map(|(att, name)| view! { <p><a href=format!("/files/{att}") target="_blank" rel="noopener">{Text::with(Msg::FileUploaded, [name]).render(lang)}</a></p> })}
                    <FilePicker field_id=format!("u-{field}") url=url.clone() kind=SlotKind::Document label flashed=None
                        on_done=Callback::new(move |_| uploaded.update(|n| *n += 1)) editable=true/>
                    <p class="error" aria-live="polite">{field_error}</p>
                    <form id=upload_form_id(&format!("u-{field}")) class="upload-form" method="post" enctype="multipart/form-data" action=url></form>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="unit-files">
            <legend>{Msg::ReviewUnitFiles.text(lang)}</legend>
            {pickers}
        </fieldset>
    }
}

/// Where a return item may point: a whole section, or one of its fields (list fields per item).
fn places(m: &Materials, lang: Lang) -> Vec<(String, Vec<(String, String)>)> {
    m.sections()
        .into_iter()
        .map(|s| {
            let l = layout(s);
            let mut options = vec![(s.slug().to_string(), format!("{}{}", section_name(s).text(lang), Msg::ReviewReturnWhole.text(lang)))];
            for fd in l.fields.iter().chain(l.after) {
                options.push((format!("{}/{}", s.slug(), fd.name), field_label(fd.name).text(lang).to_string()));
            }
            if let Some(list) = l.list {
                for i in 0..m.list_len(list.name).unwrap_or(0) {
                    for fd in list.item {
                        let label = format!(
                            "{}（{}）",
                            field_label(fd.name).text(lang),
                            Text::with(Msg::ItemNumber, [(i + 1).to_string()]).render(lang)
                        );
                        options.push((format!("{}/{}", s.slug(), field_id(fd.name, Some(i))), label));
                    }
                }
            }
            (section_name(s).text(lang).to_string(), options)
        })
        .collect()
}

/// The rows of the one complete return list: five to start with; with JavaScript more can be added.
fn return_rows(m: &Materials, error: Signal<Option<AppError>>, lang: Lang) -> impl IntoView {
    let groups = StoredValue::new(places(m, lang));
    let count = RwSignal::new(5usize);
    // the "add an item" button needs JavaScript: it appears once the page is live
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let row = move |n: usize| {
        let key = format!("i{n}");
        let (at_id, note_id) = (format!("at-{key}"), format!("note-{key}"));
        let at_err = {
            let k = at_id.clone();
            move || error.get().and_then(|e| e.at_field(&k).cloned()).map(|t| t.render(lang))
        };
        let note_err = {
            let k = note_id.clone();
            move || error.get().and_then(|e| e.at_field(&k).cloned()).map(|t| t.render(lang))
        };
        let options =
            groups.with_value(|g| {
                g.iter()
                .map(|(label, opts)| view! {
                    <optgroup label=label.clone()>
                        {opts.iter().map(|(value, text)| view! { <option value=value.clone()>{text.clone()}</option> }).collect_view()}
                    </optgroup>
                })
                .collect_view()
            });
        view! {
            <fieldset class="return-row">
                <legend>{Text::with(Msg::ReviewReturnRow, [(n + 1).to_string()]).render(lang)}</legend>
                <div class="field">
                    <label for=at_id.clone()>{Msg::ReviewReturnWhere.text(lang)}</label>
                    <select id=at_id.clone() name=format!("at[{key}]")>
                        <option value="">{Msg::ReviewReturnChoose.text(lang)}</option>
                        {options}
                    </select>
                    <p class="error" aria-live="polite">{at_err}</p>
                </div>
                <div class="field">
                    <label for=note_id.clone()>{Msg::ReviewReturnWhat.text(lang)}</label>
                    <textarea id=note_id.clone() name=format!("note[{key}]") rows="2"></textarea>
                    <p class="error" aria-live="polite">{note_err}</p>
                </div>
            </fieldset>
        }
    };
    view! {
        <h3>{Msg::ReviewReturnTitle.text(lang)}</h3>
        <p class="error" aria-live="polite">{move || error.get().and_then(|e| e.at_field("items").cloned()).map(|t| t.render(lang))}</p>
        {move || (0..count.get()).map(row).collect_view()}
        {move || live.get().then(|| view! {
            <button type="button" class="button small" on:click=move |_| count.update(|c| *c += 1)>{Msg::ReviewReturnMore.text(lang)}</button>
        })}
    }
}

/// The office's fraud finding (§(十一)): folded, because it is rare and grave.
#[component]
fn FindingForm(id: String, against_unit: bool) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<crate::api::findings::RecordFinding>::new();
    let error = crate::components::field::server_error(action.value());
    let at = move |field: &'static str| move || error.get().and_then(|e| e.at_field(field).cloned()).map(|t| t.render(lang));
    // the application leaves the office's step: go to the queue, which says what was done
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            crate::components::address::go(crate::api::findings::FINDING_DONE_URL, false);
        }
    });
    view! {
        <details class="card danger-zone">
            <summary><strong>{Msg::FindingTitle.text(lang)}</strong></summary>
            <ActionForm action=action attr:aria-label=Msg::FindingTitle.text(lang)>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label for="finding-evidence">{Msg::FindingEvidence.text(lang)}</label>
                    <textarea id="finding-evidence" name="evidence" rows="4"></textarea>
                    <p class="error" aria-live="polite">{at("evidence")}</p>
                </div>
                <fieldset class="field">
                    <label class="check"><input type="checkbox" name="applicant" value="1"/>{Msg::FindingAgainstApplicant.text(lang)}</label>
                    {against_unit.then(|| view! {
                        <label class="check"><input type="checkbox" name="unit" value="1"/>{Msg::FindingAgainstUnit.text(lang)}</label>
                    })}
                    <p class="error" aria-live="polite">{at("applicant")}</p>
                </fieldset>
                <div class="form-alert" role="alert">{move || error.get().and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}</div>
                <button type="submit" class="button danger">{Msg::FindingSubmit.text(lang)}</button>
            </ActionForm>
        </details>
    }
}
