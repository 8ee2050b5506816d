//! Convergence under a bad network: random schedules of devices editing and deleting records
//! while pushing to and pulling from a server with lost requests, lost responses, duplicated
//! and reordered batches, on clocks that are hours wrong. After everyone finally gets through,
//! all devices show the same records, and no value that someone wrote and nobody replaced
//! is gone.

use super::{Feed, PulledBatch, Replica};
use crate::domain::change::{Change, RecordKind};
use crate::domain::merge::tests::first_lost_value;
use proptest::prelude::*;
use serde_json::json;

const DEVICES: usize = 4;
const RECORDS: [&str; 2] = ["member-1", "member-2"];
const FIELDS: [&str; 3] = ["name", "phone", "district"];
/// Clock error per device in milliseconds: one is two hours behind, one an hour ahead.
const CLOCK_ERROR: [i64; DEVICES] = [0, -7_200_000, 3_600_000, 5];

#[derive(Clone, Copy, Debug)]
enum PushFault {
    None,
    /// The request never reaches the server.
    LostRequest,
    /// The server stored the batch, but the answer never reaches the phone.
    LostResponse,
}

#[derive(Clone, Copy, Debug)]
enum PullFault {
    None,
    /// The connection breaks during the response: nothing of the batch is applied.
    LostResponse,
    /// The batch arrives twice (a retried request whose first answer came after all).
    Duplicated,
    /// The changes of the batch arrive in another order.
    Reordered(u64),
}

#[derive(Clone, Debug)]
enum Step {
    Edit {
        device: usize,
        record: usize,
        field: usize,
        value: u8,
    },
    Delete {
        device: usize,
        record: usize,
    },
    Push {
        device: usize,
        limit: usize,
        fault: PushFault,
    },
    Pull {
        device: usize,
        limit: usize,
        fault: PullFault,
    },
}

fn push_fault() -> impl Strategy<Value = PushFault> {
    prop_oneof![
        3 => Just(PushFault::None),
        1 => Just(PushFault::LostRequest),
        1 => Just(PushFault::LostResponse),
    ]
}

fn pull_fault() -> impl Strategy<Value = PullFault> {
    prop_oneof![
        3 => Just(PullFault::None),
        1 => Just(PullFault::LostResponse),
        1 => Just(PullFault::Duplicated),
        1 => any::<u64>().prop_map(PullFault::Reordered),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let device = 0..DEVICES;
    let record = 0..RECORDS.len();
    prop_oneof![
        6 => (device.clone(), record.clone(), 0..FIELDS.len(), 0u8..5)
            .prop_map(|(device, record, field, value)| Step::Edit { device, record, field, value }),
        1 => (device.clone(), record).prop_map(|(device, record)| Step::Delete { device, record }),
        3 => (device.clone(), 1usize..4, push_fault())
            .prop_map(|(device, limit, fault)| Step::Push { device, limit, fault }),
        3 => (device, 1usize..4, pull_fault())
            .prop_map(|(device, limit, fault)| Step::Pull { device, limit, fault }),
    ]
}

fn shuffle(mut changes: Vec<Change>, seed: u64) -> Vec<Change> {
    let mut state = seed | 1;
    for i in (1..changes.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        changes.swap(i, (state % (i as u64 + 1)) as usize);
    }
    changes
}

/// A stamp as the device's (wrong) clock would give it; only breaks display ties.
fn stamp(step: usize, device: usize) -> String {
    let millis = 10_000_000_000 + step as i64 * 1_000 + CLOCK_ERROR[device];
    format!("{millis:015}")
}

struct World {
    feed: Feed,
    devices: Vec<Replica>,
    made: Vec<Change>,
}

impl World {
    fn new() -> Self {
        World {
            feed: Feed::default(),
            devices: (0..DEVICES).map(|_| Replica::new()).collect(),
            made: Vec::new(),
        }
    }

    fn run(&mut self, n: usize, step: &Step) {
        match *step {
            Step::Edit { device, record, .. } | Step::Delete { device, record } => {
                let replica = &mut self.devices[device];
                let change = Change {
                    id: format!("c{n}"),
                    record_id: RECORDS[record].to_owned(),
                    kind: RecordKind::Member,
                    fields: match *step {
                        Step::Edit { field, value, .. } => {
                            [(FIELDS[field].to_owned(), json!(value))]
                                .into_iter()
                                .collect()
                        }
                        _ => Default::default(),
                    },
                    stamp: stamp(n, device),
                    device_id: format!("d{device}"),
                    replaces: replica.heads(RECORDS[record]),
                    deletes: matches!(step, Step::Delete { .. }),
                };
                replica.record_local(change.clone());
                self.made.push(change);
            }
            Step::Push {
                device,
                limit,
                fault,
            } => {
                let batch = self.devices[device].outgoing(limit);
                match fault {
                    PushFault::LostRequest => {}
                    PushFault::LostResponse => {
                        self.feed.push(batch);
                    }
                    PushFault::None => {
                        let acknowledged = self.feed.push(batch);
                        self.devices[device].acknowledge(&acknowledged);
                    }
                }
            }
            Step::Pull {
                device,
                limit,
                fault,
            } => {
                let replica = &mut self.devices[device];
                let batch = self.feed.pull(replica.since(), limit);
                match fault {
                    PullFault::LostResponse => {}
                    PullFault::None => replica.apply(batch),
                    PullFault::Duplicated => {
                        replica.apply(batch.clone());
                        replica.apply(batch);
                    }
                    PullFault::Reordered(seed) => replica.apply(PulledBatch {
                        changes: shuffle(batch.changes, seed),
                        last_seq: batch.last_seq,
                    }),
                }
            }
        }
    }

    /// The network finally works: everyone pushes everything, then pulls to the end.
    fn settle(&mut self) {
        for replica in &mut self.devices {
            while replica.waiting() > 0 {
                let acknowledged = self.feed.push(replica.outgoing(3));
                replica.acknowledge(&acknowledged);
            }
        }
        for replica in &mut self.devices {
            loop {
                let batch = self.feed.pull(replica.since(), 3);
                if batch.changes.is_empty() {
                    break;
                }
                replica.apply(batch);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn every_device_ends_equal_and_no_unreplaced_value_is_lost(
        schedule in prop::collection::vec(step(), 1..60),
    ) {
        let mut world = World::new();
        for (n, step) in schedule.iter().enumerate() {
            world.run(n, step);
        }
        world.settle();

        // The server holds every change exactly once.
        prop_assert_eq!(world.feed.len(), world.made.len());
        for record in RECORDS {
            let states: Vec<_> = world.devices.iter().map(|d| d.record(record)).collect();
            for other in &states[1..] {
                prop_assert_eq!(&states[0], other, "devices disagree on {}", record);
            }
            let Some(merged) = &states[0] else { continue };
            let of_record: Vec<Change> =
                world.made.iter().filter(|c| c.record_id == record).cloned().collect();
            if let Some(lost) = first_lost_value(&of_record, merged) {
                prop_assert!(false, "{}: {}", record, lost);
            }
        }
    }
}
