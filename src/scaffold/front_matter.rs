//! Writing a new document's text: its front matter serialised by serde_yaml
//! (so that any title, however quoted or Khmer, is escaped correctly, never
//! pieced together by hand), then its body.

use serde::Serialize;

/// A front matter as `sastra new` and `sastra import` write it, in the
/// order of the README's "Front matter" section. Empty fields are left out.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FrontMatter {
    /// Left out when missing, like the date, so that the check says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// As written (`2023-05-29`, `2023-05`, `2023`), checked by the parser
    /// like any document's; left out when missing, so that the check says so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<AttachmentEntry>,
    #[serde(skip_serializing_if = "is_false")]
    pub draft: bool,
    #[serde(skip_serializing_if = "is_false")]
    pub translation_draft: bool,
}

/// One `attachments:` entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttachmentEntry {
    /// Relative to the document's folder: `files/<name>`.
    pub file: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl FrontMatter {
    /// The YAML between the `---` lines, each line ending in a line feed.
    pub fn yaml(&self) -> String {
        serde_yaml::to_string(self).expect("a front matter of strings serialises")
    }
}

/// A document file: `---`, the YAML, `---`, then the body (`comments`, YAML
/// comment lines, go just before the closing line).
pub fn document_text(front_matter: &FrontMatter, comments: &str, body: &str) -> String {
    let mut text = format!("---\n{}{comments}---\n", front_matter.yaml());
    if !body.is_empty() {
        text.push('\n');
        text.push_str(body);
        if !body.ends_with('\n') {
            text.push('\n');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untrusted_text_is_quoted_by_the_serialiser() {
        let front_matter = FrontMatter {
            title: Some("Press release: \"ballot\" #7\n---\ndraft: true".into()),
            date: Some("2023".into()),
            doc_type: Some("statement".into()),
            tags: vec!["ballot".into()],
            attachments: vec![AttachmentEntry {
                file: "files/a.pdf".into(),
                title: "សេចក្តីប្រកាស (PDF)".into(),
                lang: Some("km".into()),
            }],
            ..FrontMatter::default()
        };
        let yaml = front_matter.yaml();
        let value: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(
            value["title"].as_str(),
            Some("Press release: \"ballot\" #7\n---\ndraft: true")
        );
        assert_eq!(value["date"].as_str(), Some("2023"), "{yaml}");
        assert!(value.get("draft").is_none());
        assert_eq!(
            value["attachments"][0]["title"].as_str(),
            Some("សេចក្តីប្រកាស (PDF)")
        );
        assert!(yaml.contains("សេចក្តីប្រកាស"), "Khmer is written as is: {yaml}");
        // No line of the YAML is a fence that would end the front matter.
        assert!(!yaml.lines().any(|l| l.trim_end() == "---"), "{yaml}");
    }
}
