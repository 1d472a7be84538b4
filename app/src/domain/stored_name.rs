//! One definition for each enum that is kept in the database, the audit log and forms by a stable
//! name: the variants and their names are written once, and `as_str`, `parse`, `ALL` and
//! `TryFrom<String>` come from it (no `Display`: a stored name is not
//! words for a person; the catalogue says those). `TryFrom<String>` lets a store row decode a column straight
//! into the enum (`#[sqlx(try_from = "String")]`), so the server compares enums, not strings, and an
//! unknown name in the database is a decode error where the row is read.

/// ```ignore
/// stored_name! {
///     #[derive(Clone, Copy, Debug, PartialEq, Eq)]
///     pub enum Outcome { Pass = "pass", Fail = "fail" }
/// }
/// ```
#[macro_export]
macro_rules! stored_name {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in the order of the definition.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable name kept in the database, the audit log and forms.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text ),+
                }
            }

            pub fn parse(s: &str) -> Option<Self> {
                match s {
                    $( $text => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                Self::parse(&s).ok_or_else(|| format!("unknown {} {s:?}", stringify!($name)))
            }
        }

    };
}

#[cfg(test)]
mod tests {
    stored_name! {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Colour { Red = "red", DarkBlue = "dark_blue" }
    }

    #[test]
    fn names_go_both_ways_and_unknown_ones_are_refused() {
        for c in Colour::ALL {
            assert_eq!(Colour::parse(c.as_str()), Some(*c));
            assert_eq!(Colour::try_from(c.as_str().to_string()), Ok(*c));
        }
        assert_eq!(Colour::ALL, &[Colour::Red, Colour::DarkBlue]);
        assert_eq!(Colour::parse("Red"), None);
        assert_eq!(Colour::try_from("purple".to_string()), Err("unknown Colour \"purple\"".to_string()));
    }
}
