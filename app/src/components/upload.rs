//! An attachment field: its rules stated at the field, the file(s) already there (a thumbnail for
//! images, pages for PDFs, the duplicate flag), and an upload that works two ways. Without
//! JavaScript the file input belongs (via its `form` attribute) to a small multipart form at the
//! end of the page, which posts and comes back with the result; with JavaScript choosing a file
//! sends it at once with a progress bar.

use leptos::prelude::*;

use super::lang::use_lang;
use crate::api::form::FileInfo;
use crate::domain::attachments::{rules, SlotKind, MB};
use crate::domain::materials::Attachment;
use crate::i18n::{Msg, Text};

pub const UPLOAD_FLASH_COOKIE: &str = "zp_upload";

/// The refusal a no-JavaScript upload came back with: (field id, message), read once.
pub fn flashed_upload_error() -> Option<(String, Text)> {
    #[cfg(feature = "ssr")]
    {
        use crate::api::context::{cookie, set_cookie};
        let parts = use_context::<http::request::Parts>()?;
        let hexed = cookie(&parts, UPLOAD_FLASH_COOKIE)?;
        set_cookie(format!("{UPLOAD_FLASH_COOKIE}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"));
        serde_json::from_slice(&hex::decode(hexed).ok()?).ok()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// Where a field's upload goes.
pub fn upload_url(application_id: &str, field: &str, item: Option<usize>) -> String {
    match item {
        Some(i) => format!("/upload/{application_id}/{field}?item={i}"),
        None => format!("/upload/{application_id}/{field}"),
    }
}

/// The id of the multipart form a field's file input belongs to.
pub fn upload_form_id(field_id: &str) -> String {
    format!("up-{field_id}")
}

/// The hidden multipart forms, one per file field on the page (outside the section form: forms
/// cannot nest).
#[component]
pub fn UploadForms(targets: Vec<(String, String)>) -> impl IntoView {
    targets
        .into_iter()
        .map(|(field_id, url)| view! { <form id=upload_form_id(&field_id) class="upload-form" method="post" enctype="multipart/form-data" action=url></form> })
        .collect_view()
}

fn size_text(bytes: i64) -> String {
    if bytes >= MB as i64 {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

/// One uploaded file as the field shows it.
#[component]
pub fn FileCard(attachment: Attachment, info: Option<FileInfo>, #[prop(default = None)] remove: Option<AnyView>) -> impl IntoView {
    let lang = use_lang();
    let href = format!("/files/{}", attachment.id);
    let info = info.unwrap_or(FileInfo {
        file_name: String::new(),
        kind: String::new(),
        size: 0,
        pages: None,
        width: None,
        height: None,
        elsewhere: 0,
    });
    let image = matches!(info.kind.as_str(), "png" | "jpeg");
    let detail = match (info.pages, info.width, info.height) {
        (Some(p), _, _) => Text::with(Msg::FilePages, [p.to_string()]).render(lang),
        (_, Some(w), Some(h)) => format!("{w}×{h}"),
        _ => String::new(),
    };
    view! {
        <div class="file-card">
            {image.then(|| view! { <img class="thumb" src=href.clone() alt="" loading="lazy" width="64" height="64"/> })}
            <div class="file-meta">
                <a href=href.clone() target="_blank" rel="noopener">{Text::with(Msg::FileUploaded, [info.file_name.clone()]).render(lang)}</a>
                <span class="hint">{format!("{} · {}", size_text(info.size), detail)}</span>
                {(info.elsewhere > 0).then(|| view! { <span class="flag">{Text::with(Msg::FileSameElsewhere, [info.elsewhere.to_string()]).render(lang)}</span> })}
            </div>
            {remove}
        </div>
    }
}

/// The file input, its upload button (for the page without JavaScript), the progress bar and
/// the message. `on_done` runs after an upload the server accepted.
#[component]
pub fn FilePicker(
    field_id: String,
    url: String,
    /// What the field takes (not `slot`: that word is Leptos's for component slots).
    kind: SlotKind,
    label: String,
    /// The refusal to show (server-rendered, after a no-JavaScript upload).
    flashed: Option<Text>,
    on_done: Callback<()>,
    editable: bool,
    /// A file is there already: the button offers another.
    #[prop(optional)]
    replacing: bool,
) -> impl IntoView {
    let lang = use_lang();
    let r = rules(kind);
    let accept = if r.kinds.len() == 3 { "application/pdf,image/jpeg,image/png" } else { "image/jpeg,image/png" };
    let rules_text = match kind {
        SlotKind::Photo => Text::with(Msg::PhotoRules, [(r.max_bytes / MB).to_string()]),
        _ => Text::with(Msg::FileRules, [(r.max_bytes / MB).to_string()]),
    }
    .render(lang);
    let progress = RwSignal::new(None::<u32>);
    let message = RwSignal::new(flashed);
    let form = upload_form_id(&field_id);
    let hint_id = format!("{field_id}-hint");
    let error_id = format!("{field_id}-error");
    let on_change = {
        let url = url.clone();
        move |ev: leptos::ev::Event| {
            let _ = (&ev, &url, on_done);
            #[cfg(feature = "hydrate")]
            browser::send(ev, url.clone(), progress, message, on_done);
        }
    };
    // The browser's own picker speaks the browser's language (Choose File, No file chosen) and
    // repeats the field's label: it stays in the page for assistive technology and the tests,
    // named by the field's label, but what a person sees and taps is the Chinese button that
    // opens it. With JavaScript choosing a file uploads it at once, so 上传 is only for the page
    // without it (hidden once the page is live: `html.js` in style/main.css).
    let pick_text = if replacing { Msg::ButtonPickAgain } else { Msg::ButtonPick };
    view! {
        <div class="file-picker" class:invalid=move || message.with(Option::is_some)>
            {editable.then(|| view! {
                <input
                    id=field_id.clone()
                    class="file-input"
                    type="file"
                    name="file"
                    form=form.clone()
                    accept=accept
                    aria-label=label.clone()
                    aria-describedby=format!("{hint_id} {error_id}")
                    on:change=on_change
                />
                <label class="button small pick-button" for=field_id.clone() aria-hidden="true">{pick_text.text(lang)}</label>
                <button type="submit" class="button small upload-button" form=form.clone() aria-label=format!("{} {}", Msg::ButtonUpload.text(lang), label)>
                    {Msg::ButtonUpload.text(lang)}
                </button>
            })}
            <p id=hint_id class="hint">{rules_text}</p>
            {move || progress.get().map(|p| view! {
                <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=p.to_string()>
                    // set through the CSSOM (`style:`), which our CSP allows; a `style` attribute it refuses
                    <span style:width=format!("{p}%")></span>
                    <em>{Text::with(Msg::Uploading, [p.to_string()]).render(lang)}</em>
                </div>
            })}
            <p id=error_id class="error" aria-live="polite">{move || message.get().map(|t| t.render(lang))}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{FormData, HtmlInputElement, ProgressEvent, XmlHttpRequest};

    use crate::api::error::AppError;
    use crate::i18n::{Msg, Text};

    /// Sends the chosen file with XMLHttpRequest (fetch reports no upload progress).
    pub fn send(
        ev: leptos::ev::Event,
        url: String,
        progress: RwSignal<Option<u32>>,
        message: RwSignal<Option<Text>>,
        on_done: Callback<()>,
    ) {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        let (Ok(xhr), Ok(data)) = (XmlHttpRequest::new(), FormData::new()) else { return };
        if data.append_with_blob_and_filename("file", &file, &file.name()).is_err() || xhr.open("POST", &url).is_err() {
            return;
        }
        let _ = xhr.set_request_header("Accept", "application/json");
        message.set(None);
        progress.set(Some(0));
        if let Ok(upload) = xhr.upload() {
            let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |e: ProgressEvent| {
                if e.length_computable() && e.total() > 0.0 {
                    progress.set(Some(((e.loaded() / e.total()) * 100.0).min(100.0) as u32));
                }
            });
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
            on_progress.forget();
        }
        let done = {
            let xhr = xhr.clone();
            let input = input.clone();
            Closure::<dyn FnMut()>::new(move || {
                progress.set(None);
                input.set_value("");
                let status = xhr.status().unwrap_or(0);
                if status == 200 {
                    on_done.run(());
                    return;
                }
                let body = xhr.response_text().ok().flatten().unwrap_or_default();
                let text = serde_json::from_str::<AppError>(&body)
                    .ok()
                    .and_then(|e| match &e {
                        AppError::Invalid(list) => list.first().map(|f| f.text.clone()),
                        other => other.form_text(),
                    })
                    .unwrap_or_else(|| Text::new(if status == 0 { Msg::Network } else { Msg::Internal }));
                message.set(Some(text));
            })
        };
        xhr.set_onloadend(Some(done.as_ref().unchecked_ref()));
        done.forget();
        if xhr.send_with_opt_form_data(Some(&data)).is_err() {
            progress.set(None);
            message.set(Some(Text::new(Msg::Network)));
        }
    }
}
