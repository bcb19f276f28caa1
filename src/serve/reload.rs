//! The state of the last build, shared between the rebuilding thread and
//! the browsers listening for reloads (server-sent events).

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use serde::Serialize;

/// Served at `/__sastra/reload.js`; injected into pages in serve mode only.
pub const SCRIPT: &str = include_str!("reload.js");

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Status {
    /// Bumped by every build, good or bad.
    pub generation: u64,
    /// The last build's problems, when it failed.
    pub error: Option<String>,
}

#[derive(Default)]
pub struct Reloader {
    status: Mutex<Status>,
    changed: Condvar,
}

impl Reloader {
    pub fn publish(&self, error: Option<String>) {
        let mut status = self.status.lock().expect("status lock");
        status.generation += 1;
        status.error = error;
        self.changed.notify_all();
    }

    pub fn status(&self) -> Status {
        self.status.lock().expect("status lock").clone()
    }

    /// Waits until the generation passes `seen`, or the timeout ends (so
    /// that listeners can send keep-alives and notice closed connections).
    pub fn wait_past(&self, seen: u64, timeout: Duration) -> Status {
        let status = self.status.lock().expect("status lock");
        let (status, _) = self
            .changed
            .wait_timeout_while(status, timeout, |s| s.generation <= seen)
            .expect("status lock");
        status.clone()
    }
}

/// Adds the reload script to an HTML page, before `</body>`.
pub fn inject(html: &str, script_url: &str) -> String {
    let tag = format!("<script type=\"module\" src=\"{script_url}\"></script>");
    match html.rfind("</body>") {
        Some(i) => format!("{}{tag}\n{}", &html[..i], &html[i..]),
        None => format!("{html}{tag}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn injects_before_body_end() {
        assert_eq!(
            inject("<body>x</body></html>", "/r.js"),
            "<body>x<script type=\"module\" src=\"/r.js\"></script>\n</body></html>"
        );
    }

    #[test]
    fn waiting_returns_on_publish() {
        let reloader = std::sync::Arc::new(Reloader::default());
        let r = reloader.clone();
        let waiter = std::thread::spawn(move || r.wait_past(0, Duration::from_secs(10)));
        std::thread::sleep(Duration::from_millis(20));
        reloader.publish(Some("broken".into()));
        assert_eq!(
            waiter.join().unwrap(),
            Status {
                generation: 1,
                error: Some("broken".into())
            }
        );
    }
}
