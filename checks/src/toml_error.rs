//! TOML errors on one line: line, column, the offending text and the problem, so a profile or
//! waiver error names file, line, key and problem at once (`invalid waivers w.toml: line 7,
//! column 11: `"next year"`: …`).

/// `line L, column C: `snippet`: problem` for an error in `text` (control characters escaped).
pub fn one_line(text: &str, error: &toml::de::Error) -> String {
    let problem = error
        .message()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let Some(span) = error.span() else {
        return problem;
    };
    let start = span.start.min(text.len());
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    // The whole line names the key and the value, whichever of them the error points at.
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    let snippet: String = text[line_start..]
        .lines()
        .next()
        .unwrap_or_default()
        .trim()
        .chars()
        .take(80)
        .flat_map(|c| {
            let shown: Vec<char> = if c.is_control() {
                c.escape_unicode().collect()
            } else {
                vec![c]
            };
            shown
        })
        .collect();
    if snippet.is_empty() {
        format!("line {line}, column {column}: {problem}")
    } else {
        format!("line {line}, column {column}: `{snippet}`: {problem}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_file_line_key_and_problem_on_one_line() {
        let text = "[logs]\nretention_dayz = 30\n";
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Logs {
            retention_days: i32,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct File {
            logs: Logs,
        }
        let error = toml::from_str::<File>(text).unwrap_err();
        let line = one_line(text, &error);
        assert!(
            line.starts_with("line 2, column 1: `retention_dayz = 30`: unknown field"),
            "{line}"
        );
        assert!(!line.contains('\n'));
    }
}
