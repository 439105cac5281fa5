//! Numbers and money formatted by the browser's Intl for the interface language
//! (nl: "€ 1.234.567", "12,5%"; en: "€1,234,567", "12.5%"). Formatters are built once per
//! language and style and kept, because building an Intl.NumberFormat is slow.

use std::cell::RefCell;

use js_sys::{Array, Intl, Object, Reflect};
use wasm_bindgen::JsValue;

use super::Lang;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Money,
    Number(u8),
    Percent(u8),
}

thread_local! {
    // A dozen or so (language, style) pairs: a list is as quick to search as a map.
    static FORMATTERS: RefCell<Vec<((Lang, Style), Intl::NumberFormat)>> = const { RefCell::new(Vec::new()) };
}

fn options(style: Style) -> Object {
    let o = Object::new();
    let set = |k: &str, v: JsValue| {
        // Setting a property on a fresh plain object cannot fail.
        let _ = Reflect::set(&o, &JsValue::from_str(k), &v);
    };
    match style {
        Style::Money => {
            set("style", "currency".into());
            set("currency", "EUR".into());
            set("maximumFractionDigits", 0.into());
            set("minimumFractionDigits", 0.into());
        }
        Style::Number(d) => {
            set("maximumFractionDigits", d.into());
            set("minimumFractionDigits", 0.into());
        }
        Style::Percent(d) => {
            set("style", "percent".into());
            set("maximumFractionDigits", d.into());
            set("minimumFractionDigits", d.into());
        }
    }
    o
}

/// Calls `f` with the formatter of `lang` and `style`, built on first use.
fn with_formatter<R>(lang: Lang, style: Style, f: impl FnOnce(&Intl::NumberFormat) -> R) -> R {
    FORMATTERS.with(|cell| {
        let mut list = cell.borrow_mut();
        let key = (lang, style);
        let at = match list.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                let locales = Array::of1(&JsValue::from_str(lang.tag()));
                list.push((key, Intl::NumberFormat::new(&locales, &options(style))));
                list.len() - 1
            }
        };
        f(&list[at].1)
    })
}

fn format(lang: Lang, style: Style, value: f64) -> String {
    if !value.is_finite() {
        return "–".to_owned();
    }
    with_formatter(lang, style, |formatter| {
        formatter
            .format()
            .call1(&JsValue::UNDEFINED, &JsValue::from_f64(value))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| format!("{value}"))
    })
}

/// The styles of nearly every figure on a first screen.
const FIRST_SCREEN: [Style; 5] = [
    Style::Money,
    Style::Number(0),
    Style::Number(1),
    Style::Percent(0),
    Style::Percent(1),
];

/// Builds the formatters of `lang` that a first screen uses, one per task. Building an
/// Intl.NumberFormat takes several milliseconds on a slow phone, a dozen of them together were a
/// quarter of the planner's first render; ahead of it, one at a time, they block nothing.
pub async fn prepare(lang: Lang) {
    for style in FIRST_SCREEN {
        with_formatter(lang, style, |_| ());
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
}

/// Whole euros: "€ 1.234.567" in Dutch.
pub fn money(lang: Lang, value: f64) -> String {
    format(lang, Style::Money, value)
}

/// A number with at most `decimals` decimals and grouping: "1.234,5".
pub fn number(lang: Lang, value: f64, decimals: u8) -> String {
    format(lang, Style::Number(decimals), value)
}

/// A fraction as percent with exactly `decimals` decimals: 0.125 → "12,5%".
pub fn percent(lang: Lang, fraction: f64, decimals: u8) -> String {
    format(lang, Style::Percent(decimals), fraction)
}
