//! The fields of a form section: each value, date, choice, list and file field with its label,
//! its hint and the problem the domain finds in it, shown only while its condition holds.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::api::error::AppError;
use crate::components::field::remembered;
use crate::components::upload::{upload_url, FileCard, FilePicker};
use crate::domain::materials::fields::{field_id, shown, Field, Input, List};
use crate::domain::materials::{slot_kind, Problem};
use crate::domain::materials::{Level, WorkKind};
use crate::i18n::{field_label, level_name, work_kind_name, Msg, Text};
use crate::pages::form_state::FormState;

/// What every field of the page needs.
#[derive(Clone)]
pub struct FieldCtx {
    pub state: FormState,
    pub server: Signal<Option<AppError>>,
    pub flashed: StoredValue<Option<(String, Text)>>,
    pub files: StoredValue<HashMap<String, crate::api::form::FileInfo>>,
    pub lang: crate::i18n::Lang,
}

impl FieldCtx {
    /// The message under a field: an unreadable value first, then the server's verdict (page
    /// without JavaScript), then what the completeness function finds.
    pub fn message(&self, name: &'static str, item: Option<usize>) -> impl Fn() -> Option<(Text, bool)> + Clone + Send + Sync + 'static {
        let key = field_id(name, item);
        let (state, server) = (self.state, self.server);
        move || {
            if let Some(t) = state.bad.with(|b| b.get(&key).cloned()) {
                return Some((t, true));
            }
            if let Some(t) = server.get().and_then(|e| e.at_field(&key).cloned()) {
                return Some((t, true));
            }
            let at_field = |m: &&crate::domain::materials::Missing| m.field == name && m.item == item;
            state
                .gaps
                .with(|g| {
                    g.iter().find(at_field).map(|m| {
                        // still to do (grey) rather than wrong (red)
                        let serious = !matches!(
                            m.problem,
                            Problem::Empty | Problem::NoFile | Problem::NoItems | Problem::NotChosen | Problem::NeedsPostDate
                        );
                        (Text::from(&m.problem), serious)
                    })
                })
                // a warning the applicant may leave as it is (grey)
                .or_else(|| state.advice.with(|a| a.iter().find(at_field).map(|m| (Text::from(&m.problem), false))))
        }
    }
}

pub(super) fn render_list(ctx: &FieldCtx, list: List, count: usize) -> AnyView {
    let lang = ctx.lang;
    let editable = ctx.state.editable;
    let msg = ctx.message(list.name, None);
    let add_label = match list.name {
        "education" => Msg::ButtonAddDegree,
        "achievements" => Msg::ButtonAddAchievement,
        _ => Msg::ButtonAddPublication,
    };
    let items = (0..count)
        .map(|i| {
            let year_field = list.item.iter().find(|f| f.input == Input::Year);
            let legend = match year_field {
                Some(y) => format!("{} {}", ctx.state.materials.with_untracked(|m| m.value(y.name, Some(i)).unwrap_or_default()), Msg::LabelTrainingYear.text(lang)),
                None => Text::with(Msg::ItemNumber, [(i + 1).to_string()]).render(lang),
            };
            let fields = list.item.iter().filter(|f| f.input != Input::Year).map(|field| render_field(ctx, *field, Some(i))).collect_view();
            let buttons = (editable && list.editable).then(|| {
                view! {
                    <div class="item-actions">
                        {(i > 0).then(|| view! { <button type="submit" class="button small" name="op" value=format!("{}:up:{i}", list.name)>{Msg::ButtonUp.text(lang)}</button> })}
                        {(i + 1 < count).then(|| view! { <button type="submit" class="button small" name="op" value=format!("{}:down:{i}", list.name)>{Msg::ButtonDown.text(lang)}</button> })}
                        <button type="submit" class="button small danger" name="op" value=format!("{}:remove:{i}", list.name)>{Msg::ButtonRemove.text(lang)}</button>
                    </div>
                }
            });
            view! {
                <fieldset class="item" id=field_id(list.name, Some(i))>
                    <legend>{legend}</legend>
                    {fields}
                    {buttons}
                </fieldset>
            }
        })
        .collect_view();
    let show = {
        let materials = ctx.state.materials;
        move || materials.with(|m| shown(m, list.name, None))
    };
    view! {
        <Show when=show>
            <section class="list" id=list.name aria-labelledby=format!("{}-title", list.name)>
                <h2 id=format!("{}-title", list.name)>{field_label(list.name).text(lang)}</h2>
                {(!list.editable).then(|| view! { <p class="hint">{Msg::YearsNeedPostHint.text(lang)}</p> })}
                <p class="error" class:todo={let msg = msg.clone(); move || msg().is_some_and(|(_, serious)| !serious)} aria-live="polite">{let msg = msg.clone(); move || msg().map(|(t, _)| t.render(lang))}</p>
            </section>
        </Show>
        {items}
        {(editable && list.editable).then(|| view! {
            <button type="submit" class="button add" name="op" value=format!("{}:add", list.name)>{"+ "}{add_label.text(lang)}</button>
        })}
    }
    .into_any()
}

/// One field of the form, shown only while its condition holds (SPEC rule 7).
pub fn render_field(ctx: &FieldCtx, field: Field, item: Option<usize>) -> AnyView {
    let materials = ctx.state.materials;
    let name = field.name;
    let show = move || materials.with(|m| shown(m, name, item));
    let inner = match field.input {
        Input::File(_) => file_field(ctx, field, item),
        Input::Files => files_field(ctx, field),
        _ => value_field(ctx, field, item),
    };
    view! { {move || show().then(|| inner.run())} }.into_any()
}

fn value_field(ctx: &FieldCtx, field: Field, item: Option<usize>) -> ViewFn {
    let FieldCtx { state, lang, .. } = ctx.clone();
    let name = field.name;
    let key = field_id(name, item);
    let label = field_label(name).text(lang);
    let message = ctx.message(name, item);
    ViewFn::from(move || {
        let key = key.clone();
        let form_key = format!("v[{key}]");
        let error_id = format!("{key}-error");
        let kept = remembered(&form_key);
        let initial = if kept.is_empty() { state.materials.with_untracked(|m| m.value(name, item).unwrap_or_default()) } else { kept };
        let current = {
            let initial = initial.clone();
            move || state.materials.with(|m| m.value(name, item)).unwrap_or_else(|| initial.clone())
        };
        let is_date = field.input == Input::Date;
        let on_input = {
            let key = key.clone();
            move |ev: leptos::ev::Event| {
                let raw = event_target_value(&ev);
                // a date half typed (2024-0) is not yet wrong: it is judged when the field is left
                if !is_date || crate::domain::materials::fields::parse_date(&raw).is_ok() {
                    state.typed(&key, raw, false)
                }
            }
        };
        let on_change = {
            let key = key.clone();
            move |ev: leptos::ev::Event| state.typed(&key, event_target_value(&ev), true)
        };
        let message = message.clone();
        let invalid = {
            let message = message.clone();
            move || message().is_some_and(|(_, serious)| serious)
        };
        let msg_view = {
            let message = message.clone();
            move || message().map(|(t, serious)| view! { <span class:todo=!serious>{t.render(lang)}</span> })
        };
        let disabled = !state.editable;
        let control = match field.input {
            Input::LongText => view! {
                <textarea id=key.clone() name=form_key.clone() rows="4" disabled=disabled aria-describedby=error_id.clone()
                    aria-invalid={let i = invalid.clone(); move || i().to_string()} prop:value=current.clone() on:input=on_input.clone()>{initial.clone()}</textarea>
            }
            .into_any(),
            Input::YesNo => {
                let yes_id = format!("{key}-yes");
                let no_id = format!("{key}-no");
                let is_yes = { let current = current.clone(); move || current() == "yes" };
                let is_no = { let current = current.clone(); move || current() == "no" };
                view! {
                    <div class="choices" role="radiogroup" aria-labelledby=format!("{key}-label") aria-describedby=error_id.clone()>
                        <label for=format!("{key}-yes") class="choice"><input type="radio" id=yes_id name=form_key.clone() value="yes" disabled=disabled
                            checked=initial == "yes" prop:checked=is_yes on:change=on_change.clone()/>{Msg::Yes.text(lang)}</label>
                        <label for=format!("{key}-no") class="choice"><input type="radio" id=no_id name=form_key.clone() value="no" disabled=disabled
                            checked=initial == "no" prop:checked=is_no on:change=on_change.clone()/>{Msg::No.text(lang)}</label>
                    </div>
                }
                .into_any()
            }
            Input::TitleLevel => view! {
                <select id=key.clone() name=form_key.clone() disabled=disabled aria-describedby=error_id.clone() on:change=on_change.clone() prop:value=current.clone()>
                    <option value="" selected=initial.is_empty()>{Msg::ChooseOne.text(lang)}</option>
                    {Level::ALL.iter().copied().map(|l| view! { <option value=l.as_str() selected=initial == l.as_str()>{level_name(l).text(lang)}</option> }).collect_view()}
                </select>
            }
            .into_any(),
            Input::WorkKind => view! {
                <select id=key.clone() name=form_key.clone() disabled=disabled aria-describedby=error_id.clone() on:change=on_change.clone() prop:value=current.clone()>
                    {WorkKind::ALL.iter().copied().map(|k| view! { <option value=k.as_str() selected=initial == k.as_str()>{work_kind_name(k).text(lang)}</option> }).collect_view()}
                </select>
            }
            .into_any(),
            _ => {
                // Dates are typed, not picked: a browser's date picker shows the browser's own
                // format (03/01/2024 on an English phone) on a Chinese page. The domain reads
                // 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日 and 20240301 alike.
                let (kind, mode, placeholder) = match field.input {
                    Input::Date => ("text", Some("numeric"), Some(Msg::DatePlaceholder.text(lang))),
                    Input::Number => ("text", Some("numeric"), None),
                    _ => ("text", None, None),
                };
                view! {
                    <input id=key.clone() name=form_key.clone() type=kind inputmode=mode placeholder=placeholder disabled=disabled value=initial.clone()
                        aria-describedby=error_id.clone() aria-invalid={let i = invalid.clone(); move || i().to_string()}
                        prop:value=current.clone() on:input=on_input.clone() on:change=on_change.clone()/>
                }
                .into_any()
            }
        };
        let label_view = if field.input == Input::YesNo {
            view! { <span class="label" id=format!("{key}-label")>{label}</span> }.into_any()
        } else {
            view! { <label for=key.clone()>{label}</label> }.into_any()
        };
        view! {
            <div class="field" class:invalid=invalid.clone()>
                {label_view}
                {control}
                <p id=error_id class="error" aria-live="polite">{msg_view}</p>
            </div>
        }
    })
}

fn file_field(ctx: &FieldCtx, field: Field, item: Option<usize>) -> ViewFn {
    let ctx = ctx.clone();
    ViewFn::from(move || {
        let FieldCtx { state, lang, .. } = ctx.clone();
        let name = field.name;
        let key = field_id(name, item);
        let label = field_label(name).text(lang).to_string();
        let current = state.materials.with_untracked(|m| m.clone().slot_mut(name, item).and_then(|s| s.clone()));
        let info = current.as_ref().and_then(|a| ctx.files.with_value(|f| f.get(&a.id).cloned()));
        let flashed = ctx.flashed.with_value(|f| f.as_ref().filter(|(k, _)| *k == key).map(|(_, t)| t.clone()));
        let message = ctx.message(name, item);
        let remove = (state.editable && current.is_some()).then(|| {
            view! { <button type="submit" class="button small danger" name="op" value=format!("detach:{key}")>{Msg::ButtonRemoveFile.text(lang)}</button> }.into_any()
        });
        let card = current.map(|a| view! { <FileCard attachment=a info remove/> });
        let replacing = card.is_some();
        let picker_label = if replacing { format!("{label} · {}", Msg::ButtonReplace.text(lang)) } else { label.clone() };
        view! {
            <div class="field file-field" class:invalid=move || message().is_some_and(|(_, s)| s)>
                <span class="label">{label.clone()}</span>
                {card}
                <FilePicker field_id=key.clone() url=upload_url(&state.app_id.get_value(), name, item) kind=slot_kind(name) label=picker_label
                    flashed=flashed on_done=state.reload_callback() editable=state.editable replacing/>
                <p class="error todo" aria-live="polite">{
                    let message = ctx.message(name, item);
                    move || message().map(|(t, _)| t.render(lang))
                }</p>
            </div>
        }
    })
}

fn files_field(ctx: &FieldCtx, field: Field) -> ViewFn {
    let ctx = ctx.clone();
    ViewFn::from(move || {
        let FieldCtx { state, lang, .. } = ctx.clone();
        let name = field.name;
        let list = state.materials.with_untracked(|m| m.training.public_course_certificates.clone());
        let flashed = ctx.flashed.with_value(|f| f.as_ref().filter(|(k, _)| k == name).map(|(_, t)| t.clone()));
        let message = ctx.message(name, None);
        let cards = list
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let info = ctx.files.with_value(|f| f.get(&a.id).cloned());
                let remove = state.editable.then(|| {
                    view! { <button type="submit" class="button small danger" name="op" value=format!("detach:{}", field_id(name, Some(i)))>{Msg::ButtonRemoveFile.text(lang)}</button> }.into_any()
                });
                view! { <FileCard attachment=a info remove/> }
            })
            .collect_view();
        view! {
            <div class="field file-field" id=format!("{name}-list")>
                <span class="label">{field_label(name).text(lang)}</span>
                {cards}
                <FilePicker field_id=name.to_string() url=upload_url(&state.app_id.get_value(), name, None) kind=slot_kind(name)
                    label=field_label(name).text(lang).to_string() flashed on_done=state.reload_callback() editable=state.editable/>
                <p class="error todo" aria-live="polite">{move || message().map(|(t, _)| t.render(lang))}</p>
            </div>
        }
    })
}
