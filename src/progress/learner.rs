//! Who the learner is to the people who read their portfolio: a name and public links, and the
//! rules for both, which the commands and the merge of other machines' records share.

use serde::{Deserialize, Serialize};

use super::ProfileError;

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 120;
/// The most public links a portfolio shows.
pub const MAX_LINKS: usize = 12;
/// The longest link, in bytes.
pub const MAX_LINK_BYTES: usize = 2048;

/// The learner's name and the public links (a GitHub profile, a site) their portfolio shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Learner {
    pub name: String,
    pub links: Vec<String>,
}

/// `name` when it may be the learner's name: one line of at most [`MAX_NAME_CHARS`]
/// characters, with no control characters. Empty is allowed (no name given).
pub fn check_name(name: &str) -> Result<&str, ProfileError> {
    if name.chars().any(char::is_control) || name.chars().count() > MAX_NAME_CHARS {
        return Err(ProfileError::Name(name.escape_debug().to_string()));
    }
    Ok(name)
}

/// `link` when a portfolio may show it as a link: http or https, with a host, no spaces.
pub fn check_link(link: &str) -> Result<&str, ProfileError> {
    if link.len() > MAX_LINK_BYTES || !crate::curriculum::is_openable_url(link) {
        return Err(ProfileError::Link(link.escape_debug().to_string()));
    }
    Ok(link)
}

/// `links` when every one is a link and there are at most [`MAX_LINKS`].
pub fn check_links(links: &[String]) -> Result<&[String], ProfileError> {
    if links.len() > MAX_LINKS {
        return Err(ProfileError::TooManyLinks(links.len()));
    }
    for link in links {
        check_link(link)?;
    }
    Ok(links)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_one_line_without_control_characters_and_not_too_long() {
        assert!(check_name("Ada Lovelace").is_ok());
        assert!(check_name("").is_ok());
        assert!(check_name(&"é".repeat(MAX_NAME_CHARS)).is_ok());
        for bad in [
            "Ada\nLovelace",
            "Ada\u{1b}[31m",
            &"a".repeat(MAX_NAME_CHARS + 1),
        ] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn links_are_http_or_https_and_few() {
        assert!(check_links(&["https://github.com/ada".into()]).is_ok());
        for bad in [
            "javascript:alert(1)",
            "mailto:ada@example.org",
            "github.com/ada",
        ] {
            assert!(check_links(&[bad.into()]).is_err(), "{bad}");
        }
        let many = vec!["https://example.org".to_owned(); MAX_LINKS + 1];
        assert_eq!(
            check_links(&many),
            Err(ProfileError::TooManyLinks(MAX_LINKS + 1))
        );
    }
}
