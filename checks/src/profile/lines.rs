//! Where a profile file sets each parameter: `section.key` → its 1-based line, so a result
//! about a profiled value can point at the line that asked for it (SARIF's physical location).

use std::collections::BTreeMap;

/// The line of every `key = value` in a profile's TOML text, keyed `section.key` (a dotted key
/// outside any table keeps its dots). Array-of-table headers and continuation lines of
/// multi-line values are not keys and are skipped.
pub fn parameter_lines(text: &str) -> BTreeMap<String, usize> {
    let mut lines = BTreeMap::new();
    let mut table = String::new();
    let mut open_brackets = 0i32;
    for (index, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or_default().trim();
        if open_brackets > 0 {
            open_brackets += brackets(line);
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            table = header
                .trim()
                .trim_matches(|c| c == '[' || c == ']')
                .to_string();
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        if key.is_empty() {
            continue;
        }
        let qualified = if table.is_empty() {
            key.to_string()
        } else {
            format!("{table}.{key}")
        };
        lines.entry(qualified).or_insert(index + 1);
        open_brackets = brackets(value);
    }
    lines
}

/// Opening minus closing brackets: what a multi-line array leaves open.
fn brackets(text: &str) -> i32 {
    let count = |c: char| text.chars().filter(|x| *x == c).count() as i32;
    count('[') + count('{') - count(']') - count('}')
}

#[cfg(test)]
mod tests {
    use super::parameter_lines;

    #[test]
    fn keys_are_found_under_their_tables_on_their_lines() {
        let text = "extends = \"baseline\"\n\n[network]\nvpc_cidr = \"10.0.0.0/16\"  # the seed's\naz_count = 2\n\n[iam]\nwildcard_resource_actions = [\n  \"logs:PutLogEvents\",\n  \"x = y\",\n]\ntrusted_service_principals = []\n[compute.task_sizes]\napi = { cpu = 256, memory = 512 }\n";
        let lines = parameter_lines(text);
        assert_eq!(lines.get("extends"), Some(&1));
        assert_eq!(lines.get("network.vpc_cidr"), Some(&4));
        assert_eq!(lines.get("network.az_count"), Some(&5));
        assert_eq!(lines.get("iam.wildcard_resource_actions"), Some(&8));
        assert_eq!(lines.get("iam.trusted_service_principals"), Some(&12));
        assert_eq!(lines.get("compute.task_sizes.api"), Some(&14));
        assert!(!lines.keys().any(|k| k.contains("x ")), "{lines:?}");
    }
}
