//! The bulletin as a minimal WordprocessingML package (`.docx`), written with the `zip` crate:
//! `[Content_Types].xml`, `_rels/.rels`, `word/document.xml`, `word/styles.xml`,
//! `word/settings.xml`, `word/_rels/document.xml.rels`, `docProps/core.xml` and `app.xml`,
//! and a `word/media/imageN.png` for each chart (`bulletin::chart`), drawn inline
//! (`w:drawing`) after its tier's table with its caption, legend and key as text.
//! Laid out as a Chinese official document (GB/T 9704): A4, 宋体 三号 body with exact 28 pt
//! lines and a two-character first-line indent, 黑体 section headings, a 二号 title; the
//! appendix tables are real tables with single borders and a repeated header row.

use super::Appendix;
use super::chart::{BarChart, COLORS};
use super::template::{Align, Block};
use crate::error::{Error, Result};
use std::io::Write;

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The namespaces of an inline picture.
const PICTURE_NS: &str = " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"";

/// Text width on A4 with the official margins (left 28 mm, right 26 mm), in twips.
const TEXT_WIDTH: u32 = 11906 - 1588 - 1474;
/// The appendix tables' column widths (twips), summing to the text width.
const COLUMNS: [u32; 6] = [800, 2700, 1150, 1150, 1894, 1150];

/// The column widths of a table with this header: the bulletin's six as `COLUMNS`; a pack's
/// (排名, 单位, its figures, 得分…, 未达底线) the number and the name as there, the floors
/// wider, the rest sharing what is left.
fn widths(t: &Appendix) -> Vec<u32> {
    let n = t.header.len();
    if n == COLUMNS.len() {
        return COLUMNS.to_vec();
    }
    if n < 4 {
        return vec![TEXT_WIDTH / n.max(1) as u32; n];
    }
    // A pack's table: each column as wide as its widest cell at 小五 (one display column of
    // text ≈ 95 twips, plus the cell's margins), so that `100.0%` and a unit's name never
    // wrap; the headers may wrap (they are words). What is left is shared in proportion
    // to the headers' widths; a table too wide for the page is scaled down.
    const UNIT: u32 = 95;
    const MARGINS: u32 = 160;
    let widest = |i: usize| {
        t.rows
            .iter()
            .filter_map(|r| r.get(i))
            .map(|c| crate::domain::text::width(c) as u32)
            .max()
            .unwrap_or(0)
            .max(4)
    };
    let mut w: Vec<u32> = (0..n).map(|i| widest(i) * UNIT + MARGINS).collect();
    let sum: u32 = w.iter().sum();
    if sum < TEXT_WIDTH {
        let heads: Vec<u32> = t
            .header
            .iter()
            .map(|h| crate::domain::text::width(h).max(1) as u32)
            .collect();
        let total: u32 = heads.iter().sum();
        let left = TEXT_WIDTH - sum;
        for (x, h) in w.iter_mut().zip(&heads) {
            *x += left * h / total.max(1);
        }
    } else {
        for x in w.iter_mut() {
            *x = *x * TEXT_WIDTH / sum.max(1);
        }
    }
    // What rounding left over goes to the unit's column.
    let sum: u32 = w.iter().sum();
    if let Some(x) = w.get_mut(1) {
        *x = (*x + TEXT_WIDTH).saturating_sub(sum);
    }
    w
}

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

fn cell(width: u32, text: &str, bold: bool, align: &str, size: Option<u32>) -> String {
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/><w:vAlign w:val=\"center\"/></w:tcPr>{}</w:tc>",
        para(
            &format!("<w:pStyle w:val=\"TableText\"/><w:jc w:val=\"{align}\"/>"),
            &rpr(None, bold, size),
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
    let columns = widths(t);
    // A pack's wider table in 小五 (9 pt), so that 100.0% fits its column.
    let size = (t.header.len() > COLUMNS.len()).then_some(18);
    for w in &columns {
        x.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    x.push_str("</w:tblGrid>");
    let row = |cells: &[String], header: bool, bold: bool| {
        let mut r = String::from("<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val=\"360\"/>");
        if header {
            r.push_str("<w:tblHeader/>");
        }
        r.push_str("</w:trPr>");
        for (i, (c, w)) in cells.iter().zip(columns.iter().copied()).enumerate() {
            let align = if i == 1 && !header && !bold {
                "left"
            } else {
                "center"
            };
            r.push_str(&cell(w, c, bold || header, align, size));
        }
        r.push_str("</w:tr>");
        r
    };
    x.push_str(&row(&t.header, true, true));
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

/// EMU (the drawing's unit) per twip.
const EMU_PER_TWIP: u64 = 635;
/// An A4 page's text height (twips): the page less the top and bottom margins.
const PAGE_TEXT_HEIGHT: u64 = 16838 - 2098 - 1984;

/// A chart: its caption (图N), legend, the picture (relationship `rId{100 + N}`, part
/// `media/imageN.png`) and the key naming each numbered bar's unit.
fn chart_xml(b: &mut Body, no: usize, c: &BarChart) {
    b.p(
        "<w:keepNext/><w:spacing w:before=\"240\" w:line=\"400\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/>",
        &rpr(Some("黑体"), false, Some(28)),
        &format!("图{no}　{}", c.title),
    );
    let mut legend = String::new();
    for (k, name) in c.series.iter().enumerate() {
        let [r, g, bl] = COLORS[k % COLORS.len()];
        if k > 0 {
            legend.push_str(&runs("　　", &rpr(None, false, Some(21))));
        }
        legend.push_str(&format!(
            "<w:r><w:rPr><w:color w:val=\"{r:02X}{g:02X}{bl:02X}\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/></w:rPr><w:t xml:space=\"preserve\">■ </w:t></w:r>{}",
            runs(name, &rpr(None, false, Some(21)))
        ));
    }
    b.xml.push_str(&format!(
        "<w:p><w:pPr><w:keepNext/><w:spacing w:line=\"360\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/></w:pPr>{legend}</w:p>"
    ));
    let (w, h) = c.size();
    let mut cx = u64::from(TEXT_WIDTH) * EMU_PER_TWIP;
    let mut cy = cx * u64::from(h) / u64::from(w.max(1));
    // The tallest the picture may be so that the caption, the legend, the picture and the
    // key (kept together by keepNext) fit one page: the key's lines estimated at ~7 entries
    // a line of 10.5 pt text (an entry is its number and a name of up to 6 characters).
    let key_lines = c.units.len().div_ceil(7).max(1) as u64;
    let max =
        PAGE_TEXT_HEIGHT.saturating_sub(640 + 360 + 60 + 360 * key_lines + 500) * EMU_PER_TWIP;
    if cy > max {
        cx = cx * max / cy;
        cy = max;
    }
    let id = 100 + no;
    let alt = esc(&c.title);
    // Auto line spacing: the body's exact 28 pt lines would cut the picture.
    b.xml.push_str(&format!(
        "<w:p><w:pPr><w:keepNext/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"{id}\" name=\"图{no}\" descr=\"{alt}\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic><pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"image{no}.png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed=\"rId{id}\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    ));
    let key: Vec<String> = c
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| format!("{}\u{a0}{u}", i + 1))
        .collect();
    b.p(
        "<w:spacing w:before=\"60\" w:line=\"360\" w:lineRule=\"exact\"/>",
        &rpr(None, false, Some(21)),
        &format!("注：图中编号为 {}。", key.join("　")),
    );
}

/// The document part and the charts' pictures (PNG), in the order of their numbers.
fn document(blocks: &[Block], tables: &[Appendix]) -> Result<(String, Vec<Vec<u8>>)> {
    let mut images: Vec<Vec<u8>> = Vec::new();
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
                for (i, t) in tables.iter().enumerate() {
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
                    for c in &t.charts {
                        images.push(c.png()?);
                        chart_xml(&mut b, images.len(), c);
                    }
                }
            }
        }
    }
    let ns = if images.is_empty() { "" } else { PICTURE_NS };
    let xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\"{ns}><w:body>{}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/><w:cols w:space=\"425\"/></w:sectPr></w:body></w:document>",
        b.xml
    );
    Ok((xml, images))
}

fn styles() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W_NS}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:hint="eastAsia"/><w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="560" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/></w:pPr></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="240" w:after="360" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:b/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="AppendixTitle"><w:name w:val="Appendix Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:pPr><w:spacing w:before="240" w:line="600" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:b/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:line="300" w:lineRule="exact"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>"#;

/// The document's relationships: styles, settings, and a picture per chart (`rId{100 + N}`).
fn document_rels(images: usize) -> String {
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>"#,
    );
    for n in 1..=images {
        x.push_str(&format!(
            r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/image{n}.png"/>"#,
            100 + n
        ));
    }
    x.push_str("</Relationships>");
    x
}

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
pub fn write(blocks: &[Block], tables: &[Appendix], now: chrono::NaiveDateTime) -> Result<Vec<u8>> {
    let title = blocks
        .iter()
        .find_map(|b| match b {
            Block::Title(t) => Some(t.as_str()),
            _ => None,
        })
        .unwrap_or("通报");
    let (doc, images) = document(blocks, tables)?;
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), CONTENT_TYPES.into()),
        ("_rels/.rels".into(), RELS.into()),
        ("word/document.xml".into(), doc.into_bytes()),
        ("word/styles.xml".into(), styles().into_bytes()),
        ("word/settings.xml".into(), settings().into_bytes()),
        (
            "word/_rels/document.xml.rels".into(),
            document_rels(images.len()).into_bytes(),
        ),
        ("docProps/core.xml".into(), core(title, now).into_bytes()),
        ("docProps/app.xml".into(), APP.into()),
    ];
    for (i, png) in images.into_iter().enumerate() {
        parts.push((format!("word/media/image{}.png", i + 1), png));
    }
    let z = |e: zip::result::ZipError| Error::Io(format!("cannot write the document: {e}"));
    let mut zw = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zw.start_file(name, opts).map_err(z)?;
        zw.write_all(&content)
            .map_err(|e| Error::Io(format!("cannot write the document: {e}")))?;
    }
    Ok(zw.finish().map_err(z)?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packs_columns_are_as_wide_as_their_widest_cell_and_fill_the_page() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let t = Appendix {
            label: String::new(),
            title: String::new(),
            header: s(&[
                "排名",
                "单位",
                "承办量",
                "有效回访",
                "响应率",
                "解决率",
                "满意率",
                "超期30天以上",
                "得分",
                "未达底线",
            ]),
            rows: vec![
                s(&[
                    "1",
                    "公安局（交警队）",
                    "22",
                    "18",
                    "100.0%",
                    "50.0%",
                    "70.0%",
                    "2",
                    "59.67",
                    "满意率",
                ]),
                s(&["—", "海城供电公司", "2", "0", "—", "—", "—", "1", "—", ""]),
            ],
            has_total: false,
            remark: String::new(),
            charts: Vec::new(),
        };
        let w = widths(&t);
        assert_eq!(w.iter().sum::<u32>(), TEXT_WIDTH);
        // `100.0%` is 6 columns wide: 6 × 95 + 160 twips at least, so it never wraps.
        assert!(w[4] >= 6 * 95 + 160, "{w:?}");
        // The unit's name, 16 columns (公安局（交警队）), on one line too.
        assert!(w[1] >= 16 * 95 + 160, "{w:?}");
    }
}
