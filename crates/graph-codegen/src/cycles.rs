//! Strongly connected components of the by-value reference graph (Tarjan's algorithm).

use std::collections::BTreeMap;

/// Maps every node (a key of `edges` or a target) to the index of its strongly connected
/// component. Two nodes share an index exactly when each reaches the other; a node with an
/// edge to itself shares its index with itself, which callers read as "on a cycle" too.
pub fn strongly_connected<S: AsRef<str> + Ord, C: IntoIterator<Item = S> + Clone>(
    edges: &BTreeMap<String, C>,
) -> BTreeMap<String, usize> {
    let mut graph: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (from, targets) in edges {
        let list = graph.entry(from.as_str()).or_default();
        list.extend(targets.clone().into_iter().map(|t| t.as_ref().to_string()));
    }
    let nodes: Vec<String> = graph
        .iter()
        .flat_map(|(from, to)| std::iter::once(from.to_string()).chain(to.iter().cloned()))
        .collect();
    let mut state = Tarjan {
        graph: &graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeMap::new(),
        next_index: 0,
        component: BTreeMap::new(),
        next_component: 0,
    };
    for node in &nodes {
        if !state.index.contains_key(node) {
            state.visit(node);
        }
    }
    state.component
}

struct Tarjan<'g> {
    graph: &'g BTreeMap<&'g str, Vec<String>>,
    index: BTreeMap<String, usize>,
    low: BTreeMap<String, usize>,
    stack: Vec<String>,
    on_stack: BTreeMap<String, bool>,
    next_index: usize,
    component: BTreeMap<String, usize>,
    next_component: usize,
}

impl Tarjan<'_> {
    // Recursion depth is bounded by the longest by-value reference chain, a few dozen at most
    // in Graph's schema.
    fn visit(&mut self, node: &str) {
        self.index.insert(node.to_string(), self.next_index);
        self.low.insert(node.to_string(), self.next_index);
        self.next_index += 1;
        self.stack.push(node.to_string());
        self.on_stack.insert(node.to_string(), true);
        let targets = self.graph.get(node).cloned().unwrap_or_default();
        for target in &targets {
            if !self.index.contains_key(target) {
                self.visit(target);
                let low = self.low[node].min(self.low[target]);
                self.low.insert(node.to_string(), low);
            } else if self.on_stack.get(target).copied().unwrap_or(false) {
                let low = self.low[node].min(self.index[target]);
                self.low.insert(node.to_string(), low);
            }
        }
        if self.low[node] == self.index[node] {
            let id = self.next_component;
            self.next_component += 1;
            while let Some(member) = self.stack.pop() {
                self.on_stack.insert(member.clone(), false);
                let done = member == node;
                self.component.insert(member, id);
                if done {
                    break;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_and_separates_the_rest() {
        let edges: BTreeMap<String, Vec<String>> = [
            ("a", vec!["b"]),
            ("b", vec!["c"]),
            ("c", vec!["a", "d"]),
            ("d", vec![]),
            ("e", vec!["e"]),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
        .collect();
        let c = strongly_connected(&edges);
        assert_eq!(c["a"], c["b"]);
        assert_eq!(c["b"], c["c"]);
        assert_ne!(c["c"], c["d"]);
        assert_ne!(c["e"], c["a"]);
    }
}
