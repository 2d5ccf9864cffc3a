//! Opening inputs and outputs, compressed or not.
//!
//! Files ending in `.gz` or `.zst` are (de)compressed by their name; standard input is
//! decompressed when it starts with the gzip or zstd magic bytes.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    pub fn from_path(path: &Path) -> Compression {
        match path.extension().and_then(|e| e.to_str()) {
            Some("gz") => Compression::Gzip,
            Some("zst") | Some("zstd") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(GZIP_MAGIC) {
            Compression::Gzip
        } else if head.starts_with(ZSTD_MAGIC) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }
}

/// `-` is standard input.
pub fn is_stdin(path: &Path) -> bool {
    path == Path::new("-")
}

pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// Open an input for buffered reading, decompressing as its name or its first bytes say.
pub fn open_input(path: &Path) -> io::Result<Box<dyn BufRead + Send>> {
    const BUF: usize = 1 << 20;
    if is_stdin(path) {
        let mut reader = BufReader::with_capacity(BUF, io::stdin());
        let kind = Compression::sniff(reader.fill_buf()?);
        return Ok(wrap(reader, kind, BUF));
    }
    let file = File::open(path)?;
    let kind = Compression::from_path(path);
    Ok(wrap(BufReader::with_capacity(BUF, file), kind, BUF))
}

fn wrap<R: BufRead + Send + 'static>(
    reader: R,
    kind: Compression,
    buf: usize,
) -> Box<dyn BufRead + Send> {
    match kind {
        Compression::None => Box::new(reader),
        // Multi-member gzip (concatenated .gz files) is common in crawls.
        Compression::Gzip => Box::new(BufReader::with_capacity(
            buf,
            flate2::bufread::MultiGzDecoder::new(reader),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            buf,
            zstd::stream::read::Decoder::with_buffer(reader).expect("zstd decoder"),
        )),
    }
}

/// Read all of an input (text mode).
pub fn read_all(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_input(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// A JSONL line without its line break; `None` for a blank line, which holds no record.
pub fn record_bytes(line: &[u8]) -> Option<&[u8]> {
    let mut rec = line;
    while let [rest @ .., b'\n' | b'\r'] = rec {
        rec = rest;
    }
    (!rec.iter().all(u8::is_ascii_whitespace)).then_some(rec)
}

/// Read a text document: an error names the input, and for invalid UTF-8 the byte
/// offset and line (or, with `lossy`, invalid bytes become U+FFFD).
pub fn read_text(path: &Path, lossy: bool) -> Result<String, String> {
    let name = display_name(path);
    let bytes = read_all(path).map_err(|e| format!("{name}: cannot read: {e}"))?;
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(format!(
                "{name}: invalid UTF-8 at byte {at} (line {line}); \
                 pass --lossy to replace invalid bytes with U+FFFD"
            ))
        }
    }
}

/// An output: standard output, or a file compressed as its name says. A regular file is
/// written to a temporary file beside it and renamed into place by `finish`: a run that
/// fails leaves the old file (or none), never half of a new one.
pub struct Output {
    sink: Sink,
    staged: Option<Staged>,
}

enum Sink {
    Stdout(BufWriter<io::Stdout>),
    File(BufWriter<File>),
    Gzip(flate2::write::GzEncoder<BufWriter<File>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<File>>),
}

impl Output {
    pub fn stdout() -> Output {
        Output {
            sink: Sink::Stdout(BufWriter::with_capacity(1 << 20, io::stdout())),
            staged: None,
        }
    }

    pub fn create(path: &Path) -> io::Result<Output> {
        let staged = Staged::new(path);
        let file = File::create(staged.as_ref().map_or(path, |s| &s.tmp))?;
        let file = BufWriter::with_capacity(1 << 20, file);
        let sink = match Compression::from_path(path) {
            Compression::None => Sink::File(file),
            Compression::Gzip => Sink::Gzip(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::default(),
            )),
            Compression::Zstd => Sink::Zstd(zstd::stream::write::Encoder::new(file, 3)?),
        };
        Ok(Output { sink, staged })
    }

    pub fn finish(self) -> io::Result<()> {
        let Output { sink, staged } = self;
        let file = match sink {
            Sink::Stdout(mut w) => return w.flush(),
            Sink::File(w) => w,
            Sink::Gzip(w) => w.finish()?,
            Sink::Zstd(w) => w.finish()?,
        };
        let file = file.into_inner().map_err(|e| e.into_error())?;
        match staged {
            // On disk before it takes the old file's place, or a crash could leave neither.
            Some(staged) => {
                file.sync_all()?;
                staged.commit()
            }
            None => Ok(()),
        }
    }

    fn writer(&mut self) -> &mut dyn Write {
        match &mut self.sink {
            Sink::Stdout(w) => w,
            Sink::File(w) => w,
            Sink::Gzip(w) => w,
            Sink::Zstd(w) => w,
        }
    }
}

/// A temporary file beside its destination, removed unless committed.
struct Staged {
    tmp: PathBuf,
    dest: PathBuf,
}

impl Staged {
    /// `None` when `dest` exists and is not a regular file: a device, a named pipe, or a
    /// symbolic link such as `/dev/stdout`. That is written in place, since renaming over
    /// it would replace the link or the device instead of writing to what it stands for.
    fn new(dest: &Path) -> Option<Staged> {
        if std::fs::symlink_metadata(dest).is_ok_and(|m| !m.is_file()) {
            return None;
        }
        let dest = dest.to_path_buf();
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dest.with_file_name(format!(".{name}.chaff-tmp-{}", std::process::id()));
        Some(Staged { tmp, dest })
    }

    fn commit(self) -> io::Result<()> {
        std::fs::rename(&self.tmp, &self.dest)
        // Drop removes the temporary file if the rename failed; after it, there is none.
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.tmp);
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.writer().write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.writer().write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer().flush()
    }
}

/// Write `bytes` to `dest` through a temporary file renamed into place, like
/// [`write_atomic`] but without waiting for the disk: readers never see half a file,
/// but a power cut may lose the write. For files that are regenerated at will
/// (snapshots), where a flush per file would cost more than the work: 100,000
/// snapshots take 50 s with it, a few without.
pub fn write_replace(dest: &Path, bytes: &[u8]) -> io::Result<()> {
    let Some(staged) = Staged::new(dest) else {
        return std::fs::write(dest, bytes);
    };
    if let Err(e) = std::fs::write(&staged.tmp, bytes) {
        // Folders are made when first needed: one call fewer per file in the common case.
        let parent = dest.parent().filter(|p| !p.as_os_str().is_empty());
        match parent {
            Some(parent) if e.kind() == io::ErrorKind::NotFound => {
                std::fs::create_dir_all(parent)?;
                std::fs::write(&staged.tmp, bytes)?;
            }
            _ => return Err(e),
        }
    }
    staged.commit()
}

/// Write `bytes` to `dest` as [`Output::create`] does: through a temporary file renamed
/// into place, so a reader never sees half a file. Missing folders are created.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut out = Output::create(dest)?;
    out.write_all(bytes)?;
    out.finish()
}
