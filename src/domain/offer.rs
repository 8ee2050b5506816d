//! A help offer: one member offers one kind of help, in some languages and places, at some
//! times, a limited number of times per week or month. Offers can be paused.

use super::calendar::Slot;
use super::change::RecordKind;
use super::form::{Checked, FieldProblem, WHOLE_FORM};
use super::record_data::{record_data, tidy};
use crate::domain::order::sort_natural;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    #[default]
    Week,
    Month,
}

/// How often the member is willing to help with this offer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Capacity {
    pub times: u8,
    pub per: Period,
}

impl Default for Capacity {
    fn default() -> Self {
        Capacity {
            times: 2,
            per: Period::Week,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HelpOffer {
    #[serde(skip)]
    pub id: String,
    pub member_id: String,
    /// A built-in category key (`catalog::CATEGORIES`) or a custom category's id.
    pub category: String,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub districts: Vec<String>,
    #[serde(default)]
    pub availability: Vec<Slot>,
    #[serde(default)]
    pub capacity: Capacity,
    #[serde(default)]
    pub note: String,
    #[serde(default = "active_by_default")]
    pub active: bool,
}

fn active_by_default() -> bool {
    true
}

record_data!(HelpOffer, RecordKind::Offer);

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OfferError {
    NoMember,
    NoCategory,
    CapacityZero,
}

impl FieldProblem for OfferError {
    fn field(&self) -> &'static str {
        match self {
            // The form is opened from a member; without one there is nothing to fix in a field.
            OfferError::NoMember => WHOLE_FORM,
            OfferError::NoCategory => "category",
            OfferError::CapacityZero => "times",
        }
    }
}

/// What a person typed into the offer form: districts as one comma-separated text and the
/// number of times as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OfferDraft {
    pub category: String,
    pub languages: Vec<String>,
    pub districts: String,
    pub availability: Vec<Slot>,
    pub times: String,
    pub per: Period,
    pub note: String,
    pub active: bool,
}

impl OfferDraft {
    pub fn from_offer(offer: &HelpOffer) -> OfferDraft {
        OfferDraft {
            category: offer.category.clone(),
            languages: offer.languages.clone(),
            districts: offer.districts.join(", "),
            availability: offer.availability.clone(),
            times: offer.capacity.times.to_string(),
            per: offer.capacity.per,
            note: offer.note.clone(),
            active: offer.active,
        }
    }

    /// The offer `id` of `member_id` as typed, checked. A number of times that is not a
    /// number reads as none, which is refused like a zero.
    pub fn validate(self, id: &str, member_id: &str) -> Checked<HelpOffer, OfferError> {
        HelpOffer {
            id: id.to_owned(),
            member_id: member_id.to_owned(),
            category: self.category,
            languages: self.languages,
            districts: self.districts.split(',').map(str::to_owned).collect(),
            availability: self.availability,
            capacity: Capacity {
                times: self.times.trim().parse().unwrap_or(0),
                per: self.per,
            },
            note: self.note,
            active: self.active,
        }
        .validated()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CategoryError {
    NameEmpty,
}

impl FieldProblem for CategoryError {
    fn field(&self) -> &'static str {
        "name"
    }
}

impl CustomCategory {
    /// A category as named by the organisation: tidied, and not empty.
    pub fn validated(mut self) -> Checked<CustomCategory, CategoryError> {
        self.name = tidy(&self.name);
        if self.name.is_empty() {
            return Err(vec![CategoryError::NameEmpty]);
        }
        Ok(self)
    }
}

impl HelpOffer {
    /// Checks an offer as typed; trims and de-duplicates lists.
    pub fn validated(mut self) -> Result<HelpOffer, Vec<OfferError>> {
        let mut errors = Vec::new();
        if self.member_id.is_empty() {
            errors.push(OfferError::NoMember);
        }
        if self.category.trim().is_empty() {
            errors.push(OfferError::NoCategory);
        }
        if self.capacity.times == 0 {
            errors.push(OfferError::CapacityZero);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        self.note = self.note.trim().to_owned();
        self.districts = self
            .districts
            .iter()
            .map(|d| d.trim().to_owned())
            .filter(|d| !d.is_empty())
            .collect();
        for list in [&mut self.languages, &mut self.districts] {
            sort_natural(list);
            list.dedup();
        }
        sort_natural(&mut self.availability);
        self.availability.dedup();
        Ok(self)
    }
}

/// A help category the organisation added itself; its name is shown as given, untranslated.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CustomCategory {
    #[serde(skip)]
    pub id: String,
    pub name: String,
}

record_data!(CustomCategory, RecordKind::Category);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_offer_needs_a_member_a_category_and_some_capacity() {
        let offer = HelpOffer {
            capacity: Capacity {
                times: 0,
                per: Period::Week,
            },
            ..Default::default()
        };
        assert_eq!(
            offer.validated(),
            Err(vec![
                OfferError::NoMember,
                OfferError::NoCategory,
                OfferError::CapacityZero
            ])
        );
    }

    #[test]
    fn lists_are_tidied() {
        let offer = HelpOffer {
            member_id: "m".into(),
            category: "translation".into(),
            languages: vec!["prs".into(), "de".into(), "prs".into()],
            districts: vec![" Nordstadt ".into(), "".into()],
            active: true,
            ..Default::default()
        };
        let offer = offer.validated().expect("valid");
        assert_eq!(offer.languages, vec!["de".to_owned(), "prs".to_owned()]);
        assert_eq!(offer.districts, vec!["Nordstadt".to_owned()]);
    }
}
