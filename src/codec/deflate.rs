//! Raw DEFLATE (RFC 1951) for share links. In the page the browser does it, with its
//! `CompressionStream` and `DecompressionStream` ("deflate-raw"), which keeps a compressor out of
//! the WebAssembly (about 15 KB gzip). The command and the native tests use miniz_oxide; both
//! read each other's output, since any raw DEFLATE stream of the JSON opens.

/// Why compressed data could not be unpacked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// Not raw DEFLATE data, or cut short.
    Corrupt,
    /// It unpacks to more than the limit.
    TooLarge,
    /// This browser cannot unpack DEFLATE (it has no `DecompressionStream`).
    Unsupported,
}

#[cfg(target_arch = "wasm32")]
pub use browser::{deflate, inflate};
#[cfg(not(target_arch = "wasm32"))]
pub use native::{deflate, inflate};

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::InflateError;
    use miniz_oxide::inflate::TINFLStatus;

    /// Compresses `bytes` at the highest level.
    pub fn deflate(bytes: &[u8]) -> Vec<u8> {
        miniz_oxide::deflate::compress_to_vec(bytes, 10)
    }

    /// Unpacks `bytes`, refusing output beyond `limit` bytes.
    pub fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
        miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, limit).map_err(|e| {
            match e.status {
                TINFLStatus::HasMoreOutput => InflateError::TooLarge,
                _ => InflateError::Corrupt,
            }
        })
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use js_sys::{Array, Uint8Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Blob, ReadableStream, ReadableStreamDefaultReader, ReadableStreamReadResult,
        ReadableWritablePair,
    };

    use super::InflateError;

    // web-sys has these two only behind its unstable-API flag; the constructors are all we need.
    #[wasm_bindgen]
    extern "C" {
        type CompressionStream;
        #[wasm_bindgen(constructor, catch)]
        fn new(format: &str) -> Result<CompressionStream, JsValue>;

        type DecompressionStream;
        #[wasm_bindgen(constructor, catch)]
        fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    }

    const FORMAT: &str = "deflate-raw";

    /// Why a transform stopped.
    enum Stop {
        /// The stream failed: corrupt or cut-short input.
        Failed,
        /// More output than the limit.
        Limit,
    }

    /// Runs `bytes` through a transform stream, collecting at most `limit` bytes of output.
    async fn run(bytes: &[u8], transform: &JsValue, limit: usize) -> Result<Vec<u8>, Stop> {
        let parts = Array::of1(&Uint8Array::from(bytes));
        let blob = Blob::new_with_u8_array_sequence(&parts).map_err(|_| Stop::Failed)?;
        let output: ReadableStream = blob
            .stream()
            .pipe_through(transform.unchecked_ref::<ReadableWritablePair>());
        let reader: ReadableStreamDefaultReader = output.get_reader().unchecked_into();
        let mut out = Vec::new();
        loop {
            let chunk: ReadableStreamReadResult = JsFuture::from(reader.read())
                .await
                .map_err(|_| Stop::Failed)?
                .unchecked_into();
            if chunk.get_done().unwrap_or(true) {
                return Ok(out);
            }
            let chunk = Uint8Array::new(&chunk.get_value());
            if out.len() + chunk.length() as usize > limit {
                // Stop the browser from unpacking the rest of a crafted link.
                let _ = reader.cancel();
                return Err(Stop::Limit);
            }
            let start = out.len();
            out.resize(start + chunk.length() as usize, 0);
            chunk.copy_to(&mut out[start..]);
        }
    }

    /// Compresses `bytes`; `None` when this browser cannot.
    pub async fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
        let stream = CompressionStream::new(FORMAT).ok()?;
        run(bytes, &stream, usize::MAX).await.ok()
    }

    /// Unpacks `bytes`, refusing output beyond `limit` bytes.
    pub async fn inflate(bytes: &[u8], limit: usize) -> Result<Vec<u8>, InflateError> {
        let stream = DecompressionStream::new(FORMAT).map_err(|_| InflateError::Unsupported)?;
        run(bytes, &stream, limit).await.map_err(|stop| match stop {
            Stop::Failed => InflateError::Corrupt,
            Stop::Limit => InflateError::TooLarge,
        })
    }
}
