//! Checks the Khmer lunar calendar against `tests/vectors/khmer-calendar.tsv`,
//! whose lines come from a reference implementation (see the file's header),
//! not from this code.

use sastra::khmer::calendar::lunar_day;

#[test]
fn every_vector_matches() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/vectors/khmer-calendar.tsv"
    );
    let text = std::fs::read_to_string(path).expect("read khmer-calendar.tsv");
    let mut checked = 0;
    let mut failures = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [date, khmer, english] = fields[..] else {
            panic!(
                "line {}: expected date, Khmer line, English line",
                number + 1
            );
        };
        let parts: Vec<u16> = date
            .split('-')
            .map(|p| {
                p.parse()
                    .unwrap_or_else(|e| panic!("line {}: {e}", number + 1))
            })
            .collect();
        let day = lunar_day(parts[0].into(), parts[1] as u8, parts[2] as u8)
            .unwrap_or_else(|| panic!("line {}: {date} is not covered", number + 1));
        if (day.khmer().as_str(), day.english().as_str()) != (khmer, english) {
            failures.push(format!(
                "line {}: {date}\n  expected {khmer} | {english}\n  got      {} | {}",
                number + 1,
                day.khmer(),
                day.english()
            ));
        }
        checked += 1;
    }
    assert!(checked >= 190, "only {checked} vectors");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
