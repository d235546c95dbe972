//! The two languages every user-visible message is written in.

use std::str::FromStr;

/// The language of the user interface: Chinese by default, English on request (`--lang en`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    /// Pick the text in this language.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

impl FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Lang, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zh" | "zh-cn" | "cn" | "中文" => Ok(Lang::Zh),
            "en" | "english" => Ok(Lang::En),
            other => Err(format!("unknown language '{other}' (expected zh or en)")),
        }
    }
}

/// A message in English, and in Chinese where one was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub en: String,
    pub zh: Option<String>,
}

impl Msg {
    pub fn both(en: String, zh: String) -> Msg {
        Msg { en, zh: Some(zh) }
    }

    /// The text in `lang` (English where no Chinese was written).
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.zh) {
            (Lang::Zh, Some(zh)) => zh,
            _ => &self.en,
        }
    }
}

impl From<String> for Msg {
    fn from(en: String) -> Msg {
        Msg { en, zh: None }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_pick() {
        assert_eq!("EN".parse::<Lang>(), Ok(Lang::En));
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::Zh));
        assert!("fr".parse::<Lang>().is_err());
        assert_eq!(Lang::default(), Lang::Zh);
        assert_eq!(Lang::En.pick("a", "甲"), "a");
        assert_eq!(Lang::Zh.pick("a", "甲"), "甲");
    }
}
