//! Delimited text: the delimiter (`;`, `,` or tab) detected from the header line, RFC 4180
//! quoting (the `csv` crate), and the rows handed one by one to a [`RowSink`].
//!
//! An optional first line `sep=;` (Excel's delimiter hint) sets the delimiter and is skipped.
//! Row numbers are the file's line numbers, 1-based, the header's line included (the header is
//! usually line 1, the first lead line 2, as Excel numbers its rows); a quoted field with line
//! breaks gives its row the number of the line it starts on. Lines that are empty or hold only
//! delimiters are skipped and not counted.
//!
//! What the `csv` crate does here, and only here in the project: it splits the text after the
//! header's blank lines and `sep=` hint into records (a `csv::ReaderBuilder` with the detected
//! delimiter, no header handling, records of any length) and gives each as a
//! `csv::ByteRecord`: fields split at the delimiter, quoted fields with doubled quotes,
//! delimiters and line breaks inside, CR, LF and CRLF line ends. Everything else is this
//! module's: the delimiter's detection, the `sep=` hint, skipping empty rows, the line numbers
//! (from the record's byte position, see [`read`]), UTF-8 and trimming of fields, and progress.
//! Its serde support (`csv::Reader::deserialize`) is not used. Its cost in the importer's
//! WebAssembly (measured with twiggy on the release build, names kept): about 3.9 KB of code,
//! csv_core's record reader 1.6 KB of it, of the importer's 999 KB (507 KB gzip).

use super::Progress;

/// Receives the header and then each data row.
pub trait RowSink {
    /// The header row.
    fn header(&mut self, fields: &[&str]);
    /// A data row with its line number.
    fn row(&mut self, line: u32, fields: &[&str]);
}

/// How often progress is reported, in rows.
pub const PROGRESS_EVERY: u64 = 4096;

/// The delimiter of a header line: the most frequent of `;`, tab and `,` outside quotes (ties
/// in that order); `,` when there is none.
pub fn detect_delimiter(line: &str) -> u8 {
    let mut counts = [0u32; 3];
    let mut quoted = false;
    for b in line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b';' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    if counts[best] == 0 {
        b','
    } else {
        [b';', b'\t', b','][best]
    }
}

/// Reads `text` into `sink`; returns whether a header was found.
pub fn read(text: &str, sink: &mut dyn RowSink, progress: &mut dyn FnMut(Progress)) -> bool {
    let total = text.len() as u64;
    // The first line that is not blank is the header (or Excel's `sep=` hint).
    let mut lines = text.split_inclusive('\n');
    let mut skip = 0usize;
    let mut delimiter = None;
    let mut header_line = "";
    for line in lines.by_ref() {
        let trimmed = line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
        if trimmed.is_empty() {
            skip += line.len();
            continue;
        }
        if let Some(sep) = trimmed
            .strip_prefix("sep=")
            .or_else(|| trimmed.strip_prefix("SEP="))
            && sep.len() <= 1
        {
            delimiter = Some(match sep.as_bytes().first() {
                Some(&b) => b,
                None => b'\t',
            });
            skip += line.len();
            continue;
        }
        header_line = line;
        break;
    }
    if header_line.is_empty() {
        return false;
    }
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(header_line));
    let body = &text.as_bytes()[skip..];
    // The csv crate's record positions point just after the previous record's first line-end
    // byte (and its line numbers miss CRLF and blank lines), so the line number is counted
    // here: the record starts after any further line-end bytes.
    let mut line_count = text[..skip].bytes().filter(|&b| b == b'\n').count() as u64 + 1;
    let mut counted_to = 0usize;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut record = csv::ByteRecord::new();
    let mut seen_header = false;
    let mut rows = 0u64;
    // Byte records cannot fail on content; stop at the end or anything else.
    while let Ok(true) = reader.read_byte_record(&mut record) {
        let fields: Vec<&str> = record
            .iter()
            .map(|f| std::str::from_utf8(f).unwrap_or("").trim())
            .collect();
        if fields.iter().all(|f| f.is_empty()) {
            continue;
        }
        if !seen_header {
            sink.header(&fields);
            seen_header = true;
            continue;
        }
        let mut at = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
            .min(body.len());
        while matches!(body.get(at), Some(b'\r' | b'\n')) {
            at += 1;
        }
        if at > counted_to {
            line_count += body[counted_to..at].iter().filter(|&&b| b == b'\n').count() as u64;
            counted_to = at;
        }
        sink.row(u32::try_from(line_count).unwrap_or(u32::MAX), &fields);
        rows += 1;
        if rows.is_multiple_of(PROGRESS_EVERY) {
            progress(Progress {
                bytes_read: (skip + counted_to) as u64,
                total_bytes: total,
                rows,
            });
        }
    }
    progress(Progress {
        bytes_read: total,
        total_bytes: total,
        rows,
    });
    seen_header
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Collect {
        header: Vec<String>,
        rows: Vec<(u32, Vec<String>)>,
    }

    impl RowSink for Collect {
        fn header(&mut self, fields: &[&str]) {
            self.header = fields.iter().map(|s| s.to_string()).collect();
        }
        fn row(&mut self, line: u32, fields: &[&str]) {
            self.rows
                .push((line, fields.iter().map(|s| s.to_string()).collect()));
        }
    }

    fn collect(text: &str) -> Collect {
        let mut c = Collect::default();
        read(text, &mut c, &mut |_| {});
        c
    }

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_delimiter("Bron;Aanmaakdatum;Status\n"), b';');
        assert_eq!(detect_delimiter("a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter("a,b,\"c;d;e\""), b',');
        assert_eq!(detect_delimiter("single"), b',');
    }

    #[test]
    fn quoting_and_line_numbers() {
        let c = collect("\nSource,Created\r\n\"A, \"\"quoted\"\"\",\"x\ny\"\r\n\r\n,\nB,2\n");
        assert_eq!(c.header, ["Source", "Created"]);
        assert_eq!(c.rows[0], (3, vec!["A, \"quoted\"".into(), "x\ny".into()]));
        assert_eq!(c.rows[1], (7, vec!["B".into(), "2".into()]));
        assert_eq!(c.rows.len(), 2);
    }

    #[test]
    fn sep_hint() {
        let c = collect("sep=|\nSource|Created\nA|1\n");
        assert_eq!(c.header, ["Source", "Created"]);
        assert_eq!(c.rows, [(3, vec!["A".to_string(), "1".to_string()])]);
    }
}
