//! The matcher's automaton: a trie of the folded patterns (`matcher.rs`).
//!
//! The matcher walks from token starts only, anchored, so an Aho-Corasick automaton's failure
//! links are never followed: a plain trie answers the same question. It is built here from the
//! sorted patterns in one pass over their bytes (building the `aho-corasick` automata, failure
//! links and all, was 40% of a million-entry build), and it is a few flat arrays, which a
//! compiled gazetteer file stores in a compact form (`compiled.rs`, [`Trie::parts`]).

/// No pattern ends at a node; no child.
pub(crate) const NONE: u32 = u32::MAX;

/// A trie node. The children of a node are `nodes[first_child..first_child + children]`, their
/// bytes `bytes[first_child..first_child + children]`, ascending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    pub first_child: u32,
    /// The pattern that ends here (its number in sorted order), or [`NONE`].
    pub pattern: u32,
    pub children: u32,
}

/// A node with no children and no pattern, until it is given them.
const LEAF: Node = Node {
    first_child: 0,
    pattern: NONE,
    children: 0,
};

/// A trie over byte strings; node 0 is the root.
///
/// The nodes are laid out depth first, each node's children side by side: the walk down a
/// long name reads neighbouring memory, and a node's children are one short scan.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Trie {
    pub(crate) nodes: Vec<Node>,
    /// The byte on the edge into each node (0 for the root).
    pub(crate) bytes: Vec<u8>,
    /// The root's child for each first byte, [`NONE`] if none: the first step, taken at every
    /// word the walks start from, is a table read.
    pub(crate) first: Vec<u32>,
}

impl Trie {
    /// The trie of `patterns`, which must be sorted and distinct; pattern `p` is
    /// `patterns[p]`. `None` if the trie would have `u32::MAX` nodes or more.
    pub(crate) fn new(patterns: &[&[u8]]) -> Option<Trie> {
        let total: usize = patterns.iter().map(|p| p.len()).sum();
        let mut nodes = Vec::with_capacity(total.min(1 << 24) + 1);
        let mut bytes = Vec::with_capacity(total.min(1 << 24) + 1);
        nodes.push(LEAF);
        bytes.push(0);
        // (node, patterns below it, depth): the patterns share the node's `depth` bytes.
        let mut stack = vec![(0usize, 0..patterns.len(), 0usize)];
        let mut groups: Vec<(u8, std::ops::Range<usize>)> = Vec::new();
        while let Some((node, mut range, depth)) = stack.pop() {
            // One pattern below: the rest of it is a chain of single children, laid out as the
            // loop below would lay it out, without its bookkeeping (most nodes of a trie of
            // names are in such tails).
            if range.len() == 1 && patterns[range.start].len() > depth {
                let rest = &patterns[range.start][depth..];
                if nodes.len() + rest.len() >= NONE as usize {
                    return None;
                }
                let mut at = node;
                for &b in rest {
                    let child = nodes.len();
                    nodes[at].first_child = child as u32;
                    nodes[at].children = 1;
                    nodes.push(LEAF);
                    bytes.push(b);
                    at = child;
                }
                nodes[at].pattern = u32::try_from(range.start).ok()?;
                // As the loop below leaves a leaf: no children, from the next free place.
                nodes[at].first_child = nodes.len() as u32;
                continue;
            }
            // Sorted, the node's own pattern (its bytes so far) comes first.
            if range.start < range.end && patterns[range.start].len() == depth {
                nodes[node].pattern = u32::try_from(range.start).ok()?;
                range.start += 1;
            }
            groups.clear();
            let mut i = range.start;
            while i < range.end {
                let b = patterns[i][depth];
                let mut j = i + 1;
                while j < range.end && patterns[j][depth] == b {
                    j += 1;
                }
                groups.push((b, i..j));
                i = j;
            }
            let first_child = nodes.len();
            if first_child + groups.len() >= NONE as usize {
                return None;
            }
            nodes[node].first_child = first_child as u32;
            nodes[node].children = groups.len() as u32;
            for (b, _) in &groups {
                nodes.push(LEAF);
                bytes.push(*b);
            }
            // Last child pushed first: the first child's subtree is laid out next.
            for (k, (_, r)) in groups.drain(..).enumerate().rev() {
                stack.push((first_child + k, r, depth + 1));
            }
        }
        Some(Trie::with_first_table(nodes, bytes))
    }

    /// The trie of these nodes, with its table of the root's children.
    fn with_first_table(nodes: Vec<Node>, bytes: Vec<u8>) -> Trie {
        let mut first = vec![NONE; 256];
        let root = nodes[0];
        for c in root.first_child..root.first_child + root.children {
            first[usize::from(bytes[c as usize])] = c;
        }
        Trie {
            nodes,
            bytes,
            first,
        }
    }

    /// The root's child for `byte`, or [`NONE`].
    #[inline]
    pub(crate) fn first(&self, byte: u8) -> u32 {
        self.first[usize::from(byte)]
    }

    /// The child of `node` for `byte`, or [`NONE`].
    #[inline]
    pub(crate) fn child(&self, node: u32, byte: u8) -> u32 {
        let n = self.nodes[node as usize];
        let start = n.first_child as usize;
        let end = start + n.children as usize;
        match self.bytes[start..end].iter().position(|&b| b == byte) {
            Some(k) => (start + k) as u32,
            None => NONE,
        }
    }

    /// The pattern that ends at `node`, or [`NONE`].
    #[inline]
    pub(crate) fn pattern(&self, node: u32) -> u32 {
        self.nodes[node as usize].pattern
    }

    /// The trie in three arrays, node by node: its number of children, the byte into it, and
    /// whether a pattern ends there (a bit each, 64 to a word). Where the children lie and the
    /// patterns' numbers follow from the layout ([`Trie::from_parts`]).
    pub(crate) fn parts(&self) -> Option<(Vec<u8>, &[u8], Vec<u64>)> {
        let mut children = Vec::with_capacity(self.nodes.len());
        let mut ends = vec![0u64; self.nodes.len().div_ceil(64)];
        for (i, n) in self.nodes.iter().enumerate() {
            children.push(u8::try_from(n.children).ok()?);
            if n.pattern != NONE {
                ends[i / 64] |= 1 << (i % 64);
            }
        }
        Some((children, &self.bytes, ends))
    }

    /// The trie of [`Trie::parts`], laid out again as [`Trie::new`] lays it out: each node, in
    /// the order a depth-first walk reaches it, gets the next free places for its children, and
    /// the next pattern number if one ends there. An error if the parts make no trie: children
    /// beyond the nodes, nodes no parent has, sibling bytes not ascending, or other than
    /// `patterns` patterns.
    pub(crate) fn from_parts(
        children: &[u8],
        bytes: Vec<u8>,
        ends: &[u64],
        patterns: usize,
    ) -> Result<Trie, String> {
        let n = children.len();
        if n == 0 || bytes.len() != n || ends.len() != n.div_ceil(64) || n >= NONE as usize {
            return Err("the node arrays differ in length".into());
        }
        let mut nodes = vec![LEAF; n];
        let mut next = 1usize;
        let mut pattern = 0usize;
        let mut stack = vec![0usize];
        while let Some(i) = stack.pop() {
            if ends[i / 64] >> (i % 64) & 1 != 0 {
                if pattern >= patterns {
                    return Err(format!("more than {patterns} patterns"));
                }
                nodes[i].pattern = pattern as u32;
                pattern += 1;
            }
            let count = usize::from(children[i]);
            if count > n - next {
                return Err(format!("node {i}: children beyond the {n} nodes"));
            }
            if bytes[next..next + count].windows(2).any(|w| w[0] >= w[1]) {
                return Err(format!("node {i}: child bytes not ascending"));
            }
            nodes[i].first_child = next as u32;
            nodes[i].children = count as u32;
            stack.extend((next..next + count).rev());
            next += count;
        }
        if next != n || pattern != patterns {
            return Err(format!(
                "{next} of {n} nodes reached, {pattern} of {patterns} patterns"
            ));
        }
        Ok(Trie::with_first_table(nodes, bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pattern found where it ends, along the walk of `text`.
    fn walk(t: &Trie, text: &[u8]) -> Vec<(usize, u32)> {
        let mut out = Vec::new();
        let Some(&b0) = text.first() else {
            return out;
        };
        let mut node = t.first(b0);
        for (i, &b) in text.iter().enumerate() {
            if i > 0 {
                node = t.child(node, b);
            }
            if node == NONE {
                break;
            }
            if t.pattern(node) != NONE {
                out.push((i + 1, t.pattern(node)));
            }
        }
        out
    }

    /// Prefixes of each other, siblings, a two-byte letter.
    const PATTERNS: [&[u8]; 8] = [
        b"a",
        b"ab",
        b"abc",
        b"abd",
        b"b",
        b"bandung",
        b"bandung barat",
        b"\xc3\xa9",
    ];

    #[test]
    fn walks_report_every_pattern_that_is_a_prefix() {
        let patterns = PATTERNS;
        let t = Trie::new(&patterns).unwrap();
        assert_eq!(walk(&t, b"abcz"), [(1, 0), (2, 1), (3, 2)]);
        assert_eq!(walk(&t, b"abd"), [(1, 0), (2, 1), (3, 3)]);
        assert_eq!(walk(&t, b"bandung barat daya"), [(1, 4), (7, 5), (13, 6)]);
        assert_eq!(walk(&t, b"band"), [(1, 4)]);
        assert_eq!(walk(&t, "é".as_bytes()), [(2, 7)]);
        assert!(walk(&t, b"c").is_empty());
        assert!(walk(&t, b"").is_empty());
    }

    #[test]
    fn chains_are_laid_out_in_order() {
        let patterns: Vec<&[u8]> = vec![b"kabupaten"];
        let t = Trie::new(&patterns).unwrap();
        // Root, then one node per byte, each right after its parent.
        assert_eq!(t.nodes.len(), 10);
        for i in 0..9 {
            assert_eq!(t.nodes[i].first_child as usize, i + 1);
        }
        assert_eq!(t.pattern(9), 0);
    }

    fn again(t: &Trie, patterns: usize) -> Result<Trie, String> {
        let (children, bytes, ends) = t.parts().unwrap();
        Trie::from_parts(&children, bytes.to_vec(), &ends, patterns)
    }

    #[test]
    fn parts_make_the_same_trie_again() {
        let patterns = PATTERNS;
        let t = Trie::new(&patterns).unwrap();
        assert_eq!(again(&t, patterns.len()).unwrap(), t);
        let empty = Trie::new(&[]).unwrap();
        assert_eq!(again(&empty, 0).unwrap(), empty);
    }

    #[test]
    fn broken_parts_are_errors() {
        let patterns: Vec<&[u8]> = vec![b"ab", b"ac", b"b"];
        let t = Trie::new(&patterns).unwrap();
        assert!(again(&t, 2).is_err(), "more patterns than said");
        assert!(again(&t, 4).is_err(), "fewer patterns than said");
        let (children, bytes, ends) = t.parts().unwrap();
        let bytes = bytes.to_vec();
        let mut c = children.clone();
        c[0] = 200;
        assert!(
            Trie::from_parts(&c, bytes.clone(), &ends, 3).is_err(),
            "beyond the nodes"
        );
        let mut c = children.clone();
        c[0] = 1;
        assert!(
            Trie::from_parts(&c, bytes.clone(), &ends, 3).is_err(),
            "unreached nodes"
        );
        let mut b = bytes.clone();
        b.swap(1, 2);
        assert!(
            Trie::from_parts(&children, b, &ends, 3).is_err(),
            "bytes out of order"
        );
        assert!(Trie::from_parts(&children, bytes[1..].to_vec(), &ends, 3).is_err());
        assert!(
            Trie::from_parts(&[], Vec::new(), &[], 0).is_err(),
            "no root"
        );
    }
}
