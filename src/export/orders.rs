//! Orders with their current state, as CSV or XLSX, in the layout `data/mappings/hotline.toml`
//! reads back: the round trip. The 办理过程 column carries each order's history, so an import
//! recreates every event (urges, supervisions, redos, callbacks…) at its time; supervisions of
//! a unit as a whole follow the orders as rows whose 状态 is 单位督办.

use crate::domain::text::{mask_name, mask_phone};
use crate::domain::{Event, EventKind, Order};
use crate::error::{Error, Result};
use crate::import::history;
use crate::store::{OrderFilter, Store};
use chrono::{NaiveDate, NaiveDateTime};
use std::path::Path;

/// The columns, in order. The import mapping `data/mappings/hotline.toml` names these.
pub const COLUMNS: [&str; 22] = [
    "工单编号",
    "类别",
    "状态",
    "标题",
    "内容",
    "诉求人",
    "电话",
    "地址",
    "受理时间",
    "承办单位",
    "转办时间",
    "办理时限",
    "签收时间",
    "回复内容",
    "回复时间",
    "回访结果",
    "办结时间",
    "催办次数",
    "督办次数",
    "重办次数",
    "退单次数",
    "办理过程",
];

/// One value of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Time(NaiveDateTime),
    Date(NaiveDate),
    Count(u32),
    Empty,
}

impl Value {
    pub fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Time(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            Value::Date(d) => d.to_string(),
            Value::Count(n) => n.to_string(),
            Value::Empty => String::new(),
        }
    }
}

fn opt_time(t: Option<NaiveDateTime>) -> Value {
    t.map_or(Value::Empty, Value::Time)
}

/// The rows to export: orders received in `[from, to]` (all when None), oldest first, then
/// the unit supervisions in that window.
pub fn rows(
    store: &Store,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    mask: bool,
) -> Result<Vec<Vec<Value>>> {
    let inside = |t: NaiveDateTime| {
        from.is_none_or(|f| t.date() >= f) && to.is_none_or(|end| t.date() <= end)
    };
    let mut orders: Vec<Order> = store
        .list_orders(&OrderFilter::default())?
        .into_iter()
        .filter(|o| inside(o.received_at))
        .collect();
    orders.sort_by(|a, b| (a.received_at, &a.order_no).cmp(&(b.received_at, &b.order_no)));
    let mut out = Vec::with_capacity(orders.len());
    for o in &orders {
        let events = store.events(&o.order_no)?;
        out.push(order_row(o, &events, mask));
    }
    let mut unit_events: Vec<Event> = store
        .recent_events(1 << 40)?
        .into_iter()
        .filter(|e| e.order_no.is_none() && inside(e.event.at))
        .map(|e| e.event)
        .filter(|e| matches!(e.kind, EventKind::Supervised { .. }))
        .collect();
    unit_events.sort_by_key(|e| e.at);
    for e in &unit_events {
        out.push(unit_row(e));
    }
    Ok(out)
}

/// One order as a row of `COLUMNS` (its history in the last).
pub(crate) fn order_row(o: &Order, events: &[Event], mask: bool) -> Vec<Value> {
    let t = |s: &str| Value::Text(s.to_string());
    vec![
        t(&o.order_no),
        t(o.category.zh()),
        t(o.status.zh()),
        t(&o.title),
        t(&o.content),
        t(&if mask {
            mask_name(&o.citizen)
        } else {
            o.citizen.clone()
        }),
        t(&if mask {
            mask_phone(&o.phone)
        } else {
            o.phone.clone()
        }),
        t(&o.address),
        Value::Time(o.received_at),
        t(o.unit.as_deref().unwrap_or("")),
        opt_time(o.assigned_at),
        o.deadline.map_or(Value::Empty, Value::Date),
        opt_time(o.accepted_at),
        t(o.reply.as_deref().unwrap_or("")),
        opt_time(o.replied_at),
        t(o.callback.map(|c| c.zh()).unwrap_or("")),
        opt_time(o.closed_at),
        Value::Count(o.urges),
        Value::Count(o.supervisions),
        Value::Count(o.redos),
        Value::Count(o.returns),
        t(&history::format(events)),
    ]
}

fn unit_row(e: &Event) -> Vec<Value> {
    let mut row = vec![Value::Empty; COLUMNS.len()];
    let note = match &e.kind {
        EventKind::Supervised { note, .. } => note.clone(),
        _ => String::new(),
    };
    row[2] = Value::Text("单位督办".into());
    row[3] = Value::Text(format!("（单位督办）{note}"));
    row[8] = Value::Time(e.at);
    row[9] = Value::Text(e.unit.clone().unwrap_or_default());
    row[21] = Value::Text(history::format_line(e));
    row
}

/// CSV in UTF-8 with a BOM (Excel then reads the Chinese correctly).
pub fn write_csv(rows: &[Vec<Value>], out: &Path) -> Result<()> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let io = |e: &dyn std::fmt::Display| Error::Io(format!("cannot write {}: {e}", out.display()));
    w.write_record(COLUMNS).map_err(|e| io(&e))?;
    for r in rows {
        w.write_record(r.iter().map(Value::text))
            .map_err(|e| io(&e))?;
    }
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(w.into_inner().map_err(|e| io(&e))?);
    std::fs::write(out, bytes).map_err(|e| io(&e))
}

/// Excel's limit on the characters of one cell.
pub const CELL_LIMIT: usize = 32_767;

pub fn write_xlsx(rows: &[Vec<Value>], out: &Path) -> Result<()> {
    use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook};
    let x =
        |e: rust_xlsxwriter::XlsxError| Error::Io(format!("cannot write {}: {e}", out.display()));
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("工单").map_err(x)?;
    let font = "宋体";
    let head = Format::new()
        .set_bold()
        .set_font_name(font)
        .set_background_color(Color::RGB(0xDDEBF7))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let text = Format::new().set_font_name(font);
    let time = Format::new()
        .set_font_name(font)
        .set_num_format("yyyy-mm-dd hh:mm:ss");
    let date = Format::new()
        .set_font_name(font)
        .set_num_format("yyyy-mm-dd");
    let count = Format::new().set_font_name(font).set_num_format("0");
    let widths = [
        16.0, 6.0, 8.0, 30.0, 40.0, 10.0, 14.0, 20.0, 19.0, 16.0, 19.0, 11.0, 19.0, 40.0, 19.0,
        8.0, 19.0, 8.0, 8.0, 8.0, 8.0, 60.0,
    ];
    for (c, (name, w)) in COLUMNS.iter().zip(widths).enumerate() {
        ws.write_string_with_format(0, c as u16, *name, &head)
            .map_err(x)?;
        ws.set_column_width(c as u16, w).map_err(x)?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in r.iter().enumerate() {
            let col = c as u16;
            match v {
                Value::Text(s) if s.is_empty() => {}
                Value::Text(s) => {
                    if s.chars().count() > CELL_LIMIT {
                        return Err(Error::Input(format!(
                            "row {} ({}): its {} has more than the {CELL_LIMIT} characters an Excel cell holds; export with --format csv",
                            row + 1,
                            r.first().map(Value::text).unwrap_or_default(),
                            COLUMNS[c]
                        )));
                    }
                    ws.write_string_with_format(row, col, s, &text).map_err(x)?;
                }
                Value::Time(t) => {
                    let d = excel_time(*t).map_err(x)?;
                    ws.write_datetime_with_format(row, col, &d, &time)
                        .map_err(x)?;
                }
                Value::Date(d) => {
                    let d = excel_time(d.and_time(chrono::NaiveTime::MIN)).map_err(x)?;
                    ws.write_datetime_with_format(row, col, &d, &date)
                        .map_err(x)?;
                }
                Value::Count(n) => {
                    ws.write_number_with_format(row, col, *n as f64, &count)
                        .map_err(x)?;
                }
                Value::Empty => {}
            }
        }
    }
    ws.set_freeze_panes(1, 1).map_err(x)?;
    ws.autofilter(0, 0, rows.len() as u32, COLUMNS.len() as u16 - 1)
        .map_err(x)?;
    wb.save(out).map_err(x)?;
    fn excel_time(
        t: NaiveDateTime,
    ) -> std::result::Result<ExcelDateTime, rust_xlsxwriter::XlsxError> {
        use chrono::{Datelike, Timelike};
        ExcelDateTime::from_ymd(t.year() as u16, t.month() as u8, t.day() as u8)?.and_hms(
            t.hour() as u16,
            t.minute() as u8,
            t.second() as f64,
        )
    }
    Ok(())
}
