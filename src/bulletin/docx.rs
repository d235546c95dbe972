//! The bulletin as a minimal WordprocessingML package (`.docx`), written with the `zip` crate:
//! `[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, `word/styles.xml`,
//! `word/settings.xml`, `word/_rels/document.xml.rels`, `docProps/core.xml` and `app.xml`.
//! Laid out as a Chinese official document (GB/T 9704): A4, 宋体 三号 body with exact 28 pt
//! lines and a two-character first-line indent, 黑体 section headings, a 二号 title; the
//! appendix tables are real tables with single borders and a repeated header row.

use super::template::{Align, Block};
use super::{Appendix, TABLE_HEADER, appendix};
use crate::domain::scorecard::Scorecard;
use crate::error::{Error, Result};
use std::io::Write;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Text width on A4 with the official margins (left 28 mm, right 26 mm), in twips.
const TEXT_WIDTH: u32 = 11906 - 1588 - 1474;
/// The appendix tables' column widths (twips), summing to the text width.
const COLUMNS: [u32; 6] = [800, 2700, 1150, 1150, 1894, 1150];

/// XML-escape text, dropping characters XML 1.0 cannot hold.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Runs for a text: line breaks become `<w:br/>`.
fn runs(text: &str, rpr: &str) -> String {
    let mut out = String::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push_str(&format!("<w:r>{rpr}<w:br/></w:r>"));
        }
        if !line.is_empty() {
            out.push_str(&format!(
                "<w:r>{rpr}<w:t xml:space=\"preserve\">{}</w:t></w:r>",
                esc(line)
            ));
        }
    }
    out
}

fn para(ppr: &str, rpr: &str, text: &str) -> String {
    format!("<w:p><w:pPr>{ppr}</w:pPr>{}</w:p>", runs(text, rpr))
}

fn rpr(font: Option<&str>, bold: bool, size_half_points: Option<u32>) -> String {
    let mut s = String::from("<w:rPr>");
    if let Some(f) = font {
        s.push_str(&format!(
            "<w:rFonts w:ascii=\"{f}\" w:eastAsia=\"{f}\" w:hAnsi=\"{f}\" w:hint=\"eastAsia\"/>"
        ));
    } else {
        s.push_str("<w:rFonts w:hint=\"eastAsia\"/>");
    }
    if bold {
        s.push_str("<w:b/><w:bCs/>");
    }
    if let Some(sz) = size_half_points {
        s.push_str(&format!("<w:sz w:val=\"{sz}\"/><w:szCs w:val=\"{sz}\"/>"));
    }
    s.push_str("</w:rPr>");
    s
}

fn cell(width: u32, text: &str, bold: bool, align: &str) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>{}</w:tc>",
        para(
            &format!("<w:pStyle w:val=\"TableText\"/><w:jc w:val=\"{align}\"/>"),
            &rpr(None, bold, None),
            text
        )
    )
}

fn table(t: &Appendix) -> String {
    let border = |side: &str| {
        format!("<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>")
    };
    let borders: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|s| border(s))
        .collect();
    let mut x = format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"{TEXT_WIDTH}\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"60\" w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"1\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
    );
    for w in COLUMNS {
        x.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    x.push_str("</w:tblGrid>");
    let row = |cells: &[String], header: bool, bold: bool| {
        let mut r = String::from("<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"360\"/>");
        if header {
            r.push_str("<w:tblHeader/>");
        }
        r.push_str("</w:trPr>");
        for (i, (c, w)) in cells.iter().zip(COLUMNS).enumerate() {
            let align = if i == 1 && !header && !bold {
                "left"
            } else {
                "center"
            };
            r.push_str(&cell(w, c, bold || header, align));
        }
        r.push_str("</w:tr>");
        r
    };
    let head: Vec<String> = TABLE_HEADER.iter().map(|s| s.to_string()).collect();
    x.push_str(&row(&head, true, true));
    for (i, cells) in t.rows.iter().enumerate() {
        x.push_str(&row(cells, false, i == 0 && t.has_total));
    }
    x.push_str("</w:tbl>");
    x
}

/// The body being written. A page break is `pageBreakBefore` on the next paragraph (a
/// paragraph holding only a break leaves an empty page in some readers).
struct Body {
    xml: String,
    break_before: bool,
}

impl Body {
    fn p(&mut self, ppr: &str, rpr: &str, text: &str) {
        let ppr = if std::mem::take(&mut self.break_before) {
            format!("<w:pageBreakBefore/>{ppr}")
        } else {
            ppr.to_string()
        };
        self.xml.push_str(&para(&ppr, rpr, text));
    }
}

fn document(blocks: &[Block], card: &Scorecard) -> String {
    let body_rpr = rpr(None, false, None);
    let mut b = Body {
        xml: String::new(),
        break_before: false,
    };
    for (i, block) in blocks.iter().enumerate() {
        let next_right = matches!(blocks.get(i + 1), Some(Block::Para(Align::Right, _)));
        match block {
            Block::Title(t) => b.p(
                "<w:pStyle w:val=\"Title\"/>",
                &rpr(Some("宋体"), true, Some(44)),
                t,
            ),
            Block::Heading(t) => b.p(
                "<w:pStyle w:val=\"Heading1\"/>",
                &rpr(Some("黑体"), false, None),
                t,
            ),
            Block::Para(Align::Body, t) => b.p(
                "<w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>",
                &body_rpr,
                t,
            ),
            Block::Para(Align::NoIndent, t) => b.p("", &body_rpr, t),
            Block::Para(Align::Center, t) => b.p("<w:jc w:val=\"center\"/>", &body_rpr, t),
            // The signature block (office, date) stays on one page.
            Block::Para(Align::Right, t) => b.p(
                &format!(
                    "{}<w:ind w:right=\"640\"/><w:jc w:val=\"right\"/>",
                    if next_right { "<w:keepNext/>" } else { "" }
                ),
                &body_rpr,
                t,
            ),
            Block::PageBreak => b.break_before = true,
            Block::Tables => {
                for (i, t) in appendix(card).iter().enumerate() {
                    if i > 0 {
                        b.break_before = true;
                    }
                    b.p("<w:keepNext/>", &rpr(Some("黑体"), false, None), &t.label);
                    let (main, sub) = match t.title.find('（') {
                        Some(k) => (&t.title[..k], &t.title[k..]),
                        None => (t.title.as_str(), ""),
                    };
                    b.p(
                        "<w:pStyle w:val=\"AppendixTitle\"/><w:keepNext/>",
                        &rpr(Some("宋体"), true, Some(36)),
                        main,
                    );
                    if !sub.is_empty() {
                        b.p(
                            "<w:keepNext/><w:jc w:val=\"center\"/>",
                            &rpr(Some("楷体"), false, None),
                            sub,
                        );
                    }
                    b.p(
                        "<w:keepNext/><w:spacing w:line=\"400\" w:lineRule=\"exact\"/><w:jc w:val=\"right\"/>",
                        &rpr(None, false, Some(24)),
                        "单位：件",
                    );
                    b.xml.push_str(&table(t));
                    b.p(
                        "<w:spacing w:before=\"120\" w:line=\"360\" w:lineRule=\"exact\"/>",
                        &rpr(None, false, Some(24)),
                        &t.remark,
                    );
                }
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\"><w:body>{}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/><w:cols w:space=\"425\"/></w:sectPr></w:body></w:document>",
        b.xml
    )
}

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:hint="eastAsia"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="360" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:b/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="AppendixTitle"><w:name w:val="Appendix Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:before="240" w:line="600" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="300" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"#;

fn settings() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="{W_NS}"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/></w:compat></w:settings>"#
    )
}

fn core(title: &str, created: chrono::NaiveDateTime) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>hotline</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">{}Z</dcterms:created></cp:coreProperties>"#,
        esc(title),
        created.format("%Y-%m-%dT%H:%M:%S")
    )
}

const APP: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>hotline</Application></Properties>"#;

/// The .docx package as bytes.
pub fn write(blocks: &[Block], card: &Scorecard, now: chrono::NaiveDateTime) -> Result<Vec<u8>> {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or("通报");
    let parts: [(&str, String); 8] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/document.xml", document(blocks, card)),
        ("word/styles.xml", styles()),
        ("word/settings.xml", settings()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("docProps/core.xml", core(title, now)),
        ("docProps/app.xml", APP.to_string()),
    ];
    let z = |e: zip::result::ZipError| Error::Io(format!("cannot write the document: {e}"));
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zw.start_file(name, opts).map_err(z)?;
        zw.write_all(content.as_bytes())
            .map_err(|e| Error::Io(format!("cannot write the document: {e}")))?;
    }
    Ok(zw.finish().map_err(z)?.into_inner())
}
