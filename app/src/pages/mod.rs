//! One module per screen.

pub mod account;
pub mod admin;
pub mod application;
pub mod applications;
pub mod certificates;
pub mod committee;
pub mod evaluation;
pub mod fee;
pub mod fees;
pub mod findings;
pub mod form_state;
pub mod gongshi;
pub mod home;
pub mod login;
pub mod not_found;
pub mod notices;
pub mod outbox;
pub mod pledge;
pub mod recover;
pub mod register;
pub mod results;
pub mod review;
pub mod rounds;
pub mod section;

/// A page whose live part is a screen of its own (an island in islands mode, where the browser has
/// no router): the address's `:id` is read here and handed to `screen` as a prop; another id in the
/// address, another screen.
pub fn screen_for_id<V>(screen: impl Fn(String) -> V + Send + Sync + 'static) -> impl leptos::prelude::IntoView
where
    V: leptos::prelude::IntoView + 'static,
{
    use leptos::prelude::With;
    let params = leptos_router::hooks::use_params_map();
    move || screen(params.with(|p| p.get("id").unwrap_or_default()))
}
