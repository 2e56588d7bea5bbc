//! Parsed data: the RON file as the user wrote it, nothing resolved.
//!
//! These serde types mirror the file format one to one. They hold ids as
//! strings and dates as text; nothing here checks that a reference points
//! anywhere. That is `load`'s job: no stage after it reads these types.
//! The strings of every model ([`Written`]) borrow from the text, so a
//! parsed file lives no longer than the text it was read from.

use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

/// Text of a field written in every model (ids, names, dates, references),
/// borrowed from the file: copied only when written with escapes. A file
/// of 100,000 models has about 700,000 such strings; each would otherwise
/// be an allocation made, copied and freed while loading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written<'a>(pub Cow<'a, str>);

impl Deref for Written<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Written<'_> {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Written<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct WrittenVisitor;
        impl<'de> Visitor<'de> for WrittenVisitor {
            type Value = Written<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: serde::de::Error>(
                self,
                v: &'de str,
            ) -> Result<Self::Value, E> {
                Ok(Written(Cow::Borrowed(v)))
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Written(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(Written(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(WrittenVisitor)
    }
}

/// The whole file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
#[serde(rename = "Lineage")]
pub struct LineageFile<'a> {
    pub title: String,
    #[serde(default)]
    pub title_zh: Option<String>,
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub subtitle_zh: Option<String>,
    /// Citations referred to by key from models, edges and changes.
    #[serde(default)]
    pub sources: Declared<SourceDecl>,
    #[serde(default)]
    pub methods: Declared<MethodDecl>,
    #[serde(default)]
    pub capabilities: Declared<LabelDecl>,
    #[serde(default)]
    pub branches: Declared<LabelDecl>,
    #[serde(borrow)]
    pub models: Vec<ModelDecl<'a>>,
    #[serde(default)]
    pub views: Vec<ViewDecl>,
}

/// A map written `{ "key": (...), ... }` whose declaration order and
/// duplicate keys are kept, so that legends follow the author's order and a
/// key written twice is reported instead of silently overwritten.
#[derive(Debug, Clone)]
pub struct Declared<T>(pub Vec<(String, T)>);

impl<T> Default for Declared<T> {
    fn default() -> Self {
        Declared(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Declared<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for OrderedVisitor<T> {
            type Value = Declared<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map from id to declaration, like { \"id\": (label: \"…\") }")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, T>()? {
                    entries.push((key, value));
                }
                Ok(Declared(entries))
            }
        }
        deserializer.deserialize_map(OrderedVisitor(PhantomData))
    }
}

/// A method, a capability or a branch: a label in English and optionally Chinese.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Declaration")]
pub struct LabelDecl {
    pub label: String,
    #[serde(default)]
    pub zh: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub note_zh: Option<String>,
}

/// A method: a label like any declaration, and whether derivations by it
/// hand capabilities down.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Method")]
pub struct MethodDecl {
    pub label: String,
    #[serde(default)]
    pub zh: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub note_zh: Option<String>,
    /// `false`: a derivation by this method (an "inspired by" or an
    /// architecture edge) hands down no capabilities. Default `true`.
    #[serde(default = "yes")]
    pub carries: bool,
}

/// A citation: what it is and where to find it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Source")]
pub struct SourceDecl {
    pub title: String,
    #[serde(default)]
    pub zh: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    /// The short key figures cite it by, e.g. "9" for footnote 9
    /// (default: its number in declaration order).
    #[serde(default)]
    pub key: Option<String>,
}

/// How sure the source is of a fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default, serde::Serialize)]
pub enum Certainty {
    #[default]
    Certain,
    /// The source only guesses ("may", "probably").
    Uncertain,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Model")]
pub struct ModelDecl<'a> {
    #[serde(borrow)]
    pub id: Written<'a>,
    #[serde(borrow)]
    pub name: Written<'a>,
    #[serde(default)]
    pub name_zh: Option<String>,
    #[serde(default)]
    pub api: Option<String>,
    /// "2020", "2020-07", "2020-07-11", "2022-04 to 2022-07", "about 2018",
    /// "after 2021-07", "before 2022", or "unknown" (the default).
    #[serde(default, borrow)]
    pub date: Option<Written<'a>>,
    /// When its life ended (end-of-life, retired, deprecated), in any date
    /// form; not before `date`.
    #[serde(default)]
    pub end: Option<String>,
    /// Later names, each from a date on, in date order: the last is the
    /// current name.
    #[serde(default)]
    pub renamed: Vec<RenameDecl>,
    #[serde(default)]
    pub params: Option<String>,
    #[serde(default)]
    pub context: Option<String>,
    #[serde(default, borrow)]
    pub branch: Option<Written<'a>>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub note_zh: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default, borrow, deserialize_with = "exact")]
    pub from: Vec<DerivationDecl<'a>>,
    #[serde(default, borrow, deserialize_with = "exact")]
    pub changes: Vec<ChangeDecl<'a>>,
}

/// A list read as any list is, its spare room given back: RON does not say
/// how long a list is, so a list of one parent would otherwise keep room
/// for four (about 450 bytes per model of a large file).
fn exact<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut list = Vec::<T>::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}

/// A new name from a date on: `(date: "2001-08-29", name: "Xandros")`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Rename")]
pub struct RenameDecl {
    pub date: String,
    pub name: String,
    #[serde(default)]
    pub name_zh: Option<String>,
}

/// An edge into the model that declares it: parent → this model.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Derivation")]
pub struct DerivationDecl<'a> {
    #[serde(borrow)]
    pub parent: Written<'a>,
    #[serde(borrow)]
    pub via: Written<'a>,
    /// When the derivation took place, if not when the child appeared: a
    /// later re-basing, or an import of the parent before its release.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub certainty: Certainty,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub note_zh: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// What happens to a capability at a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, serde::Serialize)]
pub enum ChangeKind {
    /// A new ability, present from here on.
    Gained,
    /// There but not usable yet (the source supposes it lies dormant).
    Latent,
    /// A latent ability made usable.
    Unlocked,
    Strengthened,
    Weakened,
    /// Back after being weakened or lost.
    Recovered,
    Lost,
}

/// A change written `Gained(cap: "icl", certainty: Uncertain, note: "…")`.
#[derive(Debug, Clone, Deserialize)]
pub enum ChangeDecl<'a> {
    #[serde(borrow)]
    Gained(ChangeBody<'a>),
    #[serde(borrow)]
    Latent(ChangeBody<'a>),
    #[serde(borrow)]
    Unlocked(ChangeBody<'a>),
    #[serde(borrow)]
    Strengthened(ChangeBody<'a>),
    #[serde(borrow)]
    Weakened(ChangeBody<'a>),
    #[serde(borrow)]
    Recovered(ChangeBody<'a>),
    #[serde(borrow)]
    Lost(ChangeBody<'a>),
}

impl<'a> ChangeDecl<'a> {
    pub fn kind(&self) -> ChangeKind {
        match self {
            ChangeDecl::Gained(_) => ChangeKind::Gained,
            ChangeDecl::Latent(_) => ChangeKind::Latent,
            ChangeDecl::Unlocked(_) => ChangeKind::Unlocked,
            ChangeDecl::Strengthened(_) => ChangeKind::Strengthened,
            ChangeDecl::Weakened(_) => ChangeKind::Weakened,
            ChangeDecl::Recovered(_) => ChangeKind::Recovered,
            ChangeDecl::Lost(_) => ChangeKind::Lost,
        }
    }

    pub fn body(&self) -> &ChangeBody<'a> {
        match self {
            ChangeDecl::Gained(b)
            | ChangeDecl::Latent(b)
            | ChangeDecl::Unlocked(b)
            | ChangeDecl::Strengthened(b)
            | ChangeDecl::Weakened(b)
            | ChangeDecl::Recovered(b)
            | ChangeDecl::Lost(b) => b,
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "Change")]
pub struct ChangeBody<'a> {
    #[serde(borrow)]
    pub cap: Written<'a>,
    /// The method that brought the change; defaults to the method of the
    /// model's only incoming edge that carries capabilities.
    #[serde(default)]
    pub via: Option<String>,
    #[serde(default)]
    pub certainty: Certainty,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub note_zh: Option<String>,
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A named figure over the data.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "View")]
pub struct ViewDecl {
    pub name: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub title_zh: Option<String>,
    /// The view's own subtitle; a declared view without one has none.
    #[serde(default)]
    pub subtitle: Option<String>,
    #[serde(default)]
    pub subtitle_zh: Option<String>,
    /// What the figure draws.
    #[serde(default)]
    pub kind: ViewKind,
    /// Keep only these models and their descendants (inclusive).
    #[serde(default)]
    pub from: Vec<String>,
    /// Keep only these models and their ancestors (inclusive).
    #[serde(default)]
    pub to: Vec<String>,
    /// Keep exactly these models (after `from`/`to`, if given, are applied).
    #[serde(default)]
    pub only: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    /// `None` when the view does not say: each format picks the direction
    /// that suits where it lands (Mermaid: top to bottom for a docs column).
    #[serde(default)]
    pub direction: Option<DirectionDecl>,
    #[serde(default)]
    pub layers: LayersDecl,
    /// How much each card says (lineage views): chosen from the number of
    /// models when not given.
    #[serde(default)]
    pub density: Option<DensityDecl>,
    /// The branches' order across the figure, pinned: these first, as
    /// listed, then the others in declaration order. Empty: the layout
    /// orders the lanes for the fewest crossings.
    #[serde(default)]
    pub lanes: Vec<String>,
    /// Show capability changes on the models.
    #[serde(default = "yes")]
    pub capabilities: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum ViewKind {
    /// Models and derivations.
    #[default]
    Lineage,
    /// Capabilities × models, cell = state.
    Matrix,
    /// Capabilities feeding the models that gained them.
    Flow,
    /// The comparison table: lineage, good at, weak at.
    Table,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum DirectionDecl {
    #[default]
    Right,
    Down,
}

/// How much a lineage view's cards say, and so how tightly it packs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
pub enum DensityDecl {
    /// Everything: name, API name, lifespan, sources, changes.
    Full,
    /// Name and lifespan; a timeline packs its models into rows.
    Brief,
    /// A labelled dot on the model's lifespan bar; packed into rows.
    Dot,
}

impl DensityDecl {
    /// Views up to this many models get full cards...
    pub const FULL_UP_TO: usize = 40;
    /// ...up to this many, brief ones; more, labelled dots.
    pub const BRIEF_UP_TO: usize = 150;

    /// The density a view of `models` models gets when it declares none.
    pub fn auto(models: usize) -> DensityDecl {
        if models <= Self::FULL_UP_TO {
            DensityDecl::Full
        } else if models <= Self::BRIEF_UP_TO {
            DensityDecl::Brief
        } else {
            DensityDecl::Dot
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
pub enum LayersDecl {
    #[default]
    Timeline,
    Compact,
}
