//! Opening inputs and outputs, compressed or not.
//!
//! Files ending in `.gz` or `.zst` are (de)compressed by their name; standard input is
//! decompressed when it starts with the gzip or zstd magic bytes.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::Path;

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

/// An output: standard output, or a file compressed as its name says. `finish` must be
/// called to flush and close a compressed stream.
pub enum Output {
    Plain(Box<dyn Write + Send>),
    Gzip(flate2::write::GzEncoder<BufWriter<File>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<File>>),
}

impl Output {
    pub fn stdout() -> Output {
        Output::Plain(Box::new(BufWriter::with_capacity(1 << 20, io::stdout())))
    }

    pub fn create(path: &Path) -> io::Result<Output> {
        let file = BufWriter::with_capacity(1 << 20, File::create(path)?);
        Ok(match Compression::from_path(path) {
            Compression::None => Output::Plain(Box::new(file)),
            Compression::Gzip => Output::Gzip(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::default(),
            )),
            Compression::Zstd => Output::Zstd(zstd::stream::write::Encoder::new(file, 3)?),
        })
    }

    pub fn finish(self) -> io::Result<()> {
        match self {
            Output::Plain(mut w) => w.flush(),
            Output::Gzip(w) => w.finish()?.flush(),
            Output::Zstd(w) => w.finish()?.flush(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Plain(w) => w.write(buf),
            Output::Gzip(w) => w.write(buf),
            Output::Zstd(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            Output::Plain(w) => w.write_all(buf),
            Output::Gzip(w) => w.write_all(buf),
            Output::Zstd(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Plain(w) => w.flush(),
            Output::Gzip(w) => w.flush(),
            Output::Zstd(w) => w.flush(),
        }
    }
}

/// Write to a temporary file beside `dest`, then rename: a reader never sees half a file.
pub fn write_atomic(dest: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = dest.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dest.with_file_name(format!(".{name}.chaff-tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, dest)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
