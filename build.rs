//! Embeds every rule file under `rules/` into the binary, so chaff runs with no files around.

use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &mut files);
    files.sort();
    let out_dir = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let lean_dir = out_dir.join("lean-rules");
    std::fs::create_dir_all(&lean_dir).unwrap();
    let mut out = String::from("&[\n");
    for (k, file) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", file.display());
        let name = file
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let lean = lean_dir.join(format!("{k}.json"));
        std::fs::write(&lean, lean_json(file)).unwrap();
        out.push_str(&format!(
            "    ({name:?}, include_str!({:?}), include_str!({:?})),\n",
            file.display().to_string(),
            lean.display().to_string()
        ));
    }
    out.push_str("]\n");
    std::fs::write(out_dir.join("embedded_rules.rs"), out).unwrap();
    std::fs::write(out_dir.join("fold_bmp.bin"), fold_bmp()).unwrap();
}

/// A rule file's rules without what cleaning never reads, as JSON: each rule's
/// description and examples (nearly half the text, and the dearest half to parse: long
/// multi-line strings) go, and JSON parses in a fraction of TOML's time (TOML was 60% of
/// start-up even so). The cleaner parses this at start-up (`spec::LeanRuleFile`); the
/// full file stays embedded beside it for `chaff rules`, which reads descriptions and
/// examples on demand. A file that does not parse gets an empty copy, so the error is
/// reported at run time against the real text.
fn lean_json(file: &Path) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    let Ok(mut table) = toml::from_str::<toml::Table>(&text) else {
        return String::new();
    };
    if let Some(toml::Value::Array(rules)) = table.get_mut("rule") {
        for rule in rules.iter_mut() {
            if let toml::Value::Table(rule) = rule {
                rule.remove("description");
                rule.remove("example");
            }
        }
    }
    serde_json::to_string(&table).unwrap()
}

/// The folding table of the Basic Multilingual Plane (see `detect::fold_bmp`), two bytes
/// a character, little-endian: 0 when the character is not a letter or digit, 0xFFFF
/// when its lowercase is not one character of the plane, else that lowercase. Built here
/// from the same toolchain's Unicode tables the binary's `char` methods use, so a process
/// does not spend 20 M instructions building it on its first non-ASCII letter; a test
/// checks it against those methods for every character.
fn fold_bmp() -> Vec<u8> {
    let mut table = Vec::with_capacity(2 << 16);
    for cp in 0..=0xFFFFu32 {
        let entry: u16 = match char::from_u32(cp) {
            Some(c) if c.is_alphanumeric() => {
                let mut lower = c.to_lowercase();
                match (lower.next(), lower.next()) {
                    (Some(l), None) if (l as u32) < 0xFFFF && l as u32 != 0 => l as u16,
                    _ => 0xFFFF,
                }
            }
            _ => 0,
        };
        table.extend_from_slice(&entry.to_le_bytes());
    }
    table
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}
