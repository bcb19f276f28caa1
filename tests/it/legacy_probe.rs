#[test]
#[ignore]
fn probe() {
    use sastra::khmer::legacy::detect::detect;
    let text = std::fs::read_to_string(std::env::var("PROBE").unwrap()).unwrap();
    let (mut n, mut hit) = (0, 0);
    for line in text.lines() {
        n += 1;
        if let Some(f) = detect(line) {
            hit += 1;
            if std::env::var("SHOW").is_ok() {
                println!("HIT {f:?} | {}", line.chars().take(100).collect::<String>());
            }
        } else if std::env::var("MISS").is_ok() && line.len() > 20 {
            println!("MISS | {}", line.chars().take(100).collect::<String>());
        }
    }
    println!("{hit} of {n} lines");
}
