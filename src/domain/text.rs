//! Text rules that hold everywhere: untrusted text loses its control characters, citizens'
//! phone numbers and names are masked, and widths are display widths (a Chinese character
//! takes two columns), never bytes or chars.

use unicode_width::UnicodeWidthChar;

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

/// Display width in terminal columns: the sum of the characters' widths (control characters
/// count 0, the same rule `truncate` and `wrap` use, so they always agree).
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Cut `s` to at most `max` columns, ending in `…` when cut. A wide character is never split:
/// if it does not fit whole, it is left out (and the cell padded by the caller).
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if w + cw > max - 1 {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
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

/// Wrap text to `w` columns by display width (hard breaks at newlines).
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(2);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut lw = 0;
        for c in para.chars() {
            let cw = char_width(c);
            if lw + cw > w {
                lines.push(std::mem::take(&mut line));
                lw = 0;
            }
            line.push(c);
            lw += cw;
        }
        lines.push(line);
    }
    lines
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

#[cfg(test)]
mod tests {
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
