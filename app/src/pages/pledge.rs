//! 个人承诺书 (§(十一)): the pledge text, a canvas to write it by hand (pointer events: finger,
//! pen or mouse; clear and undo), and — for a page without JavaScript, or by choice — a photo of
//! the pledge written on paper. Whether the strokes are a pledge or a token scribble is the
//! domain's `Strokes::check`, asked here and again by the server.

use leptos::prelude::*;

use crate::components::upload::{upload_url, FileCard, FilePicker};
use crate::domain::attachments::SlotKind;
use crate::domain::signature::{HEIGHT, WIDTH};
use crate::i18n::{Msg, Text};
use crate::pages::section::FieldCtx;

#[component]
pub fn PledgeSection(ctx: FieldCtx) -> impl IntoView {
    let lang = ctx.lang;
    let state = ctx.state;
    let current = state.materials.with_untracked(|m| m.pledge.clone());
    let info = current.as_ref().and_then(|a| ctx.files.with_value(|f| f.get(&a.id).cloned()));
    let flashed = ctx.flashed.with_value(|f| f.as_ref().filter(|(k, _)| k == "pledge").map(|(_, t)| t.clone()));
    let message = ctx.message("pledge", None);
    let signed = current.is_some();
    view! {
        <section class="pledge" id="pledge-area">
            <p>{Msg::PledgeIntro.text(lang)}</p>
            <blockquote class="pledge-text">{Msg::PledgeText.text(lang)}</blockquote>
            {current.map(|a| view! {
                <p class="notice" role="status">{Msg::PledgeSigned.text(lang)}</p>
                <FileCard attachment=a info/>
            })}
            {(state.editable && !signed).then(|| view! { <SignaturePad ctx=ctx.clone()/> })}
            {(state.editable && signed).then(|| view! {
                <details class="paper-pledge">
                    <summary>{Msg::PledgeResign.text(lang)}</summary>
                    <SignaturePad ctx=ctx.clone()/>
                </details>
            })}
            <details class="paper-pledge" open=!signed>
                <summary>{Msg::PledgeNoJs.text(lang)}</summary>
                <FilePicker field_id="pledge".to_string() url=upload_url(&state.app_id.get_value(), "pledge", None) kind=SlotKind::Signature
                    label=Msg::LabelPledge.text(lang).to_string() flashed on_done=state.reload_callback() editable=state.editable/>
            </details>
            <p class="error todo" aria-live="polite">{move || message().map(|(t, _)| t.render(lang))}</p>
        </section>
    }
}

/// The writing surface. It exists only once the page is live (a canvas without JavaScript
/// cannot record anything), so the server renders it hidden.
#[component]
fn SignaturePad(ctx: FieldCtx) -> impl IntoView {
    let lang = ctx.lang;
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let strokes = RwSignal::new(Vec::<Vec<(f32, f32)>>::new());
    let drawing = StoredValue::new(false);
    let message = RwSignal::new(None::<Text>);
    let pending = RwSignal::new(false);
    let _ = (canvas, drawing, ctx.state);

    let down = move |ev: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        pad::down(&ev, canvas, strokes, drawing);
        let _ = ev;
    };
    let moved = move |ev: leptos::ev::PointerEvent| {
        #[cfg(feature = "hydrate")]
        pad::moved(&ev, canvas, strokes, drawing);
        let _ = ev;
    };
    let up = move |_: leptos::ev::PointerEvent| drawing.set_value(false);
    let clear = move |_| {
        strokes.set(vec![]);
        message.set(None);
        #[cfg(feature = "hydrate")]
        pad::redraw(canvas, &[]);
    };
    let undo = move |_| {
        strokes.update(|s| {
            s.pop();
        });
        #[cfg(feature = "hydrate")]
        strokes.with_untracked(|s| pad::redraw(canvas, s));
    };
    let sign = move |_| {
        let s = crate::domain::signature::Strokes(strokes.get_untracked());
        if let Err(p) = s.check() {
            message.set(Some(Text::from(p)));
            return;
        }
        message.set(None);
        pending.set(true);
        #[cfg(feature = "hydrate")]
        {
            let state = ctx.state;
            leptos::task::spawn_local(async move {
                let json = serde_json::to_string(&s).unwrap_or_default();
                match crate::api::form::sign_pledge(state.app_id.get_value(), json).await {
                    Ok(()) => state.reload(),
                    Err(e) => {
                        let t = e.at_field("pledge").cloned().or_else(|| e.form_text()).unwrap_or_else(|| Msg::Internal.into());
                        message.set(Some(t));
                    }
                }
                pending.set(false);
            });
        }
    };
    view! {
        <div class="sigpad" hidden=move || !live.get()>
            <canvas
                node_ref=canvas
                width=WIDTH.to_string()
                height=HEIGHT.to_string()
                role="img"
                aria-label=Msg::PledgeCanvasLabel.text(lang)
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=up
                on:pointerleave=up
            ></canvas>
            <div class="sig-actions">
                <button type="button" class="button small" on:click=undo disabled=move || strokes.with(Vec::is_empty)>{Msg::ButtonUndo.text(lang)}</button>
                <button type="button" class="button small" on:click=clear disabled=move || strokes.with(Vec::is_empty)>{Msg::ButtonClear.text(lang)}</button>
                <button type="button" class="button primary" on:click=sign disabled=move || pending.get()>{Msg::ButtonSign.text(lang)}</button>
            </div>
            <p id="pledge-pad-error" class="error" role="alert">{move || message.get().map(|t| t.render(lang))}</p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod pad {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::CanvasRenderingContext2d;

    use crate::domain::signature::{HEIGHT, WIDTH};

    type Canvas = NodeRef<leptos::html::Canvas>;

    fn context(canvas: Canvas) -> Option<CanvasRenderingContext2d> {
        let c = canvas.get_untracked()?;
        let ctx = c.get_context("2d").ok()??.dyn_into::<CanvasRenderingContext2d>().ok()?;
        ctx.set_line_width(5.0);
        ctx.set_line_cap("round");
        ctx.set_line_join("round");
        ctx.set_stroke_style_str("#1b1f24");
        Some(ctx)
    }

    /// The pointer's position in the canvas's own 1000×600 space, whatever its size on screen.
    fn point(ev: &leptos::ev::PointerEvent, canvas: Canvas) -> Option<(f32, f32)> {
        let c = canvas.get_untracked()?;
        let r = c.get_bounding_client_rect();
        if r.width() <= 0.0 || r.height() <= 0.0 {
            return None;
        }
        let x = ((f64::from(ev.client_x()) - r.left()) / r.width() * f64::from(WIDTH)) as f32;
        let y = ((f64::from(ev.client_y()) - r.top()) / r.height() * f64::from(HEIGHT)) as f32;
        Some((x.clamp(0.0, WIDTH), y.clamp(0.0, HEIGHT)))
    }

    pub fn down(ev: &leptos::ev::PointerEvent, canvas: Canvas, strokes: RwSignal<Vec<Vec<(f32, f32)>>>, drawing: StoredValue<bool>) {
        ev.prevent_default();
        if let Some(c) = canvas.get_untracked() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        let Some(p) = point(ev, canvas) else { return };
        drawing.set_value(true);
        strokes.update(|s| s.push(vec![p]));
        if let Some(ctx) = context(canvas) {
            ctx.begin_path();
            ctx.arc(f64::from(p.0), f64::from(p.1), 2.0, 0.0, std::f64::consts::TAU).ok();
            ctx.stroke();
        }
    }

    pub fn moved(ev: &leptos::ev::PointerEvent, canvas: Canvas, strokes: RwSignal<Vec<Vec<(f32, f32)>>>, drawing: StoredValue<bool>) {
        if !drawing.get_value() {
            return;
        }
        let Some(p) = point(ev, canvas) else { return };
        let mut last = None;
        strokes.update(|s| {
            if let Some(stroke) = s.last_mut() {
                last = stroke.last().copied();
                stroke.push(p);
            }
        });
        if let (Some(ctx), Some(l)) = (context(canvas), last) {
            ctx.begin_path();
            ctx.move_to(f64::from(l.0), f64::from(l.1));
            ctx.line_to(f64::from(p.0), f64::from(p.1));
            ctx.stroke();
        }
    }

    pub fn redraw(canvas: Canvas, strokes: &[Vec<(f32, f32)>]) {
        let Some(ctx) = context(canvas) else { return };
        ctx.clear_rect(0.0, 0.0, f64::from(WIDTH), f64::from(HEIGHT));
        for s in strokes {
            let mut it = s.iter();
            if let Some(first) = it.next() {
                ctx.begin_path();
                ctx.move_to(f64::from(first.0), f64::from(first.1));
                for p in it {
                    ctx.line_to(f64::from(p.0), f64::from(p.1));
                }
                ctx.stroke();
            }
        }
    }
}
