// The page's one script (components/assets.rs): it loads the bundle that holds the page's islands
// and brings them to life; a page without an island (home, 公示, 证书查验, the lists) loads no
// WASM at all. Module scripts run once the document is parsed, so every island the server
// rendered is in it by then (an island inside another has no element of its own).
//   bundles: [{ js, wasm, islands: ["LoginForm_…", …] | null (the whole-app bundle) }]
((bundles) => {
	const islands = [...document.querySelectorAll("leptos-island")];
	const names = islands.map((el) => el.dataset.component);
	const bundle =
		bundles.find((b) => b.islands === null) ??
		bundles.find((b) => names.length > 0 && names.every((n) => b.islands.includes(n)));
	if (!bundle) {
		if (names.length > 0) console.warn(`no bundle holds every island of this page: ${names}`);
		// nothing to run: the page is already all it will be (the tests wait for this mark)
		window.__zp_hydrated = true;
		return;
	}
	const start = () => {
		// the WASM's download starts beside the glue's instead of after it
		const wasm = fetch(bundle.wasm);
		import(bundle.js).then((mod) =>
			mod.default({ module_or_path: wasm }).then(async () => {
				mod.hydrate();
				if (bundle.islands !== null) {
					for (const el of islands) await mod[el.dataset.component](el);
				}
				window.__zp_hydrated = true;
				// the style's `js` class: controls only the page without JavaScript needs can go
				document.documentElement.classList.add("js");
			}),
		);
	};
	// once the page has painted and the main thread is free (as Leptos's own island script
	// waits), so the bundle's download and compile do not hold back what the person sees first;
	// at most a second and a half on a page that is never idle
	if ("requestIdleCallback" in window) requestIdleCallback(start, { timeout: 1500 });
	else setTimeout(start, 0);
})
