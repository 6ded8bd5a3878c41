//! The languages the app speaks: the one place a language code is read or written.

/// Declares [`Lang`] from one line per language: variant, code (the `locales/<code>.json` file
/// and the BCP 47 primary subtag) and the language's own name, as the switch shows it.
macro_rules! languages {
    ($($variant:ident = $code:literal, $name:literal;)+) => {
        /// A language of the app. The first listed is the default, and the language every
        /// definition must be complete in.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Lang {
            $($variant,)+
        }

        impl Lang {
            /// Every language, in the order the switch lists them (and codebooks their columns).
            pub const ALL: &'static [Lang] = &[$(Lang::$variant,)+];

            /// The code: `en`, `es`…
            pub fn code(self) -> &'static str {
                match self {
                    $(Lang::$variant => $code,)+
                }
            }

            /// The language's name in itself: `Español`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Lang::$variant => $name,)+
                }
            }
        }
    };
}

// One line per language. Adding one: this line and `locales/<code>.json` (README).
languages! {
    En = "en", "English";
    Es = "es", "Español";
    Pt = "pt", "Português";
    Fr = "fr", "Français";
}

impl Lang {
    /// The language with this exact code (`pt`), as stored in settings and records.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.iter().copied().find(|l| l.code() == code)
    }

    /// The language of a BCP 47 tag (`pt-BR`, `es-419`, `FR-ca`): its primary subtag, if we
    /// speak it. Regional variants share their language's texts.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL.iter().copied().find(|l| l.code().eq_ignore_ascii_case(primary))
    }

    /// The first of the browser's preferred languages (`navigator.languages`, in order) that we
    /// speak; English when none is.
    pub fn from_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        tags.into_iter().find_map(Lang::from_tag).unwrap_or(Lang::ALL[0])
    }

    /// The position in [`Lang::ALL`].
    pub fn index(self) -> usize {
        Lang::ALL.iter().position(|&l| l == self).unwrap_or(0)
    }
}

impl Default for Lang {
    fn default() -> Self {
        Lang::ALL[0]
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn browser_tags_pick_their_language_or_english() {
        let cases = [
            ("pt-BR", Lang::Pt),
            ("pt-PT", Lang::Pt),
            ("fr-CA", Lang::Fr),
            ("fr-HT", Lang::Fr),
            ("es-419", Lang::Es),
            ("en-GB", Lang::En),
            ("de", Lang::En),
            ("", Lang::En),
        ];
        for (tag, want) in cases {
            assert_eq!(Lang::from_tags([tag]), want, "{tag}");
        }
    }

    #[test]
    fn the_first_spoken_preference_wins() {
        assert_eq!(Lang::from_tags(["de-DE", "ht", "fr-HT", "en"]), Lang::Fr);
        assert_eq!(Lang::from_tags(["PT_br"]), Lang::Pt);
        assert_eq!(Lang::from_tags(Vec::<&str>::new()), Lang::En);
    }

    #[test]
    fn codes_round_trip_and_are_unique() {
        for &l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
            assert_eq!(Lang::ALL[l.index()], l);
        }
        assert_eq!(Lang::from_code("pt-BR"), None, "a stored code is exact");
    }
}
