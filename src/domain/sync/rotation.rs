//! Removing a device, as a rotation that is all or nothing and can be finished later. The
//! new key is drawn and kept BEFORE anything is sent; revoking the device, sealing the key for
//! every device that stays and pushing it are each safe to repeat (the same document ids
//! again), so a cut connection at any step is finished on the next sync. The rotation is done
//! when its key document is the first of its epoch in the feed (see `pull`); a rotation that
//! another phone's beat starts again at the next epoch, so the device it removes is still
//! locked out of whatever key wins.

use super::pull::Claims;
use serde::{Deserialize, Serialize};

/// A removal this device started and has not seen through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingRotation {
    /// The relay id of the device being removed.
    pub removing: String,
    /// Ties this rotation's key documents together (random).
    pub rotation: String,
    /// The epoch the new key is for.
    pub epoch: u32,
    /// The new data key (base64), drawn on this device.
    pub key: String,
    /// The stamp its key documents carry.
    pub stamp: String,
    /// The device is revoked and the key documents are on the server.
    pub sent: bool,
}

/// Where a rotation stands after the feed was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RotationOutcome {
    /// Its epoch is not taken yet: send (again), or wait for the feed.
    Open,
    /// Its key document came first: its key is the organisation's.
    Won,
    /// Another rotation took the epoch first: start again at the next one.
    Lost,
}

impl PendingRotation {
    pub fn outcome(&self, claims: &Claims) -> RotationOutcome {
        match claims.get(&self.epoch) {
            None => RotationOutcome::Open,
            Some(winner) if *winner == self.rotation => RotationOutcome::Won,
            Some(_) => RotationOutcome::Lost,
        }
    }
}

/// The epoch a new rotation takes: after every epoch this device holds a key for or has seen
/// claimed.
pub fn next_epoch(held: impl IntoIterator<Item = u32>, claims: &Claims) -> u32 {
    held.into_iter()
        .chain(claims.keys().copied())
        .max()
        .unwrap_or(0)
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pending(epoch: u32, rotation: &str) -> PendingRotation {
        PendingRotation {
            removing: "lost-phone".into(),
            rotation: rotation.into(),
            epoch,
            key: "k".into(),
            stamp: "s".into(),
            sent: true,
        }
    }

    #[test]
    fn a_rotation_wins_loses_or_waits_by_the_first_claim_of_its_epoch() {
        let mut claims = Claims::new();
        assert_eq!(pending(2, "mine").outcome(&claims), RotationOutcome::Open);
        claims.insert(2, "mine".into());
        assert_eq!(pending(2, "mine").outcome(&claims), RotationOutcome::Won);
        claims.insert(2, "theirs".into());
        assert_eq!(pending(2, "mine").outcome(&claims), RotationOutcome::Lost);
    }

    #[test]
    fn a_lost_rotation_starts_again_after_the_epoch_that_beat_it() {
        let claims: Claims = [(2, "theirs".to_owned())].into();
        assert_eq!(next_epoch([1], &claims), 3);
        assert_eq!(next_epoch([1, 2], &Claims::new()), 3);
        assert_eq!(next_epoch([], &Claims::new()), 1);
    }
}
