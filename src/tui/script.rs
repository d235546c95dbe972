//! Key scripts for `hotline tui --keys FILE`: keys in Vim notation separated by white space
//! (`j 3 <Enter> <Esc> <C-d> <Tab> <S-Tab> <Space> <BS> <PageDown>`), text to type in double
//! quotes (`"已安排维修"`, with `\"`, `\\` and `\n` for Enter), and `#` comment lines.
//! Several keys may stand together (`gg`, `zjj`, `3j<Enter>`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn char_key(c: char) -> KeyEvent {
    let mods = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    key(KeyCode::Char(c), mods)
}

/// A `<…>` name, without the brackets (keys.toml spells keys the same way).
pub(crate) fn named_key(name: &str) -> Option<KeyEvent> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = name;
    loop {
        let lower = rest.to_ascii_lowercase();
        let m = if lower.starts_with("c-") {
            KeyModifiers::CONTROL
        } else if lower.starts_with("a-") || lower.starts_with("m-") {
            KeyModifiers::ALT
        } else if lower.starts_with("s-") {
            KeyModifiers::SHIFT
        } else {
            break;
        };
        if rest.len() == 2 {
            break; // `<C->`: not a modifier but nothing follows
        }
        mods |= m;
        rest = &rest[2..];
    }
    let mut chars = rest.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        let c = if mods.contains(KeyModifiers::CONTROL) {
            c.to_ascii_lowercase()
        } else if mods.contains(KeyModifiers::SHIFT) {
            c.to_ascii_uppercase()
        } else {
            c
        };
        return Some(key(KeyCode::Char(c), mods));
    }
    let code = match rest.to_ascii_lowercase().as_str() {
        "enter" | "cr" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
        "tab" => KeyCode::Tab,
        "backtab" => {
            mods |= KeyModifiers::SHIFT;
            KeyCode::BackTab
        }
        "space" => KeyCode::Char(' '),
        "bs" | "backspace" => KeyCode::Backspace,
        "del" | "delete" => KeyCode::Delete,
        "insert" | "ins" => KeyCode::Insert,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pageup" | "pgup" => KeyCode::PageUp,
        "pagedown" | "pgdn" => KeyCode::PageDown,
        "lt" => KeyCode::Char('<'),
        "gt" => KeyCode::Char('>'),
        "bar" => KeyCode::Char('|'),
        "bslash" => KeyCode::Char('\\'),
        f if f.starts_with('f') => {
            KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
        }
        _ => return None,
    };
    Some(key(code, mods))
}

/// Parse a script into key events; errors name the line and what is wrong.
pub fn parse(text: &str) -> Result<Vec<KeyEvent>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let at = |what: String| format!("key script line {}: {what}", n + 1);
        if line.trim_start().starts_with('#') {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c.is_whitespace() {
                i += 1;
            } else if c == '"' {
                i += 1;
                let mut closed = false;
                while i < chars.len() {
                    match chars[i] {
                        '"' => {
                            closed = true;
                            i += 1;
                            break;
                        }
                        '\\' if i + 1 < chars.len() => {
                            out.push(match chars[i + 1] {
                                'n' => key(KeyCode::Enter, KeyModifiers::NONE),
                                'e' => key(KeyCode::Esc, KeyModifiers::NONE),
                                other => key(KeyCode::Char(other), KeyModifiers::NONE),
                            });
                            i += 2;
                        }
                        other => {
                            // Typed text: Shift is part of the character already.
                            out.push(key(KeyCode::Char(other), KeyModifiers::NONE));
                            i += 1;
                        }
                    }
                }
                if !closed {
                    return Err(at("a quoted text has no closing \"".into()));
                }
            } else if c == '<' {
                let end = chars[i..]
                    .iter()
                    .position(|c| *c == '>' || c.is_whitespace())
                    .map(|p| i + p)
                    .filter(|e| chars[*e] == '>' && *e > i + 1);
                match end {
                    Some(e) => {
                        let name: String = chars[i + 1..e].iter().collect();
                        out.push(named_key(&name).ok_or_else(|| {
                            at(format!(
                                "unknown key <{name}> (try <Enter> <Esc> <Tab> <S-Tab> <Space> <BS> <Up> <PageDown> <C-d> <F1> <lt>)"
                            ))
                        })?);
                        i = e + 1;
                    }
                    None => {
                        out.push(char_key('<'));
                        i += 1;
                    }
                }
            } else {
                out.push(char_key(c));
                i += 1;
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(s: &str) -> Vec<(KeyCode, KeyModifiers)> {
        parse(s)
            .unwrap()
            .into_iter()
            .map(|k| (k.code, k.modifiers))
            .collect()
    }

    #[test]
    fn vim_notation() {
        use KeyCode::*;
        let none = KeyModifiers::NONE;
        assert_eq!(
            codes("j 3 <Enter> <Esc> <C-d> <Tab> <S-Tab> <Space> <BS> <PageDown>"),
            vec![
                (Char('j'), none),
                (Char('3'), none),
                (Enter, none),
                (Esc, none),
                (Char('d'), KeyModifiers::CONTROL),
                (Tab, none),
                (BackTab, KeyModifiers::SHIFT),
                (Char(' '), none),
                (Backspace, none),
                (PageDown, none),
            ]
        );
        assert_eq!(codes("G")[0], (Char('G'), KeyModifiers::SHIFT));
        assert_eq!(codes("gg<CR>").len(), 3);
        assert_eq!(codes("<lt> <")[0], (Char('<'), none));
        assert_eq!(codes("<lt> <")[1], (Char('<'), none));
    }

    #[test]
    fn quoted_text_and_comments() {
        let k = codes("# a comment\n\"已安排 \\\"维修\\\"\" <C-s>");
        let typed: String = k
            .iter()
            .filter_map(|(c, m)| match c {
                KeyCode::Char(ch) if m.is_empty() => Some(*ch),
                _ => None,
            })
            .collect();
        assert_eq!(typed, "已安排 \"维修\"");
        assert_eq!(k.last(), Some(&(KeyCode::Char('s'), KeyModifiers::CONTROL)));
    }

    #[test]
    fn errors_name_the_line() {
        assert!(parse("j\n<Nope>").unwrap_err().contains("line 2"));
        assert!(parse("\"open").unwrap_err().contains("closing"));
    }
}
