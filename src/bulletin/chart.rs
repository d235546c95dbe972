//! The bulletin's charts as PNG images, drawn here pixel by pixel and encoded with the `png`
//! crate: nothing of the system is needed at run time.
//!
//! **Why the image holds no Chinese.** A unit's name needs a CJK font, and a font that covers
//! every name an office may give its units is megabytes (a subset of the demo's 42 names
//! would print boxes for the next unit added). So the image carries only what a tiny digit
//! font draws — each bar's number on the left and its value at its end — and the names go
//! beside it as Word text: the caption, the legend (the series' names in their bars'
//! colours) and the key (`1 住建局　2 贾塘乡 …`) under the image, in the document's own 宋体,
//! searchable and copyable. The bars come in the order the text names the units (most
//! overdue first, as 二、存在问题 lists them; by rank under a pack), so the key reads as the
//! sentence does and a reader rarely needs it past the first few bars.

use crate::domain::assessment::Value;
use crate::error::{Error, Result};

/// Series colours (RGB), in order: blue, orange, green, gold — the office suite's defaults,
/// distinct in print.
pub const COLORS: [[u8; 3]; 4] = [
    [0x44, 0x72, 0xC4],
    [0xED, 0x7D, 0x31],
    [0x70, 0xAD, 0x47],
    [0xFF, 0xC0, 0x00],
];

/// A horizontal bar chart: a group of bars per unit, one bar per series.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// The caption, e.g. 县直单位超期工单（件）.
    pub title: String,
    /// The series' names (their colours are `COLORS` in order).
    pub series: Vec<String>,
    /// The units, in the bars' order (bar 1 first).
    pub units: Vec<String>,
    /// For each unit, a value per series: counts, or rates (drawn on 0–100 %).
    pub values: Vec<Vec<Value>>,
}

/// Pixels of the image.
const WIDTH: u32 = 1000;
const LEFT: u32 = 64;
const RIGHT: u32 = 96;
const TOP: u32 = 16;
const BOTTOM: u32 = 44;
const BAR: u32 = 16;
const BAR_GAP: u32 = 2;
const GROUP_GAP: u32 = 14;
/// The digit font's scale: a glyph is 5 × 7 cells of SCALE × SCALE pixels.
const SCALE: u32 = 2;

/// 5 × 7 glyphs, a row per byte (the five low bits, the leftmost the highest).
fn glyph(c: char) -> Option<[u8; 7]> {
    Some(match c {
        '0' => [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E],
        '1' => [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
        '2' => [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F],
        '3' => [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
        '4' => [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02],
        '5' => [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
        '6' => [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E],
        '7' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        '8' => [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E],
        '9' => [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
        '.' => [0x00, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x0C],
        '%' => [0x18, 0x19, 0x02, 0x04, 0x08, 0x13, 0x03],
        '-' | '—' => [0x00, 0x00, 0x00, 0x1F, 0x00, 0x00, 0x00],
        _ => return None,
    })
}

struct Canvas {
    w: u32,
    h: u32,
    px: Vec<u8>,
}

impl Canvas {
    fn new(w: u32, h: u32) -> Canvas {
        Canvas {
            w,
            h,
            px: vec![0xFF; (w * h * 3) as usize],
        }
    }
    fn rect(&mut self, x: u32, y: u32, w: u32, h: u32, rgb: [u8; 3]) {
        for yy in y..(y + h).min(self.h) {
            for xx in x..(x + w).min(self.w) {
                let i = ((yy * self.w + xx) * 3) as usize;
                self.px[i..i + 3].copy_from_slice(&rgb);
            }
        }
    }
    fn text_width(s: &str) -> u32 {
        let n = s.chars().filter(|c| glyph(*c).is_some()).count() as u32;
        (n * 6).saturating_sub(1) * SCALE
    }
    /// Digits at (x, y), the top left of the first glyph.
    fn text(&mut self, x: u32, y: u32, s: &str, rgb: [u8; 3]) {
        let mut x = x;
        for g in s.chars().filter_map(glyph) {
            for (row, bits) in g.iter().enumerate() {
                for col in 0..5 {
                    if bits & (0x10 >> col) != 0 {
                        self.rect(x + col * SCALE, y + row as u32 * SCALE, SCALE, SCALE, rgb);
                    }
                }
            }
            x += 6 * SCALE;
        }
    }
}

/// The axis' top and step for counts up to `max`: a round step (1, 2 or 5 × 10ⁿ) giving at
/// most eight intervals.
fn scale(max: f64) -> (f64, f64) {
    let mut step = 1.0;
    loop {
        for m in [1.0, 2.0, 5.0] {
            let s = step * m;
            if (max / s).ceil() <= 8.0 {
                return (s * (max / s).ceil().max(1.0), s);
            }
        }
        step *= 10.0;
    }
}

impl BarChart {
    fn is_percent(&self) -> bool {
        self.values
            .iter()
            .flatten()
            .any(|v| matches!(v, Value::Rate { .. }))
    }

    fn group_height(&self) -> u32 {
        let n = self.series.len().max(1) as u32;
        n * BAR + (n - 1) * BAR_GAP + GROUP_GAP
    }

    /// The image's size in pixels.
    pub fn size(&self) -> (u32, u32) {
        (
            WIDTH,
            TOP + self.units.len() as u32 * self.group_height() + BOTTOM,
        )
    }

    /// The chart as a PNG file.
    pub fn png(&self) -> Result<Vec<u8>> {
        let (w, h) = self.size();
        let mut c = Canvas::new(w, h);
        let plot = w - LEFT - RIGHT;
        let percent = self.is_percent();
        let (top, step) = if percent {
            (1.0, 0.2)
        } else {
            let max = self
                .values
                .iter()
                .flatten()
                .filter_map(|v| v.number())
                .fold(0.0, f64::max);
            scale(max)
        };
        let x_of = |v: f64| LEFT + ((v / top).clamp(0.0, 1.0) * plot as f64).round() as u32;
        let bottom = h - BOTTOM;
        let grey = [0xD9, 0xD9, 0xD9];
        let ink = [0x40, 0x40, 0x40];
        // Grid lines and the value axis' labels.
        let ticks = (top / step).round() as u32;
        for i in 0..=ticks {
            let v = step * i as f64;
            let x = x_of(v);
            c.rect(x, TOP / 2, 1, bottom - TOP / 2, grey);
            let label = if percent {
                format!("{}%", (v * 100.0).round())
            } else {
                format!("{}", v.round())
            };
            let tw = Canvas::text_width(&label);
            c.text(x.saturating_sub(tw / 2), bottom + 10, &label, ink);
        }
        c.rect(LEFT, TOP / 2, 2, bottom - TOP / 2, ink);
        c.rect(LEFT, bottom, plot, 1, ink);
        let gh = self.group_height();
        for (i, values) in self.values.iter().enumerate() {
            let y0 = TOP + i as u32 * gh;
            let no = (i + 1).to_string();
            let tw = Canvas::text_width(&no);
            let bars = values.len().max(1) as u32 * (BAR + BAR_GAP) - BAR_GAP;
            c.text(
                LEFT.saturating_sub(10 + tw),
                (y0 + bars / 2).saturating_sub(7 * SCALE / 2),
                &no,
                ink,
            );
            for (k, v) in values.iter().enumerate() {
                let y = y0 + k as u32 * (BAR + BAR_GAP);
                let end = match v.number() {
                    Some(n) => {
                        let x = x_of(n);
                        c.rect(LEFT + 2, y, x.saturating_sub(LEFT + 2), BAR, COLORS[k % 4]);
                        x
                    }
                    None => LEFT + 2,
                };
                c.text(end + 6, y + (BAR - 7 * SCALE) / 2, &v.show(), ink);
            }
        }
        let mut out = Vec::new();
        {
            let mut enc = png::Encoder::new(&mut out, w, h);
            enc.set_color(png::ColorType::Rgb);
            enc.set_depth(png::BitDepth::Eight);
            let fail = |e: png::EncodingError| Error::Io(format!("cannot draw the chart: {e}"));
            let mut writer = enc.write_header().map_err(fail)?;
            writer.write_image_data(&c.px).map_err(fail)?;
            writer.finish().map_err(fail)?;
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_round_axis() {
        assert_eq!(scale(20.0), (20.0, 5.0));
        assert_eq!(scale(3.0), (3.0, 1.0));
        assert_eq!(scale(0.0), (1.0, 1.0));
        assert_eq!(scale(87.0), (100.0, 20.0));
    }

    #[test]
    fn a_chart_is_a_png_of_its_size() {
        let chart = BarChart {
            title: "t".into(),
            series: vec!["a".into(), "b".into()],
            units: vec!["甲".into(), "乙".into()],
            values: vec![
                vec![Value::Count(20), Value::Count(3)],
                vec![Value::Count(0), Value::Count(16)],
            ],
        };
        let png = chart.png().unwrap();
        assert_eq!(&png[1..4], b"PNG");
        let (w, h) = chart.size();
        let dec = png::Decoder::new(std::io::Cursor::new(png));
        let r = dec.read_info().unwrap();
        assert_eq!((r.info().width, r.info().height), (w, h));
    }
}
