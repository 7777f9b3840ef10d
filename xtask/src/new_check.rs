//! `cargo xtask new-check`: one rule file, its module and registry lines, its fixtures.

use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result, bail};

#[derive(clap::Args, Debug, Clone)]
pub struct NewCheck {
    /// The check's id, `PREFIX-NNN` (the prefix names its folder: `VPC-023` → `rules/vpc/`)
    pub id: String,
    /// Words for the file name (`no-default-vpc` → `vpc_023_no_default_vpc.rs`)
    #[arg(long)]
    pub slug: String,
    /// What the check holds true, in one sentence ("The default VPC is not used")
    #[arg(long)]
    pub title: String,
    /// critical, high, medium, low or info
    #[arg(long, default_value = "medium")]
    pub severity: String,
}

/// Writes the check's files and lines under `root`; returns what it wrote.
pub fn scaffold(root: &Path, check: &NewCheck) -> Result<Vec<PathBuf>> {
    let (prefix, number) = parse_id(&check.id)?;
    let severity = severity(&check.severity)?;
    let folder = prefix.to_ascii_lowercase();
    let module = format!("{folder}_{number}_{}", words(&check.slug)?);
    let rules = root.join("checks/src/rules");
    let registry = root.join("checks/src/registry.rs");
    let registry_text = read(&registry)?;
    if registry_text.contains(&format!("::{folder}_{number}_")) {
        bail!(
            "{} is already registered in {}",
            check.id,
            registry.display()
        );
    }
    let fixtures = root.join("fixtures/checks").join(&check.id);
    if fixtures.exists() {
        bail!("{} already exists", fixtures.display());
    }
    let mut written = Vec::new();

    let dir = rules.join(&folder);
    if !dir.exists() {
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("mod.rs"), format!("//! {prefix} checks.\n\n"))?;
        insert_sorted(
            &rules.join("mod.rs"),
            &format!("pub mod {folder};"),
            "pub mod ",
        )?;
        written.push(dir.join("mod.rs"));
    }
    let rule = dir.join(format!("{module}.rs"));
    std::fs::write(&rule, rule_file(check, severity))?;
    written.push(rule);
    insert_sorted(
        &dir.join("mod.rs"),
        &format!("pub mod {module};"),
        "pub mod ",
    )?;
    written.push(dir.join("mod.rs"));
    insert_sorted(
        &registry,
        &format!("    &rules::{folder}::{module}::CHECK,"),
        "    &rules::",
    )?;
    written.push(registry);

    std::fs::create_dir_all(&fixtures)?;
    std::fs::write(fixtures.join("pass.json"), "{\n  \"inventory\": {}\n}\n")?;
    std::fs::write(
        fixtures.join("fail.json"),
        "{\n  \"breaks\": \"\",\n  \"inventory\": {},\n  \"expect_fail\": []\n}\n",
    )?;
    written.push(fixtures.join("pass.json"));
    written.push(fixtures.join("fail.json"));
    Ok(written)
}

fn parse_id(id: &str) -> Result<(&str, &str)> {
    let (prefix, number) = id
        .split_once('-')
        .with_context(|| format!("{id}: an id reads PREFIX-NNN"))?;
    let prefix_ok = (2..=5).contains(&prefix.len())
        && prefix
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !prefix_ok || number.len() != 3 || !number.bytes().all(|b| b.is_ascii_digit()) {
        bail!("{id}: an id reads PREFIX-NNN (2–5 capitals or digits, three digits)");
    }
    Ok((prefix, number))
}

fn severity(text: &str) -> Result<&'static str> {
    Ok(match text.to_ascii_lowercase().as_str() {
        "critical" => "Critical",
        "high" => "High",
        "medium" => "Medium",
        "low" => "Low",
        "info" => "Info",
        _ => bail!("{text}: severity is critical, high, medium, low or info"),
    })
}

fn words(slug: &str) -> Result<String> {
    let words: Vec<String> = slug
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        bail!("{slug}: the slug needs at least one word");
    }
    Ok(words.join("_"))
}

fn rule_file(check: &NewCheck, severity: &str) -> String {
    let title = check.title.replace('"', "\\\"");
    format!(
        r#"use super::super::prelude::*;

declare_check! {{
    /// Why this matters: what goes wrong, for whom, when the rule is broken.
    ///
    /// # Remediation
    /// What to change, with the CLI call or template property that changes it.
    CHECK {{
        id: "{id}",
        title: "{title}",
        severity: {severity},
        references: [],
        params: [],
        evaluate: evaluate,
    }}
}}

fn evaluate(ctx: &Context) -> Vec<Finding> {{
    // Judge each resource the title names through `ctx.inventory.<kind>()` and the `Context`
    // lookups; attributes with a fetch call of their own go through `ctx.each(.., &["attr"], ..)`.
    let _ = ctx;
    todo!("{id}: write the fixtures, then this")
}}
"#,
        id = check.id,
    )
}

/// Inserts `line` among the lines starting with `family`, keeping them sorted.
fn insert_sorted(path: &Path, line: &str, family: &str) -> Result<()> {
    let text = read(path)?;
    let mut lines: Vec<&str> = text.lines().collect();
    let members: Vec<usize> = (0..lines.len())
        .filter(|&i| lines[i].starts_with(family))
        .collect();
    let at = members
        .iter()
        .copied()
        .find(|&i| lines[i] > line)
        .or_else(|| members.last().map(|&i| i + 1))
        .unwrap_or(lines.len());
    lines.insert(at, line);
    std::fs::write(path, lines.join("\n") + "\n")?;
    Ok(())
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repository() -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        let rules = root.path().join("checks/src/rules");
        std::fs::create_dir_all(rules.join("vpc")).unwrap();
        std::fs::write(rules.join("mod.rs"), "//! rules\n\npub mod vpc;\n").unwrap();
        std::fs::write(
            rules.join("vpc/mod.rs"),
            "//! VPC\n\npub mod vpc_001_a;\npub mod vpc_003_c;\n\nfn helper() {}\n",
        )
        .unwrap();
        std::fs::write(
            root.path().join("checks/src/registry.rs"),
            "pub static REGISTRY: &[&Check] = &[\n    &rules::vpc::vpc_001_a::CHECK,\n    &rules::vpc::vpc_003_c::CHECK,\n];\n",
        )
        .unwrap();
        root
    }

    fn check(id: &str) -> NewCheck {
        NewCheck {
            id: id.into(),
            slug: "No default VPC".into(),
            title: "The default VPC is not used".into(),
            severity: "high".into(),
        }
    }

    #[test]
    fn a_check_in_an_existing_folder_lands_in_id_order() {
        let root = repository();
        scaffold(root.path(), &check("VPC-002")).unwrap();
        let rules = root.path().join("checks/src/rules");
        assert_eq!(
            std::fs::read_to_string(rules.join("vpc/mod.rs")).unwrap(),
            "//! VPC\n\npub mod vpc_001_a;\npub mod vpc_002_no_default_vpc;\npub mod vpc_003_c;\n\nfn helper() {}\n"
        );
        let registry = std::fs::read_to_string(root.path().join("checks/src/registry.rs")).unwrap();
        assert!(registry.contains(
            "vpc_001_a::CHECK,\n    &rules::vpc::vpc_002_no_default_vpc::CHECK,\n    &rules::vpc::vpc_003_c"
        ));
        let rule = std::fs::read_to_string(rules.join("vpc/vpc_002_no_default_vpc.rs")).unwrap();
        assert!(rule.contains("id: \"VPC-002\"") && rule.contains("severity: High"));
        assert!(
            rule.contains("todo!"),
            "a scaffold must not pass as a finished check"
        );
        let fixtures = root.path().join("fixtures/checks/VPC-002");
        assert!(fixtures.join("pass.json").exists() && fixtures.join("fail.json").exists());
    }

    #[test]
    fn a_new_prefix_gets_its_folder_and_module_line() {
        let root = repository();
        scaffold(root.path(), &check("WAF-001")).unwrap();
        let rules = root.path().join("checks/src/rules");
        assert_eq!(
            std::fs::read_to_string(rules.join("mod.rs")).unwrap(),
            "//! rules\n\npub mod vpc;\npub mod waf;\n"
        );
        assert!(rules.join("waf/waf_001_no_default_vpc.rs").exists());
        let registry = std::fs::read_to_string(root.path().join("checks/src/registry.rs")).unwrap();
        assert!(
            registry
                .contains("vpc_003_c::CHECK,\n    &rules::waf::waf_001_no_default_vpc::CHECK,\n];")
        );
    }

    #[test]
    fn an_existing_or_malformed_id_is_refused() {
        let root = repository();
        let taken = scaffold(root.path(), &check("VPC-001")).unwrap_err();
        assert!(taken.to_string().contains("already registered"), "{taken}");
        for bad in ["vpc-002", "VPC-2", "VPC002", "TOOLONG-001"] {
            let error = scaffold(root.path(), &check(bad)).unwrap_err();
            assert!(error.to_string().contains("PREFIX-NNN"), "{bad}: {error}");
        }
    }
}
