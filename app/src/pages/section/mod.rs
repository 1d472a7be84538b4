//! `/applications/<id>/<section>`: one screen of the form. Drawn from the domain's layout of the
//! section; every field shows its problem from the domain's completeness function, computed in
//! the browser as the person types and on the server at render. With JavaScript the section
//! saves itself as it changes (and keeps unsent edits on the device while offline); without it,
//! 保存 posts the whole section.

use leptos::prelude::*;

use crate::components::return_list::ReturnList;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

use crate::api::form::{application_form, FormView, SaveSection};
use crate::components::field::server_error;
use crate::components::lang::use_lang;
use crate::components::loaded::{loaded_live, resource};
use crate::components::upload::{flashed_upload_error, upload_url, UploadForms};
use crate::domain::materials::fields::{field_id, layout, Input};
use crate::domain::materials::{missing, Basis, Materials, Missing, Section};
use crate::i18n::{section_name, Msg};
use crate::pages::form_state::{FormState, SaveState};
use crate::pages::not_found::NotFound;
use crate::pages::pledge::PledgeSection;

mod fields;
use fields::render_list;
pub use fields::{render_field, FieldCtx};

#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    // The section is part of the key: a tap on another section's tab changes only this parameter,
    // and the page must load that section (with what the last one saved) as a fresh visit would.
    move || {
        let (id, slug) = params.with(|p| (p.get("id").unwrap_or_default(), p.get("section").unwrap_or_default()));
        view! { <SectionScreen id slug/> }
    }
}

/// The section as it lives in the browser: its data, and its form. In islands mode this is the
/// page's island — everything the applicant types into runs here, the rest of the page is HTML.
#[cfg_attr(feature = "island-section", island)]
#[cfg_attr(not(feature = "island-section"), component)]
fn SectionScreen(id: String, slug: String) -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let data = resource(move || refresh.get(), move |_| application_form(id.clone()));
    loaded_live(data, move |f| match Section::from_slug(&slug).filter(|s| f.materials.sections().contains(s)) {
        Some(section) => view! { <SectionForm f section refresh/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    })
}

/// The section's tabs with what each still lacks (live).
#[component]
pub fn SectionNav(app_id: String, current: Option<Section>, materials: RwSignal<Materials>, gaps: Memo<Vec<Missing>>) -> impl IntoView {
    let lang = use_lang();
    view! {
        <nav class="section-nav" aria-label=Msg::SectionsNav.text(lang)>
            <ol>
                {move || materials.with(|m| m.sections()).into_iter().map(|s| {
                    let n = move || gaps.with(|g| g.iter().filter(|x| x.section == s).count());
                    let href = format!("/applications/{}/{}", app_id, s.slug());
                    view! {
                        <li class:current=current == Some(s) class:done=move || n() == 0>
                            <a href=href aria-current=(current == Some(s)).then_some("page")>
                                <span>{section_name(s).text(lang)}</span>
                                <span class="count">{move || if n() == 0 { "✓".to_string() } else { n().to_string() }}</span>
                            </a>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </nav>
    }
}

#[component]
fn SectionForm(f: FormView, section: Section, refresh: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let state = FormState::new(&f, section, refresh);
    let app_id = f.id.clone();
    let save = ServerAction::<SaveSection>::new();
    let server = server_error(save.value());
    let flashed = flashed_upload_error();
    let l = layout(section);
    let sections = f.materials.sections();
    let next = sections.iter().skip_while(|&&s| s != section).nth(1).copied();
    let files = StoredValue::new(f.files.clone());

    // Every file field on the page gets a hidden multipart form (for the page without JavaScript).
    let mut targets = vec![];
    let mut add_target = |name: &str, item: Option<usize>| {
        targets.push((field_id(name, item), upload_url(&app_id, name, item)));
    };
    let count = l.list.and_then(|list| f.materials.list_len(list.name)).unwrap_or(0);
    for field in l.fields.iter().chain(l.after) {
        if matches!(field.input, Input::File(_) | Input::Files) {
            add_target(field.name, None);
        }
    }
    if let Some(list) = l.list {
        for i in 0..count {
            for field in list.item.iter().filter(|f| matches!(f.input, Input::File(_))) {
                add_target(field.name, Some(i));
            }
        }
    }

    let ctx = FieldCtx { state, server, flashed: StoredValue::new(flashed), files, lang };
    let body = if section == Section::Pledge {
        view! { <PledgeSection ctx=ctx.clone()/> }.into_any()
    } else {
        let top = l.fields.iter().map(|field| render_field(&ctx, *field, None)).collect_view();
        let list = l.list.map(|list| render_list(&ctx, list, count));
        let after = l.after.iter().map(|field| render_field(&ctx, *field, None)).collect_view();
        view! { {top} {list} {after} }.into_any()
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let op = submitter_value(&ev, "op");
        let go_next = submitter_value(&ev, "next");
        state.send(op, go_next);
    };
    let status_text = move || match state.status.get() {
        SaveState::Idle => String::new(),
        SaveState::Saving => Msg::SavingNow.text(lang).to_string(),
        SaveState::Saved => Msg::SavedAt.text(lang).to_string(),
        SaveState::Offline => Msg::SaveOffline.text(lang).to_string(),
        SaveState::Failed(t) => t.render(lang),
    };
    let editable = f.editable;
    view! {
        <div class="stack form-page">
            <p class="crumbs"><a href=format!("/applications/{}", f.id)>{"← "}{Msg::ViewApplication.text(lang)}</a></p>
            <SectionNav app_id=f.id.clone() current=Some(section) materials=state.materials gaps=state.gaps/>
            <h1 class="page-title">{section_name(section).text(lang)}</h1>
            {f.due_at.filter(|_| f.return_items.iter().any(|i| i.section == section)).map(|due| view! {
                <ReturnList app_id=f.id.clone() items=f.return_items.clone() due server_now=f.server_now submissions_left=f.submissions_left only=section/>
            })}
            {if editable {
                let intro = if section.since_post_only() { Msg::FormIntro } else { Msg::FormIntroAnyDate };
                view! { <p class="intro">{intro.text(lang)}</p> }.into_any()
            } else {
                view! { <p class="notice" role="status">{Msg::ReadOnlyNotice.text(lang)}</p> }.into_any()
            }}
            <form id="section-form" class="section-form" method="post" action=SaveSection::PATH on:submit=on_submit novalidate
                aria-label=section_name(section).text(lang)>
                <input type="hidden" name="id" value=f.id.clone()/>
                <input type="hidden" name="section" value=section.slug()/>
                <input type="hidden" name="version" prop:value=move || state.version.get().to_string() value=f.version.to_string()/>
                {body}
                <div class="form-alert" role="alert">
                    {move || server.get().and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}
                </div>
                {editable.then(|| view! {
                    // on the pledge the bar would cover the writing surface: it stays in the flow there
                    <div class="form-actions" class:in-flow=section == Section::Pledge>
                        <p class="save-state" role="status" aria-live="polite">{status_text}</p>
                        <button type="submit" class="button">{Msg::ButtonSave.text(lang)}</button>
                        {match next {
                            Some(n) => view! { <button type="submit" class="button primary" name="next" value=n.slug()>{Msg::ButtonSaveNext.text(lang)}</button> }.into_any(),
                            None => view! { <a class="button primary" href=format!("/applications/{}/submit", f.id)>{Msg::ButtonReview.text(lang)}</a> }.into_any(),
                        }}
                    </div>
                })}
            </form>
            <UploadForms targets/>
        </div>
    }
}

/// The value of the named submit button that sent the form (`op`, `next`), if any.
fn submitter_value(ev: &leptos::ev::SubmitEvent, name: &str) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let button = ev.submitter()?.dyn_into::<web_sys::HtmlButtonElement>().ok()?;
        (button.name() == name).then(|| button.value())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (ev, name);
        None
    }
}

/// Recomputes what is missing, for pages that hold materials in a signal.
pub fn gaps_of(materials: RwSignal<Materials>, basis: Basis) -> Memo<Vec<Missing>> {
    let basis = StoredValue::new(basis);
    Memo::new(move |_| materials.with(|m| basis.with_value(|b| missing(m, b))))
}
