//! First-seen de-duplication: lists whose order the author chose (tags,
//! attachments across a document's versions) keep it.

/// `items` without repeats, each kept where it first appears. Lists here
/// are short (a document's tags), so a linear scan beats hashing.
pub fn first_seen<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    first_seen_by(items, |item| item)
}

/// `items` without two that share a `key`, each kept where it first appears.
pub fn first_seen_by<T, K: PartialEq + ?Sized>(
    items: impl IntoIterator<Item = T>,
    key: impl Fn(&T) -> &K,
) -> Vec<T> {
    let mut kept: Vec<T> = Vec::new();
    for item in items {
        if !kept.iter().any(|k| key(k) == key(&item)) {
            kept.push(item);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_of_each_in_order() {
        assert_eq!(first_seen(["b", "a", "b", "c", "a"]), ["b", "a", "c"]);
        let pairs = [(1, "x"), (2, "y"), (3, "x")];
        assert_eq!(first_seen_by(pairs, |p| p.1), [(1, "x"), (2, "y")]);
    }
}
