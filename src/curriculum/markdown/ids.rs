//! Stable ids for Markdown items: slugs of titles, a fixed hash for titles a slug cannot spell.

use foldhash::{HashMap, HashSet};

/// The longest id the contract allows.
const MAX_ID_CHARS: usize = 64;
/// How much of a milestone id its section may take, so the item's own title always shows.
const MAX_SECTION_PART_CHARS: usize = 32;

/// FNV-1a, 32 bits, over the UTF-8 bytes: fixed by its definition, so it gives the same
/// value on every platform and in every Waymark version (unlike `DefaultHasher`).
pub(crate) fn fnv1a_32(text: &str) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// Lowercase ASCII letters and digits of `text`, every other run of characters made one `-`.
/// Empty when `text` holds no ASCII letter or digit.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len().min(MAX_ID_CHARS * 4));
    let mut gap = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !slug.is_empty() {
                slug.push('-');
            }
            gap = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            gap = true;
        }
    }
    slug
}

/// Cuts an ASCII slug to at most `max` characters without leaving a trailing `-`.
fn cut(slug: &str, max: usize) -> &str {
    let end = slug.len().min(max);
    // Slugs are ASCII, so every byte index is a char boundary.
    slug.get(..end).unwrap_or(slug).trim_end_matches('-')
}

/// The slug of `title`, or `item-` and the 8 hex digits of its FNV-1a hash when the title has
/// no ASCII letter or digit (Chinese, Arabic, emoji…). Never empty, at most 64 characters.
pub(crate) fn title_part(title: &str) -> String {
    let slug = slugify(title);
    if slug.is_empty() {
        format!("item-{:08x}", fnv1a_32(title))
    } else {
        cut(&slug, MAX_ID_CHARS).to_owned()
    }
}

/// The base id of a milestone: its section's slug (at most 32 characters of it) and its own
/// title's part, cut to 64 characters. A section title with no ASCII letter or digit adds
/// nothing, so such milestones are named by their own title alone.
pub(crate) fn milestone_base(section_title: &str, title: &str) -> String {
    let own = title_part(title);
    let section = slugify(section_title);
    let section = cut(&section, MAX_SECTION_PART_CHARS);
    if section.is_empty() {
        return own;
    }
    let mut id = String::with_capacity(section.len() + 1 + own.len());
    id.push_str(section);
    id.push('-');
    id.push_str(&own);
    cut(&id, MAX_ID_CHARS).to_owned()
}

/// Hands out ids unique in the order asked for: the first `x` stays `x`, later ones become
/// `x-2`, `x-3`, … (cut so that the suffix still fits 64 characters).
#[derive(Default)]
pub(crate) struct Uniquer {
    used: HashSet<String>,
    /// The next suffix to try per base, so a thousand equal titles cost a thousand tries,
    /// not half a million.
    next_suffix: HashMap<String, u64>,
}

impl Uniquer {
    pub(crate) fn unique(&mut self, base: String) -> String {
        if !self.used.contains(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let mut n = self.next_suffix.get(&base).copied().unwrap_or(2);
        let id = loop {
            let suffix = format!("-{n}");
            n += 1;
            let stem = cut(&base, MAX_ID_CHARS - suffix.len());
            let candidate = format!("{stem}{suffix}");
            if !self.used.contains(&candidate) {
                break candidate;
            }
        };
        self.next_suffix.insert(base, n);
        self.used.insert(id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::curriculum::is_slug;

    #[test]
    fn the_hash_is_fnv1a_as_published() {
        // Reference values of FNV-1a 32 bits.
        assert_eq!(fnv1a_32(""), 0x811c_9dc5);
        assert_eq!(fnv1a_32("a"), 0xe40c_292c);
        assert_eq!(fnv1a_32("foobar"), 0xbf9c_f968);
    }

    #[test]
    fn slugs_keep_ascii_letters_and_digits_and_join_the_rest_with_one_dash() {
        assert_eq!(
            slugify("  Python for *data* work! "),
            "python-for-data-work"
        );
        assert_eq!(slugify("C++ & CUDA 12"), "c-cuda-12");
        assert_eq!(slugify("学习 PyTorch 基础"), "pytorch");
        assert_eq!(slugify("机器学习"), "");
    }

    #[test]
    fn titles_without_ascii_letters_get_a_hash_id() {
        let id = title_part("机器学习");
        assert_eq!(id, format!("item-{:08x}", fnv1a_32("机器学习")));
        assert!(is_slug(&id));
        assert_ne!(title_part("機械学習"), id);
    }

    #[test]
    fn milestone_ids_join_section_and_title_and_fit_64_characters() {
        assert_eq!(
            milestone_base("Foundations", "Linear algebra"),
            "foundations-linear-algebra"
        );
        assert_eq!(milestone_base("基础", "Linear algebra"), "linear-algebra");
        let long = milestone_base(&"section ".repeat(20), &"word ".repeat(40));
        assert!(is_slug(&long), "{long}");
        assert!(long.starts_with("section-section"));
        assert!(
            long.contains("word"),
            "the item's own title keeps room: {long}"
        );
    }

    #[test]
    fn duplicates_get_numbered_suffixes_that_stay_valid_slugs() {
        let mut ids = Uniquer::default();
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a-2");
        assert_eq!(ids.unique("a-3".into()), "a-3");
        assert_eq!(ids.unique("a".into()), "a-4");
        let long = "x".repeat(64);
        assert_eq!(ids.unique(long.clone()), long);
        let second = ids.unique(long.clone());
        assert!(is_slug(&second) && second.ends_with("-2"), "{second}");
        let dashy = format!("{}-{}", "x".repeat(61), "yy");
        let _ = ids.unique(dashy.clone());
        let again = ids.unique(dashy);
        assert!(is_slug(&again), "{again}");
    }
}
