// Starts the app: loads the wasm-bindgen glue and the wasm beside this file; the wasm's `main`
// mounts the app. A file, not an inline script, so the page runs under a strict CSP.
import init from "./example-custom-form.js";

await init({ module_or_path: new URL("./example-custom-form_bg.wasm", import.meta.url) });
