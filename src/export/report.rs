//! The scorecard as a workbook laid out like the bulletin's appendix tables: one sheet per
//! table (表一 县直单位, 表二 乡镇区), title, 单位：件, header row, the 合计 row first, the units
//! in order, and the 备注 line. Every number is the scorecard's.

use crate::domain::UnitKind;
use crate::domain::scorecard::{Scorecard, UnitRow};
use crate::error::{Error, Result};
use crate::report::{remark, table_title};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// The header row: the bulletin's six columns, then the rates and counts it lacks.
pub const HEADER: [&str; 11] = [
    "序号",
    "单位",
    "承办量",
    "办结量",
    "超期30天以上工单数",
    "督办次数",
    "办结率",
    "按时办结率",
    "催办次数",
    "重办次数",
    "满意率",
];
const WIDTHS: [f64; 11] = [6.0, 20.0, 9.0, 9.0, 12.0, 9.0, 9.0, 10.0, 9.0, 9.0, 9.0];

/// The sheet names.
pub fn sheet_name(kind: UnitKind) -> &'static str {
    match kind {
        UnitKind::Department => "表一（县直单位）",
        UnitKind::Township => "表二（乡镇区）",
    }
}

/// The workbook as bytes.
pub fn workbook(card: &Scorecard) -> Result<Vec<u8>> {
    let x = |e: XlsxError| Error::Io(format!("cannot write the workbook: {e}"));
    let mut wb = Workbook::new();
    for kind in UnitKind::ALL {
        let ws = wb.add_worksheet();
        sheet(ws, card, kind).map_err(x)?;
    }
    wb.save_to_buffer().map_err(x)
}

pub fn write(card: &Scorecard, out: &Path) -> Result<()> {
    let bytes = workbook(card)?;
    std::fs::write(out, bytes)
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", out.display())))
}

fn sheet(ws: &mut Worksheet, card: &Scorecard, kind: UnitKind) -> Result<(), XlsxError> {
    let font = "宋体";
    let base = || Format::new().set_font_name(font).set_font_size(11);
    let title = base()
        .set_font_name("黑体")
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let subtitle = base()
        .set_font_size(12)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let unit_note = base().set_align(FormatAlign::Right);
    let cell = || {
        base()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
    };
    let head = cell()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center);
    let center = cell().set_align(FormatAlign::Center);
    let name = cell().set_align(FormatAlign::Left);
    let int = cell().set_num_format("0").set_align(FormatAlign::Center);
    let pct = cell().set_num_format("0.0%").set_align(FormatAlign::Center);
    let bold = |f: &Format| f.clone().set_bold();
    let remark_fmt = base().set_text_wrap().set_align(FormatAlign::Left);

    ws.set_name(sheet_name(kind))?;
    let last = HEADER.len() as u16 - 1;
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let full = table_title(kind);
    let (main, sub) = match full.find('（') {
        Some(i) => (&full[..i], &full[i..]),
        None => (full, ""),
    };
    ws.merge_range(0, 0, 0, last, main, &title)?;
    ws.set_row_height(0, 28)?;
    ws.merge_range(1, 0, 1, last, sub, &subtitle)?;
    ws.merge_range(2, 0, 2, last, "单位：件", &unit_note)?;
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, *h, &head)?;
    }
    ws.set_row_height(3, 30)?;
    let mut row = 4u32;
    let mut put =
        |ws: &mut Worksheet, no: &str, r: &UnitRow, total: bool| -> Result<(), XlsxError> {
            let f = |f: &Format| if total { bold(f) } else { f.clone() };
            ws.write_string_with_format(row, 0, no, &f(&center))?;
            ws.write_string_with_format(row, 1, &r.unit, &f(if total { &center } else { &name }))?;
            let counts = [
                (2, r.assigned),
                (3, r.closed),
                (4, r.overdue_30d),
                (5, r.supervisions),
                (8, r.urges),
                (9, r.redos),
            ];
            for (c, v) in counts {
                ws.write_number_with_format(row, c, v as f64, &f(&int))?;
            }
            for (c, v) in [
                (6, r.closure_rate),
                (7, r.on_time_rate),
                (10, r.satisfaction_rate),
            ] {
                match v {
                    Some(v) => ws.write_number_with_format(row, c, v, &f(&pct))?,
                    None => ws.write_string_with_format(row, c, "—", &f(&center))?,
                };
            }
            ws.set_row_height(row, 20)?;
            row += 1;
            Ok(())
        };
    if let Some(t) = card.table_total(kind) {
        put(ws, "", t, true)?;
    }
    for (i, r) in card.table(kind).enumerate() {
        put(ws, &(i + 1).to_string(), r, false)?;
    }
    let remark_row = row + 1;
    ws.merge_range(remark_row, 0, remark_row, last, &remark(card), &remark_fmt)?;
    ws.set_row_height(remark_row, 30)?;
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(3, 3)?;
    Ok(())
}
