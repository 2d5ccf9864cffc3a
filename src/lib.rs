//! chaff removes the chaff that extractors leave in scraped text (icon names, comment
//! forms, "Read more" lines, share rows, player leftovers, datelines, pasted-twice
//! bodies) and keeps the article byte for byte.
//!
//! ```
//! let cleaner = chaff::Cleaner::new(chaff::RuleSet::defaults().unwrap());
//! let cleaned = cleaner.clean("A story.\nRead more: Another story\n");
//! assert_eq!(cleaned.text(), "A story.\n");
//! ```
//!
//! The library never prints and never exits; the `chaff` binary owns I/O and exit codes.

mod case;
mod cleaner;
pub mod detect;
pub mod document;
pub mod examples;
mod explain;
mod keys;
pub mod learn;
mod literals;
mod matcher;
mod memo;
mod prefixes;
pub mod record;
pub mod review;
pub mod rules;

pub use cleaner::{Cleaned, Cleaner, Edit, EditKind, Fate, apply_edits};
pub use explain::{ExplainStyle, explain, explain_styled};
pub use rules::{Rule, RuleError, RuleSet, Source};
