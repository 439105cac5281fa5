//! The widget's page: trunk builds this binary for wasm32 and loads it from widget.html. It holds
//! only the embedded widget (see `leadplan::ui::widget`), so articles load a small bundle.

fn main() {
    #[cfg(target_arch = "wasm32")]
    leadplan::ui::widget::start();
}
