//! The validation pass: what can only be checked with every municipality
//! made. A `parent` chain that comes back to where it started is reported
//! once and broken, so that later passes (members, breadcrumbs) can walk
//! parents safely.

use super::super::items::Municipality;
use super::Partial;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::messages;

/// Checks the model as a whole.
pub(super) fn run(mut model: Partial, problems: &mut Diagnostics) -> Partial {
    check_parent_cycles(&mut model.municipalities, &model.parent_locations, problems);
    model
}

/// Breaks every parent chain that comes back to its start, reporting it at
/// the start's `parent` (`locations`, by index).
fn check_parent_cycles(
    municipalities: &mut [Municipality],
    locations: &[Location],
    problems: &mut Diagnostics,
) {
    for start in 0..municipalities.len() {
        let mut seen = vec![start];
        let mut current = municipalities[start].parent;
        while let Some(p) = current {
            if p == start {
                let m = &municipalities[start];
                problems.push(Diagnostic::at(
                    &m.file,
                    locations[start],
                    messages::parent_cycle(&m.name),
                ));
                municipalities[start].parent = None;
                break;
            }
            if seen.contains(&p) {
                break;
            }
            seen.push(p);
            current = municipalities[p].parent;
        }
    }
}
