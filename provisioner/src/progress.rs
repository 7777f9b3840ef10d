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
