//! The real `checkout-server` binary as a child process: started with an environment (and
//! optionally lower open-file limits), its first stdout line read as its URL, its stderr kept,
//! signalled, measured (RSS, open-file limits) and killed on drop.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A running server process.
pub struct Process {
    child: Child,
    /// Its URL, without a trailing slash.
    pub base: String,
    stderr: Arc<Mutex<String>>,
}

impl Process {
    /// Starts the binary with `env` (on top of a clean Stripe configuration: simulator mode,
    /// an ephemeral port), under `ulimit {ulimit}` if given (`"-n 256"`: both limits; `"-Sn 256"`:
    /// the soft one).
    pub fn start(env: &[(&str, &str)], ulimit: Option<&str>) -> Process {
        let binary = env!("CARGO_BIN_EXE_checkout-server");
        let mut command = match ulimit {
            Some(limits) => {
                let mut sh = Command::new("sh");
                sh.args(["-c", &format!("ulimit {limits} && exec \"$0\""), binary]);
                sh
            }
            None => Command::new(binary),
        };
        for name in [
            "STRIPE_SECRET_KEY",
            "STRIPE_PUBLISHABLE_KEY",
            "STRIPE_API_BASE",
            "PUBLIC_URL",
            "DATABASE_URL",
            "FULFILMENT_URL",
        ] {
            command.env_remove(name);
        }
        command
            .env("BIND", "127.0.0.1:0")
            .env("DIST_DIR", super::temp_dir("process"))
            .env("DATA_DIR", super::orders::unique_dir("process-data"))
            .env("RUST_LOG", "info")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("the server binary starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let base = line.trim().trim_end_matches('/').to_owned();
        assert!(
            base.starts_with("http://127.0.0.1:"),
            "no URL on stdout: {line:?}; stderr: {}",
            stderr.lock().unwrap()
        );
        Process {
            child,
            base,
            stderr,
        }
    }

    /// `host:port`.
    pub fn addr(&self) -> String {
        self.base.trim_start_matches("http://").to_owned()
    }

    /// Sends `signal` (`TERM`, `INT`) to this process, by its id.
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .arg(format!("-{signal}"))
            .arg(self.child.id().to_string())
            .status()
            .unwrap();
        assert!(status.success());
    }

    /// Resident memory, in KiB (Linux).
    pub fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    /// Its open-file limits, (soft, hard), from `/proc/<pid>/limits`.
    pub fn open_file_limits(&self) -> (String, String) {
        let limits = std::fs::read_to_string(format!("/proc/{}/limits", self.child.id())).unwrap();
        let line = limits
            .lines()
            .find_map(|l| l.strip_prefix("Max open files"))
            .expect("Max open files");
        let mut fields = line.split_whitespace();
        let soft = fields.next().unwrap().to_owned();
        let hard = fields.next().unwrap().to_owned();
        (soft, hard)
    }

    /// Waits up to `within` for the process to exit.
    pub fn wait_exit(&mut self, within: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + within;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Everything written to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
