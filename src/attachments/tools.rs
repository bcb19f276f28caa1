//! Running the external engines (Poppler's tools, Tesseract) on untrusted
//! files: each is a child process with a wall-clock limit, an address-space
//! limit and a cap on what it may print, started without a shell.

use std::ffi::OsStr;
use std::io::Read;
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// What one run of a tool may use.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub time: Duration,
    /// Address space, in bytes (RLIMIT_AS): a decompression bomb fails to
    /// allocate instead of taking the machine's memory.
    pub memory: u64,
    /// Standard output beyond this is refused and the tool stopped.
    pub output: usize,
    /// The largest file the tool may write, in bytes (RLIMIT_FSIZE): a
    /// page image of a page declared kilometres wide stops the tool
    /// instead of filling the temporary folder.
    pub file: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            time: Duration::from_secs(60),
            memory: 1 << 30,
            output: 64 << 20,
            file: 64 << 20,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ToolError {
    #[error("`{tool}` is not installed")]
    Missing { tool: String },
    #[error("cannot run `{tool}`: {source}")]
    Spawn {
        tool: String,
        source: std::io::Error,
    },
    #[error("`{tool}` took longer than {seconds} s and was stopped")]
    Timeout { tool: String, seconds: u64 },
    #[error("`{tool}` printed more than {limit} bytes and was stopped")]
    TooMuchOutput { tool: String, limit: usize },
    #[error("`{tool}` tried to write a file of more than {limit} bytes and was stopped")]
    TooLargeFile { tool: String, limit: u64 },
    #[error("`{tool}` failed: {message}")]
    Failed { tool: String, message: String },
}

/// Whether `program` can be run here (looked up on `PATH`).
pub fn available(program: &str) -> bool {
    Command::new(program)
        .arg("-v")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Runs `program` with `args` and returns its standard output. Paths among
/// the arguments must be absolute, so that none can be read as an option.
pub fn run<S: AsRef<OsStr>>(
    program: &str,
    args: &[S],
    limits: Limits,
) -> Result<Vec<u8>, ToolError> {
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("LC_ALL", "C.UTF-8")
        // Tesseract's own threads off: sastra reads pages in parallel, one
        // engine a core (see `ocr`); threads on top of that only contend.
        .env("OMP_THREAD_LIMIT", "1");
    let (memory, file) = (limits.memory, limits.file);
    let cpu = limits.time.as_secs().max(1) + 1;
    // SAFETY: setrlimit is async-signal-safe, and nothing else runs between
    // fork and exec.
    unsafe {
        command.pre_exec(move || {
            set_limit(libc::RLIMIT_AS, memory)?;
            set_limit(libc::RLIMIT_CPU, cpu)?;
            set_limit(libc::RLIMIT_FSIZE, file)?;
            set_limit(libc::RLIMIT_CORE, 0)
        });
    }
    let mut child = command.spawn().map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => ToolError::Missing {
            tool: program.to_string(),
        },
        _ => ToolError::Spawn {
            tool: program.to_string(),
            source,
        },
    })?;
    let stdout = capped_reader(child.stdout.take().expect("piped"), limits.output);
    let stderr = tail_reader(child.stderr.take().expect("piped"), 4096);
    let status = wait_until(&mut child, Instant::now() + limits.time);
    let (output, overflow) = stdout.join().unwrap_or_default();
    let errors = stderr.join().unwrap_or_default();
    let Some(status) = status else {
        return Err(ToolError::Timeout {
            tool: program.to_string(),
            seconds: limits.time.as_secs(),
        });
    };
    if overflow {
        return Err(ToolError::TooMuchOutput {
            tool: program.to_string(),
            limit: limits.output,
        });
    }
    if std::os::unix::process::ExitStatusExt::signal(&status) == Some(libc::SIGXFSZ) {
        return Err(ToolError::TooLargeFile {
            tool: program.to_string(),
            limit: limits.file,
        });
    }
    if !status.success() {
        let message = String::from_utf8_lossy(&errors);
        let message = message.lines().last().unwrap_or("").trim();
        return Err(ToolError::Failed {
            tool: program.to_string(),
            message: if message.is_empty() {
                status.to_string()
            } else {
                message.to_string()
            },
        });
    }
    Ok(output)
}

fn set_limit(resource: libc::__rlimit_resource_t, value: u64) -> std::io::Result<()> {
    let limit = libc::rlimit {
        rlim_cur: value,
        rlim_max: value,
    };
    // SAFETY: a plain system call on a valid struct.
    if unsafe { libc::setrlimit(resource, &limit) } == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Reads a pipe to its end on a thread of its own, keeping at most `cap`
/// bytes; the flag says whether there was more. Once over the cap it stops
/// reading, so a tool that keeps printing blocks until it is killed.
fn capped_reader(
    mut pipe: impl Read + Send + 'static,
    cap: usize,
) -> thread::JoinHandle<(Vec<u8>, bool)> {
    thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buffer = [0u8; 64 * 1024];
        loop {
            match pipe.read(&mut buffer) {
                Ok(0) | Err(_) => return (kept, false),
                Ok(n) if kept.len() + n > cap => return (kept, true),
                Ok(n) => kept.extend_from_slice(&buffer[..n]),
            }
        }
    })
}

/// Reads a pipe to its end, keeping its last `keep` bytes: a tool's last
/// complaint is the one that says why it gave up.
fn tail_reader(mut pipe: impl Read + Send + 'static, keep: usize) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut kept = Vec::new();
        let mut buffer = [0u8; 8192];
        while let Ok(n @ 1..) = pipe.read(&mut buffer) {
            kept.extend_from_slice(&buffer[..n]);
            if kept.len() > 2 * keep {
                kept.drain(..kept.len() - keep);
            }
        }
        kept
    })
}

/// Waits for the child until `deadline`; kills it past that (`None`). A
/// child that closed its output early but did not exit is killed too.
fn wait_until(child: &mut Child, deadline: Instant) -> Option<std::process::ExitStatus> {
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => {
                thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(25));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tool_past_its_time_is_stopped() {
        let limits = Limits {
            time: Duration::from_millis(200),
            ..Limits::default()
        };
        let started = Instant::now();
        let result = run("sleep", &["5"], limits);
        assert!(
            matches!(result, Err(ToolError::Timeout { .. })),
            "{result:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(3));
    }

    #[test]
    fn output_past_the_cap_is_refused() {
        let limits = Limits {
            output: 1000,
            ..Limits::default()
        };
        let result = run("head", &["-c", "100000", "/dev/zero"], limits);
        assert!(
            matches!(result, Err(ToolError::TooMuchOutput { .. })),
            "{result:?}"
        );
    }

    #[test]
    fn memory_is_limited() {
        let limits = Limits {
            memory: 64 << 20,
            ..Limits::default()
        };
        let result = run(
            "python3",
            &["-c", "b = bytearray(200 * 1024 * 1024)"],
            limits,
        );
        assert!(
            matches!(result, Err(ToolError::Failed { .. })),
            "{result:?}"
        );
    }

    #[test]
    fn files_past_the_size_limit_stop_the_tool() {
        let folder = tempfile::tempdir().unwrap();
        let limits = Limits {
            file: 1 << 20,
            ..Limits::default()
        };
        let target = format!("of={}", folder.path().join("big").display());
        let result = run(
            "dd",
            &["if=/dev/zero", target.as_str(), "bs=65536", "count=64"],
            limits,
        );
        assert!(
            matches!(result, Err(ToolError::TooLargeFile { .. })),
            "{result:?}"
        );
        let written = std::fs::metadata(folder.path().join("big")).unwrap().len();
        assert!(written <= 1 << 20, "{written} bytes written");
    }

    #[test]
    fn a_missing_tool_says_so() {
        let result = run("sastra-no-such-tool", &["x"], Limits::default());
        assert!(
            matches!(result, Err(ToolError::Missing { .. })),
            "{result:?}"
        );
    }
}
