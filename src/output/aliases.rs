//! A document's old addresses (`aliases:` in its front matter), each
//! published as a small page that sends the reader on: a `refresh` to the
//! document and `rel=canonical` naming it, so search engines move the old
//! address's standing to the new one. No script, so the pages work under
//! the strictest policy. They are listed nowhere: not in the sitemap, the
//! feeds, the search index or any page.

use crate::archive::Archive;
use crate::config::Config;
use crate::render::templates::escape_html;
use crate::urls;

/// Every alias page: (file in the output, its HTML).
pub fn pages(config: &Config, archive: &Archive) -> Vec<(String, String)> {
    archive
        .entries
        .iter()
        .flat_map(|entry| entry.versions().map(move |document| (entry, document)))
        .flat_map(|(entry, document)| {
            let target = config
                .base_url
                .absolute(&urls::document(&document.lang, &entry.key));
            document.aliases.iter().map(move |alias| {
                (
                    urls::file_for(&alias.path),
                    page(&document.lang, &document.title, &target),
                )
            })
        })
        .collect()
}

/// The redirect page to `target` (an absolute URL, so it holds from any
/// depth), titled and linked with the document's title.
fn page(lang: &str, title: &str, target: &str) -> String {
    let (title, target) = (escape_html(title), escape_html(target));
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\">\n\
         <title>{title}</title>\n<link rel=\"canonical\" href=\"{target}\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={target}\">\n</head>\n\
         <body>\n<p><a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n"
    )
}
