//! A spreadsheet export (.xlsx) reads like the CSV with the same cells: a minimal workbook is
//! written here (a stored ZIP with inline strings and numbers).

use leadplan::calibrate::{Options, calibrate};

fn crc32(data: &[u8]) -> u32 {
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

/// A ZIP archive with the files stored (no compression).
fn zip(files: &[(&str, String)]) -> Vec<u8> {
    let (mut out, mut central) = (Vec::new(), Vec::new());
    for (name, body) in files {
        let (crc, len, offset) = (crc32(body.as_bytes()), body.len() as u32, out.len() as u32);
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
        out.extend(body.as_bytes());
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

fn cell(col: usize, row: usize, value: &str) -> String {
    let r = format!("{}{row}", (b'A' + col as u8) as char);
    match value.parse::<f64>() {
        Ok(_) => format!("<c r=\"{r}\"><v>{value}</v></c>"),
        Err(_) => format!("<c r=\"{r}\" t=\"inlineStr\"><is><t>{value}</t></is></c>"),
    }
}

fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
    let sheet_rows: String = rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let cells: String = row
                .iter()
                .enumerate()
                .map(|(j, v)| cell(j, i + 1, v))
                .collect();
            format!("<row r=\"{}\">{cells}</row>", i + 1)
        })
        .collect();
    let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
    zip(&[
        (
            "[Content_Types].xml",
            String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
             <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
             <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
             <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/></Types>",
            ),
        ),
        (
            "_rels/.rels",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{pkg}\"><Relationship Id=\"rId1\" Type=\"{rel}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"{main}\" xmlns:r=\"{rel}\"><sheets><sheet name=\"Leads\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"{pkg}\"><Relationship Id=\"rId1\" Type=\"{rel}/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>"
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"{main}\"><sheetData>{sheet_rows}</sheetData></worksheet>"
            ),
        ),
    ])
}

#[test]
fn xlsx_reads_like_csv() {
    let rows: &[&[&str]] = &[
        &[
            "Bron",
            "Aanmaakdatum",
            "Eerste contact",
            "Belpogingen",
            "Status",
        ],
        &["Website", "46037.5", "46037.5625", "2", "Verkocht"],
        &["Website", "46040.25", "", "", "Open"],
        &["Marktplaats", "46050", "46050.125", "4", "Verloren"],
    ];
    let from_xlsx = calibrate(&xlsx(rows), &Options::default()).unwrap_or_else(|e| panic!("{e}"));
    let csv: String = rows.iter().map(|r| r.join(";") + "\n").collect();
    let from_csv = calibrate(csv.as_bytes(), &Options::default()).unwrap();
    assert_eq!(from_xlsx.report, from_csv.report);
    assert_eq!(from_xlsx.report.used, 3);
    // 90 and 180 minutes.
    assert_eq!(from_xlsx.report.response.median_minutes, Some(135.0));
    assert_eq!(from_xlsx.arrivals, from_csv.arrivals);
}
