//! A round trip per request: what every AWS call costs that the emulator, on the same machine,
//! does not.

use std::sync::Mutex;
use std::time::Duration;

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

/// The delay added before each signed request is answered: `base`, give or take up to `jitter`
/// (uniformly, from a generator seeded for repeatable runs).
#[derive(Debug)]
pub struct Latency {
    base: Duration,
    jitter: Duration,
    random: Mutex<StdRng>,
}

impl Latency {
    pub fn none() -> Self {
        Self::uniform(Duration::ZERO, Duration::ZERO, 0)
    }

    pub fn fixed(base: Duration) -> Self {
        Self::uniform(base, Duration::ZERO, 0)
    }

    pub fn uniform(base: Duration, jitter: Duration, seed: u64) -> Self {
        Self {
            base,
            jitter: jitter.min(base),
            random: Mutex::new(StdRng::seed_from_u64(seed)),
        }
    }

    /// The next request's delay.
    pub fn next(&self) -> Duration {
        if self.jitter.is_zero() {
            return self.base;
        }
        let jitter = self.jitter.as_secs_f64();
        let offset = self.random.lock().unwrap().random_range(-jitter..=jitter);
        Duration::from_secs_f64((self.base.as_secs_f64() + offset).max(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_stay_within_the_jitter_and_average_the_base() {
        let latency = Latency::uniform(Duration::from_millis(50), Duration::from_millis(20), 7);
        let delays: Vec<Duration> = (0..2000).map(|_| latency.next()).collect();
        assert!(delays.iter().all(|d| *d >= Duration::from_millis(30)));
        assert!(delays.iter().all(|d| *d <= Duration::from_millis(70)));
        let mean = delays.iter().sum::<Duration>() / delays.len() as u32;
        assert!(mean.abs_diff(Duration::from_millis(50)) < Duration::from_millis(2));
        assert_eq!(
            Latency::fixed(Duration::from_millis(5)).next(),
            Duration::from_millis(5)
        );
        assert_eq!(Latency::none().next(), Duration::ZERO);
    }
}
