//! What people call a device ("Telefon von Amal", "Büro-Laptop"), so that the device list
//! and a removal name a phone its people recognise instead of "Gerät ed717835". A record of
//! its own kind, synced end-to-end encrypted like every other: the relay only ever learns a
//! device's random id, never whose phone it is.

use super::change::RecordKind;
use super::form::FieldProblem;
use super::record_data::{record_data, tidy};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Long enough for "Handy von Fatima (Beratungsstelle)", short enough for one list line.
pub const DEVICE_NAME_MAX_CHARS: usize = 40;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceName {
    #[serde(skip)]
    pub id: String,
    /// The app's id of the device (the one its changes carry).
    pub device: String,
    pub name: String,
    /// The relay's id of the device (its device list's), once the device has seen itself
    /// listed there: the relay names a device it made itself (the first) only "first device".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relay_id: Option<String>,
}

record_data!(DeviceName, RecordKind::Device);

impl DeviceName {
    /// The name people gave the device; `None` when it has none (an unnamed device still
    /// keeps a record, to say which id the relay lists it by).
    pub fn given_name(&self) -> Option<&str> {
        Some(self.name.as_str()).filter(|name| !name.trim().is_empty())
    }
}

/// One record per device, so its id follows from the device's.
pub fn device_record_id(device: &str) -> String {
    format!("device-{device}")
}

/// Why a typed device name was not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeviceNameError {
    Empty,
    TooLong { max: usize },
}

impl FieldProblem for DeviceNameError {
    fn field(&self) -> &'static str {
        "device_name"
    }
}

/// Cleans a typed name (surrounding and repeated whitespace) and checks it.
pub fn parse_device_name(input: &str) -> Result<String, DeviceNameError> {
    let name = tidy(input);
    if name.is_empty() {
        return Err(DeviceNameError::Empty);
    }
    if name.chars().count() > DEVICE_NAME_MAX_CHARS {
        return Err(DeviceNameError::TooLong {
            max: DEVICE_NAME_MAX_CHARS,
        });
    }
    Ok(name)
}

/// The name of the device the relay lists as `relay_id` with `relay_name`: by the relay id
/// the device recorded, else by the app id in the name the relay was given when it joined
/// ("Lotse <app id>").
pub fn name_of_listed<'a>(
    names: &'a BTreeMap<String, DeviceName>,
    relay_id: &str,
    relay_name: &str,
) -> Option<&'a DeviceName> {
    let app_id = relay_name.strip_prefix("Lotse ");
    names
        .values()
        .find(|n| n.relay_id.as_deref() == Some(relay_id))
        .or_else(|| app_id.and_then(|id| names.values().find(|n| n.device == id)))
}

/// The name of the device with the app id `device` (the one on its changes).
pub fn name_of_device<'a>(
    names: &'a BTreeMap<String, DeviceName>,
    device: &str,
) -> Option<&'a str> {
    names
        .get(&device_record_id(device))
        .and_then(DeviceName::given_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(device: &str, name: &str, relay_id: Option<&str>) -> (String, DeviceName) {
        let record = DeviceName {
            id: device_record_id(device),
            device: device.into(),
            name: name.into(),
            relay_id: relay_id.map(Into::into),
        };
        (record.id.clone(), record)
    }

    #[test]
    fn names_are_tidied_and_bounded() {
        assert_eq!(
            parse_device_name("  Telefon   von Amal "),
            Ok("Telefon von Amal".into())
        );
        assert_eq!(parse_device_name(" \n"), Err(DeviceNameError::Empty));
        assert_eq!(
            parse_device_name(&"x".repeat(41)),
            Err(DeviceNameError::TooLong { max: 40 })
        );
        assert_eq!(parse_device_name("هاتف أمل"), Ok("هاتف أمل".into()));
    }

    #[test]
    fn a_listed_device_is_found_by_its_relay_id_or_the_app_id_it_joined_with() {
        let names = BTreeMap::from([
            named("aaaa1111", "Büro-Laptop", Some("r-first")),
            named("bbbb2222", "Telefon von Amal", None),
        ]);
        // The first device: the relay made it and calls it "first device".
        assert_eq!(
            name_of_listed(&names, "r-first", "first device").map(|n| n.name.as_str()),
            Some("Büro-Laptop")
        );
        // A phone that joined by invitation told the relay its app id.
        assert_eq!(
            name_of_listed(&names, "r-other", "Lotse bbbb2222").map(|n| n.name.as_str()),
            Some("Telefon von Amal")
        );
        assert_eq!(name_of_listed(&names, "r-new", "Lotse cccc3333"), None);
        assert_eq!(name_of_device(&names, "bbbb2222"), Some("Telefon von Amal"));
    }

    #[test]
    fn a_device_that_only_recorded_its_relay_id_has_no_name() {
        // An unnamed phone records the id the relay lists it by (an empty name): the other
        // phones go on calling it "Gerät 4a65…", not by an empty name (a blank label, and a
        // removal button named "Entfernen – ").
        let names = BTreeMap::from([named("cccc3333", "", Some("r-third"))]);
        assert_eq!(name_of_device(&names, "cccc3333"), None);
        let listed = name_of_listed(&names, "r-third", "Lotse cccc3333");
        assert_eq!(listed.and_then(DeviceName::given_name), None);
        assert!(
            listed.is_some(),
            "its record is still found (it goes when the phone is removed)"
        );
    }
}
