//! When a pushed change counts as sent. Only the server's own word does: an answer to
//! `_bulk_docs` in CouchDB's shape (an array with one row per document) that names the change
//! as stored. A Wi-Fi login page answering `200 text/html`, a proxy's `{}`, a cut body or a
//! row without an id confirm nothing, and what they did not confirm stays waiting – a change
//! marked as sent is never sent again.

use crate::domain::change::Change;
use serde::Deserialize;
use std::collections::HashSet;

/// One row of a `_bulk_docs` answer.
#[derive(Deserialize)]
struct PushRow {
    id: String,
    #[serde(default)]
    ok: Option<bool>,
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    reason: Option<String>,
}

/// What a well-formed push answer says.
#[derive(Debug, Default, PartialEq)]
pub struct PushReply {
    /// Ids the server now holds: stored now, or held already ("conflict": an earlier push whose
    /// answer was lost, sealed again with a new nonce, so the bytes differ).
    pub stored: HashSet<String>,
    /// The first reason the server gave for refusing a document, if it refused any.
    pub refused: Option<String>,
}

/// Reads the text of a 2xx answer to `_bulk_docs`; `None` if it is not CouchDB's answer.
pub fn read_push_reply(text: &str) -> Option<PushReply> {
    let rows: Vec<PushRow> = serde_json::from_str(text).ok()?;
    let mut reply = PushReply::default();
    for row in rows {
        if row.ok == Some(true) || row.error.as_deref() == Some("conflict") {
            reply.stored.insert(row.id);
        } else if reply.refused.is_none() {
            reply.refused = Some(
                row.reason
                    .or(row.error)
                    .unwrap_or_else(|| "refused".to_owned()),
            );
        }
    }
    Some(reply)
}

/// How many of `sent` (oldest first, as they were pushed) count as sent: the longest run from
/// the start that the server confirmed. The device remembers only the newest stamp it pushed,
/// so a change after a gap must wait with the gap; sending it again later is harmless.
pub fn confirmed_prefix(sent: &[Change], reply: &PushReply) -> usize {
    sent.iter()
        .take_while(|change| reply.stored.contains(&change.id))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::change::RecordKind;

    fn change(id: &str) -> Change {
        Change {
            id: id.to_owned(),
            record_id: "r".to_owned(),
            kind: RecordKind::Member,
            fields: Default::default(),
            stamp: "1".to_owned(),
            device_id: "d".to_owned(),
            replaces: Vec::new(),
            deletes: false,
        }
    }

    #[test]
    fn a_login_page_a_proxy_or_a_cut_answer_confirms_nothing() {
        for text in [
            "<html>Login</html>",
            "",
            "{}",
            "null",
            r#"[{"ok":true,"id":"a","rev":"1-x"},{"ok":tr"#,
            r#"[{"ok":true}]"#,
        ] {
            assert_eq!(read_push_reply(text), None, "{text:?}");
        }
    }

    #[test]
    fn stored_and_already_held_count_as_sent_refused_does_not() {
        let reply = read_push_reply(
            r#"[{"ok":true,"id":"a","rev":"1-x"},
                {"id":"b","error":"conflict","reason":"exists"},
                {"id":"c","error":"forbidden","reason":"too large"}]"#,
        )
        .expect("well-formed");
        assert_eq!(reply.stored, ["a", "b"].map(str::to_owned).into());
        assert_eq!(reply.refused.as_deref(), Some("too large"));
    }

    #[test]
    fn only_the_confirmed_run_from_the_start_counts() {
        let sent = [change("a"), change("b"), change("c")];
        let reply = |ids: &[&str]| PushReply {
            stored: ids.iter().map(|id| (*id).to_owned()).collect(),
            refused: None,
        };
        assert_eq!(confirmed_prefix(&sent, &reply(&["a", "b", "c"])), 3);
        // The server answered for a and c only: c waits with b.
        assert_eq!(confirmed_prefix(&sent, &reply(&["a", "c"])), 1);
        assert_eq!(confirmed_prefix(&sent, &reply(&[])), 0);
        // An empty answer to a non-empty push (a proxy's `[]`) confirms none of it.
        assert_eq!(
            confirmed_prefix(&sent, &read_push_reply("[]").expect("array")),
            0
        );
    }
}
