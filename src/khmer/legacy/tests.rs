use super::*;

fn limon(s: &str) -> String {
    convert(LegacyFont::Limon, s).text
}

#[test]
fn font_names() {
    for name in ["Limon S1", "LimonS1", "LimonR1", "Limon F3", "limon-s7"] {
        assert_eq!(
            LegacyFont::from_font_name(name),
            Some(LegacyFont::Limon),
            "{name}"
        );
    }
    for name in [
        "ABC-TEXT-05",
        "ABC-TEXT-01",
        "ABC-FANCY-03",
        "ABC-HEAD-01",
        "ABC-ZAR",
    ] {
        assert_eq!(
            LegacyFont::from_font_name(name),
            Some(LegacyFont::Abc),
            "{name}"
        );
    }
    for name in [
        "Khmer OS",
        "Arial",
        "ABC-TEXT-05A",
        "Khek Anlongvill",
        "Baidok3C",
    ] {
        assert_eq!(LegacyFont::from_font_name(name), None, "{name}");
    }
    for name in [
        "ABC-TEXT-05A",
        "Khek Anlongvill",
        "Baidok3C",
        "FK1",
        "Limon S1",
        "Truth11",
        // Families the detection knew before there was any table.
        "Kh-System",
        "KSL-Battambang",
        "KSL_Moul",
        "Kangrey",
        "ABC-KHMER",
        "abc_something",
    ] {
        assert!(LegacyFont::is_legacy_name(name), "{name}");
    }
    for name in [
        "Khmer OS Siemreap",
        "Noto Sans Khmer",
        "Arial",
        "ABCDEF",
        "Times New Roman",
    ] {
        assert!(!LegacyFont::is_legacy_name(name), "{name}");
    }
    assert_eq!(LegacyFont::from_cli("limon"), Some(LegacyFont::Limon));
    assert_eq!(LegacyFont::from_cli("ABC"), Some(LegacyFont::Abc));
    assert_eq!(LegacyFont::from_cli("khek"), None);
    assert_eq!(LegacyFont::Abc.name(), "ABC");
}

#[test]
fn limon_words() {
    // The kfc README's example: "date of birth".
    assert_eq!(limon("éf¶ExqñaMkMeNIt"), "ថ្ងៃខែឆ្នាំកំណើត");
    // "election"
    assert_eq!(limon("ebaHeqñat"), "បោះឆ្នោត");
    // "woman": subscript ro typed first, after another subscript
    assert_eq!(limon("RsþI"), "ស្ត្រី");
    // "National Election Committee"
    assert_eq!(limon("KN³km\u{b5}kar"), "គណៈកម្មការ");
}

#[test]
fn limon_variant_codes_no_oracle_writes() {
    // Lower vowels drawn lower under a subscript: ú ុ, Ú ូ, Ü ួ.
    assert_eq!(limon("RsþÚv"), limon("RsþUv"));
    assert_eq!(limon("sþú"), "ស្តុ");
    assert_eq!(limon("sÞÜ"), "ស្ទួ");
    // Raised upper vowels: í ិ, Í ី, å ឹ, Å ឺ.
    assert_eq!(limon("sßíti"), "ស្ថិតិ");
    assert_eq!(limon("sñÍ"), "ស្នី");
    assert_eq!(limon("kþå"), "ក្តឹ");
    assert_eq!(limon("kþÅ"), "ក្តឺ");
    // Short subscript ro ® beside a lower vowel.
    assert_eq!(limon("®kú"), "ក្រុ");
    // Shorter subscript nyo Ø; ¤ (subscript nyo with ុ) in ខ្ញុំ.
    assert_eq!(limon("xØúM"), "ខ្ញុំ");
    assert_eq!(limon("x¤M"), "ខ្ញុំ");
    assert_eq!(limon("´"), "ខ្ញុំ");
    // Raised ំ ¿ and the ប that ligates with ា.
    assert_eq!(limon("k¿"), "កំ");
    assert_eq!(limon(")a"), "បា");
    // ញ drawn as ព + ា around its subscript.
    assert_eq!(limon("bBaJa"), "បញ្ញា");
    // Independent vowels built from two codes.
    assert_eq!(limon("]u"), "ឩ");
    assert_eq!(limon("]_"), "ឳ");
    assert_eq!(limon("b£"), "ឫ");
    assert_eq!(limon("B¤"), "ឮ");
    // ុ under ី for the shifter, as Python's kfc writes ស៊ី ("suI").
    assert_eq!(limon("suI"), "ស៊ី");
    assert_eq!(limon("buI"), "ប៉ី");
    // 0x91 as Windows-1252 gives it (‘) and as a raw C1 code.
    assert_eq!(limon("s\u{2018}I"), limon("s\u{91}I"));
}

#[test]
fn abc_words() {
    let abc = |s: &str| convert(LegacyFont::Abc, s).text;
    assert_eq!(abc("eba¼"), "បោះ");
    assert_eq!(abc("eá¼"), "បោះ");
    assert_eq!(abc("k;a"), "ក្កា");
}

#[test]
fn invalid_share_counts_bad_clusters() {
    let good = convert(LegacyFont::Limon, "ebaHeqñat");
    assert_eq!(good.invalid_clusters, 0);
    assert!(good.clusters >= 3);
    let bad = convert(LegacyFont::Limon, "aaaa");
    assert_eq!(bad.invalid_share(), 1.0);
    let none = convert(LegacyFont::Limon, "   ");
    assert_eq!((none.clusters, none.invalid_share()), (0, 0.0));
}

#[test]
fn every_table_code_converts_to_something_else_or_khmer() {
    // A code mapped to itself would be a no-op entry; count while at it.
    for font in FAMILIES {
        let mapped = (0x20..=0xFFu8)
            .filter(|&c| font.single(c).is_some())
            .count();
        eprintln!("{}: {mapped} codes", font.name());
        for code in 0x20..=0xFFu8 {
            if let Some(u) = font.single(code) {
                assert_ne!(u, (code as char).to_string(), "{} {code:#x}", font.name());
            }
        }
    }
}

#[test]
fn typing_orders_word_allowed_give_one_spelling() {
    // Glyphs typed in another order than the oracle writes them.
    assert_eq!(limon("sIu"), "ស៊ី");
    assert_eq!(limon("bI:"), limon("b:I"));
    assert_eq!(limon("kMa"), "កាំ");
    assert_eq!(limon("eRkA"), "ក្រៅ");
    assert_eq!(limon("eKa"), "គោ");
    assert_eq!(limon("eRbI"), "ប្រើ");
}
