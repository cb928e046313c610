//! Hybrid logical clock (uhlc). Timestamps order changes across workstations even when their wall clocks disagree;
//! the highest time seen is persisted in `site.max_hlc` and restored at start, so a restart never goes backwards.

use std::time::Duration;

use uhlc::{HLC, HLCBuilder, ID, NTP64, Timestamp};
use uuid::Uuid;

/// Clocks of clinic PCs drift and are sometimes set wrong by hours; a day of tolerated skew keeps sync working.
const MAX_SKEW: Duration = Duration::from_secs(24 * 60 * 60);

pub struct Clock {
    hlc: HLC,
    id: ID,
}

impl Clock {
    /// A clock for `site_id`, never earlier than `persisted` (16 hex digits, or empty).
    pub fn new(site_id: Uuid, persisted: &str) -> Self {
        let id = ID::try_from(site_id.as_bytes()).unwrap_or_else(|_| ID::rand());
        let hlc = HLCBuilder::new()
            .with_id(id)
            .with_max_delta(MAX_SKEW)
            .build();
        let clock = Clock { hlc, id };
        if let Some(t) = parse(persisted) {
            // A persisted time more than a day ahead of this PC's clock is refused by uhlc; the wall clock then
            // carries on and ordering stays correct among this site's own changes thanks to the sequence number.
            let _ = clock
                .hlc
                .update_with_timestamp(&Timestamp::new(t, clock.id));
        }
        clock
    }

    /// A new timestamp, greater than every one this clock has issued or seen, as 16 lower-case hex digits.
    pub fn now(&self) -> String {
        format(self.hlc.new_timestamp().get_time())
    }

    /// Takes a timestamp seen from another workstation into account.
    pub fn observe(&self, hlc: &str) {
        if let Some(t) = parse(hlc) {
            let _ = self.hlc.update_with_timestamp(&Timestamp::new(t, self.id));
        }
    }
}

fn format(t: &NTP64) -> String {
    format!("{:016x}", t.as_u64())
}

fn parse(s: &str) -> Option<NTP64> {
    if s.len() != 16 {
        return None;
    }
    u64::from_str_radix(s, 16).ok().map(NTP64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_increase_and_survive_restart() {
        let site = Uuid::now_v7();
        let c = Clock::new(site, "");
        let a = c.now();
        let b = c.now();
        assert!(b > a, "{b} > {a}");
        // A restart restores the highest time seen, even if it is ahead of the wall clock.
        let ahead = format(&NTP64(parse(&b).expect("hex").0 + (3600u64 << 32)));
        let c2 = Clock::new(site, &ahead);
        assert!(c2.now() > ahead);
    }

    #[test]
    fn observing_a_later_time_moves_the_clock_on() {
        let c = Clock::new(Uuid::now_v7(), "");
        let later = format(&NTP64(parse(&c.now()).expect("hex").0 + (600u64 << 32)));
        c.observe(&later);
        assert!(c.now() > later);
    }
}
