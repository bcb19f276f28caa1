//! The preview's HTTP side: files from the built site, the reload script
//! and the event stream. Loopback only; this is not a production server.

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Request, Response};

use super::reload::{self, Reloader, SCRIPT};

pub const RELOAD_SCRIPT_PATH: &str = "/__sastra/reload.js";
pub const EVENTS_PATH: &str = "/__sastra/events";

/// Answers one request of the preview listening on loopback `port`.
pub fn handle(request: Request, site: &Path, port: u16, reloader: &Arc<Reloader>) {
    // A page on another site can make its own name resolve to 127.0.0.1
    // (DNS rebinding) and read the preview, drafts included, as if it were
    // its own origin; the Host header still carries that other name.
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    if !is_loopback_host(host.as_deref(), port) {
        let _ = request.respond(with_type(
            Response::from_string(
                "421 Misdirected Request: this preview answers only to localhost, 127.0.0.1 or [::1]\n",
            )
            .with_status_code(421),
            "text/plain; charset=utf-8",
        ));
        return;
    }
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    let result = match path.as_str() {
        RELOAD_SCRIPT_PATH => request.respond(with_type(
            Response::from_string(SCRIPT),
            "text/javascript; charset=utf-8",
        )),
        EVENTS_PATH => {
            let reloader = reloader.clone();
            // An event stream lives as long as the page: give it a thread.
            std::thread::spawn(move || stream_events(request, &reloader));
            Ok(())
        }
        _ => serve_file(request, site, &path, reloader.status().generation),
    };
    // A browser closing a connection early is not an error worth reporting.
    let _ = result;
}

/// Whether a Host header names this preview: a loopback name, with no port
/// or the port it listens on. Nothing else (another name that resolves to
/// 127.0.0.1, a missing header) is served.
fn is_loopback_host(host: Option<&str>, port: u16) -> bool {
    let Some(host) = host else {
        return false;
    };
    let (name, given) = match host.rsplit_once(':') {
        // "[::1]" alone holds colons but no port.
        Some((name, given)) if !given.contains(']') => (name, Some(given)),
        _ => (host, None),
    };
    let loopback = name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1" || name == "[::1]";
    loopback && given.is_none_or(|given| given.parse() == Ok(port))
}

fn serve_file(request: Request, site: &Path, path: &str, generation: u64) -> std::io::Result<()> {
    let Some(file) = resolve(site, path) else {
        let not_found =
            std::fs::read_to_string(site.join("404.html")).unwrap_or_else(|_| "Not found".into());
        let page = reload::inject(
            &not_found,
            &format!("{RELOAD_SCRIPT_PATH}?generation={generation}"),
        );
        return request.respond(with_type(
            Response::from_string(page).with_status_code(404),
            "text/html; charset=utf-8",
        ));
    };
    let content_type = content_type(&file);
    if content_type.starts_with("text/html") {
        let html = std::fs::read_to_string(&file).unwrap_or_default();
        let page = reload::inject(
            &html,
            &format!("{RELOAD_SCRIPT_PATH}?generation={generation}"),
        );
        return request.respond(with_type(Response::from_string(page), content_type));
    }
    match std::fs::File::open(&file) {
        Ok(f) => request.respond(with_type(Response::from_file(f), content_type)),
        Err(_) => request.respond(Response::from_string("Not found").with_status_code(404)),
    }
}

/// Maps a URL path to a file of the site, refusing anything that would
/// leave it, and serving `index.html` for folders.
fn resolve(site: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let relative = Path::new(decoded.trim_start_matches('/'));
    if !relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let mut file = site.join(relative);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn with_type<R: Read>(response: Response<R>, content_type: &str) -> Response<R> {
    response.with_header(header("Content-Type", content_type))
}

/// Sends the build status each time it changes, as server-sent events,
/// with a comment now and then to keep the connection open, until the
/// browser goes away.
///
/// tiny_http buffers chunked bodies, which would hold events back; taking
/// the raw connection (its "upgrade") lets each event be flushed at once.
/// The body then runs until the connection closes, as SSE allows.
fn stream_events(request: Request, reloader: &Reloader) {
    // A closed connection shows only when a write to it fails, the second
    // write after the browser left; a keep-alive every second ends the
    // thread of a closed page within two, so threads do not pile up when
    // pages are reloaded in quick succession.
    const KEEP_ALIVE: Duration = Duration::from_secs(1);
    let response = Response::empty(200)
        .with_header(header("Content-Type", "text/event-stream"))
        .with_header(header("Cache-Control", "no-cache"));
    let mut stream = request.upgrade("sastra-events", response);
    let mut seen = None;
    loop {
        let status = match seen {
            None => reloader.status(),
            Some(seen) => reloader.wait_past(seen, KEEP_ALIVE),
        };
        let message = if Some(status.generation) == seen {
            ": keep-alive\n\n".to_string()
        } else {
            seen = Some(status.generation);
            format!(
                "data: {}\n\n",
                serde_json::to_string(&status).expect("status serialises")
            )
        };
        if stream
            .write_all(message.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_site() {
        let site = tempfile::tempdir().unwrap();
        std::fs::write(site.path().join("a.txt"), "a").unwrap();
        assert!(resolve(site.path(), "/a.txt").is_some());
        assert!(resolve(site.path(), "/../etc/passwd").is_none());
        assert!(resolve(site.path(), "/%2e%2e/etc/passwd").is_none());
    }

    #[test]
    fn only_loopback_names_on_our_port_are_served() {
        for host in [
            "localhost",
            "localhost:4000",
            "LocalHost:4000",
            "127.0.0.1:4000",
            "[::1]:4000",
            "[::1]",
        ] {
            assert!(is_loopback_host(Some(host), 4000), "{host}");
        }
        for host in [
            "evil.example:4000",
            "evil.example",
            "localhost.evil.example:4000",
            "127.0.0.1.nip.io:4000",
            "localhost:4001",
            "localhost:",
            "localhost:4000:4000",
            "127.0.0.2:4000",
            "0.0.0.0:4000",
            "localhost.:4000",
            "[::1]:80",
            "",
        ] {
            assert!(!is_loopback_host(Some(host), 4000), "{host}");
        }
        assert!(!is_loopback_host(None, 4000));
    }
}
