//! The stylesheet and the script of every page, by their content-hashed names (server only).
//!
//! `make site` builds one browser bundle per group of islands, names each file after its content
//! (`zhiping-forms.<hash>.wasm`, `scripts/name-assets.sh`) and lists them in `pkg/manifest.txt`
//! with the islands each bundle exports. A new build is a new name, so the server lets browsers
//! keep them for a year (`immutable`) instead of asking again on every page. The page's script
//! (`boot.js`) loads the bundle that holds the page's islands, and nothing on a page without one.
//! Without a manifest (a test build that made no site) the page loads no script.
//! (The app crate's unit tests leave the screens out; server/tests/api/assets.rs covers this.)

use std::sync::OnceLock;

use leptos::config::LeptosOptions;
use leptos::nonce::use_nonce;
use leptos::prelude::*;
use serde::Serialize;

/// What `pkg/manifest.txt` names, as addresses.
#[derive(Debug)]
pub struct AssetNames {
    pub css: String,
    pub bundles: Vec<Bundle>,
}

/// One browser bundle: its JS glue, its WASM, and the islands it can bring to life (`None` for
/// the whole-app bundle, which hydrates the whole page).
#[derive(Debug, Serialize)]
pub struct Bundle {
    pub js: String,
    pub wasm: String,
    pub islands: Option<Vec<String>>,
}

impl AssetNames {
    /// `css=<file>` and `bundle=<name> <js> <wasm> <island>…` lines, files under `pkg`.
    pub fn parse(pkg: &str, output_name: &str, manifest: &str) -> Self {
        let at = |file: &str| format!("/{pkg}/{file}");
        let mut names = AssetNames { css: at(&format!("{output_name}.css")), bundles: Vec::new() };
        for line in manifest.lines() {
            match line.trim().split_once('=') {
                Some(("css", file)) => names.css = at(file.trim()),
                Some(("bundle", rest)) => {
                    let mut words = rest.split_whitespace();
                    let (Some(name), Some(js), Some(wasm)) = (words.next(), words.next(), words.next()) else { continue };
                    let islands = (name != "whole").then(|| words.map(str::to_string).collect());
                    names.bundles.push(Bundle { js: at(js), wasm: at(wasm), islands });
                }
                _ => {}
            }
        }
        names
    }
}

/// Read once per process: the site does not change under a running server.
fn asset_names(options: &LeptosOptions) -> &'static AssetNames {
    static NAMES: OnceLock<AssetNames> = OnceLock::new();
    NAMES.get_or_init(|| {
        let path = format!("{}/{}/manifest.txt", options.site_root, options.site_pkg_dir);
        let manifest = std::fs::read_to_string(&path).unwrap_or_default();
        AssetNames::parse(&options.site_pkg_dir, &options.output_name, &manifest)
    })
}

/// `<link rel=stylesheet>` for the head.
#[component]
pub fn Stylesheet(options: LeptosOptions) -> impl IntoView {
    view! { <link rel="stylesheet" href=asset_names(&options).css.clone()/> }
}

/// The module script: `boot.js` without its comment lines (every page carries it), called with
/// the bundles. Made once per process.
fn boot_script(names: &AssetNames) -> &'static str {
    static SCRIPT: OnceLock<String> = OnceLock::new();
    SCRIPT.get_or_init(|| {
        let code: Vec<&str> = include_str!("boot.js").lines().filter(|l| !l.trim_start().starts_with("//")).collect();
        let bundles = serde_json::to_string(&names.bundles).unwrap_or_else(|_| "[]".into());
        format!("{}({bundles});", code.join("\n"))
    })
}

/// The module script that brings the page's islands to life (`boot.js`). It carries this
/// response's nonce, the only way a script runs under our CSP.
#[component]
pub fn BrowserScripts(options: LeptosOptions) -> impl IntoView {
    view! { <script type="module" nonce=use_nonce()>{boot_script(asset_names(&options))}</script> }
}
