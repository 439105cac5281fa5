//! The page: trunk builds this binary for wasm32 and loads it from index.html. The simulation
//! worker imports the same module; `start` tells the two apart.

fn main() {
    #[cfg(target_arch = "wasm32")]
    leadplan::ui::start();
}
