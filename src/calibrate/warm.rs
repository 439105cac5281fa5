//! A small generated lead export for warming the importer up.
//!
//! JavaScriptCore (WebKit, Safari) runs new WebAssembly in a baseline tier first and compiles
//! the hot functions for speed only after they have run a while: in the import worker the
//! first 100,000-row file took about 2 s on a 2-core machine (4.5 s under load), the next one
//! 0.2 s. The worker starts when the import opens, before a file is chosen, and uses that time
//! to read this export a few times (see `src/bin/importer.rs`). It takes the paths a real
//! export takes: a BOM, `;` fields, dd-mm-yyyy times, first contact, attempts, every status
//! group and a status no list knows.

/// Statuses the sample cycles through (sold, lost, open, excluded and one unknown).
const STATUSES: [&str; 6] = [
    "Verkocht",
    "Verloren",
    "Open",
    "In behandeling",
    "Spam",
    "Proefrit",
];
/// Sources the sample cycles through.
const SOURCES: [&str; 4] = ["Website", "Marktplaats", "AutoScout24", "Importeur"];

/// A Dutch Excel export of `rows` leads (BOM, `;`, CRLF, dd-mm-yyyy hh:mm), the same bytes for
/// the same `rows` and `seed`.
pub fn dutch_export(rows: usize, seed: u64) -> Vec<u8> {
    let mut state = seed;
    let mut next = move |n: u64| {
        // SplitMix64: enough for varied, repeatable fields.
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % n
    };
    let mut out = String::with_capacity(rows * 72 + 80);
    out.push('\u{feff}');
    out.push_str("Leadnummer;Bron;Aanmaakdatum;Eerste contact;Belpogingen;Status\r\n");
    for i in 0..rows {
        let (day, month, hour, minute) = (1 + next(28), 1 + next(12), next(24), next(60));
        let source = SOURCES[next(SOURCES.len() as u64) as usize];
        let status = STATUSES[next(STATUSES.len() as u64) as usize];
        let contact = if next(10) < 8 {
            let later = hour + next(24 - hour);
            format!("{day:02}-{month:02}-2025 {later:02}:{:02}", next(60))
        } else {
            String::new()
        };
        let attempts = next(5);
        out.push_str(&format!(
            "{i};{source};{day:02}-{month:02}-2025 {hour:02}:{minute:02};{contact};{attempts};{status}\r\n"
        ));
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calibrate::{Options, calibrate};

    #[test]
    fn the_sample_reads_as_a_real_export_does() {
        let bytes = dutch_export(2048, 1);
        assert_eq!(bytes, dutch_export(2048, 1));
        let c = calibrate(&bytes, &Options::default()).expect("the sample calibrates");
        assert_eq!(c.report.rows, 2048);
        // Only the excluded status (Spam) is left out.
        assert!(
            c.report.used > 1500 && c.report.used < 2048,
            "{}",
            c.report.used
        );
        assert_eq!(c.report.sources.len(), SOURCES.len());
        assert!(c.report.response.contacted > 1000);
        assert!(c.report.attempts.is_some());
        assert!(
            c.report
                .problems
                .iter()
                .any(|p| p.values.iter().any(|v| v == "Proefrit")),
            "the unknown status is reported"
        );
    }
}
