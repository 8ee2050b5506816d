//! A server's "no", and what it means for the person holding the phone. CouchDB and the relay
//! answer an error with an HTTP status and JSON `{"error", "reason"}` in English; the app must
//! say what happened in the reader's language and what to do – and must never read "your key
//! was mistyped" as "this phone was removed" (which makes the phone forget the organisation).

/// What the server said when it refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// The HTTP status (0 when the refusal was found in a 2xx answer, a refused document).
    pub status: u16,
    /// The server's error code ("unauthorized", "revoked", "not_found", "forbidden" …).
    pub error: String,
    /// The server's English reason, for whoever runs the server.
    pub reason: String,
}

/// The refusals a person can do something about, each with its own message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefusalKind {
    /// The relay removed this device from the organisation: only the relay's own "revoked".
    Removed,
    /// The device key (relay) or name and password (CouchDB) were not accepted.
    KeyNotAccepted,
    /// There is no such database on the server: the address is wrong.
    NoSuchDatabase,
    /// The key works, but not for this database (another organisation's).
    NotAllowed,
    InvitationExpired,
    InvitationUsed,
    InvitationInvalid,
    /// A removal of another device started on this phone is still being finished.
    RemovalUnfinished,
    /// Anything else: said with its status, the reason kept for the server's admin.
    Other,
}

/// The reason a removal that is still being finished is refused with (made on the phone).
pub const REMOVAL_UNFINISHED: &str = "a removal is still being finished";

impl Refusal {
    /// A refusal with only a reason (a refused document, or one the app makes itself).
    pub fn because(reason: &str) -> Refusal {
        Refusal {
            status: 0,
            error: String::new(),
            reason: reason.to_owned(),
        }
    }

    pub fn kind(&self) -> RefusalKind {
        // The relay's invitation answers are told apart by their reason (all 403s).
        match self.reason.as_str() {
            "invitation expired" => return RefusalKind::InvitationExpired,
            "invitation already used" => return RefusalKind::InvitationUsed,
            "invitation not valid" => return RefusalKind::InvitationInvalid,
            REMOVAL_UNFINISHED => return RefusalKind::RemovalUnfinished,
            _ => {}
        }
        match (self.status, self.error.as_str()) {
            (_, "revoked") => RefusalKind::Removed,
            (401, _) => RefusalKind::KeyNotAccepted,
            (404, _) => RefusalKind::NoSuchDatabase,
            (403, _) => RefusalKind::NotAllowed,
            _ => RefusalKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, error: &str, reason: &str) -> RefusalKind {
        Refusal {
            status,
            error: error.into(),
            reason: reason.into(),
        }
        .kind()
    }

    #[test]
    fn only_the_relays_own_revoked_means_the_phone_was_removed() {
        assert_eq!(
            answer(
                401,
                "revoked",
                "This device was removed from the organisation."
            ),
            RefusalKind::Removed
        );
        // A mistyped key, on the relay and on CouchDB: check the key, nothing was removed.
        assert_eq!(
            answer(401, "unauthorized", "This device token is not known."),
            RefusalKind::KeyNotAccepted
        );
        assert_eq!(
            answer(401, "unauthorized", "Name or password is incorrect."),
            RefusalKind::KeyNotAccepted
        );
    }

    #[test]
    fn a_wrong_database_name_is_a_wrong_address() {
        // CouchDB's words for it, and the relay's.
        assert_eq!(
            answer(404, "not_found", "Database does not exist."),
            RefusalKind::NoSuchDatabase
        );
        assert_eq!(
            answer(
                403,
                "forbidden",
                "This device belongs to another organisation."
            ),
            RefusalKind::NotAllowed
        );
    }

    #[test]
    fn invitations_and_the_rest() {
        assert_eq!(
            answer(403, "forbidden", "invitation expired"),
            RefusalKind::InvitationExpired
        );
        assert_eq!(
            Refusal::because("invitation not valid").kind(),
            RefusalKind::InvitationInvalid
        );
        assert_eq!(
            Refusal::because(REMOVAL_UNFINISHED).kind(),
            RefusalKind::RemovalUnfinished
        );
        assert_eq!(answer(413, "too_large", "Too large."), RefusalKind::Other);
        assert_eq!(Refusal::because("too large").kind(), RefusalKind::Other);
    }
}
