//! The Python binding: chaff's engine as the `chaff._chaff` extension module.
//!
//! Everything here converts between Python and the `chaff` crate; the cleaning itself is
//! the crate's, so Python and the CLI give the same bytes. Work on text runs with the
//! GIL released.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

create_exception!(
    _chaff,
    RuleError,
    PyValueError,
    "A rule file that does not load, or a --disable glob that matches nothing. The message \
     is the CLI's: it names the file, line and column."
);

/// A cleaned text and, when asked for, how many edits each rule (by index) made.
type Outcome = (String, Vec<(usize, usize)>);

fn rule_error(e: chaff::RuleError) -> PyErr {
    RuleError::new_err(e.to_string())
}

/// A cleaner with its rules compiled once. Build it once and reuse it: compiling the
/// rules costs far more than cleaning a page.
///
/// Args:
///     rules: extra rule files or folders of them, as `--rules` takes.
///     default_rules: start from the embedded default rules (`--no-default-rules` is False).
///     disable: globs of rule ids to turn off, as `--disable` takes (`"links.*"`).
///
/// Raises:
///     RuleError: a rule file does not load or a glob matches no rule.
#[pyclass(frozen, module = "chaff")]
struct Cleaner {
    inner: chaff::Cleaner,
}

/// One change from the input to the cleaned text. `start` and `end` index the input
/// `str` (code points, so `text[start:end]` is what goes); `replacement` takes its place.
#[pyclass(frozen, get_all, module = "chaff")]
struct Edit {
    start: usize,
    end: usize,
    /// 0-based input line the edit starts on.
    line: usize,
    /// The rule behind the edit; None for layout (folded blank lines, line endings).
    rule: Option<String>,
    /// "drop-line", "cut" or "layout".
    action: &'static str,
    replacement: &'static str,
}

#[pymethods]
impl Edit {
    fn __repr__(&self) -> String {
        format!(
            "Edit(start={}, end={}, line={}, rule={}, action={:?})",
            self.start,
            self.end,
            self.line,
            self.rule
                .as_deref()
                .map_or("None".to_string(), |r| format!("{r:?}")),
            self.action
        )
    }
}

#[pymethods]
impl Cleaner {
    #[new]
    #[pyo3(signature = (rules = None, *, default_rules = true, disable = None))]
    fn new(
        rules: Option<Vec<PathBuf>>,
        default_rules: bool,
        disable: Option<Vec<String>>,
    ) -> PyResult<Self> {
        let (set, _) = chaff::RuleSet::load(
            default_rules,
            &rules.unwrap_or_default(),
            &disable.unwrap_or_default(),
        )
        .map_err(rule_error)?;
        Ok(Cleaner {
            inner: chaff::Cleaner::new(set),
        })
    }

    /// The cleaned text. `url` turns on the rules limited to its site.
    #[pyo3(signature = (text, url = None))]
    fn clean(&self, py: Python<'_>, text: &str, url: Option<&str>) -> String {
        py.detach(|| self.inner.clean_url(text, url).text())
    }

    /// Clean many texts, in parallel on `threads` threads (default: all cores), with the
    /// GIL released. The result is in input order and equal to cleaning one by one.
    /// With `with_counts`, each item is `(cleaned, {rule_id: edits})`: how many lines
    /// each rule dropped and spans it cut, for pipeline statistics.
    #[pyo3(signature = (texts, threads = None, urls = None, *, with_counts = false))]
    fn clean_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
        urls: Option<Vec<Option<String>>>,
        with_counts: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let owned: Vec<Bound<'py, PyString>> = texts
            .try_iter()?
            .enumerate()
            .map(|(i, t)| {
                t?.cast_into::<PyString>().map_err(|e| {
                    PyTypeError::new_err(format!("texts[{i}] is not a str: {}", e.into_inner()))
                })
            })
            .collect::<PyResult<_>>()?;
        // Borrowed, not copied: the strings stay alive in `owned` while the GIL is off.
        let strs: Vec<&str> = owned.iter().map(|s| s.to_str()).collect::<PyResult<_>>()?;
        if let Some(urls) = &urls
            && urls.len() != strs.len()
        {
            return Err(PyValueError::new_err(format!(
                "{} urls for {} texts: give one a text, or None",
                urls.len(),
                strs.len()
            )));
        }
        let threads = threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
            .clamp(1, strs.len().max(1));
        let url = |i: usize| urls.as_ref().and_then(|u| u[i].as_deref());
        let one = |i: usize| {
            let cleaned = self.inner.clean_url(strs[i], url(i));
            let mut counts: Vec<(usize, usize)> = Vec::new();
            if with_counts {
                for rule in cleaned.edits().into_iter().filter_map(|e| e.rule) {
                    match counts.iter_mut().find(|(r, _)| *r == rule) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((rule, 1)),
                    }
                }
            }
            (cleaned.text(), counts)
        };
        let cleaned: Vec<Outcome> = py.detach(|| {
            if threads == 1 {
                return (0..strs.len()).map(one).collect();
            }
            // Threads take the next text as they finish one, so a long text does not
            // hold up a share of the batch; results go back to their input positions.
            let next = AtomicUsize::new(0);
            let mut done: Vec<(usize, Outcome)> = std::thread::scope(|scope| {
                let workers: Vec<_> = (0..threads)
                    .map(|_| {
                        scope.spawn(|| {
                            let mut out = Vec::new();
                            loop {
                                let i = next.fetch_add(1, Ordering::Relaxed);
                                if i >= strs.len() {
                                    break;
                                }
                                out.push((i, one(i)));
                            }
                            out
                        })
                    })
                    .collect();
                workers
                    .into_iter()
                    .flat_map(|w| w.join().expect("cleaning does not panic"))
                    .collect()
            });
            done.sort_unstable_by_key(|(i, _)| *i);
            done.into_iter().map(|(_, t)| t).collect()
        });
        if !with_counts {
            return PyList::new(py, cleaned.into_iter().map(|(t, _)| t));
        }
        let rules = self.inner.rules();
        let items = cleaned
            .into_iter()
            .map(|(text, counts)| {
                let dict = PyDict::new(py);
                for (r, n) in counts {
                    dict.set_item(&rules[r].id, n)?;
                }
                Ok((text, dict))
            })
            .collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// The edits that turn `text` into its cleaned text, in order: applied to `text`
    /// (each `text[start:end]` replaced by `replacement`) they give `clean(text)`.
    #[pyo3(signature = (text, url = None))]
    fn annotate(&self, py: Python<'_>, text: &str, url: Option<&str>) -> Vec<Edit> {
        let edits = py.detach(|| self.inner.clean_url(text, url).edits());
        let rules = self.inner.rules();
        // Byte offsets to code points, walking the text once (edits are sorted).
        let mut byte = 0;
        let mut chars = 0;
        let mut to_chars = |at: usize| {
            chars += text[byte..at].chars().count();
            byte = at;
            chars
        };
        edits
            .into_iter()
            .map(|e| Edit {
                start: to_chars(e.span.start),
                end: to_chars(e.span.end),
                line: e.line,
                rule: e.rule.map(|r| rules[r].id.clone()),
                action: e.kind.name(),
                replacement: e.insert,
            })
            .collect()
    }

    /// The `--explain` view: every input line with its fate (keep, drop, cut) and the
    /// rule that decided it, cut spans between ⟦ and ⟧.
    #[pyo3(signature = (text, url = None))]
    fn explain(&self, py: Python<'_>, text: &str, url: Option<&str>) -> String {
        py.detach(|| chaff::explain(&self.inner.clean_url(text, url), self.inner.rules()))
    }

    /// The ids of the loaded rules that are on, in load order.
    #[getter]
    fn rules(&self) -> Vec<String> {
        self.inner
            .rules()
            .iter()
            .filter(|r| r.enabled)
            .map(|r| r.id.clone())
            .collect()
    }

    fn __repr__(&self) -> String {
        format!("Cleaner(<{} rules>)", self.rules().len())
    }
}

#[pymodule]
fn _chaff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Cleaner>()?;
    m.add_class::<Edit>()?;
    m.add("RuleError", m.py().get_type::<RuleError>())?;
    Ok(())
}
