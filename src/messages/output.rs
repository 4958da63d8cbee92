//! Messages about writing the output: the output folder kette refuses, paths
//! too long for the file system, files that cannot be written, a full disk.

use super::{t, Text};

/// An output path with a part longer than file systems allow.
pub fn path_part_too_long(path: &str, bytes: usize, start: &str, max: usize) -> Text {
    t!(
        "der Ausgabepfad {path} hat einen Teil von {bytes} Bytes ({start}…); Dateisysteme erlauben höchstens {max}",
        "the output path {path} has a part of {bytes} bytes ({start}…); file systems allow at most {max}"
    )
}

/// An output path longer than kette writes.
pub fn path_too_long(path: &str, bytes: usize, max: usize, system: usize) -> Text {
    t!(
        "der Ausgabepfad {path} ist {bytes} Bytes lang; kette schreibt Pfade von höchstens {max} Bytes (das System erlaubt {system} mit dem Ausgabeordner)",
        "the output path {path} is {bytes} bytes long; kette writes paths of at most {max} (the system allows {system} with the output folder)"
    )
}

/// Why an output folder is refused, for [`output_refused`].
#[derive(Debug, Clone, Copy)]
pub enum OutputRefusal<'a> {
    /// `/`.
    FileSystemRoot,
    /// The site's own folder.
    SiteRoot,
    /// A folder that holds the site.
    ContainsSite,
    /// Inside `content/`, `static/`, … (the name given).
    InsideSource(&'a str),
    /// A path too long to leave room below it: its length, the limit, and
    /// the system's longest path.
    TooLong(usize, usize, usize),
    /// A file, not a folder.
    IsAFile,
    /// A folder with files kette did not write.
    NotKettes,
    /// A path without a last part (`..`).
    NoName,
}

/// `kette build --output` names a folder kette must not replace.
pub fn output_refused(output: &str, why: OutputRefusal<'_>) -> Text {
    let why = match why {
        OutputRefusal::FileSystemRoot => {
            t!("er ist die Wurzel des Dateisystems", "it is the file system root")
        }
        OutputRefusal::SiteRoot => t!("er ist der Ordner der Website", "it is the site root"),
        OutputRefusal::ContainsSite => t!("er enthält die Website", "it contains the site"),
        OutputRefusal::InsideSource(source) => t!(
            "er liegt im Quellordner {source}/",
            "it is inside the source folder {source}/"
        ),
        OutputRefusal::TooLong(length, max, system) => t!(
            "sein Pfad ist {length} Bytes lang; kette braucht höchstens {max} (die Pfade darunter brauchen den Rest)",
            "its path is {length} bytes long; kette needs it to be at most {max} (paths below it take the rest of the system's {system})"
        ),
        OutputRefusal::IsAFile => t!("er ist eine Datei", "it is a file"),
        OutputRefusal::NotKettes => t!(
            "er ist nicht leer, und kette hat ihn nicht angelegt",
            "it is not empty and kette did not create it"
        ),
        OutputRefusal::NoName => t!("er hat keinen Namen", "it has no name"),
    };
    t!(
        "{output} wird nicht als Ausgabeordner verwendet: ",
        "refusing to use {output} as the output folder: "
    )
    .then("", &why)
}

/// How to get past [`OutputRefusal::NotKettes`].
pub fn choose_empty_folder() -> Text {
    t!(
        "wählen Sie einen leeren oder neuen Ordner",
        "choose an empty or new folder"
    )
}

/// A file whose path leaves the output folder.
pub fn outside_output() -> Text {
    t!(
        "kette schreibt nichts außerhalb des Ausgabeordners",
        "refusing to write outside the output folder"
    )
}

/// A folder of the output that cannot be made.
pub fn cannot_create_output_folder(error: &str) -> Text {
    t!(
        "der Ordner kann nicht angelegt werden: {error}",
        "cannot create folder: {error}"
    )
}

/// A file that cannot be copied into the output.
pub fn cannot_copy_to(path: &str, error: &str) -> Text {
    t!(
        "die Datei kann nicht nach {path} kopiert werden: {error}",
        "cannot copy to {path}: {error}"
    )
}

/// A file that cannot be written into the output folder.
pub fn cannot_write_into(output: &str, error: &str) -> Text {
    t!(
        "die Datei kann nicht in {output} geschrieben werden: {error}",
        "cannot write into {output}: {error}"
    )
}

/// A killed build's output that cannot be put back.
pub fn cannot_put_back(error: &str) -> Text {
    t!(
        "die Ausgabe, die ein abgebrochener Lauf beiseitegelegt hat, kann nicht zurückgelegt werden: {error}",
        "cannot put back the output a killed build moved aside: {error}"
    )
}

/// A folder named like kette's staging folder that kette did not make.
pub fn staging_not_kettes() -> (Text, Text) {
    (
        t!(
            "der Zwischenordner wird nicht verwendet: es gibt ihn schon, und kette hat ihn nicht angelegt",
            "refusing to use this staging folder: it exists and kette did not create it"
        ),
        t!("verschieben Sie ihn", "move it away"),
    )
}

/// The finished site cannot replace the output.
pub fn cannot_put_in_place(error: &str) -> Text {
    t!(
        "die neue Website kann nicht an ihren Platz gelegt werden: {error}",
        "cannot put the new site in place: {error}"
    )
}

/// The disk is full: how far the build got, and what to do.
pub fn disk_full(
    files: usize,
    megabytes: f64,
    offered: usize,
    output: &str,
    parent: &str,
) -> (Text, Text) {
    let mb_de = format!("{megabytes:.1}").replace('.', ",");
    (
        t!(
            "der Datenträger ist voll: {files} von {offered} Dateien ({mb_de} MB) nach {output} geschrieben; nichts ersetzt",
            "the disk is full: wrote {files} files ({megabytes:.1} MB) of {offered} into {output}; nothing replaced"
        ),
        t!(
            "schaffen Sie Platz auf dem Datenträger von {parent} und bauen Sie noch einmal",
            "free space on the disk of {parent} and build again"
        ),
    )
}
