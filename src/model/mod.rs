//! The model: a validated lineage, as every later stage trusts it.
//!
//! These types say what the data means: every id resolved to an index, dates
//! read, no cycle, children no older than their parents, capabilities
//! inherited ([`Inheritance`]), views resolved ([`ViewSpec`]). Nothing here
//! reads RON, locates text or reports errors: the only way to a [`Lineage`]
//! is [`crate::load::load`], which checks all of the above first. This module
//! must not import `load`, `view`, `layout` or `write`.

mod inheritance;
mod view_spec;

pub use inheritance::{Inheritance, Origin, State, Trace};
pub use view_spec::ViewSpec;

use crate::data::{Certainty, ChangeKind};
use crate::date::Date;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};

/// The derivation graph: models as nodes (in declaration order), an edge
/// from each parent to its child.
pub type Graph = DiGraph<Model, Derivation>;

/// Which language a figure is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }
}

/// A human-visible string, with its Chinese form where the data gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub en: String,
    pub zh: Option<String>,
}

impl Text {
    pub fn new(en: &str, zh: &Option<String>) -> Text {
        Text {
            en: en.to_string(),
            zh: zh.clone(),
        }
    }

    /// The English text, else the Chinese one standing in for it; `None` when neither is given.
    pub fn optional(en: &Option<String>, zh: &Option<String>) -> Option<Text> {
        match (en, zh) {
            (Some(en), zh) => Some(Text::new(en, zh)),
            (None, Some(zh)) => Some(Text::new(zh, &Some(zh.clone()))),
            (None, None) => None,
        }
    }

    /// The text in `lang`, falling back to English.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => self.zh.as_deref().unwrap_or(&self.en),
            Lang::En => &self.en,
        }
    }
}

/// Typed indices into the declaration lists of a [`Lineage`].
macro_rules! index_type {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub usize);
    };
}
index_type!(MethodId);
index_type!(CapabilityId);
index_type!(BranchId);
index_type!(SourceId);

/// A method, a branch or a capability: declared once, referred to by id.
#[derive(Debug, Clone)]
pub struct Declaration {
    pub id: String,
    pub label: Text,
    pub note: Option<Text>,
    /// For a method: whether derivations by it hand capabilities down
    /// (`carries: false` in the file says they do not). Always `true` for
    /// capabilities and branches.
    pub carries: bool,
}

#[derive(Debug, Clone)]
pub struct SourceRef {
    pub id: String,
    pub title: Text,
    pub url: Option<String>,
    /// The key figures cite it by (`[9]`): as declared, else its 1-based number.
    pub key: String,
}

/// A change to one capability at one model.
#[derive(Debug, Clone)]
pub struct Change {
    pub kind: ChangeKind,
    pub capability: CapabilityId,
    pub method: Option<MethodId>,
    pub certainty: Certainty,
    pub note: Option<Text>,
    pub sources: Vec<SourceId>,
}

/// A later name of a model, from `date` on.
#[derive(Debug, Clone)]
pub struct Rename {
    /// Known, not before the model's date, not before the previous rename.
    pub date: Date,
    pub name: Text,
}

#[derive(Debug, Clone)]
pub struct Model {
    pub id: String,
    /// The name the model first had (see [`Model::current_name`]).
    pub name: Text,
    pub api: Option<String>,
    pub date: Date,
    /// When its life ended; [`Date::Unknown`] when the file does not say.
    /// Never before `date`.
    pub end: Date,
    /// Later names in date order; empty when never renamed.
    pub renamed: Vec<Rename>,
    pub params: Option<String>,
    pub context: Option<String>,
    pub branch: Option<BranchId>,
    pub note: Option<Text>,
    pub sources: Vec<SourceId>,
    pub changes: Vec<Change>,
}

impl Model {
    /// The name it has now: the last rename's, else its first.
    pub fn current_name(&self) -> &Text {
        self.renamed.last().map_or(&self.name, |r| &r.name)
    }

    /// The names it had before the current one, oldest first.
    pub fn former_names(&self) -> Vec<&Text> {
        let mut names = vec![&self.name];
        names.extend(self.renamed.iter().map(|r| &r.name));
        names.pop();
        names
    }
}

/// An edge: the child was derived from the parent by `method`.
#[derive(Debug, Clone)]
pub struct Derivation {
    pub method: MethodId,
    /// When the derivation took place, when it is not the child's own date
    /// (a later re-basing, an import of a pre-release); else
    /// [`Date::Unknown`].
    pub date: Date,
    /// Whether capabilities pass along this edge: its method's
    /// [`Declaration::carries`].
    pub carries: bool,
    pub certainty: Certainty,
    pub note: Option<Text>,
    pub sources: Vec<SourceId>,
}

/// A validated lineage. Node indices follow the order models are declared.
#[derive(Debug, Clone)]
pub struct Lineage {
    pub title: Text,
    pub subtitle: Option<Text>,
    pub sources: Vec<SourceRef>,
    pub methods: Vec<Declaration>,
    pub capabilities: Vec<Declaration>,
    pub branches: Vec<Declaration>,
    pub graph: Graph,
    pub views: Vec<ViewSpec>,
    pub inheritance: Inheritance,
}

impl Lineage {
    pub fn model(&self, n: NodeIndex) -> &Model {
        &self.graph[n]
    }

    pub fn find_model(&self, id: &str) -> Option<NodeIndex> {
        self.graph.node_indices().find(|&n| self.graph[n].id == id)
    }

    pub fn find_capability(&self, id: &str) -> Option<CapabilityId> {
        self.capabilities
            .iter()
            .position(|c| c.id == id)
            .map(CapabilityId)
    }

    pub fn method(&self, m: MethodId) -> &Declaration {
        &self.methods[m.0]
    }

    pub fn capability(&self, c: CapabilityId) -> &Declaration {
        &self.capabilities[c.0]
    }

    pub fn branch(&self, b: BranchId) -> &Declaration {
        &self.branches[b.0]
    }

    pub fn source(&self, s: SourceId) -> &SourceRef {
        &self.sources[s.0]
    }

    /// Incoming edges in the order the child lists its parents.
    pub fn parents(&self, n: NodeIndex) -> Vec<(EdgeIndex, NodeIndex)> {
        parents(&self.graph, n)
    }

    /// Outgoing edges in declaration order.
    pub fn children(&self, n: NodeIndex) -> Vec<(EdgeIndex, NodeIndex)> {
        let mut edges: Vec<_> = self
            .graph
            .edges_directed(n, petgraph::Direction::Outgoing)
            .map(|e| {
                (
                    petgraph::visit::EdgeRef::id(&e),
                    petgraph::visit::EdgeRef::target(&e),
                )
            })
            .collect();
        edges.sort();
        edges
    }

    /// A model with two or more parents.
    pub fn is_merge(&self, n: NodeIndex) -> bool {
        self.parents(n).len() >= 2
    }

    /// Capabilities that some change refers to, in declaration order.
    pub fn capability_ids(&self) -> impl Iterator<Item = CapabilityId> {
        (0..self.capabilities.len()).map(CapabilityId)
    }
}

/// Incoming edges of `n` in the order the child lists its parents.
pub fn parents(graph: &Graph, n: NodeIndex) -> Vec<(EdgeIndex, NodeIndex)> {
    let mut edges: Vec<_> = graph
        .edges_directed(n, petgraph::Direction::Incoming)
        .map(|e| {
            (
                petgraph::visit::EdgeRef::id(&e),
                petgraph::visit::EdgeRef::source(&e),
            )
        })
        .collect();
    edges.sort();
    edges
}
