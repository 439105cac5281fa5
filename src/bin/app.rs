//! The page: trunk builds this binary for wasm32 and loads it from index.html.

fn main() {
    #[cfg(target_arch = "wasm32")]
    leadplan::ui::start();
}
