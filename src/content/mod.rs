//! Load: from files under `content/` to checked [`Document`]s.

pub mod alias;
pub mod attachment;
pub mod body;
pub mod content_path;
pub mod date;
pub mod document;
pub mod field_path;
pub mod front_matter;
pub mod legacy_text;
pub mod links;
pub mod load;
pub mod markdown;
pub mod sniff;
pub mod suggest;
pub mod validate;
pub mod yaml_mistakes;

pub use content_path::ContentPath;
pub use date::PartialDate;
pub use document::{Attachment, Document};
