// The import worker (MODEL.md §9), started by the planner only when someone opens the import:
// loads the importer's own wasm-bindgen module and WebAssembly (src/bin/importer.rs, built by
// trunk as a worker), which install its message handler and say "ready".
import init from './importer.js';

init({ module_or_path: new URL('./importer_bg.wasm', import.meta.url) });
