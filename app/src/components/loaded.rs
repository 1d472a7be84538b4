//! The one scaffold for a page part that loads data: the loading line while it comes, the
//! refusal (or the login form, for nobody signed in) if it is refused, the view when it is there.
//! `loaded` shows the loading line again on every reload; `loaded_live` keeps the last view on the
//! screen while its data reloads (a queue that updates live, a form saved in place), so the page
//! does not blink and the reader keeps their place.

use leptos::prelude::*;
use leptos::server::codee::{Decoder, Encoder};
use serde::{de::DeserializeOwned, Serialize};

use super::field::error_alert;
use super::lang::use_lang;
use crate::api::error::AppError;
use crate::i18n::{Lang, Msg};

/// A page's data as the server sends it along with the page: JSON, read from bytes as the server
/// functions' answers are read (`serde_json::from_slice`). Leptos's default codec reads a
/// resource from `&str`, which put a second copy of every data type's deserializer in the browser
/// bundle beside the one for the server functions' answers.
pub struct SliceJson;

impl<T: Serialize> Encoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &T) -> Result<String, serde_json::Error> {
        serde_json::to_string(val)
    }
}

impl<T: DeserializeOwned> Decoder<T> for SliceJson {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<T, serde_json::Error> {
        serde_json::from_slice(val.as_bytes())
    }
}

/// The page's data: `fetcher` runs again whenever `source` changes (`Resource::new`, `SliceJson`).
#[track_caller]
pub fn resource<T, S, Fut>(
    source: impl Fn() -> S + Send + Sync + 'static,
    fetcher: impl Fn(S) -> Fut + Send + Sync + 'static,
) -> Resource<T, SliceJson>
where
    S: Send + Sync + Clone + PartialEq + 'static,
    T: Send + Sync + Serialize + DeserializeOwned + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    Resource::new_with_options(source, fetcher, false)
}

fn loading_line(lang: Lang) -> impl IntoView {
    view! { <p class="loading">{Msg::Loading.text(lang)}</p> }
}

/// The view of the data, or the refusal, once the resource has answered.
fn settled<T, V>(
    data: Resource<Result<T, AppError>, SliceJson>,
    view: impl Fn(T) -> V + Clone + Send + Sync + 'static,
    lang: Lang,
) -> impl Fn() -> Suspend<AnyView> + Send + Sync + 'static
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    move || {
        let view = view.clone();
        Suspend::new(async move {
            match data.await {
                Ok(d) => view(d).into_any(),
                Err(e) => error_alert(&e, lang),
            }
        })
    }
}

pub fn loaded<T, V>(data: Resource<Result<T, AppError>, SliceJson>, view: impl Fn(T) -> V + Clone + Send + Sync + 'static) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang();
    view! { <Suspense fallback=move || loading_line(lang)>{settled(data, view, lang)}</Suspense> }
}

pub fn loaded_live<T, V>(
    data: Resource<Result<T, AppError>, SliceJson>,
    view: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let lang = use_lang();
    view! { <Transition fallback=move || loading_line(lang)>{settled(data, view, lang)}</Transition> }
}
