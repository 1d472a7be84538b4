//! `/notices`, `/notices/<id>`: 评审工作通知 and 评审条件 for everyone. `/admin/notices` and
//! `/admin/notices/<id>` (`new` for a new one): writing, editing and publishing them.

use leptos::prelude::*;

use crate::components::loaded::{loaded, resource};
use leptos_router::hooks::use_params_map;

use crate::api::notices::{notice, notices, NoticeView, SaveNotice};
use crate::components::field::{remembered, server_error};
use crate::components::lang::use_lang;
use crate::domain::instant::Instant;
use crate::domain::notices::{Block, Inline, NoticeKind};
use crate::i18n::{Lang, Msg, Text};

fn kind_name(kind: NoticeKind) -> Msg {
    match kind {
        NoticeKind::Notice => Msg::NoticeKindNotice,
        NoticeKind::Conditions => Msg::NoticeKindConditions,
    }
}

fn inline_view(parts: Vec<Inline>) -> impl IntoView {
    parts
        .into_iter()
        .map(|p| match p {
            Inline::Text(t) => view! { <span>{t}</span> }.into_any(),
            Inline::Link { text, url } => {
                let external = url.starts_with("http");
                view! { <a href=url rel=external.then_some("noopener noreferrer external")>{text}</a> }.into_any()
            }
        })
        .collect_view()
}

/// The body as elements: no HTML an author typed ever reaches the page as markup.
pub fn blocks_view(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Paragraph(parts) => view! { <p>{inline_view(parts)}</p> }.into_any(),
            Block::List(items) => {
                view! { <ul>{items.into_iter().map(|i| view! { <li>{inline_view(i)}</li> }).collect_view()}</ul> }.into_any()
            }
        })
        .collect_view()
}

fn dated(n: &NoticeView, lang: Lang) -> String {
    match n.published_at {
        Some(at) => Text::with(Msg::NoticePublishedOn, [Instant(at).beijing_display()]).render(lang),
        None => Msg::NoticeDraft.text(lang).to_string(),
    }
}

/// The notice's attachments, each a download.
#[component]
fn NoticeFiles(files: Vec<(String, String, i64)>) -> impl IntoView {
    let lang = use_lang();
    (!files.is_empty()).then(|| view! {
        <section class="notice-files" aria-label=Msg::NoticeFiles.text(lang)>
            <h2>{Msg::NoticeFiles.text(lang)}</h2>
            <ul>
                {files.into_iter().map(|(id, name, size)| view! {
                    <li><a href=format!("/notice-file/{id}") download="">{name}</a><span class="hint">{format!(" {} KB", (size + 1023) / 1024)}</span></li>
                }).collect_view()}
            </ul>
        </section>
    })
}

#[component]
pub fn NoticesPage() -> impl IntoView {
    let lang = use_lang();
    let list = resource(|| (), |_| notices());
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::NoticesTitle.text(lang)}</h1>
            {loaded(list, move |all| {
                let all: Vec<NoticeView> = all.into_iter().filter(|n| n.published_at.is_some()).collect();
                if all.is_empty() {
                    return view! { <p class="intro">{Msg::NoticesNone.text(lang)}</p> }.into_any();
                }
                [NoticeKind::Notice, NoticeKind::Conditions].into_iter().map(|kind| {
                    let of_kind: Vec<_> = all.iter().filter(|n| n.kind == kind).cloned().collect();
                    (!of_kind.is_empty()).then(|| view! {
                        <section class="card" aria-label=kind_name(kind).text(lang)>
                            <h2>{kind_name(kind).text(lang)}</h2>
                            <ul class="notice-list">
                                {of_kind.into_iter().map(|n| view! {
                                    <li><a href=format!("/notices/{}", n.id)>{n.title.clone()}</a><span class="hint">{dated(&n, lang)}</span></li>
                                }).collect_view()}
                            </ul>
                        </section>
                    })
                }).collect_view().into_any()
            })}
        </div>
    }
}

#[component]
pub fn NoticePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let one = resource(move || params.with(|p| p.get("id").unwrap_or_default()), notice);
    view! {
        <div class="stack">
            <p class="crumbs"><a href="/notices">{"← "}{Msg::NavNotices.text(lang)}</a></p>
            {loaded(one, move |n| view! {
                <article class="card notice-body">
                    <p class="badge">{kind_name(n.kind).text(lang)}</p>
                    <h1>{n.title.clone()}</h1>
                    <p class="hint">{dated(&n, lang)}</p>
                    {blocks_view(n.blocks)}
                    <NoticeFiles files=n.files.clone()/>
                </article>
            }.into_any())}
        </div>
    }
}

#[component]
pub fn AdminNoticesPage() -> impl IntoView {
    let lang = use_lang();
    let list = resource(|| (), |_| notices());
    view! {
        <div class="stack">
            <h1 class="page-title">{Msg::NoticeAdminTitle.text(lang)}</h1>
            <p><a class="button primary" href="/admin/notices/new">{"+ "}{Msg::NoticeNew.text(lang)}</a></p>
            {loaded(list, move |all| {
                view! {
                    <ul class="card notice-list">
                        {all.into_iter().map(|n| view! {
                            <li>
                                <a href=format!("/admin/notices/{}", n.id)>{n.title.clone()}</a>
                                <span class="hint">{format!("{} · {}", kind_name(n.kind).text(lang), dated(&n, lang))}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }
            })}
        </div>
    }
}

#[component]
pub fn NoticeEditPage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let existing = resource(id, |id| async move {
        if id == "new" {
            Ok(None)
        } else {
            notice(id).await.map(Some)
        }
    });
    view! {
        <div class="stack">
            <p class="crumbs"><a href="/admin/notices">{"← "}{Msg::NoticeAdminTitle.text(lang)}</a></p>
            {loaded(existing, move |n| view! { <NoticeForm n/> }.into_any())}
        </div>
    }
}

#[component]
fn NoticeForm(n: Option<NoticeView>) -> impl IntoView {
    let lang = use_lang();
    let action = ServerAction::<SaveNotice>::new();
    let action_pending = action.pending();
    let error = server_error(action.value());
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(_)) = action.value().get() {
            navigate("/admin/notices", Default::default());
        }
    });
    let at = move |field: &'static str| move || error.get().and_then(|e| e.at_field(field).cloned()).map(|t| t.render(lang));
    let keep = |name: &str, fallback: String| {
        let r = remembered(name);
        if r.is_empty() {
            fallback
        } else {
            r
        }
    };
    let kind = n.as_ref().map(|n| n.kind).unwrap_or(NoticeKind::Notice);
    let title = keep("title", n.as_ref().map(|n| n.title.clone()).unwrap_or_default());
    let body = keep("body", n.as_ref().map(|n| n.body.clone()).unwrap_or_default());
    let published = n.as_ref().is_some_and(|n| n.published_at.is_some());
    let existing = n.clone();
    let heading = if n.is_some() { Msg::NoticeEdit } else { Msg::NoticeNew };
    view! {
        <h1 class="page-title">{heading.text(lang)}</h1>
        <ActionForm action=action attr:class="card" attr:aria-label=heading.text(lang)>
            <input type="hidden" name="id" value=n.as_ref().map(|n| n.id.clone()).unwrap_or_default()/>
            <div class="field">
                <label for="kind">{Msg::NoticeFieldKind.text(lang)}</label>
                <select id="kind" name="kind">
                    {[NoticeKind::Notice, NoticeKind::Conditions].into_iter().map(|k| view! {
                        <option value=k.as_str() selected=k == kind>{kind_name(k).text(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="title">{Msg::NoticeFieldTitle.text(lang)}</label>
                <input id="title" name="title" value=title aria-describedby="title-error"/>
                <p id="title-error" class="error">{at("title")}</p>
            </div>
            <div class="field">
                <label for="body">{Msg::NoticeFieldBody.text(lang)}</label>
                <textarea id="body" name="body" rows="14" aria-describedby="body-hint body-error">{body}</textarea>
                <p id="body-hint" class="hint">{Msg::NoticeBodyHint.text(lang)}</p>
                <p id="body-error" class="error">{at("body")}</p>
            </div>
            <div class="form-alert" role="alert">{move || error.get().and_then(|e| e.form_text()).map(|t| view! { <p>{t.render(lang)}</p> })}</div>
            <div class="choices">
                <label for="publish"><input type="checkbox" id="publish" name="publish" value="1" checked=published/>{Msg::NoticePublishNow.text(lang)}</label>
            </div>
            <button type="submit" class="button primary block" disabled=move || action_pending.get()>{Msg::ButtonSave.text(lang)}</button>
        </ActionForm>
        {existing.map(|n| {
            let form_id = "notice-upload";
            view! {
                // not a landmark of its own: the file list inside is the "附件" region (axe:
                // landmark-unique, two regions of one name)
                <div class="card">
                    <h2>{Msg::NoticeFiles.text(lang)}</h2>
                    <NoticeFiles files=n.files.clone()/>
                    <form id=form_id method="post" enctype="multipart/form-data" action=format!("/notice-files/{}", n.id)>
                        <div class="field">
                            <label for="notice-file">{Msg::NoticeAddFile.text(lang)}</label>
                            <input id="notice-file" type="file" name="file" accept="application/pdf,image/jpeg,image/png"/>
                            <p class="hint">{Text::with(Msg::FileRules, ["10"]).render(lang)}</p>
                        </div>
                        <button type="submit" class="button">{Msg::ButtonUpload.text(lang)}</button>
                    </form>
                </div>
            }
        })}
    }
}
