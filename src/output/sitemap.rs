//! `sitemap.xml`: every indexable page, with its translations as
//! `xhtml:link rel="alternate" hreflang` pairs.

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

use crate::archive::Archive;
use crate::config::Config;
use crate::content::PartialDate;
use crate::plan::{Page, PageKind};

pub fn render(config: &Config, archive: &Archive, pages: &[Page]) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 1);
    let write = |writer: &mut Writer<Vec<u8>>, event: Event| {
        writer.write_event(event).expect("writing to memory")
    };
    write(
        &mut writer,
        Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)),
    );
    let mut urlset = BytesStart::new("urlset");
    urlset.push_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"));
    urlset.push_attribute(("xmlns:xhtml", "http://www.w3.org/1999/xhtml"));
    write(&mut writer, Event::Start(urlset));
    for page in pages.iter().filter(|p| p.indexable()) {
        write(&mut writer, Event::Start(BytesStart::new("url")));
        element(&mut writer, "loc", &config.base_url.absolute(&page.path));
        if let PageKind::Document(id) = page.kind {
            // The sitemap schema takes full dates only.
            if let date @ PartialDate::Day(..) = archive.entries[id].date {
                element(&mut writer, "lastmod", &date.to_string());
            }
        }
        let alternates = page.alternates(config, archive);
        if alternates.len() > 1 {
            for (lang, path) in alternates {
                let mut link = BytesStart::new("xhtml:link");
                link.push_attribute(("rel", "alternate"));
                link.push_attribute(("hreflang", lang.as_str()));
                link.push_attribute(("href", config.base_url.absolute(&path).as_str()));
                write(&mut writer, Event::Empty(link));
            }
        }
        write(&mut writer, Event::End(BytesEnd::new("url")));
    }
    write(&mut writer, Event::End(BytesEnd::new("urlset")));
    String::from_utf8(writer.into_inner()).expect("XML written from strings")
}

fn element(writer: &mut Writer<Vec<u8>>, name: &str, text: &str) {
    writer
        .create_element(name)
        .write_text_content(BytesText::new(text))
        .expect("writing to memory");
}

pub fn robots(config: &Config) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        config.base_url.absolute("sitemap.xml")
    )
}
