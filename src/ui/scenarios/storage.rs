//! LocalStorage, the only side effect of the scenario library: reading and writing one key,
//! with every failure (storage disabled, full, blocked) turned into a value instead of a panic.

use wasm_bindgen::JsValue;
use web_sys::Storage;

/// Why the storage could not be used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// There is no LocalStorage (disabled, blocked by privacy settings, or a sandboxed frame).
    Unavailable,
    /// The storage is full (`QuotaExceededError`).
    Full,
}

fn local() -> Result<Storage, StorageError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(StorageError::Unavailable)
}

/// The stored text under `key`, `None` when nothing is stored.
pub fn read(key: &str) -> Result<Option<String>, StorageError> {
    local()?
        .get_item(key)
        .map_err(|_| StorageError::Unavailable)
}

/// Stores `value` under `key`.
pub fn write(key: &str, value: &str) -> Result<(), StorageError> {
    local()?.set_item(key, value).map_err(|e| classify(&e))
}

/// A failed write: `QuotaExceededError` (code 22, or Firefox's legacy name) means full;
/// anything else (a `SecurityError`) means unusable.
fn classify(error: &JsValue) -> StorageError {
    let name = js_sys::Reflect::get(error, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    let code = js_sys::Reflect::get(error, &"code".into())
        .ok()
        .and_then(|c| c.as_f64());
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" || code == Some(22.0) {
        StorageError::Full
    } else {
        StorageError::Unavailable
    }
}
