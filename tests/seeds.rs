//! The five seed documents must clean to their expected files byte for byte. insta would
//! forgive a trailing space or a line ending, so this compares bytes.

mod common;

#[test]
fn seeds_match_expected_bytes() {
    let cleaner = common::cleaner();
    let expected_dir = common::root().join("tests/expected");
    let mut checked = 0;
    for entry in std::fs::read_dir(&expected_dir).unwrap() {
        let expected_path = entry.unwrap().path();
        let name = expected_path.file_name().unwrap();
        let input = std::fs::read_to_string(common::root().join("tests/corpus").join(name))
            .unwrap_or_else(|e| panic!("seed {name:?} is missing from tests/corpus: {e}"));
        let expected = std::fs::read(&expected_path).unwrap();
        let actual = cleaner.clean(&input).text();
        assert!(
            actual.as_bytes() == expected.as_slice(),
            "{name:?} differs from its expected output\n--- expected\n{}\n--- actual\n{actual}",
            String::from_utf8_lossy(&expected)
        );
        checked += 1;
    }
    assert_eq!(checked, 5, "five seeds with expected outputs");
}
