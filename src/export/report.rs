//! The scorecard as a workbook laid out like the bulletin's appendix tables: one sheet per
//! table (表一 县直单位, 表二 乡镇区), title, 单位：件, header row, the 合计 row first, the units
//! in order, and the 备注 line. Every number is the scorecard's.

use crate::domain::UnitKind;
use crate::domain::assessment::{Pack, Value};
use crate::domain::scorecard::{Scorecard, UnitRow};
use crate::error::{Error, Result};
use crate::report::Judged;
use crate::report::table::{self, Cell, Col, Detail};
use crate::report::{remark, table_title};
use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartDataLabel, ChartLegendPosition, ChartType, Format, FormatAlign,
    FormatBorder, Workbook, Worksheet, XlsxError,
};
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
    let units = card.table(kind).count() as u32;
    if units > 0 {
        let first = row - units;
        let chart = overdue_chart(sheet_name(kind), kind, (first, row - 1), 1, &[4]);
        ws.insert_chart(remark_row + 2, 0, &chart)?;
    }
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(3, 3)?;
    Ok(())
}

/// A chart's width in pixels for columns of these widths (Excel's character widths).
fn chart_width(widths: impl IntoIterator<Item = f64>) -> u32 {
    let px: f64 = widths.into_iter().map(|w| w * 7.0 + 5.0).sum();
    (px as u32).clamp(480, 960)
}

/// A horizontal bar chart of the sheet's cells: one bar per unit (rows `units`, names in
/// column `names`) for each series column (its title in the header row 3), the first unit at
/// the top, each bar labelled with its value. Native: the chart refers to the cells.
fn bar_chart(
    sheet: &str,
    title: &str,
    units: (u32, u32),
    names: u16,
    series: &[u16],
    percent: bool,
) -> (Chart, u32) {
    let mut chart = Chart::new(ChartType::Bar);
    chart.title().set_name(title);
    for &c in series {
        let mut label = ChartDataLabel::new();
        label.show_value();
        if percent {
            label.set_num_format("0.0%");
        }
        chart
            .add_series()
            .set_name((sheet, 3, c))
            .set_categories((sheet, units.0, names, units.1, names))
            .set_values((sheet, units.0, c, units.1, c))
            .set_data_label(&label)
            .set_gap(60);
    }
    // Units top to bottom in the sheet's order; the value axis stays below them.
    chart
        .y_axis()
        .set_reverse()
        .set_crossing(ChartAxisCrossing::Max);
    if percent {
        chart
            .x_axis()
            .set_min(0.0)
            .set_max(1.0)
            .set_num_format("0%");
    } else {
        chart.x_axis().set_min(0.0);
    }
    if series.len() < 2 {
        chart.legend().set_hidden();
    } else {
        chart.legend().set_position(ChartLegendPosition::Top);
    }
    let n = units.1 + 1 - units.0;
    let per_unit = 8 + 14 * series.len() as u32;
    let height = (90 + n * per_unit).max(260);
    chart.set_height(height);
    (chart, height)
}

/// 超期 by unit: the tier's units, a bar for each overdue column.
fn overdue_chart(
    sheet: &str,
    kind: UnitKind,
    units: (u32, u32),
    names: u16,
    cols: &[u16],
) -> Chart {
    let (mut c, _) = bar_chart(
        sheet,
        &format!("{}超期工单（件）", kind.zh()),
        units,
        names,
        cols,
        false,
    );
    c.set_width(chart_width(WIDTHS));
    c
}

/// The workbook of a report under a pack: a sheet per tier laid out as `report::table` says
/// (the pack's columns, the score, the rank within the tier, the floors failed, and the
/// adjusted ones when exemptions apply), ranked, with the 合计 row first; then native
/// charts of the sheet's cells: orders overdue by unit, and the pack's rates by scored unit.
/// A pack that prints neither overdue figure gets both as the last two columns, so the
/// overdue chart has cells to show.
pub fn judged_workbook(j: &Judged, pack: &Pack) -> Result<Vec<u8>> {
    let x = |e: XlsxError| Error::Io(format!("cannot write the workbook: {e}"));
    let mut cols = table::columns(pack, j.adjusted.is_some(), Detail::Full);
    if table::charted_overdue(&cols).is_empty() {
        cols.extend([
            Col::Figure(crate::domain::assessment::Figure::Overdue30d),
            Col::Figure(crate::domain::assessment::Figure::LateNow),
        ]);
    }
    let mut wb = Workbook::new();
    for t in table::tier_tables(j, pack, &cols) {
        let ws = wb.add_worksheet();
        judged_sheet(ws, j, pack, &t).map_err(x)?;
    }
    wb.save_to_buffer().map_err(x)
}

pub fn write_judged(j: &Judged, pack: &Pack, out: &Path) -> Result<()> {
    let bytes = judged_workbook(j, pack)?;
    std::fs::write(out, bytes)
        .map_err(|e| Error::Io(format!("cannot write {}: {e}", out.display())))
}

fn col_width(c: Col) -> f64 {
    match c {
        Col::Rank | Col::AdjustedRank => 6.0,
        Col::Unit => 20.0,
        Col::Floors | Col::AdjustedFloors => 14.0,
        Col::Adjusted(_) => 12.0,
        _ => 10.0,
    }
}

fn judged_sheet(
    ws: &mut Worksheet,
    j: &Judged,
    pack: &Pack,
    t: &table::TierTable,
) -> Result<(), XlsxError> {
    let kind = t.kind;
    let base = || Format::new().set_font_name("宋体").set_font_size(11);
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
    let note = base().set_text_wrap().set_align(FormatAlign::Left);
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
    let score = cell().set_num_format("0.00").set_align(FormatAlign::Center);

    let sheet = sheet_name(kind);
    ws.set_name(sheet)?;
    let last = t.cols.len() as u16 - 1;
    for (c, col) in t.cols.iter().enumerate() {
        ws.set_column_width(c as u16, col_width(*col))?;
    }
    let full = table_title(kind);
    let (main, sub) = match full.find('（') {
        Some(i) => (&full[..i], &full[i..]),
        None => (full, ""),
    };
    ws.merge_range(0, 0, 0, last, main, &title)?;
    ws.set_row_height(0, 28)?;
    ws.merge_range(1, 0, 1, last, sub, &subtitle)?;
    ws.merge_range(
        2,
        0,
        2,
        last,
        &format!("考核口径：{}（规则包 {}）", pack.title, pack.name),
        &note,
    )?;
    for (c, col) in t.cols.iter().enumerate() {
        ws.write_string_with_format(3, c as u16, col.title(), &head)?;
    }
    ws.set_row_height(3, 30)?;
    let put = |ws: &mut Worksheet, row: u32, cells: &[Cell], total: bool| {
        let f = |f: &Format| {
            if total {
                f.clone().set_bold()
            } else {
                f.clone()
            }
        };
        for (c, (col, v)) in t.cols.iter().zip(cells).enumerate() {
            let c = c as u16;
            match v {
                Cell::Text(s) if *col == Col::Unit && !total => {
                    ws.write_string_with_format(row, c, s, &f(&name))?
                }
                Cell::Text(s) => ws.write_string_with_format(row, c, s, &f(&center))?,
                Cell::Value(Value::Count(n)) => {
                    ws.write_number_with_format(row, c, *n as f64, &f(&int))?
                }
                Cell::Value(Value::Rate { base: 0, .. }) | Cell::Score(None) | Cell::Rank(None) => {
                    ws.write_string_with_format(row, c, "—", &f(&center))?
                }
                Cell::Value(Value::Rate { part, base }) => {
                    ws.write_number_with_format(row, c, *part as f64 / *base as f64, &f(&pct))?
                }
                Cell::Score(Some(s)) => ws.write_number_with_format(row, c, *s, &f(&score))?,
                Cell::Rank(Some(r)) => ws.write_number_with_format(row, c, *r as f64, &f(&int))?,
            };
        }
        ws.set_row_height(row, 20)?;
        Ok::<(), XlsxError>(())
    };
    let mut row = 4u32;
    if let Some(total) = &t.total {
        put(ws, row, total, true)?;
        row += 1;
    }
    let first = row;
    for (_, cells) in &t.rows {
        put(ws, row, cells, false)?;
        row += 1;
    }
    let mut lines = vec![remark(&j.card)];
    if !pack.valid_on(j.card.period.to) {
        lines.push("注意：统计区间不在本规则包的施行期内。".into());
    }
    if !j.exempted.is_empty() {
        let list: Vec<String> = j
            .exempted
            .iter()
            .map(|(no, k)| format!("{no}（{}）", k.zh()))
            .collect();
        lines.push(format!("剔除工单（不计入剔除后各项）：{}", list.join("、")));
    }
    let remark_row = row + 1;
    ws.merge_range(remark_row, 0, remark_row, last, &lines.join("\n"), &note)?;
    ws.set_row_height(remark_row, 18.0 * lines.len() as f64 + 12.0)?;

    // The charts, below the table (so the table prints a page wide), one under the other.
    let position = |c: Col| t.cols.iter().position(|x| *x == c).map(|i| i as u16);
    let names = position(Col::Unit).unwrap_or(1);
    let width = chart_width(t.cols.iter().map(|c| col_width(*c)));
    let mut at = remark_row + 2;
    if !t.rows.is_empty() {
        let series: Vec<u16> = table::charted_overdue(&t.cols)
            .into_iter()
            .filter_map(|f| position(Col::Figure(f)))
            .collect();
        let (mut chart, height) = bar_chart(
            sheet,
            &format!("{}超期工单（件）", kind.zh()),
            (first, row - 1),
            names,
            &series,
            false,
        );
        chart.set_width(width);
        ws.insert_chart(at, 0, &chart)?;
        at += height.div_ceil(20) + 1;
    }
    let rates: Vec<u16> = table::charted_rates(pack)
        .into_iter()
        .filter_map(|f| position(Col::Figure(f)))
        .collect();
    if t.scored > 0 && !rates.is_empty() {
        let (mut chart, _) = bar_chart(
            sheet,
            &format!("{}各单位{}（按排名）", kind.zh(), rate_names(t, &rates)),
            (first, first + t.scored as u32 - 1),
            names,
            &rates,
            true,
        );
        chart.set_width(width);
        // A page of its own when printed: it is as tall as the table.
        ws.set_page_breaks(&[at])?;
        ws.insert_chart(at, 0, &chart)?;
    }
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(3, 3)?;
    Ok(())
}

/// 响应率、解决率、满意率
fn rate_names(t: &table::TierTable, cols: &[u16]) -> String {
    cols.iter()
        .filter_map(|c| t.cols.get(*c as usize))
        .map(|c| c.title())
        .collect::<Vec<_>>()
        .join("、")
}
