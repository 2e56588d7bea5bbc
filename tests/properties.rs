//! Properties that hold for any lineage: generated ones validate, and every
//! capability a model holds is explained by an origin and a path.

use lineage::inherit::State;
use lineage::lineage::load;
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_generated_lineage_validates_and_explains(models in 1usize..160, seed in any::<u64>()) {
        let text = lineage::generate::lineage(models, seed);
        let (l, _) = load("generated.ron", text.as_bytes())
            .map_err(|e| TestCaseError::fail(e.iter().map(|d| d.render(false)).collect::<String>()))?;
        prop_assert_eq!(l.graph.node_count(), models);
        for n in l.graph.node_indices() {
            for cap in l.capability_ids() {
                let trace = l.inheritance.trace(n, cap);
                let path = l.inheritance.path(n, cap);
                if trace.state == State::Absent {
                    prop_assert!(path.is_empty());
                    continue;
                }
                let origin = trace.origin.expect("a held capability has an origin");
                prop_assert_eq!(path.first().copied(), Some(origin.model));
                prop_assert_eq!(path.last().copied(), Some(n));
                // Each step of the path is an edge of the lineage.
                for pair in path.windows(2) {
                    prop_assert!(l.graph.find_edge(pair[0], pair[1]).is_some());
                }
                let report = lineage::explain::report(&l, n, lineage::lineage::Lang::En);
                let id = &l.capability(cap).id;
                let listed = report.capabilities.iter().any(|c| &c.id == id)
                    || report.lost.iter().any(|c| &c.id == id);
                prop_assert!(listed, "{} missing from explain", id);
            }
        }
    }
}
