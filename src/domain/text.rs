//! Text rules that hold everywhere: untrusted text loses its control characters, citizens'
//! phone numbers and names are masked, and widths are display widths (a Chinese character
//! takes two columns), never bytes or chars.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Characters that could steer a terminal or reorder text: C0 controls (ESC, BEL, CR…) except
/// newline and tab, DEL, C1 controls (0x80–0x9F, e.g. CSI, OSC), and the bidi overrides and
/// isolates (U+202A–U+202E, U+2066–U+2069), plus zero-width joiners that hide text.
pub fn is_unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        | '\u{feff}')
}

/// Remove unsafe characters; keep newlines and tabs (multi-line text). Carriage returns go:
/// a CRLF becomes LF.
pub fn sanitize(s: &str) -> String {
    s.chars().filter(|c| !is_unsafe_char(*c)).collect()
}

/// Sanitize to one line: newlines and tabs become spaces, runs of white space collapse, ends
/// trimmed. For titles, names and table cells.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars().filter(|c| !is_unsafe_char(*c)) {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Mask a phone number for display: keep the first 3 and last 4 digits (138****5678).
pub fn mask_phone(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() <= 7 {
        return "*".repeat(chars.len());
    }
    let mut s: String = chars[..3].iter().collect();
    s.push_str(&"*".repeat(chars.len() - 7));
    s.extend(&chars[chars.len() - 4..]);
    s
}

/// Mask a citizen's name: keep the surname (王**).
pub fn mask_name(name: &str) -> String {
    let mut it = name.chars();
    match it.next() {
        None => String::new(),
        Some(first) => {
            let rest = it.count();
            let mut s = first.to_string();
            s.push_str(&"*".repeat(rest.max(1)));
            s
        }
    }
}

/// Display width in terminal columns, as ratatui lays text into its buffer: the sum over
/// grapheme clusters of unicode-width's `UnicodeWidthStr::width` (an emoji sequence such as
/// 👨‍👩‍👧 is one cluster, two columns — a per-character sum says six), a cluster with a control
/// character counting 0 (ratatui drops it). `truncate`, `pad` and `wrap` measure by the same
/// clusters, so they always agree with each other and with the screen.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(cluster_width).sum()
}

fn cluster_width(g: &str) -> usize {
    if g.chars().any(char::is_control) {
        0
    } else {
        g.width()
    }
}

/// Cut `s` to at most `max` columns, ending in `…` when cut. A wide character (or an emoji
/// sequence) is never split: if it does not fit whole, it is left out (and the cell padded by
/// the caller).
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in s.graphemes(true) {
        let gw = cluster_width(g);
        if w + gw > max - 1 {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    out.push('…');
    out
}

/// How much of an untrusted text an error message quotes (display columns).
pub const QUOTE_WIDTH: usize = 60;

/// A text quoted in a message: one line, at most `QUOTE_WIDTH` columns, `…` when cut. Only
/// its start is looked at, so a header of a gigabyte costs what one of a line does.
pub fn quote(s: &str) -> String {
    quote_within(s, QUOTE_WIDTH)
}

/// `quote` to at most `max` columns.
pub fn quote_within(s: &str, max: usize) -> String {
    // Whitespace collapses and controls go, so the start may hold more than `max` characters
    // of what is shown: four times as many is plenty (and `truncate` cuts the rest).
    let head_len = s
        .char_indices()
        .nth(max.saturating_mul(4))
        .map_or(s.len(), |(i, _)| i);
    let line = one_line(&s[..head_len]);
    if head_len < s.len() {
        let t = truncate(&line, max.saturating_sub(1));
        if t.ends_with('…') {
            t
        } else {
            format!("{t}…")
        }
    } else {
        truncate(&line, max)
    }
}

/// Pad (or cut) to exactly `w` columns, left-aligned.
pub fn pad(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let n = w.saturating_sub(width(&t));
    format!("{t}{}", " ".repeat(n))
}

/// Pad (or cut) to exactly `w` columns, right-aligned (numbers).
pub fn pad_left(s: &str, w: usize) -> String {
    let t = truncate(s, w);
    let n = w.saturating_sub(width(&t));
    format!("{}{t}", " ".repeat(n))
}

/// Wrap text to `w` columns (at least 2) by display width, breaking lines where the Unicode
/// line breaking algorithm (UAX #14, the `unicode-linebreak` crate) allows: between any two
/// Chinese characters, after a space, never inside a number or an English word (it moves whole
/// to the next line), and never before closing punctuation — a line does not start with `。`,
/// `，`, `、`, `）`, `：`, `；`, `！` or `？`. Newlines are hard breaks; spaces at a break are
/// dropped. Only a run with no break opportunity that is longer than the line is cut inside
/// (between grapheme clusters), and even then not before closing punctuation when the line can
/// give it a character to lean on.
///
/// The fitting itself (first fit over the crate's break opportunities) is written here because
/// `textwrap`, the crate that does it, measures by a per-character sum that disagrees with the
/// screen on emoji sequences (see `width`).
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(2);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = Line::default();
        let mut start = 0;
        for (end, op) in unicode_linebreak::linebreaks(para) {
            let seg = &para[start..end];
            start = end;
            let full = width(seg);
            let core = width(seg.trim_end());
            if line.width + core > w {
                line.finish(&mut lines);
            }
            if core > w {
                line.cut_in(seg, w, &mut lines);
            } else {
                line.text.push_str(seg);
                line.width += full;
            }
            if op == unicode_linebreak::BreakOpportunity::Mandatory && end < para.len() {
                line.finish(&mut lines);
            }
        }
        lines.push(line.text.trim_end().to_string());
    }
    lines
}

/// The line `wrap` is filling; `width` counts its trailing spaces too.
#[derive(Default)]
struct Line {
    text: String,
    width: usize,
}

impl Line {
    /// Emit the line (without trailing spaces; a line of spaces only is dropped) and start anew.
    fn finish(&mut self, lines: &mut Vec<String>) {
        let t = self.text.trim_end();
        if !t.is_empty() {
            lines.push(t.to_string());
        }
        self.text.clear();
        self.width = 0;
    }

    /// A run longer than a line, cut between grapheme clusters (a cluster wider than the line,
    /// such as a long Hangul jamo sequence, between its characters).
    fn cut_in(&mut self, seg: &str, w: usize, lines: &mut Vec<String>) {
        let pieces = seg.graphemes(true).flat_map(|g| {
            if cluster_width(g) > w {
                g.char_indices()
                    .map(|(i, c)| &g[i..i + c.len_utf8()])
                    .collect::<Vec<_>>()
            } else {
                vec![g]
            }
        });
        for g in pieces {
            let gw = width(g);
            if self.width + gw > w {
                if g.trim().is_empty() {
                    continue; // a space at the break goes
                }
                // Closing punctuation takes the line's last character that may start a line
                // along (with any punctuation after it) rather than start the next line.
                let carry = if no_line_start(g) {
                    self.text
                        .grapheme_indices(true)
                        .rev()
                        .take_while(|(i, _)| width(&self.text[*i..]) + gw <= w)
                        .find(|(i, c)| *i > 0 && !no_line_start(c))
                        .map(|(i, _)| i)
                } else {
                    None
                };
                let carry = carry.map(|i| {
                    let c = self.text[i..].to_string();
                    self.text.truncate(i);
                    c
                });
                self.finish(lines);
                if let Some(c) = carry {
                    self.width = width(&c);
                    self.text = c;
                }
            }
            self.text.push_str(g);
            self.width += gw;
        }
    }
}

/// Whether UAX #14 forbids a line to start with this cluster: closing punctuation and
/// brackets, `!`/`?`, infix separators and non-starters (`。，、）：；！？` and the like).
fn no_line_start(g: &str) -> bool {
    use unicode_linebreak::BreakClass as B;
    g.chars().next().is_some_and(|c| {
        matches!(
            unicode_linebreak::break_property(c as u32),
            B::ClosePunctuation
                | B::CloseParenthesis
                | B::Exclamation
                | B::InfixSeparator
                | B::NonStarter
                | B::ConditionalJapaneseStarter
        )
    })
}

/// Phrases that mark a reply as vague (the bulletin's named failures).
pub const VAGUE_PHRASES: &[&str] = &[
    "正在办理中",
    "已呈报领导",
    "正在研究",
    "待领导批示",
    "正在协调",
];

/// Why a reply looks vague, if it does: a named phrase, too short, or no concrete measure.
pub fn vague_reply(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(p) = VAGUE_PHRASES.iter().find(|p| t.contains(*p)) {
        return Some(format!("含有“{p}”"));
    }
    if t.chars().count() < 15 {
        return Some("回复过短".to_string());
    }
    let concrete = [
        "已", "将于", "日", "月", "元", "米", "联系", "电话", "完成", "修复", "安排",
    ];
    if !concrete.iter().any(|k| t.contains(k)) {
        return Some("无具体措施".to_string());
    }
    None
}

/// Pinyin initials and full spelling of a name; letters and digits kept, the rest dropped:
/// 住建局 → ("zjj", "zhujianju"). Operators on a terminal without a Chinese input method name
/// units this way, in the TUI and in the CLI.
pub fn pinyin_of(name: &str) -> (String, String) {
    use pinyin::ToPinyin;
    let mut initials = String::new();
    let mut spelled = String::new();
    for c in name.chars() {
        if let Some(p) = c.to_pinyin() {
            initials.push_str(p.first_letter());
            spelled.push_str(p.plain());
        } else if c.is_ascii_alphanumeric() {
            initials.push(c.to_ascii_lowercase());
            spelled.push(c.to_ascii_lowercase());
        }
    }
    (initials, spelled)
}

/// One character in the form texts are compared in (duplicate candidates, hotspots,
/// suggestions): full-width ASCII (`Ａ１（`) as half-width, the ideographic space as a space,
/// letters lower case. Per character and cheap, so it can run over a month of orders per
/// query; NFKC (`units::name_key`) would be the thorough form but costs ten times more.
pub fn fold_char(c: char) -> char {
    let c = match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    #[test]
    fn quote_cuts_long_text_to_one_short_line() {
        let long = "标题\u{1b}[2J很长\n".repeat(100_000);
        let q = super::quote(&long);
        assert!(super::width(&q) <= super::QUOTE_WIDTH, "{q}");
        assert!(q.ends_with('…') && q.starts_with("标题[2J很长 标题"), "{q}");
        assert_eq!(super::quote("短"), "短");
        assert_eq!(super::quote_within(&"a".repeat(10), 10), "aaaaaaaaaa");
        assert_eq!(super::quote_within(&"a".repeat(11), 10), "aaaaaaaaa…");
    }

    use super::*;

    #[test]
    fn strips_escape_sequences_and_bidi() {
        let hostile = "标题\u{1b}]52;c;SGVsbG8=\u{7}尾\u{9b}31m\u{202e}abc\r\n下一行";
        let s = sanitize(hostile);
        assert!(!s.chars().any(is_unsafe_char));
        assert!(!s.contains('\u{1b}'));
        assert!(s.contains("下一行"));
        assert_eq!(one_line("  a\t\tb\n c  "), "a b c");
    }

    #[test]
    fn masks() {
        assert_eq!(mask_phone("13812345678"), "138****5678");
        assert_eq!(mask_phone("12345"), "*****");
        assert_eq!(mask_name("马建国"), "马**");
        assert_eq!(mask_name("马"), "马*");
    }

    #[test]
    fn truncates_by_display_width_never_splitting_wide_chars() {
        assert_eq!(width("住建局"), 6);
        assert_eq!(truncate("住建局供暖", 6), "住建…");
        assert_eq!(width(&truncate("住建局供暖", 6)), 5);
        assert_eq!(pad("住建局供暖", 6), "住建… ");
        assert_eq!(width(&pad("住建局供暖", 6)), 6);
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad_left("12", 4), "  12");
        assert_eq!(truncate("abc", 3), "abc");
    }

    #[test]
    fn wraps_by_width() {
        let lines = wrap("一二三四五", 4);
        assert_eq!(lines, vec!["一二", "三四", "五"]);
        assert!(lines.iter().all(|l| width(l) <= 4));
        assert_eq!(wrap("a\n\nb", 10), vec!["a", "", "b"]);
        assert_eq!(wrap("", 10), vec![""]);
    }

    #[test]
    fn chinese_fills_its_lines_and_english_breaks_at_spaces() {
        let zh = "不能签收工单 201710270002：它处于“办理中”状态；现在可以：回复、退单、延期申请";
        let lines = wrap(zh, 40);
        assert!(lines.iter().all(|l| width(l) <= 40), "{lines:?}");
        // Not "不能签收工单" alone on the first line: Chinese may break anywhere.
        assert!(width(&lines[0]) >= 38, "{lines:?}");
        assert!(lines[0].contains("201710270002"), "{lines:?}");
        assert_eq!(lines.concat(), zh);
        // A number is not cut when it would straddle the edge: it starts the next line.
        let lines = wrap(
            "不能签收工单，已超期三十五个工作日 201710270002：它处于",
            40,
        );
        assert!(lines[1].starts_with("201710270002"), "{lines:?}");
        let en = "cannot accept (签收) order 201710270002: it is handling (办理中)";
        let lines = wrap(en, 30);
        assert_eq!(lines[0], "cannot accept (签收) order");
        assert!(lines.iter().all(|l| width(l) <= 30), "{lines:?}");
        // An English word moves whole.
        assert_eq!(
            wrap("已联系 Haiyuan County", 12),
            vec!["已联系", "Haiyuan", "County"]
        );
    }

    /// What Chinese typesetting (and UAX #14) forbids at the start of a line.
    const NO_START: &[char] = &[
        '。', '，', '、', '）', '：', '；', '！', '？', '」', '』', '》', '〉', '】', '〕', '．',
        ',', '.', ')', ':', ';', '!', '?',
    ];

    #[test]
    fn no_line_starts_with_closing_punctuation_at_any_width() {
        let texts = [
            "经核实，该路段路灯已于12月5日修复。请您再次确认，谢谢！如有问题，请拨打12345：我们将（在三个工作日内）回复；另，“办理中”的说法不具体、不准确。",
            "一二三。四五六，七八九、十一二）三四：五六；七八！九十？",
            "真的吗？！已经处理了……好的。（已回访）。”",
            "（括号）（括号）（括号）【方括号】《书名号》「引号」",
            "Fixed on Dec 5. Please call 12345, thanks! (Really.) Next: check; done?",
        ];
        for text in texts {
            // From the widest run without a break opportunity (吗？！, （已 …) up.
            for w in 6..=60 {
                let lines = wrap(text, w);
                for (i, l) in lines.iter().enumerate() {
                    assert!(width(l) <= w, "width {w}: {lines:?}");
                    let first = l.chars().next();
                    assert!(
                        i == 0 || !first.is_some_and(|c| NO_START.contains(&c)),
                        "width {w}, line {i} starts with {first:?}: {lines:?}"
                    );
                }
                // Nothing lost but the spaces at breaks.
                let strip = |s: &str| s.replace(' ', "");
                assert_eq!(strip(&lines.concat()), strip(text), "width {w}");
            }
        }
    }

    #[test]
    fn widths_are_the_screens_for_emoji_sequences() {
        // One family emoji: three people joined by zero-width joiners, two columns on screen
        // (a per-character sum says six).
        let family = "👨\u{200d}👩\u{200d}👧";
        assert_eq!(width(family), 2);
        assert_eq!(width("❤\u{fe0f}"), 2);
        assert_eq!(width("🇨🇳"), 2);
        assert_eq!(width("e\u{301}"), 1);
        // Never split: cut whole or kept whole.
        assert_eq!(truncate(&format!("ab{family}cd"), 4), "ab…");
        assert_eq!(
            truncate(&format!("ab{family}cd"), 5),
            format!("ab{family}…")
        );
        assert_eq!(width(&pad(&format!("{family}x"), 6)), 6);
        let lines = wrap(&format!("{family}{family}{family}"), 4);
        assert_eq!(lines, vec![format!("{family}{family}"), family.to_string()]);
        // A cluster wider than the line (a Hangul jamo run) is cut between its characters.
        for l in wrap("\u{1100}\u{1100}\u{1100}", 2) {
            assert!(width(&l) <= 2, "{l:?}");
        }
    }

    #[test]
    fn vague_replies() {
        assert!(vague_reply("正在办理中").is_some());
        assert!(vague_reply("该问题已呈报领导，请耐心等待").is_some());
        assert!(vague_reply("好的").is_some());
        assert!(
            vague_reply("经核实，已于12月5日安排维修人员更换暖气阀门，供暖已恢复正常。").is_none()
        );
    }
}
