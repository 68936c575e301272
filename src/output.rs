//! Delivering an output: a file written whole or not at all, never over an input; or
//! standard output, where a reader that stops early is not an error.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` through a temporary file beside it, renamed into place, so a
/// failure leaves any earlier file as it was. Refuses to write over any of `inputs`.
pub fn write_file(path: &Path, bytes: &[u8], inputs: &[PathBuf]) -> Result<(), String> {
    if let Ok(target) = path.canonicalize() {
        let clash = inputs
            .iter()
            .filter_map(|input| input.canonicalize().ok())
            .any(|input| input == target);
        if clash {
            return Err(format!(
                "{} is one of the input files; choose another output file",
                path.display()
            ));
        }
    }

    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(format!(
            "cannot write {}: the folder {} does not exist",
            path.display(),
            dir.display()
        ));
    }
    let failed = |error: io::Error| format!("cannot write {}: {}", path.display(), error.kind());
    let mut temporary = tempfile::NamedTempFile::new_in(dir).map_err(failed)?;
    temporary.write_all(bytes).map_err(failed)?;
    set_permissions(temporary.as_file(), path).map_err(failed)?;
    temporary.as_file().sync_all().map_err(failed)?;
    temporary
        .persist(path)
        .map_err(|error| failed(error.error))?;
    Ok(())
}

/// Gives the new file the permissions of the file it replaces, or the usual ones for a new
/// document: the temporary file starts readable by its owner only.
fn set_permissions(file: &std::fs::File, path: &Path) -> io::Result<()> {
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => {
            let mut permissions = file.metadata()?.permissions();
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                permissions.set_mode(0o644);
            }
            permissions
        }
    };
    file.set_permissions(permissions)
}

/// Writes `bytes` to standard output. A closed pipe (`report … | head`) ends the output
/// quietly, as it does for other command-line tools.
pub fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(format!("cannot write to standard output: {error}")),
    }
}
