//! Strongly connected components of the by-value reference graph (Tarjan's algorithm).

use std::collections::BTreeMap;

/// Maps every node (a key of `edges` or a target) to the index of its strongly connected
/// component. Two nodes share an index exactly when each reaches the other; a node with an
/// edge to itself shares its index with itself, which callers read as "on a cycle" too.
pub fn strongly_connected<'a, C>(edges: &BTreeMap<&'a str, C>) -> BTreeMap<&'a str, usize>
where
    for<'c> &'c C: IntoIterator<Item = &'c &'a str>,
{
    // Nodes are numbered once, in key order then target order, and the search runs on numbers:
    // thousands of types, each visited once, without a string copy per step.
    let mut numbers: BTreeMap<&'a str, usize> = BTreeMap::new();
    let mut names: Vec<&'a str> = Vec::new();
    let mut number = |name: &'a str, names: &mut Vec<&'a str>| {
        *numbers.entry(name).or_insert_with(|| {
            names.push(name);
            names.len() - 1
        })
    };
    let mut graph: Vec<Vec<usize>> = Vec::new();
    let mut order = Vec::new();
    for (&from, targets) in edges {
        let from = number(from, &mut names);
        order.push(from);
        let targets: Vec<usize> = targets
            .into_iter()
            .map(|&t| number(t, &mut names))
            .collect();
        order.extend(&targets);
        graph.resize_with(names.len(), Vec::new);
        graph[from].extend(targets);
    }
    graph.resize_with(names.len(), Vec::new);
    let mut state = Tarjan {
        graph: &graph,
        index: vec![None; names.len()],
        low: vec![0; names.len()],
        stack: Vec::new(),
        on_stack: vec![false; names.len()],
        next_index: 0,
        component: vec![0; names.len()],
        next_component: 0,
    };
    for node in order {
        if state.index[node].is_none() {
            state.visit(node);
        }
    }
    names
        .iter()
        .zip(&state.component)
        .map(|(&name, &component)| (name, component))
        .collect()
}

struct Tarjan<'g> {
    graph: &'g [Vec<usize>],
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    stack: Vec<usize>,
    on_stack: Vec<bool>,
    next_index: usize,
    component: Vec<usize>,
    next_component: usize,
}

impl Tarjan<'_> {
    // Recursion depth is bounded by the longest by-value reference chain, a few dozen at most
    // in Graph's schema.
    fn visit(&mut self, node: usize) {
        self.index[node] = Some(self.next_index);
        self.low[node] = self.next_index;
        self.next_index += 1;
        self.stack.push(node);
        self.on_stack[node] = true;
        let graph = self.graph;
        for &target in &graph[node] {
            match self.index[target] {
                None => {
                    self.visit(target);
                    self.low[node] = self.low[node].min(self.low[target]);
                }
                Some(index) if self.on_stack[target] => {
                    self.low[node] = self.low[node].min(index);
                }
                Some(_) => {}
            }
        }
        if Some(self.low[node]) == self.index[node] {
            let id = self.next_component;
            self.next_component += 1;
            while let Some(member) = self.stack.pop() {
                self.on_stack[member] = false;
                self.component[member] = id;
                if member == node {
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
        let edges: BTreeMap<&str, Vec<&str>> = [
            ("a", vec!["b"]),
            ("b", vec!["c"]),
            ("c", vec!["a", "d"]),
            ("d", vec![]),
            ("e", vec!["e"]),
        ]
        .into_iter()
        .collect();
        let c = strongly_connected(&edges);
        assert_eq!(c["a"], c["b"]);
        assert_eq!(c["b"], c["c"]);
        assert_ne!(c["c"], c["d"]);
        assert_ne!(c["e"], c["a"]);
    }
}
