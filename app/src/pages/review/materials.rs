//! Every section of an application, read-only, on one page for the reviewer: each shown field
//! with its value, each file with its thumbnail or page count and the duplicate flag. Drawn from
//! the same layout (`fields::layout`, `fields::shown`) as the applicant's form.

use leptos::prelude::*;

use crate::api::form::FormView;
use crate::components::lang::use_lang;
use crate::components::upload::FileCard;
use crate::domain::materials::fields::{field_id, layout, shown, Field, Input};
use crate::domain::materials::{Materials, Section};
use crate::i18n::{field_label, section_name, Lang, Msg, Text};

#[component]
pub fn MaterialsView(f: FormView) -> impl IntoView {
    let lang = use_lang();
    let sections = f.materials.sections().into_iter().map(|s| section(&f, s, lang)).collect_view();
    view! {
        <section class="card materials-view" aria-labelledby="materials-title">
            <h2 id="materials-title">{Msg::ReviewMaterials.text(lang)}</h2>
            {sections}
        </section>
    }
}

fn section(f: &FormView, s: Section, lang: Lang) -> impl IntoView {
    let l = layout(s);
    let m = &f.materials;
    let top: Vec<AnyView> = l.fields.iter().filter(|fd| shown(m, fd.name, None)).map(|fd| field(f, *fd, None, lang)).collect();
    let list = l.list.map(|list| {
        let n = m.list_len(list.name).unwrap_or(0);
        (0..n)
            .map(|i| {
                let fields: Vec<AnyView> =
                    list.item.iter().filter(|fd| shown(m, fd.name, Some(i))).map(|fd| field(f, *fd, Some(i), lang)).collect();
                view! {
                    <div class="list-item">
                        <h4>{Text::with(Msg::ItemNumber, [(i + 1).to_string()]).render(lang)}</h4>
                        <dl class="facts">{fields}</dl>
                    </div>
                }
            })
            .collect_view()
    });
    let after: Vec<AnyView> = l.after.iter().filter(|fd| shown(m, fd.name, None)).map(|fd| field(f, *fd, None, lang)).collect();
    view! {
        <div class="materials-section" id=format!("m-{}", s.slug())>
            <h3>{section_name(s).text(lang)}</h3>
            <dl class="facts">{top}</dl>
            {list}
            <dl class="facts">{after}</dl>
        </div>
    }
}

fn files_of(m: &Materials, fd: Field, item: Option<usize>) -> Vec<crate::domain::materials::Attachment> {
    match fd.input {
        Input::Files => m.training.public_course_certificates.clone(),
        _ => m.clone().slot_mut(fd.name, item).and_then(|s| s.clone()).into_iter().collect(),
    }
}

fn field(f: &FormView, fd: Field, item: Option<usize>, lang: Lang) -> AnyView {
    let label = field_label(fd.name).text(lang);
    let id = format!("m-{}", field_id(fd.name, item));
    let value = match fd.input {
        Input::File(_) | Input::Files => {
            let files = files_of(&f.materials, fd, item);
            if f.withheld.iter().any(|w| w == fd.name) {
                view! { <span class="muted">{Msg::FileWithheld.text(lang)}</span> }.into_any()
            } else if files.is_empty() {
                view! { <span class="missing">{Msg::UploadRequired.text(lang)}</span> }.into_any()
            } else {
                files
                    .into_iter()
                    .map(|a| {
                        let info = f.files.get(&a.id).cloned();
                        view! { <FileCard attachment=a info/> }
                    })
                    .collect_view()
                    .into_any()
            }
        }
        _ => {
            let v = f.materials.value(fd.name, item).unwrap_or_default();
            let v = match (fd.input, v.as_str()) {
                (Input::YesNo, "yes") => Msg::Yes.text(lang).to_string(),
                (Input::YesNo, "no") => Msg::No.text(lang).to_string(),
                _ => v,
            };
            if v.is_empty() {
                view! { <span class="missing">{Msg::Required.text(lang)}</span> }.into_any()
            } else {
                view! { <span class="value">{v}</span> }.into_any()
            }
        }
    };
    view! { <dt id=id>{label}</dt><dd>{value}</dd> }.into_any()
}
