//! What long provisioning and teardown work says it is doing ("waiting for Aurora cluster
//! orders-x1: creating"): the CLI listens and shows it on its spinner, or as lines when stderr
//! is not a terminal (CI logs); without a listener it goes to the log only.

use std::sync::RwLock;

type Listener = Box<dyn Fn(&str) + Send + Sync>;

static LISTENER: RwLock<Option<Listener>> = RwLock::new(None);

/// Sends every progress message to `listener` until [`stop_listening`].
pub fn listen(listener: impl Fn(&str) + Send + Sync + 'static) {
    *LISTENER.write().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(listener));
}

pub fn stop_listening() {
    *LISTENER.write().unwrap_or_else(|e| e.into_inner()) = None;
}

/// Says what the work is doing now.
pub fn say(message: &str) {
    tracing::info!("{message}");
    if let Some(listener) = LISTENER.read().unwrap_or_else(|e| e.into_inner()).as_ref() {
        listener(message);
    }
}

/// How long a wait stays silent at most between two polls that see the same thing: with polls
/// at most 15 s apart (wait.rs), a log shows a line at least every 30 s however long AWS takes.
pub const HEARTBEAT: std::time::Duration = std::time::Duration::from_secs(15);

/// The voice of a wait or retry loop: it says what it waits for when it starts, whenever that
/// changes, and again once [`HEARTBEAT`] has passed since it last spoke, so a wait of minutes is
/// never silent (a CI log shows it is alive and what holds it).
#[derive(Debug, Default)]
pub struct Heartbeat {
    /// What was last said (its key) and when.
    said: Option<(String, std::time::Instant)>,
}

impl Heartbeat {
    /// Says `message` when `key` (what is waited for, in what state) differs from the last one
    /// or the heartbeat is due.
    pub fn say(&mut self, key: &str, message: &str) {
        let now = std::time::Instant::now();
        let due = match &self.said {
            Some((last, at)) => last != key || now.duration_since(*at) >= HEARTBEAT,
            None => true,
        };
        if due {
            say(message);
            self.said = Some((key.to_string(), now));
        }
    }
}

/// When a wait of `deadline` from now gives up, as a log line writes it (`22:10:05 UTC`).
pub fn gives_up_at(deadline: std::time::Duration) -> String {
    let at = chrono::Utc::now() + chrono::Duration::from_std(deadline).unwrap_or_default();
    at.format("%H:%M:%S UTC").to_string()
}
