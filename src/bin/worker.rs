//! The simulation worker: trunk builds this binary as a Web Worker (see index.html).

fn main() {
    #[cfg(target_arch = "wasm32")]
    leadplan::worker::register();
}
