//! Messages about the theme and its templates. Tera's own description of an
//! error stays as it is (it names fields and filters of the template
//! language); kette's sentence around it, the hint and the place are
//! translated.

use super::{t, Text};

/// An error Tera reported; `cause` is Tera's text.
pub fn template_error(cause: &str) -> Text {
    t!(
        "Fehler in einer Vorlage: {cause}",
        "template error: {cause}"
    )
}

/// `{% extends "x" %}` of a template that does not exist.
pub fn missing_parent(current: &str, parent: &str) -> Text {
    t!(
        "Fehler in einer Vorlage: `{current}` erweitert `{parent}`, doch das Thema hat keine Vorlage dieses Namens",
        "template error: `{current}` extends `{parent}`, which is not a template of the theme"
    )
}

/// A template that includes or calls one that does not exist.
pub fn template_not_found(name: &str) -> Text {
    t!(
        "Fehler in einer Vorlage: es gibt keine Vorlage `{name}`",
        "template error: there is no template `{name}`"
    )
}

/// A page asks for a template (`template:` in its front matter) the theme
/// does not have.
pub fn no_template_in_theme(name: &str) -> Text {
    t!(
        "das Thema hat keine Vorlage `{name}`",
        "there is no template `{name}` in the theme"
    )
}

/// The help of a template error: the line it is in, and the part Tera
/// marked in it (when that is less than the line).
pub fn template_line(marked: Option<&str>, line: &str) -> Text {
    match marked {
        Some(marked) => t!("`{marked}` in der Zeile: {line}", "`{marked}` in: {line}"),
        None => t!("in der Zeile: {line}", "in: {line}"),
    }
}

/// What replaces a Tera 1 construct, for [`tera1_syntax`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tera1 {
    /// `{% macro %}`.
    Macro,
    /// `{% import %}`.
    Import,
    /// kette's old `{% cache %}` tag.
    Cache,
    /// `module::macro(…)`.
    MacroCall,
}

/// A site's or theme's template still in Tera 1 syntax, with what
/// replaces the construct, and (help) where every change is listed.
pub fn tera1_syntax(construct: Tera1, doc: &str) -> (Text, Text) {
    let advice = match construct {
        Tera1::Macro => t!(
            "Makros sind jetzt Komponenten: `{{% component name(arg) %}}…{{% endcomponent name %}}`",
            "macros are components now: `{{% component name(arg) %}}…{{% endcomponent name %}}`"
        ),
        Tera1::Import => t!(
            "`import` gibt es nicht mehr: Komponenten sind in jeder Vorlage bekannt; rufen Sie sie als `{{{{ <name arg={{value}} /> }}}}` auf",
            "there is no `import` any more: components are known in every template; call them as `{{{{ <name arg={{value}} /> }}}}`"
        ),
        Tera1::Cache => t!(
            "`{{% cache %}}` war ein eigener Befehl von kette: rufen Sie stattdessen eine Komponente mit `{{{{ fragment(component=\"name\", …) }}}}` auf",
            "`{{% cache %}}` was kette's own tag: call a component through `{{{{ fragment(component=\"name\", …) }}}}` instead"
        ),
        Tera1::MacroCall => t!(
            "Aufrufe `modul::makro(…)` sind jetzt Aufrufe von Komponenten: `{{{{ <name arg={{value}} /> }}}}`",
            "`module::macro(…)` calls are component calls now: `{{{{ <name arg={{value}} /> }}}}`"
        ),
    };
    (
        t!(
            "Fehler in einer Vorlage: Tera-1-Schreibweise, die Tera 2 in kette nicht mehr liest: ",
            "template error: Tera 1 syntax, which kette's Tera 2 no longer reads: "
        )
        .then("", &advice),
        t!(
            "alle Änderungen, die ein Thema braucht: {doc}",
            "every change a theme needs: {doc}"
        ),
    )
}

/// `theme:` in site.yaml names a folder that is not there.
pub fn theme_not_found(name: &str) -> (Text, Text) {
    (
        t!(
            "das Thema `{name}` fehlt: es gibt keinen Ordner themes/{name}/",
            "theme `{name}` not found: there is no folder themes/{name}/"
        ),
        t!(
            "schreiben Sie `theme: default` für das eingebaute Thema",
            "use `theme: default` for the built-in theme"
        ),
    )
}

/// A template file that cannot be read.
pub fn cannot_read_template(error: &str) -> Text {
    t!(
        "die Vorlage kann nicht gelesen werden: {error}",
        "cannot read: {error}"
    )
}
