//! The two readings of a template's unknowns. Before deploy some values cannot be known
//! (`Fn::ImportValue`, a parameter with no value, a condition on one). Template mode builds the
//! inventory twice, once with every unknown set to its most open value (`0.0.0.0/0`, `*`, `true`,
//! 0) and once to a closed one (a documentation CIDR, a name, `false`, the largest number), and
//! evaluates both: a verdict the two readings agree on does not rest on what the unknowns turn
//! out to be; one they disagree on is `skip`, naming the unknowns (see [`crate::merge`]).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    Open,
    Closed,
}

impl Variant {
    pub const BOTH: [Variant; 2] = [Variant::Open, Variant::Closed];

    /// An unknown text: `*` open, absent closed (an unknown key, peer or name may be none).
    pub fn text(self) -> Option<&'static str> {
        match self {
            Self::Open => Some("*"),
            Self::Closed => None,
        }
    }

    pub fn cidr(self) -> &'static str {
        match self {
            Self::Open => "0.0.0.0/0",
            Self::Closed => "192.0.2.0/24",
        }
    }

    pub fn number(self) -> i64 {
        match self {
            Self::Open => 0,
            Self::Closed => i32::MAX as i64,
        }
    }

    pub fn flag(self) -> bool {
        self == Self::Open
    }

    /// Whether a resource or `Fn::If` branch whose condition is unknown is taken.
    pub fn undecided_condition(self) -> bool {
        self == Self::Open
    }
}
