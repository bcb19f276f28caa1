//! Where a value sits in a front matter, for messages: `title`,
//! `attachments[1]`, `attachments[1].file`.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldPath {
    /// A top-level field.
    Field(String),
    /// An item of a top-level list.
    Item(String, usize),
    /// A field of an item of a top-level list.
    ItemField(String, usize, String),
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldPath::Field(name) => f.write_str(name),
            FieldPath::Item(list, i) => write!(f, "{list}[{i}]"),
            FieldPath::ItemField(list, i, name) => write!(f, "{list}[{i}].{name}"),
        }
    }
}

impl FieldPath {
    /// The 1-based file line where the value is written, in block-style
    /// YAML starting at file line `yaml_line`; the nearest enclosing line
    /// that can be found otherwise (a flow list, a field not written).
    pub fn line(&self, yaml: &str, yaml_line: usize) -> usize {
        let lines: Vec<&str> = yaml.lines().collect();
        let top_name = match self {
            FieldPath::Field(name)
            | FieldPath::Item(name, _)
            | FieldPath::ItemField(name, _, _) => name,
        };
        let Some(top) = lines.iter().position(|line| is_key(line, top_name)) else {
            return yaml_line;
        };
        let (index, sub) = match self {
            FieldPath::Field(_) => return yaml_line + top,
            FieldPath::Item(_, i) => (*i, None),
            FieldPath::ItemField(_, i, name) => (*i, Some(name)),
        };
        let block = &lines[top + 1..];
        let end = block
            .iter()
            .position(|line| !line.trim().is_empty() && !line.starts_with([' ', '\t', '-', '#']))
            .unwrap_or(block.len());
        let items: Vec<usize> = block[..end]
            .iter()
            .enumerate()
            .filter(|(_, line)| line.trim_start().starts_with('-'))
            .map(|(j, _)| j)
            .collect();
        let Some(&item) = items.get(index) else {
            return yaml_line + top;
        };
        let Some(sub) = sub else {
            return yaml_line + top + 1 + item;
        };
        let item_end = items.get(index + 1).copied().unwrap_or(end);
        let within = block[item..item_end]
            .iter()
            .position(|line| is_key(line.trim_start().trim_start_matches('-').trim_start(), sub))
            .unwrap_or(0);
        yaml_line + top + 1 + item + within
    }
}

fn is_key(line: &str, key: &str) -> bool {
    line.strip_prefix(key)
        .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

#[cfg(test)]
mod tests {
    use super::*;

    const YAML: &str = "title: T\nattachments:\n  - file: a.pdf\n    title: A\n  - title: B\n    file: b.pdf\ntags: [x]\n";

    #[test]
    fn finds_each_kind_of_path() {
        let at = |p: FieldPath| p.line(YAML, 2);
        assert_eq!(at(FieldPath::Field("title".into())), 2);
        assert_eq!(at(FieldPath::Field("tags".into())), 8);
        assert_eq!(at(FieldPath::Item("attachments".into(), 1)), 6);
        assert_eq!(
            at(FieldPath::ItemField(
                "attachments".into(),
                0,
                "title".into()
            )),
            5
        );
        assert_eq!(
            at(FieldPath::ItemField("attachments".into(), 1, "file".into())),
            7
        );
        // A field an item does not write: the item's line.
        assert_eq!(
            at(FieldPath::ItemField("attachments".into(), 1, "lang".into())),
            6
        );
        // Not there at all: the front matter's first line.
        assert_eq!(at(FieldPath::Field("summary".into())), 2);
        assert_eq!(
            FieldPath::ItemField("attachments".into(), 1, "file".into()).to_string(),
            "attachments[1].file"
        );
    }
}
