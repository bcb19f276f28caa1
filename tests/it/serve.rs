//! `sastra serve` for real: a free loopback port, a page fetched, a file
//! changed, the rebuilt page and the reload event observed; a broken file
//! keeps the server up and reports the error.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::Site;

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .args([
            "--root",
            site.root().to_str().unwrap(),
            "serve",
            "--port",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .and_then(|p| p.parse().ok());
    Server {
        child,
        port: port.unwrap_or_else(|| panic!("no port in {line:?}")),
    }
}

fn get(port: u16, path: &str) -> (u16, String) {
    get_as(port, path, Some("localhost"))
}

/// A GET with the given Host header (none when `None`).
fn get_as(port: u16, path: &str, host: Option<&str>) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let host = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(stream, "GET {path} HTTP/1.0\r\n{host}\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Reads server-sent events until one satisfies `wanted`.
fn wait_for_event(
    events: &mut BufReader<TcpStream>,
    wanted: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        if events.read_line(&mut line).unwrap() == 0 {
            panic!("event stream closed");
        }
        if let Some(data) = line.strip_prefix("data: ") {
            let status: serde_json::Value = serde_json::from_str(data.trim()).unwrap();
            if wanted(&status) {
                return status;
            }
        }
    }
    panic!("no matching event within 20 s");
}

fn open_events(port: u16) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        stream,
        "GET /__sastra/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    BufReader::new(stream)
}

#[test]
fn serves_rebuilds_on_change_and_survives_broken_files() {
    let site = Site::fixture("basic");
    let server = start(&site);

    let (status, page) = get(server.port, "/en/announcements/ballot-draw/");
    assert_eq!(status, 200);
    assert!(page.contains("The draw decided the order of parties"));
    // Pages carry the reload script in serve mode, and links point at the preview.
    assert!(
        page.contains("<script type=\"module\" src=\"/__sastra/reload.js?generation=1\"></script>"),
        "{page}"
    );
    assert!(page.contains("href=\"/en/tags/ballot/\""));
    let (status, script) = get(server.port, "/__sastra/reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));

    let mut events = open_events(server.port);
    let first = wait_for_event(&mut events, |_| true);
    let generation = first["generation"].as_u64().unwrap();

    let path = "content/announcements/ballot-draw.en.md";
    let original = std::fs::read_to_string(site.root().join(path)).unwrap();
    site.write(
        path,
        &original.replace("The draw decided", "The public draw decided"),
    );
    wait_for_event(&mut events, |s| {
        s["generation"].as_u64() > Some(generation) && s["error"].is_null()
    });
    assert!(get(server.port, "/en/announcements/ballot-draw/")
        .1
        .contains("The public draw decided"));

    site.write(
        "content/announcements/broken.en.md",
        "---\ntitle: [unclosed\n---\n",
    );
    let failed = wait_for_event(&mut events, |s| !s["error"].is_null());
    assert!(
        failed["error"].as_str().unwrap().contains(
            "content/announcements/broken.en.md:3:1: error: the front matter is not valid YAML"
        ),
        "{failed}"
    );
    // The last good site is still served.
    let (status, page) = get(server.port, "/en/announcements/ballot-draw/");
    assert_eq!(status, 200);
    assert!(page.contains("The public draw decided"));

    std::fs::remove_file(site.root().join("content/announcements/broken.en.md")).unwrap();
    wait_for_event(&mut events, |s| s["error"].is_null());
}

#[test]
fn unknown_paths_get_the_404_page_and_cannot_escape() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let (status, page) = get(server.port, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(page.contains("<html lang=\"km\">"));
    assert_eq!(get(server.port, "/../../etc/passwd").0, 404);
}

/// DNS rebinding: a page on another site whose name now resolves to
/// 127.0.0.1 asks the preview for pages (drafts included) as if it were
/// its own origin. Only loopback names on the preview's port are answered.
#[test]
fn requests_naming_another_host_are_refused() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let port = server.port;
    let page = "/en/announcements/ballot-draw/";
    for host in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        format!("[::1]:{port}"),
    ] {
        assert_eq!(get_as(port, page, Some(&host)).0, 200, "{host}");
    }
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1.nip.io:{port}"),
        format!("localhost:{}", port.wrapping_add(1)),
        "evil.example".to_string(),
        String::new(),
    ] {
        for path in [page, "/__sastra/reload.js", "/__sastra/events", "/no/such/"] {
            let (status, body) = get_as(port, path, Some(&host));
            assert_eq!(status, 421, "{host} {path}: {body}");
            assert!(body.starts_with("421 Misdirected Request"), "{body}");
            assert!(!body.contains("ballot"), "{body}");
        }
    }
    assert_eq!(get_as(port, page, None).0, 421, "no Host header");
}

#[cfg(target_os = "linux")]
fn threads_of(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .count()
}

#[cfg(target_os = "linux")]
#[test]
fn closed_pages_leave_no_threads_and_sigterm_leaves_no_folder() {
    let site = Site::fixture("basic");
    let mut server = start(&site);
    let pid = server.child.id();
    let folder = std::env::temp_dir().join(format!("sastra-serve-{pid}"));
    assert!(folder.is_dir());
    let before = threads_of(pid);
    for _ in 0..100 {
        drop(open_events(server.port));
    }
    // A closed stream ends on the second keep-alive after it closed.
    let deadline = Instant::now() + Duration::from_secs(20);
    while threads_of(pid) > before + 2 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(
        threads_of(pid) <= before + 2,
        "{} threads, {before} before",
        threads_of(pid)
    );
    unsafe { libc::kill(pid as i32, libc::SIGTERM) };
    let status = server.child.wait().unwrap();
    assert!(!status.success());
    assert!(!folder.exists(), "{} stayed behind", folder.display());
}

#[test]
fn a_busy_port_suggests_another() {
    let site = Site::fixture("basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let output = Command::new(env!("CARGO_BIN_EXE_sastra"))
        .env("LC_ALL", "en_US.UTF-8")
        .args(["--root", site.root().to_str().unwrap(), "serve", "--port"])
        .arg(port.to_string())
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: port {port} is already in use, perhaps by another preview\n  hint: stop the other one, or pick another port: sastra serve --port {}",
            port + 1
        )),
        "{stderr}"
    );
}
