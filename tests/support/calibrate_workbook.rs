//! Minimal .xlsx workbooks for the calibration tests (`tests/calibrate_xlsx.rs`,
//! `tests/calibrate_rules.rs`): a stored ZIP (no compression) of the parts a spreadsheet reader
//! needs, with inline strings and numbers, one worksheet part per sheet.
//!
//! Written here rather than by a spreadsheet crate so the tests know every byte: the fuzz tests
//! mutate the parts or the archive.
#![allow(dead_code)]

/// CRC-32 (IEEE), as ZIP stores it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A ZIP archive with the files stored (no compression), in the order given.
pub fn zip(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, body) in files {
        let (crc, len, offset) = (crc32(body), body.len() as u32, out.len() as u32);
        let common = |v: &mut Vec<u8>| {
            v.extend(20u16.to_le_bytes()); // version needed
            v.extend(0u16.to_le_bytes()); // flags
            v.extend(0u16.to_le_bytes()); // stored
            v.extend(0u32.to_le_bytes()); // time, date
            v.extend(crc.to_le_bytes());
            v.extend(len.to_le_bytes());
            v.extend(len.to_le_bytes());
            v.extend((name.len() as u16).to_le_bytes());
            v.extend(0u16.to_le_bytes()); // extra
        };
        out.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut out);
        out.extend(name.as_bytes());
        out.extend(body);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // version made by
        common(&mut central);
        central.extend([0u8; 6]); // comment, disk, internal attributes
        central.extend(0u32.to_le_bytes()); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let (cd_offset, cd_len) = (out.len() as u32, central.len() as u32);
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((files.len() as u16).to_le_bytes());
    out.extend((files.len() as u16).to_le_bytes());
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}

/// `&`, `<`, `>` and `"` as XML entities.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A cell: a number when the text reads as one, else an inline string.
pub fn cell(col: usize, row: usize, value: &str) -> String {
    let r = format!("{}{row}", (b'A' + col as u8) as char);
    match value.parse::<f64>() {
        Ok(_) => format!("<c r=\"{r}\"><v>{value}</v></c>"),
        Err(_) => format!(
            "<c r=\"{r}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
            escape(value)
        ),
    }
}

/// One sheet of a workbook.
pub struct Sheet<'a, S: AsRef<str>> {
    /// The tab's name.
    pub name: &'a str,
    /// The worksheet part's number: `xl/worksheets/sheet{part}.xml`. The ZIP holds the parts
    /// in this order, the workbook lists the tabs in the order given, so the two can differ.
    pub part: u32,
    /// The rows, the header first.
    pub rows: &'a [Vec<S>],
}

/// The parts of a workbook with `sheets`, tabs in the order given, as (ZIP name, bytes).
pub fn parts<S: AsRef<str>>(sheets: &[Sheet<'_, S>]) -> Vec<(String, Vec<u8>)> {
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
    let overrides: String = sheets
        .iter()
        .map(|s| {
            format!(
                "<Override PartName=\"/xl/worksheets/sheet{}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
                s.part
            )
        })
        .collect();
    let tabs: String = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>",
                escape(s.name),
                i + 1,
                i + 1
            )
        })
        .collect();
    let rels: String = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "<Relationship Id=\"rId{}\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet{}.xml\"/>",
                i + 1,
                s.part
            )
        })
        .collect();
    let mut out = vec![
        (
            "[Content_Types].xml".to_string(),
            format!(
                "{xml}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
                 {overrides}</Types>"
            ),
        ),
        (
            "_rels/.rels".to_string(),
            format!(
                "{xml}<Relationships xmlns=\"{pkg}\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/workbook.xml".to_string(),
            format!(
                "{xml}<workbook xmlns=\"{main}\" xmlns:r=\"{rel}\"><sheets>{tabs}</sheets></workbook>"
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_string(),
            format!("{xml}<Relationships xmlns=\"{pkg}\">{rels}</Relationships>"),
        ),
    ];
    let mut by_part: Vec<&Sheet<'_, S>> = sheets.iter().collect();
    by_part.sort_by_key(|s| s.part);
    for s in by_part {
        let rows: String = s
            .rows
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let cells: String = row
                    .iter()
                    .enumerate()
                    .map(|(j, v)| cell(j, i + 1, v.as_ref()))
                    .collect();
                format!("<row r=\"{}\">{cells}</row>", i + 1)
            })
            .collect();
        out.push((
            format!("xl/worksheets/sheet{}.xml", s.part),
            format!("{xml}<worksheet xmlns=\"{main}\"><sheetData>{rows}</sheetData></worksheet>"),
        ));
    }
    out.into_iter().map(|(n, b)| (n, b.into_bytes())).collect()
}

/// A workbook with `sheets`.
pub fn workbook<S: AsRef<str>>(sheets: &[Sheet<'_, S>]) -> Vec<u8> {
    zip(&parts(sheets))
}

/// A workbook with one sheet, "Leads".
pub fn xlsx<S: AsRef<str>>(rows: &[Vec<S>]) -> Vec<u8> {
    workbook(&[Sheet {
        name: "Leads",
        part: 1,
        rows,
    }])
}
